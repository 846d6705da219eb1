/**
 * Weight tables of the averaged perceptrons: a feature key (a 32-bit hash, see `hash.ts`) maps to
 * a row with one weight per class. Training keeps dense rows of floats, created only for features
 * that were updated; the frozen table that ships keeps, per feature, only the classes whose
 * averaged weight survives pruning, quantised to 24 bits and packed with the class in one 32-bit integer,
 * so that scoring reads two small arrays and stays in cache.
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

/** The shipped table: per feature, a run of packed `(class << 24) | int24 weight` entries. */
export class FrozenTable {
  /** Slot `i` holds key, first entry and entry count at `3i`, `3i+1`, `3i+2`. */
  private readonly slots: Uint32Array;
  private readonly mask: number;

  constructor(
    readonly classes: number,
    readonly scale: number,
    readonly keys: Uint32Array,
    readonly lens: Uint8Array,
    readonly entries: Int32Array,
  ) {
    let cap = 1024;
    while (cap < keys.length * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Uint32Array(cap * 3);
    let start = 0;
    for (let f = 0; f < keys.length; f++) {
      const key = keys[f]!;
      let i = key & this.mask;
      while (this.slots[i * 3] !== 0) i = (i + 1) & this.mask;
      this.slots[i * 3] = key;
      this.slots[i * 3 + 1] = start;
      this.slots[i * 3 + 2] = lens[f]!;
      start += lens[f]!;
    }
    if (start !== entries.length) throw new Error(`weight table: rows hold ${start} entries, the table ${entries.length}`);
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
    return new FrozenTable(this.classes, this.scale, Uint32Array.from(keys), Uint8Array.from(lens), Int32Array.from(entries));
  }

  /** Sets `scores` (one per class, in units of `scale`) from the features. */
  score(keys: Uint32Array, n: number, scores: Int32Array): void {
    scores.fill(0, 0, this.classes);
    const slots = this.slots;
    const entries = this.entries;
    const mask = this.mask;
    for (let f = 0; f < n; f++) {
      const key = keys[f]!;
      let i = key & mask;
      for (;;) {
        const k = slots[i * 3]!;
        if (k === key) {
          const start = slots[i * 3 + 1]!;
          const end = start + slots[i * 3 + 2]!;
          for (let e = start; e < end; e++) {
            const packed = entries[e]!;
            scores[packed >>> 24]! += (packed << 8) >> 8;
          }
          break;
        }
        if (k === 0) break;
        i = (i + 1) & mask;
      }
    }
  }
}
