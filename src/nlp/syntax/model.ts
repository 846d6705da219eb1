import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fatal } from '../../pipeline/errors.js';
import { hashString } from './hash.js';
import { LABEL_FEATURES, Parser } from './parser.js';
import { FrozenTable, HashedTable, type WeightTable } from './tables.js';
import { Tagger } from './tagger.js';
import { encodeWords, normaliseWord, TagLexicon } from './words.js';

/** The shipped model, relative to the repository (or package) root. */
export const MODEL_FILE = join('data', 'syntax', 'en-ewt.model');
/** Default location of the shipped model. */
export const DEFAULT_MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', MODEL_FILE);

const MAGIC = 'DYADSYN1';
/** Words whose lemma a model remembers per tag (see `SyntaxModel.lemmaCache`). */
const LEMMA_CACHE_SIZE = 10_000;

/** The analysis of one sentence's words. */
export interface WordAnalysis {
  /** Universal POS tag of each word. */
  upos: string[];
  /** Head of each word: -1 for the root, else the 0-based index of the head word. */
  heads: Int32Array;
  /** Universal Dependencies relation of each word, subtype included (`nsubj:pass`). */
  deprels: string[];
  lemmas: string[];
}

/** What the model file's header records besides the weight tables. */
interface Header {
  tagset: string[];
  labels: string[];
  /** `lowercase word \t UPOS` → lemma, where the lemma is not the default one. */
  lemmas: Record<string, string>;
  /**
   * The weight tables in file order: keyed ones (`count` keys, `entries` packed weights, then
   * `count` run lengths) or hash kernels (`bits` set: `2^bits` rows of 16-bit weights, then the
   * 2 MiB bitmap of features seen in training when `seen`).
   */
  tables: Array<{
    name: string;
    classes: number;
    scale: number;
    count?: number;
    entries?: number;
    bits?: number;
    seen?: boolean;
  }>;
  /** How many features the parser's relation tables read (39 when absent: older files). */
  labelFeatures?: number;
  /** Words the tagger tags without scoring (word as written → tag id); absent in older models. */
  fixedTags?: Record<string, number>;
  /** The tagger's tag lexicon: its tag sets, and how many words follow the tables; absent in older models. */
  lexicon?: { classes: string[]; count: number };
  /** How it was trained and how it scored on dev, for the record. */
  provenance: Record<string, unknown>;
}

/**
 * A trained tagger and parser with its lemma table: UD words in, tags, heads, relations and
 * lemmas out. Stateless between calls; one instance serves a whole process.
 */
export class SyntaxModel {
  private readonly lemmaTable: Map<string, string>;

  constructor(
    readonly tagger: Tagger,
    readonly parser: Parser,
    lemmas: Record<string, string>,
    readonly provenance: Record<string, unknown> = {},
  ) {
    this.lemmaTable = new Map(Object.entries(lemmas));
    this.uposOf = tagger.tagset.map((t) => t.split('|')[0]!);
    this.lemmaCache = tagger.tagset.map(() => new Map());
  }

  /** The tagger's tags are `UPOS|XPOS` pairs; this is the UPOS of each. */
  private readonly uposOf: string[];
  /**
   * Per tag id, word → its lemma and the lemma's hash as the parser reads it: both depend on
   * the word and tag alone, and news repeats its words. Each map is emptied when it grows past
   * `LEMMA_CACHE_SIZE`, so a long-running process keeps a bounded cache.
   */
  private readonly lemmaCache: Array<Map<string, { lemma: string; hash: number }>>;

  /** The lemma of a word with a tag id, and its hash (see `lemmaCache`). */
  private cachedLemma(word: string, tag: number): { lemma: string; hash: number } {
    const cache = this.lemmaCache[tag]!;
    let known = cache.get(word);
    if (!known) {
      const lemma = this.lemma(word, this.uposOf[tag]!);
      known = { lemma, hash: hashString(normaliseWord(lemma)) };
      if (cache.size >= LEMMA_CACHE_SIZE) cache.clear();
      cache.set(word, known);
    }
    return known;
  }

  /** The lemma of a word with its tag (see `lemmaOf`). */
  lemma(word: string, upos: string): string {
    return lemmaOf(this.lemmaTable, word, upos);
  }

  /**
   * Tags and parses one sentence of UD-style words.
   * @param wink wink-nlp's tag of each word (one more feature of the tagger), or null.
   */
  analyse(words: readonly string[], wink: readonly string[] | null): WordAnalysis {
    return this.analyseAll([{ words, wink }])[0]!;
  }

  /**
   * Tags and parses several sentences: all are tagged first, then all parsed, so that the
   * tagger's and the parser's weight tables are not evicting each other from cache at every
   * sentence (the answers are those of `analyse`, sentence by sentence).
   */
  analyseAll(sentences: ReadonlyArray<{ words: readonly string[]; wink: readonly string[] | null }>): WordAnalysis[] {
    const tagged = sentences.map(({ words, wink }) => {
      const encoded = encodeWords(words, wink, this.tagger.lexicon);
      return { encoded, tagIds: this.tagger.tag(encoded) };
    });
    return sentences.map(({ words }, i) => {
      const { encoded, tagIds } = tagged[i]!;
      const n = words.length;
      const upos = new Array<string>(n);
      const lemmas = new Array<string>(n);
      const lemma = new Int32Array(n);
      for (let j = 0; j < n; j++) {
        const known = this.cachedLemma(words[j]!, tagIds[j]!);
        upos[j] = this.uposOf[tagIds[j]!]!;
        lemmas[j] = known.lemma;
        lemma[j] = known.hash;
      }
      const parse = this.parser.parse({
        n: words.length,
        form: encoded.form,
        tag: tagIds,
        lemma,
        suffix: encoded.suffix3,
        wink: encoded.wink,
      });
      const deprels = Array.from(parse.labels, (l) => this.parser.labels[l]!);
      markAgents(words, parse.heads, deprels);
      return { upos, heads: parse.heads, deprels, lemmas };
    });
  }

  /** The model as one binary file: magic, header length, checksum, JSON header, weight tables. */
  serialise(): Uint8Array {
    const tables: Array<[string, WeightTable]> = [
      ['tagger', this.tagger.table],
      ['actions', this.parser.actions],
      ['left', this.parser.left],
      ['right', this.parser.right],
    ];
    const partsOf = (t: WeightTable): ArrayBufferView[] =>
      t instanceof HashedTable
        ? t.seen
          ? [t.weights, t.seen]
          : [t.weights]
        : t instanceof FrozenTable
          ? [t.keys, t.entries, t.lens]
          : [];
    const lexicon = this.tagger.lexicon;
    const header: Header = {
      tagset: [...this.tagger.tagset],
      labels: [...this.parser.labels],
      lemmas: Object.fromEntries(this.lemmaTable),
      tables: tables.map(([name, t]) => {
        if (t instanceof HashedTable)
          return { name, classes: t.classes, scale: t.scale, bits: t.bits, ...(t.seen ? { seen: true } : {}) };
        if (t instanceof FrozenTable)
          return { name, classes: t.classes, scale: t.scale, count: t.keys.length, entries: t.entries.length };
        throw new Error(`table ${name}: no file format for this kind of table`);
      }),
      labelFeatures: this.parser.labelFeatures,
      provenance: this.provenance,
      fixedTags: { ...this.tagger.fixed },
      ...(lexicon ? { lexicon: { classes: [...lexicon.classes], count: lexicon.keys.length } } : {}),
    };
    const json = new TextEncoder().encode(JSON.stringify(header));
    const pad4 = (n: number) => (n + 3) & ~3;
    let size = 16 + pad4(json.length);
    const sections = tables.flatMap(([, t]) => partsOf(t));
    for (const part of sections) size += pad4(part.byteLength);
    if (lexicon) size += lexicon.keys.byteLength + pad4(lexicon.ids.byteLength);
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    bytes.set(new TextEncoder().encode(MAGIC), 0);
    view.setUint32(8, json.length, true);
    bytes.set(json, 16);
    let at = 16 + pad4(json.length);
    for (const part of sections) {
      bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
      at += pad4(part.byteLength);
    }
    if (lexicon) {
      for (const part of [lexicon.keys, lexicon.ids]) {
        bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
        at += pad4(part.byteLength);
      }
    }
    view.setUint32(12, checksum(bytes, 16), true);
    return bytes;
  }

  /**
   * Reads a model from the bytes `serialise` wrote.
   * @throws Error saying what is wrong (bad magic, checksum, truncated table).
   */
  static deserialise(bytes: Uint8Array): SyntaxModel {
    if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
      throw new Error('not a Dyad syntax model (bad magic number)');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const jsonLength = view.getUint32(8, true);
    if (checksum(bytes, 16) !== view.getUint32(12, true))
      throw new Error('checksum mismatch (truncated or damaged file)');
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonLength))) as Header;
    const pad4 = (n: number) => (n + 3) & ~3;
    let at = bytes.byteOffset + 16 + pad4(jsonLength);
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    const base = aligned === bytes ? 0 : -bytes.byteOffset;
    const tables = new Map<string, WeightTable>();
    for (const t of header.tables) {
      if (t.bits !== undefined) {
        const length = (1 << t.bits) * HashedTable.rowWidth(t.classes);
        const weights = new Int16Array(aligned.buffer, at + base, length);
        at += pad4(length * 2);
        const seen = t.seen ? new Int32Array(aligned.buffer, at + base, HashedTable.SEEN_WORDS) : null;
        if (seen) at += seen.byteLength;
        tables.set(t.name, new HashedTable(t.classes, t.bits, t.scale, weights, seen));
        continue;
      }
      const count = t.count ?? 0;
      const keys = new Uint32Array(aligned.buffer, at + base, count);
      at += count * 4;
      const entries = new Int32Array(aligned.buffer, at + base, t.entries ?? 0);
      at += (t.entries ?? 0) * 4;
      const lens = new Uint8Array(aligned.buffer, at + base, count);
      at += pad4(count);
      tables.set(t.name, new FrozenTable(t.classes, t.scale, keys, lens, entries));
    }
    const table = (name: string): WeightTable => {
      const t = tables.get(name);
      if (!t) throw new Error(`no ${name} table`);
      return t;
    };
    let lexicon: TagLexicon | null = null;
    if (header.lexicon) {
      const count = header.lexicon.count;
      const keys = new Uint32Array(aligned.buffer, at + base, count);
      at += count * 4;
      const ids = new Uint16Array(aligned.buffer, at + base, count);
      lexicon = new TagLexicon(header.lexicon.classes, keys, ids);
    }
    const taggerTable = table('tagger');
    if (!(taggerTable instanceof FrozenTable)) throw new Error('the tagger table is not a keyed table');
    const tagger = new Tagger(header.tagset, taggerTable, header.fixedTags ?? {}, lexicon);
    const parser = new Parser(
      header.labels,
      table('actions'),
      table('left'),
      table('right'),
      header.labelFeatures ?? LABEL_FEATURES,
    );
    return new SyntaxModel(tagger, parser, header.lemmas, header.provenance);
  }
}

/**
 * The lemma of a word with its UPOS tag: the treebank's most frequent one for that lower-case
 * word and tag when the table has it, else the word itself (lower case, except proper nouns).
 */
export function lemmaOf(table: ReadonlyMap<string, string>, word: string, upos: string): string {
  const lower = word.replace(/[\u2018\u2019]/g, "'").toLowerCase();
  return table.get(`${lower}\t${upos}`) ?? (upos === 'PROPN' ? word : lower);
}

/**
 * A refiner after the parser: an `obl` introduced by "by" on a passive verb (one with an
 * `aux:pass` or `nsubj:pass` dependent) is its agent, `obl:agent`, as UD English annotates it.
 * The relation tables see too few agents to tell them from other `obl` reliably.
 */
export function markAgents(words: readonly string[], heads: Int32Array, deprels: string[]): void {
  const passive = new Uint8Array(words.length);
  for (let i = 0; i < words.length; i++)
    if ((deprels[i] === 'aux:pass' || deprels[i] === 'nsubj:pass') && heads[i]! >= 0) passive[heads[i]!] = 1;
  const byCase = new Uint8Array(words.length);
  for (let i = 0; i < words.length; i++)
    if (deprels[i] === 'case' && heads[i]! >= 0 && words[i]!.toLowerCase() === 'by') byCase[heads[i]!] = 1;
  for (let i = 0; i < words.length; i++)
    if (deprels[i] === 'obl' && byCase[i] && passive[heads[i]!]) deprels[i] = 'obl:agent';
}

/** A checksum over the file after its first 16 bytes (a multiply-xor over 32-bit words). */
function checksum(bytes: Uint8Array, from: number): number {
  let h = 0x811c9dc5;
  const words = Math.floor((bytes.length - from) / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset + from, words * 4);
  for (let i = 0; i < words; i++) h = Math.imul(h ^ view.getUint32(i * 4, true), 0x01000193);
  for (let i = from + words * 4; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

const loaded = new Map<string, SyntaxModel>();

/**
 * The syntax model, read once per process (and per worker thread) on first use, then shared.
 * @throws DyadError (rule `syntax/model-missing` or `syntax/model-corrupt`) naming the file.
 */
export function getSyntaxModel(path = DEFAULT_MODEL_PATH): SyntaxModel {
  const cached = loaded.get(path);
  if (cached) return cached;
  if (!existsSync(path)) {
    throw fatal(
      'syntax',
      'syntax/model-missing',
      `syntax model ${path} not found (train it with: npm run train:parser)`,
    );
  }
  let model: SyntaxModel;
  try {
    model = SyntaxModel.deserialise(readFileSync(path));
  } catch (error) {
    throw fatal('syntax', 'syntax/model-corrupt', `syntax model ${path} cannot be read: ${(error as Error).message}`);
  }
  loaded.set(path, model);
  return model;
}
