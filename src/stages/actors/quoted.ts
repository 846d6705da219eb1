import type { Paragraph, Token } from '../../document/types.js';

const OPEN = new Set(['“', '«', '„']);
const CLOSE = new Set(['”', '»']);

/**
 * Marks the tokens that stand inside quotation marks, paragraph by paragraph: curly and angle
 * quotes pair by direction, straight double quotes by alternation. A quotation left open runs to
 * the end of its paragraph, as news quotes that continue in the next paragraph do.
 */
export function markQuoted(text: string, paragraphs: readonly Paragraph[], tokens: readonly Token[]): Uint8Array {
  const inside = new Uint8Array(text.length);
  for (const p of paragraphs) {
    let openAt = -1;
    for (let i = p.start; i < p.end; i++) {
      const c = text[i]!;
      if (OPEN.has(c) || (c === '"' && openAt < 0)) {
        if (openAt < 0) openAt = i;
      } else if (CLOSE.has(c) || c === '"') {
        if (openAt >= 0) inside.fill(1, openAt, i + 1);
        openAt = -1;
      }
    }
    if (openAt >= 0) inside.fill(1, openAt, p.end);
  }
  const quoted = new Uint8Array(tokens.length);
  tokens.forEach((t, i) => {
    quoted[i] = inside[t.start]!;
  });
  return quoted;
}
