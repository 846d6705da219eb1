import { describe, expect, it } from 'vitest';
import type { Paragraph, Token } from '../../document/types.js';
import { markQuoted } from './quoted.js';

/** Paragraphs of one short sentence each, with a quotation in every `quoteEvery`th (0: none). */
function paragraphsOf(count: number, quoteEvery = 0): { text: string; paragraphs: Paragraph[]; tokens: Token[] } {
  const paragraphs: Paragraph[] = [];
  const tokens: Token[] = [];
  let text = '';
  for (let p = 0; p < count; p++) {
    if (p) text += '\n\n';
    const body = quoteEvery && p % quoteEvery === 0 ? `He said “no talks” on day ${p}.` : `Talks went on for day ${p}.`;
    const start = text.length;
    text += body;
    paragraphs.push({ start, end: text.length, text: body });
    for (const m of body.matchAll(/\S+/g))
      tokens.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0], pos: 'X', lemma: m[0] });
  }
  return { text, paragraphs, tokens };
}

/** The least of five timings of `run`, in ms: the least is the one the loaded machine disturbed least. */
function fastest(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('markQuoted', () => {
  it('marks the words inside a quotation, and an open one to the end of its paragraph', () => {
    const text = 'He said “no talks” today.\n\n“We wait, she said.\n\nNothing more.';
    const at = (s: string) => text.indexOf(s);
    const paragraphs = text.split('\n\n').map((t) => ({ start: at(t), end: at(t) + t.length, text: t }));
    const tokens = [...text.matchAll(/\S+/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      pos: 'X',
      lemma: m[0],
    }));
    const marked = tokens.filter((_, i) => markQuoted(text, paragraphs, tokens)[i]).map((t) => t.text);
    expect(marked).toEqual(['“no', 'talks”', '“We', 'wait,', 'she', 'said.']);
  });

  it('takes time linear in the article: four times the paragraphs, well under sixteen times the time', () => {
    // With no quotation marks at all, a search from each paragraph ran to the end of the text.
    const small = paragraphsOf(5_000);
    const large = paragraphsOf(20_000);
    const ratio =
      fastest(() => markQuoted(large.text, large.paragraphs, large.tokens)) /
      Math.max(
        fastest(() => markQuoted(small.text, small.paragraphs, small.tokens)),
        0.5,
      );
    expect(ratio).toBeLessThan(8);
  });

  it('pairs the quotations of every paragraph in a long article', () => {
    const { text, paragraphs, tokens } = paragraphsOf(1_000, 10);
    const marked = markQuoted(text, paragraphs, tokens);
    expect(tokens.filter((_, i) => marked[i]).length).toBe(100 * 2);
  });
});
