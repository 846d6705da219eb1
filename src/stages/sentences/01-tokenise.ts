import type { Paragraph, Sentence, Token } from '../../document/types.js';
import type { StageContext } from '../../pipeline/context.js';
import { getNlp } from '../../nlp/wink.js';

/** A sentence as wink-nlp found it: token range into the paragraph's tokens. */
export interface RawSentence {
  paragraph: number;
  tokenStart: number;
  tokenEnd: number;
}

/**
 * Runs wink-nlp over each paragraph separately, so no sentence ever crosses a paragraph break,
 * and turns its tokens into spans of the cleaned text by finding each token's surface form at
 * or after the previous token's end.
 */
export function tokenise(text: string, paragraphs: readonly Paragraph[], ctx: StageContext): { tokens: Token[]; sentences: RawSentence[] } {
  const nlp = getNlp();
  const its = nlp.its;
  const tokens: Token[] = [];
  const sentences: RawSentence[] = [];
  paragraphs.forEach((paragraph, pIndex) => {
    const doc = nlp.readDoc(paragraph.text);
    const values = doc.tokens().out(its.value) as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    // wink's typings do not accept `its.lemma` for tokens, though the library supports it.
    const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
    const firstToken = tokens.length;
    const localToGlobal: number[] = [];
    let cursor = paragraph.start;
    values.forEach((value, i) => {
      const at = text.indexOf(value, cursor);
      // wink keeps tokens verbatim; a token it rewrote cannot be placed, so it is dropped with a note.
      if (at < 0 || at >= paragraph.end) {
        ctx.report('info', 'sentences/unplaced-token', `token ${JSON.stringify(value)} not found in the text`, { start: cursor, end: cursor });
        localToGlobal.push(tokens.length);
        return;
      }
      localToGlobal.push(tokens.length);
      tokens.push({ start: at, end: at + value.length, text: value, pos: pos[i] ?? 'X', lemma: lemmas[i] ?? value.toLowerCase() });
      cursor = at + value.length;
    });
    localToGlobal.push(tokens.length);
    doc.sentences().each((s: { out(f: unknown): unknown }) => {
      const [first, last] = s.out(its.span) as unknown as [number, number];
      const tokenStart = localToGlobal[first] ?? firstToken;
      const tokenEnd = localToGlobal[last + 1] ?? tokens.length;
      if (tokenEnd > tokenStart) sentences.push({ paragraph: pIndex, tokenStart, tokenEnd });
    });
  });
  return { tokens, sentences };
}

/** Builds the sentence spans from token ranges. */
export function toSentences(text: string, raw: readonly RawSentence[], tokens: readonly Token[]): Sentence[] {
  return raw.map((s) => {
    const start = tokens[s.tokenStart]!.start;
    const end = tokens[s.tokenEnd - 1]!.end;
    return { start, end, text: text.slice(start, end), paragraph: s.paragraph, tokenStart: s.tokenStart, tokenEnd: s.tokenEnd };
  });
}
