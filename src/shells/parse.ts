import { existsSync, readFileSync } from 'node:fs';
import type { ArticleDocument } from '../document/types.js';
import {
  ConlluError,
  getSyntaxModel,
  parseConlluSentence,
  readConllu,
  writeConllu,
  type ConlluSentence,
} from '../nlp/syntax/index.js';
import { fatal } from '../pipeline/errors.js';

/** Options of `dyad parse`. */
export interface ParseOptions {
  /** The file is raw text, tokenised and split into sentences as the pipeline does. */
  text?: boolean;
}

function readInput(path: string): string {
  if (!existsSync(path)) throw fatal('parse', 'parse/no-input', `${path}: no such file`);
  return readFileSync(path, 'utf8');
}

/**
 * `dyad parse FILE.conllu`: keeps the file's words (multiword ranges and empty nodes are not
 * parsed; ranges are written back as they were), ignores its gold columns, and returns CoNLL-U
 * with predicted LEMMA, UPOS, HEAD and DEPREL. `--text`: the file is raw text, read by the
 * pipeline up to the `syntax` stage, one CoNLL-U sentence per pipeline sentence.
 * @throws DyadError naming the file when it is missing or not valid CoNLL-U.
 */
export async function runParse(path: string, options: ParseOptions = {}): Promise<string> {
  const content = readInput(path);
  if (options.text) return parseText(path, content);
  let sentences: ConlluSentence[];
  try {
    sentences = readConllu(content);
  } catch (error) {
    if (error instanceof ConlluError)
      throw fatal('parse', 'parse/bad-conllu', `${path}:${error.line}: ${error.message.replace(/^line \d+: /, '')}`);
    throw error;
  }
  const model = getSyntaxModel();
  return writeConllu(sentences.map((s) => parseConlluSentence(model, s)));
}

async function parseText(path: string, content: string): Promise<string> {
  const { createEngine } = await import('../engine.js');
  const doc = createEngine({ until: 'syntax' }).process({ origin: { source: path }, format: 'text', content });
  return writeConllu(toConllu(doc));
}

/** The pipeline's sentences as CoNLL-U: wink's tokens as words, wink's lemmas, Dyad's tags and arcs. */
export function toConllu(doc: ArticleDocument): ConlluSentence[] {
  const tokens = doc.tokens ?? [];
  const syntax = doc.syntax;
  return (doc.sentences ?? []).map((sentence, index) => {
    const range = tokens.slice(sentence.tokenStart, sentence.tokenEnd);
    const n = range.length;
    const blank = () => new Array<string>(n).fill('_');
    return {
      comments: [`# sent_id = ${index + 1}`, `# text = ${sentence.text.replace(/\s+/g, ' ')}`],
      words: range.map((t) => t.text),
      lemmas: range.map((t) => t.lemma),
      upos: range.map((t, i) => syntax?.upos[sentence.tokenStart + i] ?? t.pos),
      xpos: blank(),
      feats: blank(),
      heads: range.map((_, i) => {
        const h = syntax?.heads[sentence.tokenStart + i] ?? -2;
        return h === -2 ? -1 : h < 0 ? 0 : h - sentence.tokenStart + 1;
      }),
      deprels: range.map((_, i) => syntax?.deprels[sentence.tokenStart + i] ?? '_'),
      deps: blank(),
      misc: range.map((t, i) => (i + 1 < n && range[i + 1]!.start === t.end ? 'SpaceAfter=No' : '_')),
      multiwords: [],
    };
  });
}
