import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { checkInvariants } from './invariants.js';
import { toSourceOffset } from './offset-map.js';

describe('checkInvariants', () => {
  const doc = createEngine().process(
    'A headline\n\nSEOUL (Reuters) - Officials met on Monday.\nThey talked for hours.\n\n(STR/AFP/Getty Images)',
  );

  it('passes a processed document', () => {
    expect(checkInvariants(doc)).toEqual([]);
  });

  it('reports a span whose text differs from the slice, with its path', () => {
    const broken = { ...doc, sentences: doc.sentences!.map((s, i) => (i === 0 ? { ...s, text: 'wrong' } : s)) };
    expect(checkInvariants(broken)).toEqual([
      expect.objectContaining({ path: 'sentences[0]', reason: expect.stringContaining('"wrong"') }),
    ]);
  });

  it('reports a span outside the text', () => {
    const broken = { ...doc, tokens: [{ start: 5, end: 9999, text: 'x', pos: 'X', lemma: 'x' }] };
    expect(checkInvariants(broken)[0]?.reason).toMatch(/outside the text/);
  });

  it('maps every cleaned offset back to the same character of the source', () => {
    for (let i = 0; i < doc.text!.length; i++) {
      const at = toSourceOffset(doc.offsetMap!, i);
      if (at !== null) expect(doc.source!.text[at]).toBe(doc.text![i]);
    }
    // The dateline was removed, so the first cleaned character maps past it.
    expect(doc.text!.startsWith('Officials')).toBe(true);
    expect(toSourceOffset(doc.offsetMap!, 0)).toBe(doc.source!.text.indexOf('Officials'));
  });
});
