import { key3, mix, seededRandom, shuffle } from './hash.js';
import { FrozenTable, TrainTable } from './tables.js';

/**
 * An arc-hybrid transition parser (Kuhlmann, Gómez-Rodríguez & Satta 2011) with the root at the
 * end of the buffer, so that exactly one word attaches to it. Three transitions: SHIFT pushes the
 * first buffer word; LEFT makes the buffer's first word the head of the stack top and pops it;
 * RIGHT makes the word below the stack top its head and pops it. One averaged perceptron picks
 * the transition, a second (one table per direction) picks the relation of each new arc, over
 * the same hashed features of the stack and buffer (Zhang & Nivre 2011, adapted to arc-hybrid).
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
const ACTIONS = 3;
const MAX_FEATURES = 120;

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

/** A parser configuration: stack, buffer front, and the arcs built so far. */
class State {
  readonly stack: Int32Array;
  sp = 0;
  b = 0;
  readonly heads: Int32Array;
  readonly labels: Int32Array;
  readonly lm: Int32Array;
  readonly lm2: Int32Array;
  readonly rm: Int32Array;
  readonly rm2: Int32Array;
  readonly nl: Int32Array;
  readonly nr: Int32Array;
  readonly lset: Int32Array;
  readonly rset: Int32Array;

  constructor(readonly n: number) {
    const size = n + 1;
    this.stack = new Int32Array(size);
    this.heads = new Int32Array(size).fill(-1);
    this.labels = new Int32Array(size).fill(-1);
    this.lm = new Int32Array(size).fill(-1);
    this.lm2 = new Int32Array(size).fill(-1);
    this.rm = new Int32Array(size).fill(-1);
    this.rm2 = new Int32Array(size).fill(-1);
    this.nl = new Int32Array(size);
    this.nr = new Int32Array(size);
    this.lset = new Int32Array(size);
    this.rset = new Int32Array(size);
  }

  get terminal(): boolean {
    return this.sp === 0 && this.b === this.n;
  }

  valid(action: number): boolean {
    if (action === SHIFT) return this.b < this.n;
    if (action === LEFT) return this.sp >= 1 && (this.b < this.n || this.sp === 1);
    return this.sp >= 2;
  }

  /** The dependent and head of the arc an arc transition would add. */
  arc(action: number): [number, number] {
    const s0 = this.stack[this.sp - 1]!;
    return [s0, action === LEFT ? this.b : this.stack[this.sp - 2]!];
  }

  apply(action: number, label: number): void {
    if (action === SHIFT) {
      this.stack[this.sp++] = this.b++;
      return;
    }
    const [dep, head] = this.arc(action);
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

/** Fills `keys` with the features of a configuration; returns how many. */
function features(x: ParserInput, s: State, wt: Int32Array, keys: Uint32Array): number {
  const n = x.n;
  const s0 = s.sp > 0 ? s.stack[s.sp - 1]! : -1;
  const s1 = s.sp > 1 ? s.stack[s.sp - 2]! : -1;
  const s2 = s.sp > 2 ? s.stack[s.sp - 3]! : -1;
  const b0 = s.b;
  const b1 = b0 + 1 <= n ? b0 + 1 : -1;
  const b2 = b0 + 2 <= n ? b0 + 2 : -1;
  const W = (i: number) => (i < 0 ? NONE : i === n ? ROOT : x.form[i]!);
  const T = (i: number) => (i < 0 ? -1 : i === n ? -2 : x.tag[i]!);
  const M = (i: number) => (i < 0 ? NONE : i === n ? ROOT : x.lemma[i]!);
  const P = (i: number) => (i < 0 ? NONE : wt[i]!);
  const L = (i: number) => (i < 0 ? -1 : s.labels[i]!);
  const at = (arr: Int32Array, i: number) => (i < 0 ? -1 : arr[i]!);
  const s0w = W(s0), s0t = T(s0), s0p = P(s0);
  const s1w = W(s1), s1t = T(s1), s1p = P(s1);
  const b0w = W(b0), b0t = T(b0), b0p = P(b0);
  const b1w = W(b1), b1t = T(b1);
  const b2t = T(b2);
  const s0l = at(s.lm, s0), s0r = at(s.rm, s0), b0l = at(s.lm, b0), s1l = at(s.lm, s1), s1r = at(s.rm, s1);
  const s0l2 = at(s.lm2, s0), s0r2 = at(s.rm2, s0), b0l2 = at(s.lm2, b0);
  const d = s0 >= 0 ? bucket(b0 - s0) : 0;
  const d1 = s1 >= 0 ? bucket(s0 - s1) : 0;
  const vl0 = at(s.nl, s0), vr0 = at(s.nr, s0), vlb = at(s.nl, b0), vr1 = at(s.nr, s1);
  let k = 0;
  // Single words.
  keys[k++] = key3(1, s0w, 0, 0);
  keys[k++] = key3(2, s0t, 0, 0);
  keys[k++] = key3(3, s0p, 0, 0);
  keys[k++] = key3(4, s1w, 0, 0);
  keys[k++] = key3(5, s1t, 0, 0);
  keys[k++] = key3(6, s1p, 0, 0);
  keys[k++] = key3(7, b0w, 0, 0);
  keys[k++] = key3(8, b0t, 0, 0);
  keys[k++] = key3(9, b0p, 0, 0);
  keys[k++] = key3(10, b1w, 0, 0);
  keys[k++] = key3(11, b1t, 0, 0);
  keys[k++] = key3(12, P(b1), 0, 0);
  keys[k++] = key3(13, W(b2), 0, 0);
  keys[k++] = key3(14, b2t, 0, 0);
  keys[k++] = key3(15, T(s2), 0, 0);
  keys[k++] = key3(16, M(s0), 0, 0);
  keys[k++] = key3(17, M(b0), 0, 0);
  keys[k++] = key3(18, M(s0), M(b0), 0);
  keys[k++] = key3(19, M(s1), M(s0), 0);
  // Pairs.
  keys[k++] = key3(20, s0p, b0p, 0);
  keys[k++] = key3(21, s0p, b0w, 0);
  keys[k++] = key3(22, s0w, b0p, 0);
  keys[k++] = key3(23, s0p, b0t, 0);
  keys[k++] = key3(24, s0t, b0p, 0);
  keys[k++] = key3(25, s0w, b0w, 0);
  keys[k++] = key3(26, s0t, b0t, 0);
  keys[k++] = key3(27, b0t, b1t, 0);
  keys[k++] = key3(28, s1p, s0p, 0);
  keys[k++] = key3(29, s1w, s0w, 0);
  keys[k++] = key3(30, s1t, s0t, 0);
  keys[k++] = key3(31, s1t, s0w, 0);
  keys[k++] = key3(32, s1w, s0t, 0);
  keys[k++] = key3(33, b0w, b1w, 0);
  keys[k++] = key3(34, b0w, b1t, 0);
  // Three tags.
  keys[k++] = key3(40, b0t, b1t, b2t);
  keys[k++] = key3(41, s0t, b0t, b1t);
  keys[k++] = key3(42, s1t, s0t, b0t);
  keys[k++] = key3(43, T(s2), s1t, s0t);
  keys[k++] = key3(44, s0t, T(s0l), b0t);
  keys[k++] = key3(45, s0t, T(s0r), b0t);
  keys[k++] = key3(46, s0t, b0t, T(b0l));
  keys[k++] = key3(47, s1t, T(s1r), s0t);
  keys[k++] = key3(48, s1t, T(s1l), s0t);
  keys[k++] = key3(49, s1t, s0t, T(s0l));
  keys[k++] = key3(50, s1t, s0t, T(s0r));
  keys[k++] = key3(51, s1w, s0t, b0t);
  keys[k++] = key3(52, s1t, s0w, b0t);
  keys[k++] = key3(53, s1t, s0t, b0w);
  // Distance.
  keys[k++] = key3(60, s0w, d, 0);
  keys[k++] = key3(61, s0t, d, 0);
  keys[k++] = key3(62, b0w, d, 0);
  keys[k++] = key3(63, b0t, d, 0);
  keys[k++] = key3(64, s0w, b0w, d);
  keys[k++] = key3(65, s0t, b0t, d);
  keys[k++] = key3(66, s1t, s0t, d1);
  keys[k++] = key3(67, s1w, s0w, d1);
  keys[k++] = key3(68, s1t, s0w, d1);
  keys[k++] = key3(69, s1w, s0t, d1);
  // Valency.
  keys[k++] = key3(70, s0w, vr0, 0);
  keys[k++] = key3(71, s0t, vr0, 0);
  keys[k++] = key3(72, s0w, vl0, 0);
  keys[k++] = key3(73, s0t, vl0, 0);
  keys[k++] = key3(74, b0w, vlb, 0);
  keys[k++] = key3(75, b0t, vlb, 0);
  keys[k++] = key3(76, s1w, vr1, 0);
  keys[k++] = key3(77, s1t, vr1, 0);
  // Dependents already attached: words, tags and labels.
  keys[k++] = key3(80, W(s0l), T(s0l), L(s0l));
  keys[k++] = key3(81, T(s0l), L(s0l), 0);
  keys[k++] = key3(82, W(s0r), T(s0r), L(s0r));
  keys[k++] = key3(83, T(s0r), L(s0r), 0);
  keys[k++] = key3(84, W(b0l), T(b0l), L(b0l));
  keys[k++] = key3(85, T(b0l), L(b0l), 0);
  keys[k++] = key3(86, T(s1r), L(s1r), 0);
  keys[k++] = key3(87, T(s1l), L(s1l), 0);
  keys[k++] = key3(88, L(s0), s0t, 0);
  keys[k++] = key3(89, L(s1), s1t, 0);
  keys[k++] = key3(90, T(s0l2), L(s0l2), 0);
  keys[k++] = key3(91, T(s0r2), L(s0r2), 0);
  keys[k++] = key3(92, T(b0l2), L(b0l2), 0);
  keys[k++] = key3(93, s0t, T(s0l), T(s0l2));
  keys[k++] = key3(94, s0t, T(s0r), T(s0r2));
  keys[k++] = key3(95, b0t, T(b0l), T(b0l2));
  keys[k++] = key3(96, s0w, L(s0l), L(s0r));
  keys[k++] = key3(97, s0t, L(s0r), b0t);
  // Label sets of the dependents.
  keys[k++] = key3(100, s0w, at(s.rset, s0), 0);
  keys[k++] = key3(101, s0t, at(s.rset, s0), 0);
  keys[k++] = key3(102, s0w, at(s.lset, s0), 0);
  keys[k++] = key3(103, s0t, at(s.lset, s0), 0);
  keys[k++] = key3(104, b0w, at(s.lset, b0), 0);
  keys[k++] = key3(105, b0t, at(s.lset, b0), 0);
  keys[k++] = key3(106, s1t, at(s.rset, s1), 0);
  keys[k++] = key3(107, s1t, at(s.lset, s1), s0t);
  // Suffixes: "-ed" against "-ing" and the like, which tags alone do not tell.
  const X = (i: number) => (i < 0 || i === n ? NONE : x.suffix[i]!);
  keys[k++] = key3(110, X(s0), s0t, 0);
  keys[k++] = key3(111, X(b0), b0t, 0);
  keys[k++] = key3(112, X(s0), X(b0), 0);
  keys[k++] = key3(113, X(s1), s1t, s0t);
  const K = (i: number) => (i < 0 || i === n ? NONE : x.wink[i]!);
  keys[k++] = key3(120, K(s0), s0t, 0);
  keys[k++] = key3(121, K(b0), b0t, 0);
  keys[k++] = key3(122, K(s0), K(b0), 0);
  keys[k++] = key3(123, K(s1), K(s0), 0);
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

/** Builds the per-sentence pair hashes (word with tag) the features use. */
function pairHashes(x: ParserInput): Int32Array {
  const wt = new Int32Array(x.n + 1);
  for (let i = 0; i < x.n; i++) wt[i] = mix(x.form[i]!, x.tag[i]!);
  wt[x.n] = ROOT;
  return wt;
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
    readonly actions: FrozenTable,
    readonly left: FrozenTable,
    readonly right: FrozenTable,
  ) {
    this.labelScores = new Int32Array(labels.length);
    this.rootLabel = labels.indexOf('root');
  }

  private readonly rootLabel: number;

  /** Parses one sentence greedily. */
  parse(x: ParserInput): Parse {
    const s = new State(x.n);
    const wt = pairHashes(x);
    while (!s.terminal) {
      const k = features(x, s, wt, this.keys);
      this.actions.score(this.keys, k, this.actionScores);
      let best = -1;
      for (let a = 0; a < ACTIONS; a++) {
        if (s.valid(a) && (best < 0 || this.actionScores[a]! > this.actionScores[best]!)) best = a;
      }
      let label = -1;
      if (best !== SHIFT) {
        const [, head] = s.arc(best);
        label = head === x.n ? this.rootLabel : pickLabel(best === LEFT ? this.left : this.right, this.keys, k, this.labelScores, this.rootLabel);
      }
      s.apply(best, label);
    }
    const heads = new Int32Array(x.n);
    for (let i = 0; i < x.n; i++) heads[i] = s.heads[i] === x.n ? -1 : s.heads[i]!;
    return { heads, labels: s.labels.slice(0, x.n) };
  }
}

function pickLabel(table: FrozenTable, keys: Uint32Array, k: number, scores: Int32Array, root: number): number {
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
  /** Averaged weights smaller than this in magnitude are pruned from the shipped tables. */
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
  const actions = new TrainTable(ACTIONS);
  const left = new TrainTable(labels.length);
  const right = new TrainTable(labels.length);
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
      const wt = pairHashes(x);
      while (!s.terminal) {
        const k = features(x, s, wt, keys);
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
          const [dep, head] = s.arc(follow);
          label = gold.labels[dep]!;
          if (head === x.n) label = root;
          else if (gold.heads[dep] === head) {
            const table = follow === LEFT ? left : right;
            table.score(keys, k, labelScores);
            let guess = -1;
            for (let l = 0; l < labels.length; l++) if (l !== root && (guess < 0 || labelScores[l]! > labelScores[guess]!)) guess = l;
            if (guess !== label) {
              table.update(keys, k, label, 1, step);
              table.update(keys, k, guess, -1, step);
            }
          }
        }
        step++;
        s.apply(follow, label);
      }
    }
    if (onEpoch || epoch === settings.epochs - 1) {
      const p = settings.prune;
      parser = new Parser(labels, actions.freeze(step, p), left.freeze(step, p), right.freeze(step, p));
      onEpoch?.(epoch, parser);
    }
  }
  return parser!;
}
