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
 */
export function encodeWords(words: readonly string[], wink: readonly string[] | null): EncodedWords {
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
  }
  return enc;
}
