import type { SourceParagraph, SourceText } from '../../document/types.js';

/** A line shorter than this cannot be part of a hard-wrapped paragraph (except the last). */
const WRAP_MIN = 40;
/** A line longer than this was not hard-wrapped. */
const WRAP_MAX = 100;

/**
 * True when the lines of a block were wrapped at a fixed width, as in e-mail or wire feeds:
 * several lines, all but the last of similar, middling length, and not ending a sentence alone.
 */
function isHardWrapped(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1);
  return body.every((l) => l.length >= WRAP_MIN && l.length <= WRAP_MAX) && body.some((l) => !/[.!?:"”]$/.test(l));
}

/**
 * Splits plain text into paragraphs. Blank lines always separate paragraphs; inside a block,
 * each line is its own paragraph (news text puts one paragraph per line) unless the block was
 * hard-wrapped, when the block is one paragraph whose line breaks stay in the source text.
 * Offsets point into the normalised text, which becomes `source.text`: line endings folded to
 * `\n` and Unicode spaces (no-break, thin, ideographic ...) to plain spaces, as HTML extraction does,
 * so that the same article gives the same text whichever format it came in.
 */
export function splitTextParagraphs(content: string): SourceText {
  const text = content.replace(/\r\n?/g, '\n').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
  const paragraphs: SourceParagraph[] = [];
  const blockPattern = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  for (const block of text.matchAll(blockPattern)) {
    const blockStart = block.index;
    const lines = block[0].split('\n');
    const trimmed = lines.map((l) => l.trim());
    if (isHardWrapped(trimmed)) {
      pushTrimmed(paragraphs, text, blockStart, blockStart + block[0].length);
      continue;
    }
    let offset = blockStart;
    for (const line of lines) {
      pushTrimmed(paragraphs, text, offset, offset + line.length);
      offset += line.length + 1;
    }
  }
  return { text, paragraphs };
}

function pushTrimmed(out: SourceParagraph[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, text: text.slice(start, end) });
}
