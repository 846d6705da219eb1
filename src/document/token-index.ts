import { foldTokenCached } from '../knowledge/tokens.js';
import type { Sentence, Token } from './types.js';

/** Per-token lookups several stages need: the folded form and the sentence each token is in. */
export interface TokenIndex {
  folded: string[];
  sentenceOf: Int32Array;
}

const built = new WeakMap<readonly Token[], TokenIndex>();

/**
 * The token index of a document, built once per token layer and shared by the stages that read
 * it (actors, quotes), so the hot path does not fold every token twice.
 */
export function tokenIndex(tokens: readonly Token[], sentences: readonly Sentence[]): TokenIndex {
  let index = built.get(tokens);
  if (!index) {
    const sentenceOf = new Int32Array(tokens.length);
    sentences.forEach((s, i) => sentenceOf.fill(i, s.tokenStart, s.tokenEnd));
    index = { folded: tokens.map((t) => foldTokenCached(t.text)), sentenceOf };
    built.set(tokens, index);
  }
  return index;
}
