/**
 * Reading and writing CoNLL-U (https://universaldependencies.org/format.html): one word a line,
 * ten tab-separated columns, sentences separated by a blank line. Multiword token ranges (`3-4`)
 * and empty nodes (`5.1`) are kept aside: the parser works on the syntactic words only.
 */

/** One sentence of syntactic words, columns as strings (`_` where the file has none). */
export interface ConlluSentence {
  /** Comment lines (`# text = ...`), verbatim. */
  comments: string[];
  words: string[];
  lemmas: string[];
  upos: string[];
  xpos: string[];
  feats: string[];
  /** Head of each word: 0 for the root, else the 1-based word number (as in the file). */
  heads: number[];
  deprels: string[];
  deps: string[];
  misc: string[];
  /** Multiword tokens: the range of word indexes (0-based, inclusive) and the surface form. */
  multiwords: Array<{ first: number; last: number; form: string; misc: string }>;
}

/** A malformed CoNLL-U line, with the 1-based line number. */
export class ConlluError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ConlluError';
  }
}

function emptySentence(): ConlluSentence {
  return {
    comments: [],
    words: [],
    lemmas: [],
    upos: [],
    xpos: [],
    feats: [],
    heads: [],
    deprels: [],
    deps: [],
    misc: [],
    multiwords: [],
  };
}

/**
 * Parses CoNLL-U text into sentences of syntactic words.
 * @throws ConlluError on a line that is not ten columns or whose ID is out of order.
 */
export function readConllu(text: string): ConlluSentence[] {
  const sentences: ConlluSentence[] = [];
  let current = emptySentence();
  const lines = text.split(/\r?\n/);
  const flush = () => {
    if (current.words.length) sentences.push(current);
    current = emptySentence();
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) {
      current.comments.push(line);
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new ConlluError(i + 1, `expected 10 tab-separated columns, found ${cols.length}`);
    const id = cols[0]!;
    if (id.includes('.')) continue;
    const range = /^(\d+)-(\d+)$/.exec(id);
    if (range) {
      current.multiwords.push({
        first: Number(range[1]) - 1,
        last: Number(range[2]) - 1,
        form: cols[1]!,
        misc: cols[9]!,
      });
      continue;
    }
    if (!/^\d+$/.test(id) || Number(id) !== current.words.length + 1) {
      throw new ConlluError(
        i + 1,
        `word ID ${JSON.stringify(id)} out of sequence (expected ${current.words.length + 1})`,
      );
    }
    current.words.push(cols[1]!);
    current.lemmas.push(cols[2]!);
    current.upos.push(cols[3]!);
    current.xpos.push(cols[4]!);
    current.feats.push(cols[5]!);
    current.heads.push(/^\d+$/.test(cols[6]!) ? Number(cols[6]) : -1);
    current.deprels.push(cols[7]!);
    current.deps.push(cols[8]!);
    current.misc.push(cols[9]!);
  }
  flush();
  return sentences;
}

/**
 * The sentence's surface text, rebuilt from its tokens and their `SpaceAfter=No` marks, with the
 * character span of each syntactic word (the words of a multiword token share its span).
 */
export function surfaceText(sentence: ConlluSentence): { text: string; spans: Array<[number, number]> } {
  const spans: Array<[number, number]> = [];
  let text = '';
  const mwt = new Map(sentence.multiwords.map((m) => [m.first, m]));
  for (let i = 0; i < sentence.words.length; i++) {
    const m = mwt.get(i);
    const form = m ? m.form : sentence.words[i]!;
    const misc = m ? m.misc : sentence.misc[i]!;
    const start = text.length;
    text += form;
    const last = m ? m.last : i;
    for (let j = i; j <= last; j++) spans.push([start, text.length]);
    i = last;
    if (!/(^|\|)SpaceAfter=No(\||$)/.test(misc)) text += ' ';
  }
  return { text: text.trimEnd(), spans };
}

/** Writes sentences back as CoNLL-U, multiword ranges included, one blank line after each. */
export function writeConllu(sentences: readonly ConlluSentence[]): string {
  const out: string[] = [];
  for (const s of sentences) {
    out.push(...s.comments);
    const mwt = new Map(s.multiwords.map((m) => [m.first, m]));
    for (let i = 0; i < s.words.length; i++) {
      const m = mwt.get(i);
      if (m) out.push(`${m.first + 1}-${m.last + 1}\t${m.form}\t_\t_\t_\t_\t_\t_\t_\t${m.misc}`);
      const head = s.heads[i]! < 0 ? '_' : String(s.heads[i]);
      out.push(
        [
          i + 1,
          s.words[i],
          s.lemmas[i],
          s.upos[i],
          s.xpos[i],
          s.feats[i],
          head,
          s.deprels[i],
          s.deps[i],
          s.misc[i],
        ].join('\t'),
      );
    }
    out.push('');
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
