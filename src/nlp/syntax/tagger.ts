import { hashString, key3, seededRandom, shuffle } from './hash.js';
import { type FrozenTable, TrainTable } from './tables.js';
import type { EncodedWords, TagLexicon } from './words.js';

/** Features per word; the array is reused. */
const MAX_FEATURES = 48;
const NONE = 0x5f5f5f5f;
const START = 0x3c533e00;

/**
 * Fills `keys` with the features of word `i`: the word, its affixes and shape, two words either
 * side, the two tags already predicted before it, wink-nlp's tag, and the tags the lexicon gives
 * the word and its neighbours.
 * @returns how many features were written.
 */
function taggerFeatures(w: EncodedWords, tags: Int32Array, i: number, keys: Uint32Array): number {
  const f = (j: number): number => (j < 0 ? START : j >= w.n ? NONE : w.form[j]!);
  const t1 = i > 0 ? tags[i - 1]! : -1;
  const t2 = i > 1 ? tags[i - 2]! : -1;
  const word = w.form[i]!;
  let k = 0;
  keys[k++] = key3(1, 0, 0, 0);
  keys[k++] = key3(2, word, 0, 0);
  keys[k++] = key3(3, w.exact[i]!, 0, 0);
  keys[k++] = key3(4, w.suffix3[i]!, 0, 0);
  keys[k++] = key3(5, w.suffix2[i]!, 0, 0);
  keys[k++] = key3(6, w.prefix[i]!, 0, 0);
  keys[k++] = key3(7, w.shape[i]!, 0, 0);
  keys[k++] = key3(8, w.shape[i]!, i === 0 ? 1 : 0, 0);
  keys[k++] = key3(9, f(i - 1), 0, 0);
  keys[k++] = key3(10, f(i - 2), 0, 0);
  keys[k++] = key3(11, f(i + 1), 0, 0);
  keys[k++] = key3(12, f(i + 2), 0, 0);
  keys[k++] = key3(13, i > 0 ? w.suffix3[i - 1]! : START, 0, 0);
  keys[k++] = key3(14, i + 1 < w.n ? w.suffix3[i + 1]! : NONE, 0, 0);
  keys[k++] = key3(15, i + 1 < w.n ? w.shape[i + 1]! : NONE, 0, 0);
  keys[k++] = key3(16, t1, 0, 0);
  keys[k++] = key3(17, t1, t2, 0);
  keys[k++] = key3(18, t1, word, 0);
  keys[k++] = key3(19, word, f(i + 1), 0);
  keys[k++] = key3(20, f(i - 1), word, 0);
  keys[k++] = key3(21, w.wink[i]!, 0, 0);
  keys[k++] = key3(22, w.wink[i]!, word, 0);
  keys[k++] = key3(23, w.wink[i]!, w.suffix3[i]!, 0);
  keys[k++] = key3(24, i > 0 ? w.wink[i - 1]! : START, w.wink[i]!, i + 1 < w.n ? w.wink[i + 1]! : NONE);
  keys[k++] = key3(25, t1, w.wink[i]!, 0);
  keys[k++] = key3(26, w.suffix3[i]!, f(i + 1), 0);
  keys[k++] = key3(27, w.suffix4[i]!, 0, 0);
  keys[k++] = key3(28, w.prefix3[i]!, 0, 0);
  keys[k++] = key3(29, i + 1 < w.n ? w.wink[i + 1]! : NONE, word, 0);
  keys[k++] = key3(30, i > 0 ? w.wink[i - 1]! : START, word, 0);
  keys[k++] = key3(31, f(i - 1), word, f(i + 1));
  const lex = w.lexicon[i]!;
  keys[k++] = key3(32, lex, 0, 0);
  keys[k++] = key3(33, lex, w.suffix3[i]!, 0);
  keys[k++] = key3(34, lex, t1, 0);
  keys[k++] = key3(35, lex, i + 1 < w.n ? w.lexicon[i + 1]! : NONE, 0);
  keys[k++] = key3(36, lex, w.wink[i]!, 0);
  keys[k++] = key3(37, i > 0 ? w.lexicon[i - 1]! : START, 0, 0);
  keys[k++] = key3(38, i + 1 < w.n ? w.lexicon[i + 1]! : NONE, 0, 0);
  keys[k++] = key3(39, i > 0 ? w.shape[i - 1]! : START, w.shape[i]!, i + 1 < w.n ? w.shape[i + 1]! : NONE);
  keys[k++] = key3(40, lex, i > 0 ? w.lexicon[i - 1]! : START, i + 1 < w.n ? w.lexicon[i + 1]! : NONE);
  return k;
}

/**
 * Words that always take the same tag, as written (`exact` hashes) → tag id: frequent words of
 * one tag in the training set ("the", "of", ","), about a third of running text, tagged without
 * scoring.
 */
export type FixedTags = ReadonlyMap<number, number>;

/**
 * The fixed tags of a training set: words seen at least `minCount` times with one tag at least
 * `minShare` of the time.
 * @returns word as written → tag id.
 */
export function findFixedTags(
  sentences: ReadonlyArray<{ words: readonly string[]; gold: Int32Array }>,
  minCount = 10,
  minShare = 0.99,
): Record<string, number> {
  const counts = new Map<string, Map<number, number>>();
  for (const { words, gold } of sentences) {
    words.forEach((word, i) => {
      const byTag = counts.get(word) ?? new Map<number, number>();
      byTag.set(gold[i]!, (byTag.get(gold[i]!) ?? 0) + 1);
      counts.set(word, byTag);
    });
  }
  const fixed: Record<string, number> = {};
  for (const word of [...counts.keys()].sort()) {
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [tag, n] of counts.get(word)!) {
      total += n;
      if (n > bestCount || (n === bestCount && tag < best)) [best, bestCount] = [tag, n];
    }
    if (total >= minCount && bestCount >= minShare * total) fixed[word] = best;
  }
  return fixed;
}

/** The fixed tags keyed as the tagger looks them up (by `hashString` of the word, as `exact`). */
export function fixedTagMap(fixed: Readonly<Record<string, number>>): FixedTags {
  return new Map(Object.entries(fixed).map(([word, tag]) => [hashString(word), tag]));
}

/** A trained part-of-speech tagger: Universal POS tags, greedy left to right. */
export class Tagger {
  private readonly keys = new Uint32Array(MAX_FEATURES);
  private readonly scores: Int32Array;

  /**
   * @param fixed the words tagged without scoring, word as written → tag id (see `findFixedTags`).
   */
  constructor(
    readonly tagset: readonly string[],
    readonly table: FrozenTable,
    readonly fixed: Readonly<Record<string, number>> = {},
    readonly lexicon: TagLexicon | null = null,
  ) {
    this.scores = new Int32Array(tagset.length);
    this.fixedTable = new FixedTagTable(fixedTagMap(fixed));
  }

  private readonly fixedTable: FixedTagTable;

  /** The tag ids (indexes into `tagset`) of a sentence's words. */
  tag(words: EncodedWords): Int32Array {
    const tags = new Int32Array(words.n);
    const C = this.tagset.length;
    const scores = this.scores;
    for (let i = 0; i < words.n; i++) {
      const fixed = this.fixedTable.get(words.exact[i]!);
      if (fixed >= 0) {
        tags[i] = fixed;
        continue;
      }
      const n = taggerFeatures(words, tags, i, this.keys);
      this.table.score(this.keys, n, scores);
      let best = 0;
      for (let c = 1; c < C; c++) if (scores[c]! > scores[best]!) best = c;
      tags[i] = best;
    }
    return tags;
  }
}

/**
 * The fixed tags in an open-addressing table of `(hash, tag + 1)` pairs: a `Map` boxes every
 * hash beyond 2^30 into a heap number at each lookup, and the tagger looks up every word.
 */
class FixedTagTable {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The tag of the word whose hash is 0 (0 marks an empty slot), or -1. */
  private readonly zero: number;

  constructor(fixed: FixedTags) {
    let cap = 64;
    while (cap * 0.5 < fixed.size) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    let zero = -1;
    for (const [hash, tag] of fixed) {
      // The `Map` this table replaced was keyed by unsigned hashes and asked with the signed
      // `exact` ones, so words hashing to 2^31 or more never took their fixed tag; kept so,
      // for the same tags (changing it is a change of the model's output, not of its speed).
      if (hash > 0x7fffffff) continue;
      const key = hash | 0;
      if (key === 0) {
        zero = tag;
        continue;
      }
      let i = key & this.mask;
      while (this.slots[i * 2] !== 0) i = (i + 1) & this.mask;
      this.slots[i * 2] = key;
      this.slots[i * 2 + 1] = tag + 1;
    }
    this.zero = zero;
  }

  /** The fixed tag of a word's `exact` hash, or -1. */
  get(hash: number): number {
    const key = hash | 0;
    if (key === 0) return this.zero;
    const slots = this.slots;
    let i = key & this.mask;
    for (;;) {
      const k = slots[i * 2]!;
      if (k === key) return slots[i * 2 + 1]! - 1;
      if (k === 0) return -1;
      i = (i + 1) & this.mask;
    }
  }
}

/** A training sentence for the tagger: encoded words and their gold tag ids. */
export interface TaggedSentence {
  words: EncodedWords;
  gold: Int32Array;
}

/**
 * Trains a tagger with the averaged perceptron, sentences shuffled each epoch with the seed.
 * Words with a fixed tag are learnt like the others (skipping them cost 0.07 UPOS on dev: the
 * weights of affixes and shapes they share with rarer words learn less); only tagging skips them.
 * @param lexicon the lexicon the sentences were encoded with, kept by the tagger.
 * @param onEpoch called after each epoch with the tagger so far (to score it on dev).
 */
export function trainTagger(
  tagset: readonly string[],
  sentences: readonly TaggedSentence[],
  epochs: number,
  seed: number,
  fixed: Readonly<Record<string, number>>,
  lexicon: TagLexicon | null,
  onEpoch?: (epoch: number, tagger: Tagger) => void,
): Tagger {
  const table = new TrainTable(tagset.length);
  const keys = new Uint32Array(MAX_FEATURES);
  const scores = new Float64Array(tagset.length);
  const random = seededRandom(seed);
  const order = sentences.map((_, i) => i);
  let step = 1;
  let tagger: Tagger | null = null;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const { words, gold } = sentences[index]!;
      const tags = new Int32Array(words.n);
      for (let i = 0; i < words.n; i++) {
        const n = taggerFeatures(words, tags, i, keys);
        table.score(keys, n, scores);
        let best = 0;
        for (let c = 1; c < tagset.length; c++) if (scores[c]! > scores[best]!) best = c;
        if (best !== gold[i]) {
          table.update(keys, n, gold[i]!, 1, step);
          table.update(keys, n, best, -1, step);
        }
        step++;
        // The gold tag is the history during training: the model is updated at every error anyway.
        tags[i] = gold[i]!;
      }
    }
    if (onEpoch || epoch === epochs - 1) {
      tagger = new Tagger(tagset, table.freeze(step), fixed, lexicon);
      onEpoch?.(epoch, tagger);
    }
  }
  return tagger!;
}
