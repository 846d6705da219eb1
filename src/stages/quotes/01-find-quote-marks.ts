import type { Paragraph } from '../../document/types.js';
import type { StageContext } from '../../pipeline/context.js';

/** A stretch of text between quotation marks. */
export interface MarkedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or null when the paragraph ends first. */
  close: number | null;
  contentStart: number;
  contentEnd: number;
  paragraph: number;
  /** Double marks (“ ” " « » „) carry speech; single marks (‘ ’ ') mostly scare quotes or nesting. */
  double: boolean;
  /** The quotation it continues: a paragraph that opened a quote without closing it, then this one. */
  continues?: MarkedSpan;
}

const DOUBLE_OPEN = new Set(['“', '«', '„']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const LETTER = /[\p{L}\p{N}]/u;
const DIGIT = /\d/;
const DOUBLE_MARK = /[“”«»„"]/g;
const SINGLE_MARK = /[‘’']/g;

/** True when `i` starts a word-initial single quote: after a space, a bracket, a dash or a double quote. */
function opensSingle(text: string, i: number, start: number): boolean {
  const before = i > start ? text[i - 1]! : ' ';
  const after = text[i + 1] ?? ' ';
  return !LETTER.test(before) && LETTER.test(after);
}

/** True when `i` ends a single quote rather than standing as an apostrophe ("Korea’s"). */
function closesSingle(text: string, i: number, end: number): boolean {
  const before = text[i - 1] ?? ' ';
  const after = i + 1 < end ? text[i + 1]! : ' ';
  return !LETTER.test(after) && /[\p{L}\p{N}.,!?…]/u.test(before);
}

/**
 * Finds quotation marks paragraph by paragraph and pairs them: curly and angle double quotes by
 * direction, straight double quotes by alternation (one right after a digit, an inch mark, never
 * opens), single quotes only where they open at a word's start and close at a word's end (so
 * apostrophes are not quotes). A quote left open at the end of a paragraph runs to its end; if the
 * next paragraph opens a quote, that quote continues it (the news convention for quotes over
 * several paragraphs); otherwise a warning is reported.
 */
export function findQuoteMarks(text: string, paragraphs: readonly Paragraph[], ctx: StageContext): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  let carried: MarkedSpan | null = null;
  paragraphs.forEach((p, index) => {
    let open: number | null = null;
    const first = spans.length;
    DOUBLE_MARK.lastIndex = p.start;
    // Only the marks are visited, not every character.
    for (let m = DOUBLE_MARK.exec(text); m && m.index < p.end; m = DOUBLE_MARK.exec(text)) {
      const i = m.index;
      const c = m[0];
      // A straight mark right after a digit opens nothing: it is an inch mark ('a 15" display').
      const opening = DOUBLE_OPEN.has(c) || (c === '"' && open === null && !(i > p.start && DIGIT.test(text[i - 1]!)));
      const closing = DOUBLE_CLOSE.has(c) || (c === '"' && open !== null);
      if (opening && open === null) open = i;
      else if (closing && open !== null) {
        spans.push({ open, close: i, contentStart: open + 1, contentEnd: i, paragraph: index, double: true });
        open = null;
      }
    }
    const opensHere = open !== null;
    if (open !== null)
      spans.push({ open, close: null, contentStart: open + 1, contentEnd: p.end, paragraph: index, double: true });
    // A quotation carried from the paragraph before continues in the first quote of this one.
    const firstHere = spans[first];
    if (carried && firstHere && firstHere.open - p.start <= 1) firstHere.continues = carried;
    else if (carried) {
      ctx.report(
        'warning',
        'quotes/unclosed-mark',
        `a quotation mark opened here is never closed; the quote is taken to run to the end of its paragraph`,
        { start: carried.open, end: carried.open + 1 },
      );
    }
    carried = opensHere ? spans[spans.length - 1]! : null;
    // Single quotes, outside double-quoted spans of this paragraph.
    const doubles = spans.slice(first);
    const insideDouble = (i: number) => doubles.some((d) => i > d.open && i < (d.close ?? p.end));
    let singleOpen: number | null = null;
    SINGLE_MARK.lastIndex = p.start;
    for (let m = SINGLE_MARK.exec(text); m && m.index < p.end; m = SINGLE_MARK.exec(text)) {
      const i = m.index;
      const c = m[0];
      if (singleOpen === null) {
        if ((c === '‘' || c === "'") && opensSingle(text, i, p.start)) singleOpen = i;
      } else if ((c === '’' || c === "'") && closesSingle(text, i, p.end)) {
        if (!insideDouble(singleOpen))
          spans.push({
            open: singleOpen,
            close: i,
            contentStart: singleOpen + 1,
            contentEnd: i,
            paragraph: index,
            double: false,
          });
        singleOpen = null;
      }
    }
  });
  if (carried) {
    const last = carried as MarkedSpan;
    ctx.report(
      'warning',
      'quotes/unclosed-mark',
      'a quotation mark opened here is never closed; the quote is taken to run to the end of its paragraph',
      { start: last.open, end: last.open + 1 },
    );
  }
  return spans.sort((a, b) => a.open - b.open);
}
