import { hashString, mix } from './hash.js';

/**
 * A sentence's words turned into the integers the features are made of, computed once per
 * word: hashes of the normalised form, the exact form, affixes and shape, and wink-nlp's tag.
 */
export interface EncodedWords {
  n: number;
  /** Lower case, curly apostrophes straightened, digits as `0` ("1,500" → "0,000"). */
  norm: string[];
  form: Int32Array;
  exact: Int32Array;
  prefix: Int32Array;
  suffix2: Int32Array;
  suffix3: Int32Array;
  suffix4: Int32Array;
  prefix3: Int32Array;
  shape: Int32Array;
  wink: Int32Array;
  /** The word's class in the tag lexicon (see `TagLexicon.classOf`). */
  lexicon: Int32Array;
}

/**
 * A lexicon of the Penn tags English words can take, kept as one class per word (the set of its
 * tags): it tells the tagger what a word the treebank never saw can be. Words are looked up by
 * the hash of their exact form, so the table is two typed arrays that load without parsing.
 */
export class TagLexicon {
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * @param classes the tag sets, each tags joined by a space ("NN VB").
   * @param keys `hashString` of each word as written.
   * @param ids the index in `classes` of each word's tag set.
   */
  constructor(
    readonly classes: readonly string[],
    readonly keys: Uint32Array,
    readonly ids: Uint16Array,
  ) {
    let cap = 1024;
    while (cap * 0.5 < keys.length) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    for (let f = 0; f < keys.length; f++) {
      const key = keys[f]! | 0 || 1;
      let i = key & this.mask;
      while (this.slots[i * 2] !== 0) i = (i + 1) & this.mask;
      this.slots[i * 2] = key;
      this.slots[i * 2 + 1] = ids[f]! + 1;
    }
  }

  /** Builds the lexicon from word → tags (classes numbered by descending frequency). */
  static fromEntries(entries: Record<string, readonly string[]>): TagLexicon {
    const words = Object.keys(entries).sort();
    const counts = new Map<string, number>();
    for (const w of words) {
      const c = entries[w]!.join(' ');
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const classes = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
    const index = new Map(classes.map((c, i) => [c, i]));
    return new TagLexicon(
      classes,
      Uint32Array.from(words, (w) => hashString(w)),
      Uint16Array.from(words, (w) => index.get(entries[w]!.join(' '))!),
    );
  }

  private find(key: number): number {
    key = key | 0 || 1;
    let i = key & this.mask;
    for (;;) {
      const k = this.slots[i * 2]!;
      if (k === key) return this.slots[i * 2 + 1]!;
      if (k === 0) return 0;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * The word's class: 1 + the index of its tag set as written, else (the lower-case form's)
   * 0x10000 + that, else 0: "Will" at a sentence start is not the verb "will" for sure.
   */
  classOf(exactHash: number, normHash: number): number {
    const own = this.find(exactHash);
    if (own) return own;
    const lower = this.find(normHash);
    return lower ? 0x10000 + lower : 0;
  }
}

/** The normalised form of a word, as the features and the lemma table see it. */
export function normaliseWord(word: string): string {
  return word
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase()
    .replace(/[0-9]/g, '0');
}

/** The word's shape: letters as X/x, digits as d, runs longer than two cut to two ("McCain" → "XxXx"). */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const c = /[A-Z]/.test(ch) ? 'X' : /[a-z]/.test(ch) ? 'x' : /[0-9]/.test(ch) ? 'd' : /\p{L}/u.test(ch) ? 'l' : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 2) out += c;
  }
  return out;
}

/**
 * Encodes the words of one sentence.
 * @param wink wink-nlp's tag of each word, or null where there is none (then one constant).
 * @param lexicon the tag lexicon, or null (every word then has class 0).
 */
export function encodeWords(
  words: readonly string[],
  wink: readonly string[] | null,
  lexicon: TagLexicon | null,
): EncodedWords {
  const n = words.length;
  const enc: EncodedWords = {
    n,
    norm: new Array<string>(n),
    form: new Int32Array(n),
    exact: new Int32Array(n),
    prefix: new Int32Array(n),
    suffix2: new Int32Array(n),
    suffix3: new Int32Array(n),
    suffix4: new Int32Array(n),
    prefix3: new Int32Array(n),
    shape: new Int32Array(n),
    wink: new Int32Array(n),
    lexicon: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    const norm = normaliseWord(word);
    enc.norm[i] = norm;
    enc.form[i] = hashString(norm);
    enc.exact[i] = hashString(word);
    enc.prefix[i] = mix(1, hashString(norm.slice(0, 1)));
    enc.suffix2[i] = mix(2, hashString(norm.slice(-2)));
    enc.suffix3[i] = mix(3, hashString(norm.slice(-3)));
    enc.suffix4[i] = mix(4, hashString(norm.slice(-4)));
    enc.prefix3[i] = mix(5, hashString(norm.slice(0, 3)));
    enc.shape[i] = hashString(wordShape(word));
    enc.wink[i] = hashString(wink?.[i] ?? '');
    if (lexicon) enc.lexicon[i] = lexicon.classOf(enc.exact[i]!, hashString(word.toLowerCase()));
  }
  return enc;
}
