import { describe, expect, it } from 'vitest';
import { splitToken, tokensToWords, wordsToTokens } from './align.js';

describe('wink tokens and UD words', () => {
  it.each([
    ['well-known', ['well', '-', 'known']],
    ['anti-war', ['anti', '-', 'war']],
    ['e-mail', ['e-mail']],
    ['co-workers', ['co-workers']],
    ['gonna', ['gon', 'na']],
    ['Wanna', ['Wan', 'na']],
    ["n't", ["n't"]],
    ['U.S.', ['U.S.']],
    ['1,000,000', ['1,000,000']],
    ['713-555-0100', ['713-555-0100']],
  ])('%s → %j', (token, words) => {
    expect(splitToken(token)).toEqual(words);
  });

  it('maps the analysis of split words back to their token, and arcs into a group to its token', () => {
    const tokens = [
      { text: 'a', pos: 'DET' },
      { text: 'well-known', pos: 'ADJ' },
      { text: 'plan', pos: 'NOUN' },
    ];
    const alignment = tokensToWords(tokens);
    expect(alignment.words).toEqual(['a', 'well', '-', 'known', 'plan']);
    expect(alignment.wink).toEqual(['DET', 'ADJ', 'PUNCT', 'ADJ', 'NOUN']);
    // a → plan, well → known, - → known, known → plan, plan = root
    const analysis = {
      upos: ['DET', 'ADV', 'PUNCT', 'VERB', 'NOUN'],
      heads: Int32Array.from([4, 3, 3, 4, -1]),
      deprels: ['det', 'advmod', 'punct', 'amod', 'root'],
    };
    const back = wordsToTokens(alignment, analysis, tokens.length);
    expect(back.upos).toEqual(['DET', 'VERB', 'NOUN']);
    expect(Array.from(back.heads)).toEqual([2, 2, -1]);
    expect(back.deprels).toEqual(['det', 'amod', 'root']);
  });
});
