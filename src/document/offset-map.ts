import type { OffsetSegment } from './types.js';

/**
 * Builds the cleaned text from pieces of the source text, recording where each piece came from.
 * Cleaning only copies source slices and joins them with separators, so a segment per piece
 * is a complete map back to the source.
 */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly segments: OffsetSegment[] = [];

  /** Appends `source.slice(sourceStart, sourceEnd)`; returns its span in the cleaned text. */
  copy(source: string, sourceStart: number, sourceEnd: number): { start: number; end: number } {
    const piece = source.slice(sourceStart, sourceEnd);
    const start = this.length;
    this.parts.push(piece);
    this.length += piece.length;
    if (piece.length > 0) this.segments.push({ start, end: this.length, sourceStart });
    return { start, end: this.length };
  }

  /** Appends text that has no source (paragraph separators). */
  separator(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/**
 * Maps an offset in the cleaned text back to the source text.
 * @returns the source offset, or null when the offset falls in a separator the cleaner added.
 */
export function toSourceOffset(map: readonly OffsetSegment[], offset: number): number | null {
  let lo = 0;
  let hi = map.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const seg = map[mid]!;
    if (offset < seg.start) hi = mid - 1;
    else if (offset >= seg.end) lo = mid + 1;
    else return seg.sourceStart + (offset - seg.start);
  }
  return null;
}
