import { key3, mix, seededRandom, shuffle } from './hash.js';
import { HashedTrainTable, TrainTable, type WeightTable } from './tables.js';

/**
 * An arc-hybrid transition parser (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the root at the
 * end of the buffer, so that exactly one word attaches to it. Three transitions: SHIFT pushes the
 * first buffer word; LEFT makes the buffer's first word the head of the stack top and pops it;
 * RIGHT makes the word below the stack top its head and pops it. One averaged perceptron picks
 * the transition, a second (one table per direction) picks the relation of each new arc, over
 * the same hashed features of the stack and buffer (Zhang & Nivre 2011, adapted to arc-hybrid).
 * The transition weights are a hash kernel (`HashedTable`): a hundred lookups per transition
 * into a table small enough to stay in cache, with no key to compare.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
const ACTIONS = 3;
const MAX_FEATURES = 120;
/** How many of the first features the relation tables read, unless trained otherwise. */
export const LABEL_FEATURES = 39;

/** What the parser reads of each word, all precomputed integers. */
export interface ParserInput {
  n: number;
  form: Int32Array;
  tag: Int32Array;
  lemma: Int32Array;
  /** Hash of the word's last three letters. */
  suffix: Int32Array;
  /** Hash of wink-nlp's tag: a second opinion where the tagger errs. */
  wink: Int32Array;
}

/**
 * A parser configuration: stack, buffer front, and the arcs built so far. Arrays have two
 * extra cells: `n` is the root, `n + 1` stands for "no such word", so that features read
 * arrays without tests; cell `n + 1` is never written.
 */
class State {
  stack!: Int32Array;
  sp = 0;
  b = 0;
  heads!: Int32Array;
  labels!: Int32Array;
  lm!: Int32Array;
  lm2!: Int32Array;
  rm!: Int32Array;
  rm2!: Int32Array;
  nl!: Int32Array;
  nr!: Int32Array;
  lset!: Int32Array;
  rset!: Int32Array;
  n = 0;

  constructor(n: number) {
    this.reset(n);
  }

  /**
   * The initial configuration of a sentence of `n` words, in the arrays of the last sentence
   * when they are large enough: a parser reuses one state rather than allocate per sentence.
   */
  reset(n: number): void {
    const size = n + 2;
    if (!this.stack || this.stack.length < size) {
      const capacity = Math.max(size, 64);
      this.stack = new Int32Array(capacity);
      this.heads = new Int32Array(capacity);
      this.labels = new Int32Array(capacity);
      this.lm = new Int32Array(capacity);
      this.lm2 = new Int32Array(capacity);
      this.rm = new Int32Array(capacity);
      this.rm2 = new Int32Array(capacity);
      this.nl = new Int32Array(capacity);
      this.nr = new Int32Array(capacity);
      this.lset = new Int32Array(capacity);
      this.rset = new Int32Array(capacity);
    }
    this.n = n;
    this.sp = 0;
    this.b = 0;
    for (const a of [this.heads, this.labels, this.lm, this.lm2, this.rm, this.rm2]) a.fill(-1, 0, size);
    for (const a of [this.nl, this.nr, this.lset, this.rset]) {
      a.fill(0, 0, n + 1);
      a[n + 1] = -1;
    }
  }

  get terminal(): boolean {
    return this.sp === 0 && this.b === this.n;
  }

  valid(action: number): boolean {
    if (action === SHIFT) return this.b < this.n;
    if (action === LEFT) return this.sp >= 1 && (this.b < this.n || this.sp === 1);
    return this.sp >= 2;
  }

  /** The head of the arc an arc transition would add (its dependent is the stack top). */
  headOf(action: number): number {
    return action === LEFT ? this.b : this.stack[this.sp - 2]!;
  }

  apply(action: number, label: number): void {
    if (action === SHIFT) {
      this.stack[this.sp++] = this.b++;
      return;
    }
    const dep = this.stack[this.sp - 1]!;
    const head = this.headOf(action);
    this.sp--;
    this.heads[dep] = head;
    this.labels[dep] = label;
    const bit = label < 31 ? 1 << label : 0;
    if (dep < head) {
      this.lm2[head] = this.lm[head]!;
      this.lm[head] = dep;
      this.nl[head]!++;
      this.lset[head]! |= bit;
    } else {
      this.rm2[head] = this.rm[head]!;
      this.rm[head] = dep;
      this.nr[head]!++;
      this.rset[head]! |= bit;
    }
  }
}

const NONE = 0x2d2d2d2d;
const ROOT = 0x524f4f54;

/** Distance between two words, in buckets (1, 2, 3, 4, 5-6, 7-9, 10+). */
function bucket(d: number): number {
  return d <= 4 ? d : d <= 6 ? 5 : d <= 9 ? 6 : 7;
}

/** The word attributes features read, with the root at `n` and "none" at `n + 1`. */
interface Padded {
  form: Int32Array;
  tag: Int32Array;
  lemma: Int32Array;
  /** Word and tag together. */
  wt: Int32Array;
  suffix: Int32Array;
  wink: Int32Array;
}

function pad(x: ParserInput, into?: Padded): Padded {
  const n = x.n;
  const size = n + 2;
  const out =
    into && into.form.length >= size
      ? into
      : {
          form: new Int32Array(size),
          tag: new Int32Array(size),
          lemma: new Int32Array(size),
          wt: new Int32Array(size),
          suffix: new Int32Array(size),
          wink: new Int32Array(size),
        };
  const copy = (to: Int32Array, from: ArrayLike<number>, root: number, none: number) => {
    for (let i = 0; i < n; i++) to[i] = from[i]!;
    to[n] = root;
    to[n + 1] = none;
  };
  copy(out.form, x.form, ROOT, NONE);
  copy(out.tag, x.tag, -2, -1);
  copy(out.lemma, x.lemma, ROOT, NONE);
  for (let i = 0; i < n; i++) out.wt[i] = mix(x.form[i]!, x.tag[i]!);
  out.wt[n] = ROOT;
  out.wt[n + 1] = NONE;
  copy(out.suffix, x.suffix, NONE, NONE);
  copy(out.wink, x.wink, NONE, NONE);
  return out;
}

/** Fills `keys` with the features of a configuration; returns how many. */
function features(x: Padded, s: State, keys: Uint32Array): number {
  const n = s.n;
  const none = n + 1;
  const { form, tag, lemma, wt, suffix, wink } = x;
  const { labels, lm, rm, lm2, rm2, lset, rset } = s;
  const sp = s.sp;
  const s0 = sp > 0 ? s.stack[sp - 1]! : none;
  const s1 = sp > 1 ? s.stack[sp - 2]! : none;
  const s2 = sp > 2 ? s.stack[sp - 3]! : none;
  const b0 = s.b;
  const b1 = b0 + 1 <= n ? b0 + 1 : none;
  const b2 = b0 + 2 <= n ? b0 + 2 : none;
  const s0w = form[s0]!,
    s0t = tag[s0]!,
    s0p = wt[s0]!;
  const s1w = form[s1]!,
    s1t = tag[s1]!,
    s1p = wt[s1]!;
  const b0w = form[b0]!,
    b0t = tag[b0]!,
    b0p = wt[b0]!;
  const b1w = form[b1]!,
    b1t = tag[b1]!;
  const b2t = tag[b2]!;
  const s2t = tag[s2]!;
  const opt = (i: number) => (i < 0 ? none : i);
  const s0l = opt(lm[s0]!),
    s0r = opt(rm[s0]!),
    b0l = opt(lm[b0]!),
    s1l = opt(lm[s1]!),
    s1r = opt(rm[s1]!);
  const s0l2 = opt(lm2[s0]!),
    s0r2 = opt(rm2[s0]!),
    b0l2 = opt(lm2[b0]!);
  const d = s0 !== none ? bucket(b0 - s0) : 0;
  const d1 = s1 !== none ? bucket(s0 - s1) : 0;
  const vl0 = s.nl[s0]!,
    vr0 = s.nr[s0]!,
    vlb = s.nl[b0]!,
    vr1 = s.nr[s1]!;
  const s0m = lemma[s0]!,
    b0m = lemma[b0]!;
  let k = 0;
  // First the features the relation tables read too (LABEL_FEATURES of them): the two words an
  // arc would join, their neighbours and dependents; then those only transitions read.
  keys[k++] = key3(1, s0w, 0, 0);
  keys[k++] = key3(2, s0t, 0, 0);
  keys[k++] = key3(3, s0p, 0, 0);
  keys[k++] = key3(4, s1w, 0, 0);
  keys[k++] = key3(5, s1t, 0, 0);
  keys[k++] = key3(6, s1p, 0, 0);
  keys[k++] = key3(7, b0w, 0, 0);
  keys[k++] = key3(8, b0t, 0, 0);
  keys[k++] = key3(9, b0p, 0, 0);
  keys[k++] = key3(11, b1t, 0, 0);
  keys[k++] = key3(16, s0m, 0, 0);
  keys[k++] = key3(17, b0m, 0, 0);
  keys[k++] = key3(18, s0m, b0m, 0);
  keys[k++] = key3(19, lemma[s1]!, s0m, 0);
  keys[k++] = key3(20, s0p, b0p, 0);
  keys[k++] = key3(25, s0w, b0w, 0);
  keys[k++] = key3(26, s0t, b0t, 0);
  keys[k++] = key3(28, s1p, s0p, 0);
  keys[k++] = key3(29, s1w, s0w, 0);
  keys[k++] = key3(30, s1t, s0t, 0);
  keys[k++] = key3(41, s0t, b0t, b1t);
  keys[k++] = key3(42, s1t, s0t, b0t);
  keys[k++] = key3(65, s0t, b0t, d);
  keys[k++] = key3(66, s1t, s0t, d1);
  keys[k++] = key3(81, tag[s0l]!, labels[s0l]!, 0);
  keys[k++] = key3(83, tag[s0r]!, labels[s0r]!, 0);
  keys[k++] = key3(85, tag[b0l]!, labels[b0l]!, 0);
  keys[k++] = key3(86, tag[s1r]!, labels[s1r]!, 0);
  keys[k++] = key3(101, s0t, rset[s0]!, 0);
  keys[k++] = key3(103, s0t, lset[s0]!, 0);
  keys[k++] = key3(105, b0t, lset[b0]!, 0);
  keys[k++] = key3(110, suffix[s0]!, s0t, 0);
  keys[k++] = key3(111, suffix[b0]!, b0t, 0);
  keys[k++] = key3(112, suffix[s0]!, suffix[b0]!, 0);
  keys[k++] = key3(113, suffix[s1]!, s1t, s0t);
  keys[k++] = key3(120, wink[s0]!, s0t, 0);
  keys[k++] = key3(121, wink[b0]!, b0t, 0);
  keys[k++] = key3(122, wink[s0]!, wink[b0]!, 0);
  keys[k++] = key3(123, wink[s1]!, wink[s0]!, 0);
  keys[k++] = key3(10, b1w, 0, 0);
  keys[k++] = key3(12, wt[b1]!, 0, 0);
  keys[k++] = key3(13, form[b2]!, 0, 0);
  keys[k++] = key3(14, b2t, 0, 0);
  keys[k++] = key3(15, s2t, 0, 0);
  keys[k++] = key3(21, s0p, b0w, 0);
  keys[k++] = key3(22, s0w, b0p, 0);
  keys[k++] = key3(23, s0p, b0t, 0);
  keys[k++] = key3(24, s0t, b0p, 0);
  keys[k++] = key3(27, b0t, b1t, 0);
  keys[k++] = key3(31, s1t, s0w, 0);
  keys[k++] = key3(32, s1w, s0t, 0);
  keys[k++] = key3(33, b0w, b1w, 0);
  keys[k++] = key3(34, b0w, b1t, 0);
  keys[k++] = key3(40, b0t, b1t, b2t);
  keys[k++] = key3(43, s2t, s1t, s0t);
  keys[k++] = key3(44, s0t, tag[s0l]!, b0t);
  keys[k++] = key3(45, s0t, tag[s0r]!, b0t);
  keys[k++] = key3(46, s0t, b0t, tag[b0l]!);
  keys[k++] = key3(47, s1t, tag[s1r]!, s0t);
  keys[k++] = key3(48, s1t, tag[s1l]!, s0t);
  keys[k++] = key3(49, s1t, s0t, tag[s0l]!);
  keys[k++] = key3(50, s1t, s0t, tag[s0r]!);
  keys[k++] = key3(51, s1w, s0t, b0t);
  keys[k++] = key3(52, s1t, s0w, b0t);
  keys[k++] = key3(53, s1t, s0t, b0w);
  keys[k++] = key3(60, s0w, d, 0);
  keys[k++] = key3(61, s0t, d, 0);
  keys[k++] = key3(62, b0w, d, 0);
  keys[k++] = key3(63, b0t, d, 0);
  keys[k++] = key3(64, s0w, b0w, d);
  keys[k++] = key3(67, s1w, s0w, d1);
  keys[k++] = key3(68, s1t, s0w, d1);
  keys[k++] = key3(69, s1w, s0t, d1);
  keys[k++] = key3(70, s0w, vr0, 0);
  keys[k++] = key3(71, s0t, vr0, 0);
  keys[k++] = key3(72, s0w, vl0, 0);
  keys[k++] = key3(73, s0t, vl0, 0);
  keys[k++] = key3(74, b0w, vlb, 0);
  keys[k++] = key3(75, b0t, vlb, 0);
  keys[k++] = key3(76, s1w, vr1, 0);
  keys[k++] = key3(77, s1t, vr1, 0);
  keys[k++] = key3(80, form[s0l]!, tag[s0l]!, labels[s0l]!);
  keys[k++] = key3(82, form[s0r]!, tag[s0r]!, labels[s0r]!);
  keys[k++] = key3(84, form[b0l]!, tag[b0l]!, labels[b0l]!);
  keys[k++] = key3(87, tag[s1l]!, labels[s1l]!, 0);
  keys[k++] = key3(88, labels[s0]!, s0t, 0);
  keys[k++] = key3(89, labels[s1]!, s1t, 0);
  keys[k++] = key3(90, tag[s0l2]!, labels[s0l2]!, 0);
  keys[k++] = key3(91, tag[s0r2]!, labels[s0r2]!, 0);
  keys[k++] = key3(92, tag[b0l2]!, labels[b0l2]!, 0);
  keys[k++] = key3(93, s0t, tag[s0l]!, tag[s0l2]!);
  keys[k++] = key3(94, s0t, tag[s0r]!, tag[s0r2]!);
  keys[k++] = key3(95, b0t, tag[b0l]!, tag[b0l2]!);
  keys[k++] = key3(96, s0w, labels[s0l]!, labels[s0r]!);
  keys[k++] = key3(97, s0t, labels[s0r]!, b0t);
  keys[k++] = key3(100, s0w, rset[s0]!, 0);
  keys[k++] = key3(102, s0w, lset[s0]!, 0);
  keys[k++] = key3(104, b0w, lset[b0]!, 0);
  keys[k++] = key3(106, s1t, rset[s1]!, 0);
  keys[k++] = key3(107, s1t, lset[s1]!, s0t);
  return k;
}

/** Gold-standard arcs of a training sentence, with each word's gold dependents. */
interface Gold {
  heads: Int32Array;
  labels: Int32Array;
  children: number[][];
}

/** Oracle costs (Goldberg & Nivre 2013): how many gold arcs each transition makes unreachable. */
function costs(s: State, g: Gold, out: Int32Array): void {
  const n = s.n;
  const b = s.b;
  const s0 = s.sp > 0 ? s.stack[s.sp - 1]! : -1;
  const s1 = s.sp > 1 ? s.stack[s.sp - 2]! : -1;
  out.fill(1 << 20);
  if (s.valid(SHIFT)) {
    let c = 0;
    for (const d of g.children[b]!) if (d < b && s.heads[d] === -1) c++;
    const h = g.heads[b]!;
    if (h < b && h !== s0 && s.heads[h] === -1) c++;
    out[SHIFT] = c;
  }
  if (s0 >= 0) {
    let deps = 0;
    for (const d of g.children[s0]!) if (d >= b) deps++;
    const h = g.heads[s0]!;
    if (s.valid(LEFT)) out[LEFT] = deps + (h === s1 || (h > b && h <= n) ? 1 : 0);
    if (s.valid(RIGHT)) out[RIGHT] = deps + (h >= b ? 1 : 0);
  }
}

/** A parse: head of each word (-1 for the root, else a 0-based word index) and relation id. */
export interface Parse {
  heads: Int32Array;
  labels: Int32Array;
}

/** A trained parser: a transition table and one relation table per arc direction. */
export class Parser {
  private readonly keys = new Uint32Array(MAX_FEATURES);
  private readonly actionScores = new Int32Array(ACTIONS);
  private readonly labelScores: Int32Array;

  /**
   * @param labels relation names by id; `root` must be among them.
   */
  constructor(
    readonly labels: readonly string[],
    readonly actions: WeightTable,
    readonly left: WeightTable,
    readonly right: WeightTable,
    /** How many of the first features the relation tables read. */
    readonly labelFeatures = LABEL_FEATURES,
  ) {
    this.labelScores = new Int32Array(labels.length);
    this.rootLabel = labels.indexOf('root');
  }

  private readonly rootLabel: number;

  /** The configuration and padded words of the sentence being parsed, reused across sentences. */
  private readonly state = new State(0);
  private padded: Padded | undefined;

  /** Parses one sentence greedily. */
  parse(x: ParserInput): Parse {
    const s = this.state;
    s.reset(x.n);
    const padded = (this.padded = pad(x, this.padded));
    const n = x.n;
    const scores = this.actionScores;
    while (!s.terminal) {
      const shift = s.b < n;
      const left = s.sp >= 1 && (shift || s.sp === 1);
      const right = s.sp >= 2;
      let best: number;
      let k = 0;
      if (!left && !right) {
        // Only SHIFT is possible: no need to score, nor to read features.
        best = SHIFT;
      } else if (!shift && !right) {
        // The last word left on the stack goes to the root.
        best = LEFT;
      } else {
        k = features(padded, s, this.keys);
        if (!shift && !left) best = RIGHT;
        else {
          this.actions.score(this.keys, k, scores);
          best = -1;
          for (let a = 0; a < ACTIONS; a++) {
            if (s.valid(a) && (best < 0 || scores[a]! > scores[best]!)) best = a;
          }
        }
      }
      let label = -1;
      if (best !== SHIFT) {
        const head = s.headOf(best);
        label =
          head === n
            ? this.rootLabel
            : pickLabel(
                best === LEFT ? this.left : this.right,
                this.keys,
                Math.min(k, this.labelFeatures),
                this.labelScores,
                this.rootLabel,
              );
      }
      s.apply(best, label);
    }
    const heads = new Int32Array(n);
    for (let i = 0; i < n; i++) heads[i] = s.heads[i] === n ? -1 : s.heads[i]!;
    return { heads, labels: s.labels.slice(0, n) };
  }
}

function pickLabel(table: WeightTable, keys: Uint32Array, k: number, scores: Int32Array, root: number): number {
  table.score(keys, k, scores);
  let best = -1;
  for (let l = 0; l < scores.length; l++) if (l !== root && (best < 0 || scores[l]! > scores[best]!)) best = l;
  return best;
}

/** A training sentence: what the parser reads (with predicted tags) and the gold tree. */
export interface ParserSentence {
  input: ParserInput;
  /** Gold head of each word: a 0-based index, or -1 for the root. */
  heads: Int32Array;
  labels: Int32Array;
}

/** Settings of `trainParser`. */
export interface ParserTraining {
  epochs: number;
  seed: number;
  /** From this epoch on (0-based), follow the model's own transitions with probability `explore`. */
  exploreFrom: number;
  explore: number;
  /** The transition table is a hash kernel of `2^actionBits` rows. */
  actionBits: number;
  /** The transition table reads only features seen in training (see `HashedTable.seen`). */
  actionFilter: boolean;
  /** How many of the first features the relation tables read. */
  labelFeatures: number;
  /** Averaged weights of the relation tables smaller than this in magnitude are pruned. */
  prune: number;
}

/**
 * Trains the parser with the dynamic oracle: at each step the model's best transition is
 * compared with the cheapest transitions (those that lose the fewest reachable gold arcs), and
 * after the first epochs training follows the model's own choice, mistakes included, so that it
 * learns to recover from them.
 * @param onEpoch called with the parser after each epoch (to score it on dev).
 */
export function trainParser(
  labels: readonly string[],
  sentences: readonly ParserSentence[],
  settings: ParserTraining,
  onEpoch?: (epoch: number, parser: Parser) => void,
): Parser {
  const actions = new HashedTrainTable(ACTIONS, settings.actionBits, settings.actionFilter);
  const left = new TrainTable(labels.length);
  const right = new TrainTable(labels.length);
  const labelFeatures = settings.labelFeatures;
  const root = labels.indexOf('root');
  const keys = new Uint32Array(MAX_FEATURES);
  const scores = new Float64Array(ACTIONS);
  const labelScores = new Float64Array(labels.length);
  const cost = new Int32Array(ACTIONS);
  const random = seededRandom(settings.seed);
  const order = sentences.map((_, i) => i);
  const golds: Gold[] = sentences.map(({ input, heads, labels: gl }) => {
    const n = input.n;
    const gh = new Int32Array(n + 1).fill(-1);
    const children: number[][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++) {
      const h = heads[i]! < 0 ? n : heads[i]!;
      gh[i] = h;
      children[h]!.push(i);
    }
    return { heads: gh, labels: gl, children };
  });
  let step = 1;
  let parser: Parser | null = null;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    shuffle(order, random);
    const explore = epoch >= settings.exploreFrom ? settings.explore : 0;
    for (const index of order) {
      const x = sentences[index]!.input;
      const gold = golds[index]!;
      const s = new State(x.n);
      const padded = pad(x);
      while (!s.terminal) {
        const k = features(padded, s, keys);
        actions.score(keys, k, scores);
        costs(s, gold, cost);
        let best = -1;
        let bestGold = -1;
        let minCost = 1 << 20;
        for (let a = 0; a < ACTIONS; a++) if (s.valid(a) && cost[a]! < minCost) minCost = cost[a]!;
        for (let a = 0; a < ACTIONS; a++) {
          if (!s.valid(a)) continue;
          if (best < 0 || scores[a]! > scores[best]!) best = a;
          if (cost[a] === minCost && (bestGold < 0 || scores[a]! > scores[bestGold]!)) bestGold = a;
        }
        if (cost[best]! > minCost) {
          actions.update(keys, k, bestGold, 1, step);
          actions.update(keys, k, best, -1, step);
        }
        const follow = cost[best]! > minCost && random() < explore ? best : bestGold;
        let label = -1;
        if (follow !== SHIFT) {
          const dep = s.stack[s.sp - 1]!;
          const head = s.headOf(follow);
          label = gold.labels[dep]!;
          if (head === x.n) label = root;
          else if (gold.heads[dep] === head) {
            const table = follow === LEFT ? left : right;
            const nf = Math.min(k, labelFeatures);
            table.score(keys, nf, labelScores);
            let guess = -1;
            for (let l = 0; l < labels.length; l++)
              if (l !== root && (guess < 0 || labelScores[l]! > labelScores[guess]!)) guess = l;
            if (guess !== label) {
              table.update(keys, nf, label, 1, step);
              table.update(keys, nf, guess, -1, step);
            }
          }
        }
        step++;
        s.apply(follow, label);
      }
    }
    if (onEpoch || epoch === settings.epochs - 1) {
      const p = settings.prune;
      parser = new Parser(
        labels,
        actions.freeze(step),
        left.freeze(step).prune(p),
        right.freeze(step).prune(p),
        labelFeatures,
      );
      onEpoch?.(epoch, parser);
    }
  }
  return parser!;
}
