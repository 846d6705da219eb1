import { foldTokens } from '../knowledge/tokens.js';
import type { Sentence, Token } from './types.js';

/** Per-token lookups several stages need: the folded form and the sentence each token is in. */
export interface TokenIndex {
  folded: string[];
  sentenceOf: Int32Array;
}

/**
 * The last token layer indexed and its index. One slot, not a WeakMap: documents go through the
 * stages one at a time, and V8's young-generation collector keeps a WeakMap's values alive, so
 * every document's index would be promoted to the old generation and live until a full GC.
 */
let lastTokens: readonly Token[] | null = null;
let lastIndex: TokenIndex | null = null;

/**
 * The token index of a document, built once per token layer and shared by the stages that read
 * it (actors, quotes), so the hot path does not fold every token twice.
 */
export function tokenIndex(tokens: readonly Token[], sentences: readonly Sentence[]): TokenIndex {
  if (tokens === lastTokens && lastIndex) return lastIndex;
  const sentenceOf = new Int32Array(tokens.length);
  sentences.forEach((s, i) => sentenceOf.fill(i, s.tokenStart, s.tokenEnd));
  lastIndex = { folded: foldTokens(tokens), sentenceOf };
  lastTokens = tokens;
  return lastIndex;
}
