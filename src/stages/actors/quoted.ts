import type { Paragraph, Token } from '../../document/types.js';

const OPEN = new Set(['“', '«', '„']);
const QUOTE_MARK = /[“”«»„"]/g;

/**
 * Marks the tokens that stand inside quotation marks, paragraph by paragraph: curly and angle
 * quotes pair by direction, straight double quotes by alternation. A quotation left open runs to
 * the end of its paragraph, as news quotes that continue in the next paragraph do.
 */
export function markQuoted(text: string, paragraphs: readonly Paragraph[], tokens: readonly Token[]): Uint8Array {
  const quoted = new Uint8Array(tokens.length);
  const regions: Array<[number, number]> = [];
  // One scan of the text for all paragraphs: a search started at each paragraph would run on to the
  // next mark, past every later paragraph when there is none (quadratic in a long article).
  let p = 0;
  let openAt = -1;
  const closeParagraph = () => {
    if (openAt >= 0) regions.push([openAt, paragraphs[p]!.end]);
    openAt = -1;
    p++;
  };
  for (const match of text.matchAll(QUOTE_MARK)) {
    while (p < paragraphs.length && match.index >= paragraphs[p]!.end) closeParagraph();
    if (p >= paragraphs.length) break;
    if (match.index < paragraphs[p]!.start) continue;
    const c = match[0];
    if (OPEN.has(c) || (c === '"' && openAt < 0)) {
      if (openAt < 0) openAt = match.index;
    } else if (openAt >= 0) {
      regions.push([openAt, match.index + 1]);
      openAt = -1;
    }
  }
  if (p < paragraphs.length) closeParagraph();
  // Regions and tokens are both in text order: one pass over each.
  let r = 0;
  for (let i = 0; i < tokens.length && r < regions.length; i++) {
    const start = tokens[i]!.start;
    while (r < regions.length && regions[r]![1] <= start) r++;
    if (r < regions.length && regions[r]![0] <= start) quoted[i] = 1;
  }
  return quoted;
}
