/**
 * Near-duplicate detection for articles (syndicated wire copies, updated versions): a 64-bit
 * SimHash over word 3-shingles, and an index of bands so that candidates sharing a band are
 * compared by Hamming distance instead of against every stored article.
 */

const SHINGLE = 3;
/** Articles this many bits apart or closer are copies of one another. */
export const NEAR_DUPLICATE_BITS = 4;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SECOND_SEED = 0x5bd1e995;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** True for a letter or digit; ASCII is decided without a regular expression. */
function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(String.fromCharCode(code));
}

/** The lower-case form of one character code. */
function fold(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 65) return code;
  if (code <= 90) return code + 32;
  if (code < 128) return code;
  return text[i]!.toLowerCase().charCodeAt(0);
}

/**
 * 32-bit FNV-1a, with a seed, of the shingle "w1 w2 w3" (words lower-cased, one space between),
 * read straight from the text by word boundaries rather than from a string made for it.
 */
function shingleHash(text: string, starts: Int32Array, ends: Int32Array, first: number, count: number, seed: number): number {
  let hash = FNV_OFFSET ^ seed;
  for (let w = first; w < first + count; w++) {
    if (w > first) hash = Math.imul(hash ^ 32, FNV_PRIME);
    for (let i = starts[w]!; i < ends[w]!; i++) hash = Math.imul(hash ^ fold(text, i), FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * The SimHash of a text's word 3-shingles (case and punctuation folded), as two 32-bit halves.
 * Words are found by scanning the text once and shingles are hashed in place: no string is made
 * per word or per shingle (this runs once per stored article).
 */
export function simhash(text: string): bigint {
  // Words are separated by at least one character, so there are at most half as many as characters.
  const most = Math.ceil(text.length / 2) + 1;
  const starts = new Int32Array(most);
  const ends = new Int32Array(most);
  let words = 0;
  for (let i = 0; i < text.length; ) {
    while (i < text.length && !isWordChar(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    starts[words] = i;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    ends[words++] = i;
  }
  const weights = new Int32Array(64);
  const shingles = Math.max(1, words - SHINGLE + 1);
  for (let first = 0; first < shingles; first++) {
    const count = Math.min(SHINGLE, words - first);
    const low = shingleHash(text, starts, ends, first, count, 0);
    const high = shingleHash(text, starts, ends, first, count, SECOND_SEED);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit]! += (low >>> bit) & 1 ? 1 : -1;
      weights[bit + 32]! += (high >>> bit) & 1 ? 1 : -1;
    }
  }
  let low = 0;
  let high = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) low |= 1 << bit;
    if (weights[bit + 32]! > 0) high |= 1 << bit;
  }
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

export function hamming(a: bigint, b: bigint): number {
  let x = a ^ b;
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** The first article each new one nearly duplicates. */
export class SimhashIndex {
  private readonly bands = new Map<string, Array<{ id: string; hash: bigint }>>();

  /**
   * One key per band. Two hashes at most NEAR_DUPLICATE_BITS apart differ in at most that many
   * bands, so with one band more than that they share at least one: no near-duplicate is missed.
   */
  private *keys(hash: bigint): Generator<string> {
    const bands = NEAR_DUPLICATE_BITS + 1;
    const width = Math.ceil(64 / bands);
    const mask = (1n << BigInt(width)) - 1n;
    for (let band = 0; band < bands; band++) yield `${band}:${(hash >> BigInt(band * width)) & mask}`;
  }

  /** The id of a stored article within `NEAR_DUPLICATE_BITS` of `hash`, or null. */
  find(hash: bigint): string | null {
    for (const key of this.keys(hash)) {
      for (const other of this.bands.get(key) ?? []) if (hamming(hash, other.hash) <= NEAR_DUPLICATE_BITS) return other.id;
    }
    return null;
  }

  add(id: string, hash: bigint): void {
    for (const key of this.keys(hash)) {
      const list = this.bands.get(key);
      if (list) list.push({ id, hash });
      else this.bands.set(key, [{ id, hash }]);
    }
  }
}
