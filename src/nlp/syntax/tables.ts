/**
 * Weight tables of the averaged perceptrons. Keyed tables (the tagger's, the parser's relations):
 * a feature key (a 32-bit hash, see `hash.ts`) maps to a row with one weight per class. Training
 * keeps dense rows of floats, created only for features that were updated; the frozen table that
 * ships keeps, per feature, only the classes whose averaged weight survives pruning, quantised to
 * 24 bits and packed with the class in one 32-bit integer, so that scoring reads two small arrays
 * and stays in cache. Hash-kernel tables (the parser's transitions, `HashedTable`) keep no keys.
 */

/** The largest quantised weight: weights are signed 24-bit integers, packed beside an 8-bit class. */
const WEIGHT_MAX = 0x7fffff;

/** The training table: open addressing on the key, rows of `classes` weights grown on demand. */
export class TrainTable {
  private cap = 1 << 16;
  private keys = new Uint32Array(this.cap);
  private rowOf = new Int32Array(this.cap);
  private rows = 0;
  /** Current weights, and the sum of `step × change` of each (for averaging without timestamps). */
  private w: Float32Array;
  private u: Float32Array;

  constructor(readonly classes: number) {
    this.w = new Float32Array(1024 * classes);
    this.u = new Float32Array(1024 * classes);
  }

  /** How many features have a row. */
  get size(): number {
    return this.rows;
  }

  private find(key: number): number {
    const mask = this.cap - 1;
    let i = key & mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) return this.rowOf[i]!;
      if (k === 0) return -1;
      i = (i + 1) & mask;
    }
  }

  private insert(key: number): number {
    if (this.rows * 2 >= this.cap) this.grow();
    const mask = this.cap - 1;
    let i = key & mask;
    while (this.keys[i] !== 0) {
      if (this.keys[i] === key) return this.rowOf[i]!;
      i = (i + 1) & mask;
    }
    const row = this.rows++;
    if (row * this.classes >= this.w.length) {
      const w = new Float32Array(this.w.length * 2);
      w.set(this.w);
      this.w = w;
      const u = new Float32Array(this.u.length * 2);
      u.set(this.u);
      this.u = u;
    }
    this.keys[i] = key;
    this.rowOf[i] = row;
    return row;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rowOf;
    this.cap *= 2;
    this.keys = new Uint32Array(this.cap);
    this.rowOf = new Int32Array(this.cap);
    const mask = this.cap - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const key = oldKeys[j]!;
      if (key === 0) continue;
      let i = key & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = key;
      this.rowOf[i] = oldRows[j]!;
    }
  }

  /** Adds the current weights of the features to `scores` (one per class). */
  score(keys: Uint32Array, n: number, scores: Float64Array): void {
    const C = this.classes;
    scores.fill(0, 0, C);
    for (let f = 0; f < n; f++) {
      const row = this.find(keys[f]!);
      if (row < 0) continue;
      const base = row * C;
      for (let c = 0; c < C; c++) scores[c]! += this.w[base + c]!;
    }
  }

  /** Moves the weights of class `cls` by `delta` for the features; `step` counts updates so far. */
  update(keys: Uint32Array, n: number, cls: number, delta: number, step: number): void {
    const C = this.classes;
    for (let f = 0; f < n; f++) {
      const at = this.insert(keys[f]!) * C + cls;
      this.w[at]! += delta;
      this.u[at]! += step * delta;
    }
  }

  /**
   * The averaged weights, quantised: weights whose magnitude rounds to zero at the common scale
   * are dropped, and so are features left with no weight (pruning).
   * @param step the number of steps the averages run over.
   * @param minWeight averaged weights smaller than this in magnitude are dropped.
   */
  freeze(step: number, minWeight = 0): FrozenTable {
    const C = this.classes;
    const avg = new Float32Array(this.rows * C);
    let max = 0;
    for (let i = 0; i < avg.length; i++) {
      const v = this.w[i]! - this.u[i]! / step;
      avg[i] = v;
      if (Math.abs(v) > max) max = Math.abs(v);
    }
    const scale = max > 0 ? max / WEIGHT_MAX : 1;
    const floor = Math.max(0.5, minWeight / scale);
    const keys: number[] = [];
    const lens: number[] = [];
    const entries: number[] = [];
    for (let s = 0; s < this.cap; s++) {
      const key = this.keys[s]!;
      if (key === 0) continue;
      const base = this.rowOf[s]! * C;
      let len = 0;
      for (let c = 0; c < C; c++) {
        const q = Math.round(avg[base + c]! / scale);
        if (Math.abs(q) < floor) continue;
        entries.push((c << 24) | (q & 0xffffff));
        len++;
      }
      if (!len) continue;
      keys.push(key);
      lens.push(len);
    }
    return new FrozenTable(C, scale, Uint32Array.from(keys), Uint8Array.from(lens), Int32Array.from(entries));
  }
}

/** Tables with at most this many classes keep their weights inline, beside the key. */
const INLINE_CLASSES = 3;
/**
 * Tables with fewer classes than this have non-negative entries (the class in bits 24-30), so
 * that a negative cell of a slot can point to the rest of a feature's run instead.
 */
const RUN_CLASSES = 128;

/**
 * The shipped table: per feature, a run of packed `(class << 24) | int24 weight` entries.
 * Looking a feature up costs a cache miss or two, and a parser looks up a hundred per
 * transition, so the layout is what sets the speed: the slot array is at most 70% full, and a
 * slot holds the key with the first entries. A table of three classes (the transitions) holds
 * the weights themselves in the slot; a table of fewer than 128 classes (tags, relations) holds
 * three entries (most features have no more), or two and where the rest of the run starts
 * (`~(start << 8 | count)`) in `overflow`; a larger table, where the run starts
 * (`start << 8 | count`) in `entries`. Scoring first finds the slots of all the features, then
 * adds their entries: the slot loads of different features overlap instead of waiting behind
 * each feature's run of entries.
 */
export class FrozenTable implements WeightTable {
  private readonly slots: Int32Array;
  private readonly stride: number;
  private readonly mask: number;
  /** The rest of the runs longer than three entries, in a table of fewer than 128 classes. */
  private readonly overflow: Int32Array;
  /** The slots found by `score`, before their entries are added (reused across calls). */
  private found = new Int32Array(128);

  constructor(
    readonly classes: number,
    readonly scale: number,
    readonly keys: Uint32Array,
    readonly lens: Uint8Array,
    readonly entries: Int32Array,
  ) {
    let cap = 1024;
    while (cap * 0.7 < keys.length) cap *= 2;
    this.mask = cap - 1;
    const inline = classes <= INLINE_CLASSES;
    const runs = !inline && classes < RUN_CLASSES;
    this.stride = inline ? 1 + classes : runs ? 4 : 2;
    if (!inline && entries.length >= 1 << 23)
      throw new Error(`weight table: ${entries.length} entries, more than a slot can address`);
    const slots = (this.slots = new Int32Array(cap * this.stride));
    const overflow: number[] = [];
    let start = 0;
    for (let f = 0; f < keys.length; f++) {
      const key = keys[f]! | 0;
      let i = key & this.mask;
      while (slots[i * this.stride] !== 0) i = (i + 1) & this.mask;
      const at = i * this.stride;
      slots[at] = key;
      const len = lens[f]!;
      if (inline) {
        for (let e = start; e < start + len; e++) slots[at + 1 + (entries[e]! >>> 24)] = (entries[e]! << 8) >> 8;
      } else if (runs && len <= 3) {
        for (let e = 0; e < len; e++) slots[at + 1 + e] = entries[start + e]!;
      } else if (runs) {
        slots[at + 1] = entries[start]!;
        slots[at + 2] = entries[start + 1]!;
        slots[at + 3] = ~((overflow.length << 8) | (len - 2));
        for (let e = start + 2; e < start + len; e++) overflow.push(entries[e]!);
      } else {
        slots[at + 1] = (start << 8) | len;
      }
      start += len;
    }
    if (start !== entries.length)
      throw new Error(`weight table: rows hold ${start} entries, the table ${entries.length}`);
    this.overflow = Int32Array.from(overflow);
  }

  /** Sets `scores` (one per class, in units of `scale`) from the features. */
  score(keys: Uint32Array, n: number, scores: Int32Array): void {
    scores.fill(0, 0, this.classes);
    const slots = this.slots;
    const mask = this.mask;
    const stride = this.stride;
    if (stride !== 2 && stride !== 4) {
      const C = this.classes;
      for (let f = 0; f < n; f++) {
        const key = keys[f]! | 0;
        let i = key & mask;
        for (;;) {
          const at = i * stride;
          const k = slots[at]!;
          if (k === key) {
            for (let c = 0; c < C; c++) scores[c]! += slots[at + 1 + c]!;
            break;
          }
          if (k === 0) break;
          i = (i + 1) & mask;
        }
      }
      return;
    }
    if (this.found.length < n) this.found = new Int32Array(n);
    const found = this.found;
    let hits = 0;
    for (let f = 0; f < n; f++) {
      const key = keys[f]! | 0;
      let i = key & mask;
      for (;;) {
        const at = i * stride;
        const k = slots[at]!;
        if (k === key) {
          found[hits++] = at;
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
    if (stride === 4) this.addRuns(found, hits, scores);
    else this.addEntries(found, hits, scores);
  }

  /** Adds the runs of the slots found, in a table of fewer than 128 classes. */
  private addRuns(found: Int32Array, hits: number, scores: Int32Array): void {
    const slots = this.slots;
    const overflow = this.overflow;
    for (let h = 0; h < hits; h++) {
      const at = found[h]!;
      // An empty cell is 0, an entry that adds 0 to class 0.
      const e0 = slots[at + 1]!;
      const e1 = slots[at + 2]!;
      const last = slots[at + 3]!;
      scores[e0 >>> 24]! += (e0 << 8) >> 8;
      scores[e1 >>> 24]! += (e1 << 8) >> 8;
      if (last >= 0) {
        scores[last >>> 24]! += (last << 8) >> 8;
        continue;
      }
      const rest = ~last;
      const end = (rest >>> 8) + (rest & 0xff);
      for (let e = rest >>> 8; e < end; e++) {
        const entry = overflow[e]!;
        scores[entry >>> 24]! += (entry << 8) >> 8;
      }
    }
  }

  /** Adds the runs of the slots found, in a table of 128 classes or more. */
  private addEntries(found: Int32Array, hits: number, scores: Int32Array): void {
    const slots = this.slots;
    const entries = this.entries;
    for (let h = 0; h < hits; h++) {
      const packed = slots[found[h]! + 1]!;
      const start = packed >>> 8;
      const end = start + (packed & 0xff);
      for (let e = start; e < end; e++) {
        const entry = entries[e]!;
        scores[entry >>> 24]! += (entry << 8) >> 8;
      }
    }
  }

  /** How many bytes the table takes in the model file. */
  get bytes(): number {
    return this.keys.byteLength + this.entries.byteLength + this.lens.byteLength;
  }

  /** A copy without the weights smaller than `minWeight` in magnitude, nor the keys left empty. */
  prune(minWeight: number): FrozenTable {
    const floor = minWeight / this.scale;
    const keys: number[] = [];
    const lens: number[] = [];
    const entries: number[] = [];
    let at = 0;
    for (let f = 0; f < this.keys.length; f++) {
      let len = 0;
      for (let e = at; e < at + this.lens[f]!; e++) {
        const packed = this.entries[e]!;
        if (Math.abs((packed << 8) >> 8) < floor) continue;
        entries.push(packed);
        len++;
      }
      at += this.lens[f]!;
      if (!len) continue;
      keys.push(this.keys[f]!);
      lens.push(len);
    }
    return new FrozenTable(
      this.classes,
      this.scale,
      Uint32Array.from(keys),
      Uint8Array.from(lens),
      Int32Array.from(entries),
    );
  }
}

/** What the parser asks of a weight table: the score of each class for a set of features. */
export interface WeightTable {
  readonly classes: number;
  /** How many bytes the table takes in the model file. */
  readonly bytes: number;
  score(keys: Uint32Array, n: number, scores: Int32Array): void;
}

/** Words of a seen-feature bitmap: one bit per value of a key's top 24 bits (2 MiB). */
const SEEN_WORDS = 1 << 19;

/** The largest weight of a hashed table: its weights are signed 16-bit integers. */
const HASHED_WEIGHT_MAX = 0x7fff;

/**
 * A hash-kernel table for training (Shi et al. 2009; Bohnet 2010): the feature key's low `bits`
 * bits pick a row of weights, and features that share a row share its weights. No keys, no
 * growth: a fixed table whose size is chosen for the frozen copy to stay in cache.
 */
export class HashedTrainTable {
  private readonly mask: number;
  private readonly width: number;
  /** Current weights, and the sum of `step × change` of each (for averaging without timestamps). */
  private readonly w: Float32Array;
  private readonly u: Float64Array;
  /** The features updated so far (see `HashedTable.seen`), or null to read every feature. */
  private readonly seen: Int32Array | null;

  constructor(
    readonly classes: number,
    readonly bits: number,
    filtered = false,
  ) {
    this.mask = (1 << bits) - 1;
    this.width = HashedTable.rowWidth(classes);
    this.w = new Float32Array((1 << bits) * this.width);
    this.u = new Float64Array((1 << bits) * this.width);
    this.seen = filtered ? new Int32Array(SEEN_WORDS) : null;
  }

  /** Adds the current weights of the features to `scores` (one per class). */
  score(keys: Uint32Array, n: number, scores: Float64Array): void {
    const C = this.classes;
    const seen = this.seen;
    scores.fill(0, 0, C);
    for (let f = 0; f < n; f++) {
      const key = keys[f]!;
      if (seen && (seen[key >>> 13]! & (1 << ((key >>> 8) & 31))) === 0) continue;
      const base = (key & this.mask) * this.width;
      for (let c = 0; c < C; c++) scores[c]! += this.w[base + c]!;
    }
  }

  /** Moves the weights of class `cls` by `delta` for the features; `step` counts updates so far. */
  update(keys: Uint32Array, n: number, cls: number, delta: number, step: number): void {
    const seen = this.seen;
    for (let f = 0; f < n; f++) {
      const key = keys[f]!;
      if (seen) seen[key >>> 13]! |= 1 << ((key >>> 8) & 31);
      const at = (key & this.mask) * this.width + cls;
      this.w[at]! += delta;
      this.u[at]! += step * delta;
    }
  }

  /** The averaged weights, quantised to 16 bits at one scale for the whole table. */
  freeze(step: number): HashedTable {
    const avg = new Float32Array(this.w.length);
    let max = 0;
    for (let i = 0; i < avg.length; i++) {
      const v = this.w[i]! - this.u[i]! / step;
      avg[i] = v;
      if (Math.abs(v) > max) max = Math.abs(v);
    }
    const scale = max > 0 ? max / HASHED_WEIGHT_MAX : 1;
    const weights = new Int16Array(avg.length);
    for (let i = 0; i < avg.length; i++) weights[i] = Math.round(avg[i]! / scale);
    return new HashedTable(this.classes, this.bits, scale, weights, this.seen?.slice() ?? null);
  }
}

/**
 * The shipped hash-kernel table: `2^bits` rows of 16-bit weights. A lookup is one read at a
 * place the key gives, with no key to compare and no probing; at 2^18 rows of three transition
 * weights the whole table is 2 MiB and stays in cache, which sets the parser's speed.
 */
export class HashedTable implements WeightTable {
  private readonly mask: number;
  private readonly width: number;
  /** The rows of the seen features, found by `score` before their weights are added. */
  private rows = new Int32Array(128);

  constructor(
    readonly classes: number,
    readonly bits: number,
    readonly scale: number,
    readonly weights: Int16Array,
    /**
     * One bit per value of a key's top 24 bits, set for the features training updated, or null:
     * a feature never seen in training adds nothing, rather than the weights of the features
     * it shares a row with.
     */
    readonly seen: Int32Array | null = null,
  ) {
    if (seen && seen.length !== SEEN_WORDS) throw new Error(`hashed table: ${seen.length} words of bitmap`);
    this.mask = (1 << bits) - 1;
    this.width = HashedTable.rowWidth(classes);
    if (weights.length !== (1 << bits) * this.width)
      throw new Error(`hashed table: ${weights.length} weights, expected ${(1 << bits) * this.width}`);
  }

  /** Words of the bitmap of seen features. */
  static readonly SEEN_WORDS = SEEN_WORDS;

  get bytes(): number {
    return this.weights.byteLength + (this.seen?.byteLength ?? 0);
  }

  /** Row width: the classes rounded up to a power of two, so that rows never straddle a cache line. */
  static rowWidth(classes: number): number {
    let width = 1;
    while (width < classes) width *= 2;
    return width;
  }

  /** Sets `scores` (one per class, in units of `scale`) from the features. */
  score(keys: Uint32Array, n: number, scores: Int32Array): void {
    const weights = this.weights;
    const mask = this.mask;
    const C = this.classes;
    const seen = this.seen;
    if (C === 3 && seen) {
      // The transition table: first the rows of the seen features, without a branch, so that
      // the bitmap reads overlap; then three sums in locals over those rows.
      if (this.rows.length < n) this.rows = new Int32Array(n);
      const rows = this.rows;
      let m = 0;
      for (let f = 0; f < n; f++) {
        const key = keys[f]!;
        rows[m] = (key & mask) << 2;
        m += (seen[key >>> 13]! >>> ((key >>> 8) & 31)) & 1;
      }
      let a = 0;
      let b = 0;
      let c = 0;
      for (let r = 0; r < m; r++) {
        const at = rows[r]!;
        a += weights[at]!;
        b += weights[at + 1]!;
        c += weights[at + 2]!;
      }
      scores[0] = a;
      scores[1] = b;
      scores[2] = c;
      return;
    }
    scores.fill(0, 0, C);
    const width = this.width;
    for (let f = 0; f < n; f++) {
      const key = keys[f]!;
      if (seen && (seen[key >>> 13]! & (1 << ((key >>> 8) & 31))) === 0) continue;
      const base = (key & mask) * width;
      for (let k = 0; k < C; k++) scores[k]! += weights[base + k]!;
    }
  }
}
