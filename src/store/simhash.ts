/**
 * Near-duplicate detection for articles (syndicated wire copies, updated versions): a 64-bit
 * SimHash over word 3-shingles, and an index of four 16-bit bands so that candidates sharing a
 * band are compared by Hamming distance instead of against every stored article.
 */

const SHINGLE = 3;
/** Articles this many bits apart or closer are copies of one another. */
export const NEAR_DUPLICATE_BITS = 4;

/** 32-bit FNV-1a of a string with a seed, in plain integer arithmetic (BigInt is slow). */
function fnv1a32(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The SimHash of a text's word 3-shingles (case and punctuation folded), as two 32-bit halves. */
export function simhash(text: string): bigint {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const weights = new Int32Array(64);
  const count = Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < count; i++) {
    const shingle = words.slice(i, i + SHINGLE).join(' ');
    const low = fnv1a32(shingle, 0);
    const high = fnv1a32(shingle, 0x5bd1e995);
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

  private *keys(hash: bigint): Generator<string> {
    for (let band = 0; band < 4; band++) yield `${band}:${(hash >> BigInt(band * 16)) & 0xffffn}`;
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
