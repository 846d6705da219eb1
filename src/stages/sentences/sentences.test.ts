import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import { createEngine } from '../../engine.js';

const engine = createEngine();
const sentences = (text: string): string[] => {
  const doc = engine.process(`Title\n\n${text}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc.sentences!.map((s) => s.text);
};

describe('sentences', () => {
  it.each([
    [
      'The U.N. Security Council met on Feb. 11 in New York.',
      ['The U.N. Security Council met on Feb. 11 in New York.'],
    ],
    ['Sen. John Smith declined. Gen. Mark Milley agreed.', ['Sen. John Smith declined.', 'Gen. Mark Milley agreed.']],
    [
      'Officials in the U.S. said he left. Then he came back.',
      ['Officials in the U.S. said he left.', 'Then he came back.'],
    ],
    [
      'He met Lt. Col. Smith at 5 p.m. on Friday. Talks ended.',
      ['He met Lt. Col. Smith at 5 p.m. on Friday.', 'Talks ended.'],
    ],
    ['It was ranked No. 1 by Dr. Lee. The end.', ['It was ranked No. 1 by Dr. Lee.', 'The end.']],
    ['“We will talk,” he said. “But not now.”', ['“We will talk,” he said.', '“But not now.”']],
    ['Talks resumed in Washington, D.C. on Monday.', ['Talks resumed in Washington, D.C. on Monday.']],
    // An abbreviation inside a hyphenated word, and a decimal after a currency, never end a sentence.
    ['They held Japan-U.S. trade talks. Then they left.', ['They held Japan-U.S. trade talks.', 'Then they left.']],
    ['The Sino-U.S. relationship is strained. Both agree.', ['The Sino-U.S. relationship is strained.', 'Both agree.']],
    [
      'Sales rose to RM6.162 million last year. Profit fell.',
      ['Sales rose to RM6.162 million last year.', 'Profit fell.'],
    ],
    ['It cost Rs.5.2 million in all. Work began.', ['It cost Rs.5.2 million in all.', 'Work began.']],
    [
      'A full stop without a space still ends one.The next begins.',
      ['A full stop without a space still ends one.', 'The next begins.'],
    ],
  ])('%s', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it.todo('splits after a sentence-final "no." before a title ("He said no. Gen. Smith agreed.")');

  it('never lets a sentence cross a paragraph or line break', () => {
    expect(sentences('The first paragraph has no full stop\n\nThe second one starts here.')).toEqual([
      'The first paragraph has no full stop',
      'The second one starts here.',
    ]);
  });

  it('tags tokens with part of speech and lemma, with spans into the text', () => {
    const doc = engine.process("Title\n\nNorth Korea didn't attend the talks.");
    const tokens = doc.tokens!.map((t) => `${t.text}/${t.pos}/${t.lemma}`);
    expect(tokens).toEqual([
      'North/PROPN/North',
      'Korea/PROPN/Korea',
      'did/AUX/do',
      "n't/PART/not",
      'attend/VERB/attend',
      'the/DET/the',
      'talks/NOUN/talk',
      './PUNCT/.',
    ]);
    expect(doc.sentences![0]).toMatchObject({ tokenStart: 0, tokenEnd: 8, paragraph: 0 });
  });
});
