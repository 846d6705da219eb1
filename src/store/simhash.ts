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
  // How many shingle hashes have each bit set; a bit of the SimHash is set when more than half
  // do. Counting set bits adds without a branch (a branch on a hash bit is mispredicted half the
  // time, and that was about half of this function's time).
  const setCounts = new Int32Array(64);
  const shingles = Math.max(1, words - SHINGLE + 1);
  for (let first = 0; first < shingles; first++) {
    // Two 32-bit FNV-1a hashes (one seeded) of the shingle "w1 w2 w3", words lower-cased with one
    // space between, read straight from the text rather than from a string made for it.
    let low = FNV_OFFSET;
    let high = FNV_OFFSET ^ SECOND_SEED;
    const last = Math.min(first + SHINGLE, words);
    for (let w = first; w < last; w++) {
      if (w > first) {
        low = Math.imul(low ^ 32, FNV_PRIME);
        high = Math.imul(high ^ 32, FNV_PRIME);
      }
      for (let i = starts[w]!; i < ends[w]!; i++) {
        const code = fold(text, i);
        low = Math.imul(low ^ code, FNV_PRIME);
        high = Math.imul(high ^ code, FNV_PRIME);
      }
    }
    for (let bit = 0; bit < 32; bit++) {
      setCounts[bit]! += (low >>> bit) & 1;
      setCounts[bit + 32]! += (high >>> bit) & 1;
    }
  }
  let low = 0;
  let high = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (2 * setCounts[bit]! > shingles) low |= 1 << bit;
    if (2 * setCounts[bit + 32]! > shingles) high |= 1 << bit;
  }
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

/** The number of set bits of a 32-bit integer. */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const LOW_32 = 0xffff_ffffn;

/** The number of bits in which two SimHashes differ. */
export function hamming(a: bigint, b: bigint): number {
  const x = a ^ b;
  return popcount32(Number(x & LOW_32)) + popcount32(Number((x >> 32n) & LOW_32));
}

const BANDS = NEAR_DUPLICATE_BITS + 1;
const BAND_BITS = Math.ceil(64 / BANDS);
const BAND_MASK = (1 << BAND_BITS) - 1;

/** Band `band` of a hash given as its two 32-bit halves (bands are BAND_BITS wide, low bits first). */
function bandValue(high: number, low: number, band: number): number {
  const start = band * BAND_BITS;
  if (start >= 32) return (high >>> (start - 32)) & BAND_MASK;
  if (start + BAND_BITS <= 32) return (low >>> start) & BAND_MASK;
  return ((low >>> start) | (high << (32 - start))) & BAND_MASK;
}

/**
 * The first article each new one nearly duplicates. Two hashes at most NEAR_DUPLICATE_BITS apart
 * differ in at most that many bands, so with one band more than that they share at least one: no
 * near-duplicate is missed. Hashes are kept as 32-bit halves in typed arrays and each band's
 * buckets hold entry numbers, so that a store of a million articles costs tens of megabytes and a
 * lookup compares numbers, not BigInts (each bucket then holds ~120 entries per band).
 */
export class SimhashIndex {
  private readonly ids: string[] = [];
  private highs: Uint32Array = new Uint32Array(1024);
  private lows: Uint32Array = new Uint32Array(1024);
  /** For each band, its buckets by band value: the entry numbers of the hashes in it. */
  private readonly buckets: Array<Array<number[] | undefined>> = Array.from({ length: BANDS }, () => new Array<number[] | undefined>(BAND_MASK + 1));

  get size(): number {
    return this.ids.length;
  }

  /** The id of a stored article within `NEAR_DUPLICATE_BITS` of `hash`, or null. */
  find(hash: bigint): string | null {
    const high = Number((hash >> 32n) & LOW_32);
    const low = Number(hash & LOW_32);
    for (let band = 0; band < BANDS; band++) {
      const bucket = this.buckets[band]![bandValue(high, low, band)];
      if (!bucket) continue;
      for (const entry of bucket) {
        if (popcount32((this.highs[entry]! ^ high) >>> 0) + popcount32((this.lows[entry]! ^ low) >>> 0) <= NEAR_DUPLICATE_BITS) return this.ids[entry]!;
      }
    }
    return null;
  }

  add(id: string, hash: bigint): void {
    this.addHalves(id, Number((hash >> 32n) & LOW_32), Number(hash & LOW_32));
  }

  /** `add` with the hash as its high and low 32 bits (as a store reads them, without BigInts). */
  addHalves(id: string, high: number, low: number): void {
    const entry = this.ids.length;
    if (entry === this.highs.length) {
      this.highs = grow(this.highs);
      this.lows = grow(this.lows);
    }
    this.ids.push(id);
    this.highs[entry] = high;
    this.lows[entry] = low;
    for (let band = 0; band < BANDS; band++) {
      const buckets = this.buckets[band]!;
      const value = bandValue(high, low, band);
      const bucket = buckets[value];
      if (bucket) bucket.push(entry);
      else buckets[value] = [entry];
    }
  }
}

function grow(array: Uint32Array): Uint32Array {
  const larger = new Uint32Array(array.length * 2);
  larger.set(array);
  return larger;
}
