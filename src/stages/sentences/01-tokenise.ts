import type { Paragraph, Sentence, Token } from '../../document/types.js';
import type { StageContext } from '../../pipeline/context.js';
import { getNlp } from '../../nlp/wink.js';

/** A sentence as a range of tokens, before its span is built. */
export interface RawSentence {
  paragraph: number;
  tokenStart: number;
  tokenEnd: number;
}

/**
 * Runs wink-nlp once over the whole cleaned text (one call is several times faster than one per
 * paragraph) and turns its tokens into spans by finding each token's surface form at or after
 * the previous token's end. Paragraphs are separated by a blank line, where wink-nlp already
 * ends sentences; `splitAtParagraphs` makes sure of it.
 */
export function tokenise(
  text: string,
  ctx: StageContext,
): { tokens: Token[]; sentences: Array<{ tokenStart: number; tokenEnd: number }> } {
  const nlp = getNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  // wink's typings do not accept `its.lemma` for tokens, though the library supports it.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const tokens: Token[] = [];
  // wink token index → index in `tokens` (they differ only if a token cannot be placed). A typed
  // array: a plain one this size was allocated straight into V8's old generation (pretenured).
  const placed = new Int32Array(values.length + 1);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    placed[i] = tokens.length;
    // wink makes a token of a line break after a sentence with no final stop; it is not a word.
    if (value.trim() === '') continue;
    const at = text.indexOf(value, cursor);
    // wink keeps tokens verbatim; one it rewrote cannot be placed, so it is left out with a note.
    if (at < 0) {
      ctx.report('info', 'sentences/unplaced-token', `token ${JSON.stringify(value)} not found in the text`, {
        start: cursor,
        end: cursor,
      });
      continue;
    }
    tokens.push({
      start: at,
      end: at + value.length,
      text: value,
      pos: pos[i] ?? 'X',
      lemma: lemmas[i] ?? value.toLowerCase(),
    });
    cursor = at + value.length;
  }
  placed[values.length] = tokens.length;
  const sentences: Array<{ tokenStart: number; tokenEnd: number }> = [];
  doc.sentences().each((s: { out(f: unknown): unknown }) => {
    const [first, last] = s.out(its.span) as [number, number];
    const tokenStart = placed[first]!;
    const tokenEnd = placed[last + 1]!;
    if (tokenEnd > tokenStart) sentences.push({ tokenStart, tokenEnd });
  });
  return { tokens, sentences };
}

/** Splits any sentence that crosses a paragraph break, and labels each with its paragraph. */
export function splitAtParagraphs(
  sentences: ReadonlyArray<{ tokenStart: number; tokenEnd: number }>,
  tokens: readonly Token[],
  paragraphs: readonly Paragraph[],
): RawSentence[] {
  const out: RawSentence[] = [];
  let p = 0;
  for (const s of sentences) {
    let start = s.tokenStart;
    for (let t = s.tokenStart; t < s.tokenEnd; t++) {
      while (p < paragraphs.length - 1 && tokens[t]!.start >= paragraphs[p]!.end) p++;
      if (t > start && tokens[t - 1]!.start < paragraphs[p]!.start) {
        out.push({ paragraph: p - 1, tokenStart: start, tokenEnd: t });
        start = t;
      }
    }
    out.push({ paragraph: p, tokenStart: start, tokenEnd: s.tokenEnd });
  }
  return out;
}

/**
 * Builds the sentence spans from token ranges. A loop, not `map`: the layer is read by every later
 * stage, and arrays from a `map` that TurboFan has inlined are holey, a second shape on which each
 * optimised reader deoptimises (about 2,000 articles into a run).
 */
export function toSentences(text: string, raw: readonly RawSentence[], tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const s of raw) {
    const start = tokens[s.tokenStart]!.start;
    const end = tokens[s.tokenEnd - 1]!.end;
    sentences.push({
      start,
      end,
      text: text.slice(start, end),
      paragraph: s.paragraph,
      tokenStart: s.tokenStart,
      tokenEnd: s.tokenEnd,
    });
  }
  return sentences;
}
