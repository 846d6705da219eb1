/**
 * Near-duplicate detection for articles (syndicated wire copies, updated versions): a MinHash
 * signature over word 3-shingles, and an LSH index of bands so that only articles sharing a band
 * are compared. MinHash estimates the Jaccard similarity of two articles' shingle sets, so a copy
 * with a paragraph added, dropped or reworded, or a credit line added, stays close to its first
 * copy however short the article is; SimHash, which it replaces, let one added line move a
 * 300-word article past its 4-bit threshold about three times in ten.
 */

const SHINGLE = 3;
/** Hash functions in a signature; each keeps 16 bits of its minimum (b-bit MinHash). */
export const SIGNATURE_SIZE = 32;
/** Bands of the LSH index, of ROWS values each: a pair at similarity s shares a band with probability 1-(1-s²)^16. */
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;
/**
 * Articles whose signatures agree in this share of their values or more are copies of one another.
 * Measured on the Wikinews sample (`npm run eval`): copies with a paragraph added, dropped or
 * reworded agree in 0.56 or more; different stories on the same market day in at most 0.16.
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.45;
const MATCHES_NEEDED = Math.ceil(NEAR_DUPLICATE_SIMILARITY * SIGNATURE_SIZE);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** One seed per hash function, fixed: signatures must stay comparable across runs and stores. */
const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(Math.imul(i + 1, 0x9e3779b9)));

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

/** MurmurHash3's finaliser: every input bit moves about half the output bits. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * The MinHash signature of a text's word 3-shingles (case and punctuation folded): for each of
 * SIGNATURE_SIZE hash functions, the low 16 bits of the least hash over the shingles. Words are
 * found by scanning the text once and shingles are hashed in place, with no string per word.
 */
export function minhash(text: string): Uint16Array {
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
  const mins = new Uint32Array(SIGNATURE_SIZE).fill(0xffff_ffff);
  const shingles = Math.max(1, words - SHINGLE + 1);
  for (let first = 0; first < shingles; first++) {
    // FNV-1a of the shingle "w1 w2 w3", words lower-cased with one space between.
    let hash = FNV_OFFSET;
    const last = Math.min(first + SHINGLE, words);
    for (let w = first; w < last; w++) {
      if (w > first) hash = Math.imul(hash ^ 32, FNV_PRIME);
      for (let i = starts[w]!; i < ends[w]!; i++) hash = Math.imul(hash ^ fold(text, i), FNV_PRIME);
    }
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const h = mix32(hash ^ SEEDS[k]!);
      if (h < mins[k]!) mins[k] = h;
    }
  }
  return Uint16Array.from(mins, (m) => m & 0xffff);
}

/** The share of two signatures' values that agree: an estimate of their texts' Jaccard similarity. */
export function similarity(a: Uint16Array, b: Uint16Array): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

/** A signature as stored: SIGNATURE_SIZE 16-bit values, little-endian (64 bytes). */
export function signatureBytes(signature: Uint16Array): Uint8Array {
  const bytes = new Uint8Array(SIGNATURE_SIZE * 2);
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    bytes[2 * k] = signature[k]! & 0xff;
    bytes[2 * k + 1] = signature[k]! >>> 8;
  }
  return bytes;
}

/** Reads a stored signature back; null when the bytes are not one (a damaged or foreign row). */
export function signatureFromBytes(bytes: Uint8Array): Uint16Array | null {
  if (bytes.length !== SIGNATURE_SIZE * 2) return null;
  const signature = new Uint16Array(SIGNATURE_SIZE);
  for (let k = 0; k < SIGNATURE_SIZE; k++) signature[k] = bytes[2 * k]! | (bytes[2 * k + 1]! << 8);
  return signature;
}

/** Buckets per band at first; the table doubles as articles come, to keep about one per bucket. */
const FIRST_BUCKET_BITS = 10;

/**
 * The first article each new one nearly duplicates. Signatures live in one typed array; each band
 * keeps its buckets as linked lists in typed arrays (a head per bucket, a next link per entry),
 * with about as many buckets as articles, so a lookup follows one or two links per band and
 * compares 16-bit numbers; a million stored articles cost about 64 MB of signatures, 64 MB of
 * links and 64 MB of bucket heads. A pair sharing no band is never compared: at similarity 0.45
 * that happens to 3% of pairs, at 0.6 to 0.08%, at 0.7 to none in practice.
 */
export class MinhashIndex {
  private readonly ids: string[] = [];
  private signatures = new Uint16Array(1024 * SIGNATURE_SIZE);
  private bucketBits = FIRST_BUCKET_BITS;
  /** For each band, its buckets' latest entry plus one (0: empty). */
  private heads = new Int32Array(BANDS << FIRST_BUCKET_BITS);
  /** For each band and entry, the entry before it in its bucket plus one (0: none). */
  private next = new Int32Array(1024 * BANDS);

  get size(): number {
    return this.ids.length;
  }

  /**
   * The id of the earliest stored article whose signature agrees with `signature` in
   * NEAR_DUPLICATE_SIMILARITY of its values or more, or null.
   */
  find(signature: Uint16Array): string | null {
    let best = -1;
    for (let band = 0; band < BANDS; band++) {
      const at = band * ROWS;
      let entry = this.heads[(band << this.bucketBits) + bucketOf(signature, at, this.bucketBits)]! - 1;
      for (; entry >= 0; entry = this.next[entry * BANDS + band]! - 1) {
        if (best >= 0 && entry >= best) continue;
        if (!this.sameBand(entry, signature, at)) continue;
        if (this.matches(entry, signature) >= MATCHES_NEEDED) best = entry;
      }
    }
    return best >= 0 ? this.ids[best]! : null;
  }

  add(id: string, signature: Uint16Array): void {
    const entry = this.ids.length;
    if ((entry + 1) * SIGNATURE_SIZE > this.signatures.length) {
      this.signatures = grow(this.signatures);
      this.next = grow(this.next);
    }
    this.ids.push(id);
    this.signatures.set(signature, entry * SIGNATURE_SIZE);
    if (entry >= 1 << this.bucketBits) this.rebucket(this.bucketBits + 1);
    else this.link(entry);
  }

  /** Puts an entry at the head of its bucket in every band. */
  private link(entry: number): void {
    const base = entry * SIGNATURE_SIZE;
    for (let band = 0; band < BANDS; band++) {
      const head = (band << this.bucketBits) + bucketOf(this.signatures, base + band * ROWS, this.bucketBits);
      this.next[entry * BANDS + band] = this.heads[head]!;
      this.heads[head] = entry + 1;
    }
  }

  /** Rebuilds every bucket with `bits` bits: in entry order, so each list still runs newest first. */
  private rebucket(bits: number): void {
    this.bucketBits = bits;
    this.heads = new Int32Array(BANDS << bits);
    for (let entry = 0; entry < this.ids.length; entry++) this.link(entry);
  }

  private sameBand(entry: number, signature: Uint16Array, at: number): boolean {
    const base = entry * SIGNATURE_SIZE + at;
    for (let r = 0; r < ROWS; r++) if (this.signatures[base + r] !== signature[at + r]) return false;
    return true;
  }

  private matches(entry: number, signature: Uint16Array): number {
    const base = entry * SIGNATURE_SIZE;
    let same = 0;
    for (let k = 0; k < SIGNATURE_SIZE; k++) if (this.signatures[base + k] === signature[k]) same++;
    return same;
  }
}

/** The bucket, of `2^bits`, of the band whose values start at `at` of `values`. */
function bucketOf(values: Uint16Array, at: number, bits: number): number {
  let key = 0;
  for (let r = 0; r < ROWS; r++) key = Math.imul(key ^ values[at + r]!, 0x9e3779b1) ^ (key >>> 15);
  return mix32(key) >>> (32 - bits);
}

function grow<T extends Uint16Array | Int32Array>(array: T): T {
  const larger = new (array.constructor as new (length: number) => T)(array.length * 2);
  larger.set(array);
  return larger;
}
