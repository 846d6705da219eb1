import { TextBuilder } from '../../document/offset-map.js';
import type { OffsetSegment, Paragraph, Removed } from '../../document/types.js';
import type { CleanState } from './state.js';

/** The cleaned text and what was taken out of it. */
export interface BuiltText {
  text: string;
  paragraphs: Paragraph[];
  removed: Removed[];
  offsetMap: OffsetSegment[];
}

/**
 * Joins the body paragraphs with blank lines into the cleaned text, copying each word for word
 * (a hard-wrapped paragraph's lines are joined with spaces), and lists every removal with its
 * offsets in the source text.
 */
export function buildText(state: CleanState): BuiltText {
  const builder = new TextBuilder();
  const paragraphs: Paragraph[] = [];
  const removed: Removed[] = [];
  const source = state.sourceText;
  for (const p of state.paragraphs) {
    if (p.removed) {
      removed.push({
        kind: p.removed.kind,
        rule: p.removed.rule,
        text: p.text,
        sourceStart: p.start,
        sourceEnd: p.end,
      });
      continue;
    }
    let start = p.start;
    if (p.strip) {
      const end = p.start + p.strip.length;
      removed.push({
        kind: p.strip.kind,
        rule: p.strip.rule,
        text: source.slice(start, end),
        sourceStart: start,
        sourceEnd: end,
      });
      start = end;
    }
    if (paragraphs.length) builder.separator('\n\n');
    let first: number | null = null;
    let last = 0;
    // Copy line by line so that line breaks inside a hard-wrapped paragraph become spaces.
    const lines = /\n/.test(source.slice(start, p.end))
      ? source.slice(start, p.end).split('\n')
      : [source.slice(start, p.end)];
    let offset = start;
    lines.forEach((line, i) => {
      const lead = line.length - line.trimStart().length;
      const body = line.trim();
      if (body) {
        if (first !== null) builder.separator(' ');
        const span = builder.copy(source, offset + lead, offset + lead + body.length);
        first ??= span.start;
        last = span.end;
      }
      offset += line.length + (i < lines.length - 1 ? 1 : 0);
    });
    if (first !== null) paragraphs.push({ start: first, end: last, text: '' });
  }
  const text = builder.toString();
  for (const p of paragraphs) p.text = text.slice(p.start, p.end);
  return { text, paragraphs, removed, offsetMap: builder.segments };
}
