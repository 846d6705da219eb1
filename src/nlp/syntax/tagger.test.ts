import { describe, expect, it } from 'vitest';
import { hashString } from './hash.js';
import { findFixedTags } from './tagger.js';
import { TagLexicon } from './words.js';

describe('tag lexicon', () => {
  const lexicon = TagLexicon.fromEntries({ will: ['MD', 'NN'], Will: ['NNP'], rebels: ['NNS', 'VBZ'] });
  const classOf = (word: string) => lexicon.classOf(hashString(word), hashString(word.toLowerCase()));

  it.each([
    ['will', 'MD NN'],
    ['Will', 'NNP'],
    ['rebels', 'NNS VBZ'],
  ])('gives %s the tags of the word as written (%s)', (word, tags) => {
    expect(lexicon.classes[classOf(word) - 1]).toBe(tags);
  });

  it('falls back to the lower-case form, marked apart from the word as written', () => {
    expect(classOf('REBELS')).toBe(0x10000 + classOf('rebels'));
  });

  it('gives 0 to a word it does not hold', () => {
    expect(classOf('Houthis')).toBe(0);
  });
});

describe('fixed tags', () => {
  const sentence = (words: string[], tags: number[]) => ({ words, gold: Int32Array.from(tags) });

  it('keeps frequent words seen with one tag, and only those', () => {
    const data = [
      ...Array.from({ length: 30 }, () => sentence(['the', 'talks', 'failed'], [1, 2, 3])),
      ...Array.from({ length: 5 }, () => sentence(['the', 'talks', 'talks'], [1, 2, 3])),
    ];
    // "the" is always 1; "talks" is 2 thirty-five times and 3 five times; "failed" is 3 thirty times.
    expect(findFixedTags(data, 20, 0.995)).toEqual({ failed: 3, the: 1 });
    expect(findFixedTags(data, 31, 0.995)).toEqual({ the: 1 });
  });
});
