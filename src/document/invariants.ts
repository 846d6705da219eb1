import type { ArticleDocument } from './types.js';

/** One broken invariant, with a JSON-path-like pointer to the annotation. */
export interface InvariantViolation {
  path: string;
  reason: string;
}

function isSpanLike(value: unknown): value is { start: number; end: number; text: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.start === 'number' && typeof v.end === 'number' && typeof v.text === 'string';
}

/**
 * Walks every layer of a document and checks that each span-like annotation
 * (`{start, end, text}`) lies inside the cleaned text, is well-ordered, and that its `text`
 * equals `doc.text.slice(start, end)`. Layers that point elsewhere (`source`, `removed`,
 * `offsetMap`) are checked against their own text.
 *
 * @returns the violations; an empty array means the document is sound.
 * @example
 *   expect(checkInvariants(doc)).toEqual([]);
 */
export function checkInvariants(doc: ArticleDocument): InvariantViolation[] {
  const violations: InvariantViolation[] = [];
  const text = doc.text;
  if (text === undefined) return violations;

  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (isSpanLike(value)) {
      const { start, end } = value;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
        violations.push({ path, reason: `span [${start}, ${end}) lies outside the text (length ${text.length})` });
      } else if (text.slice(start, end) !== value.text) {
        violations.push({
          path,
          reason: `text ${JSON.stringify(value.text)} differs from the slice ${JSON.stringify(text.slice(start, end))}`,
        });
      }
    }
    for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
  };

  for (const layer of ['paragraphs', 'sentences', 'tokens'] as const) visit(doc[layer], layer);
  for (const [key, layer] of Object.entries(doc)) {
    if (key.startsWith('$') || !EXTRA_SPAN_LAYERS.has(key)) continue;
    visit(layer, key);
  }

  // A caption or credit is a document of its own: its spans point into its own text.
  doc.captions?.forEach((caption, i) => {
    for (const v of checkInvariants(caption)) violations.push({ path: `captions[${i}].${v.path}`, reason: v.reason });
  });

  if (doc.source) {
    doc.source.paragraphs.forEach((p, i) => {
      if (doc.source!.text.slice(p.start, p.end) !== p.text) {
        violations.push({ path: `source.paragraphs[${i}]`, reason: 'paragraph text differs from the source slice' });
      }
    });
    doc.removed?.forEach((r, i) => {
      if (doc.source!.text.slice(r.sourceStart, r.sourceEnd) !== r.text) {
        violations.push({ path: `removed[${i}]`, reason: 'removed text differs from the source slice' });
      }
    });
    doc.captions?.forEach((caption, i) => {
      const base = caption.part?.base ?? -1;
      const captionText = caption.text ?? '';
      if (doc.source!.text.slice(base, base + captionText.length) !== captionText) {
        violations.push({ path: `captions[${i}]`, reason: 'caption text differs from the source slice at its base' });
      }
    });
    doc.offsetMap?.forEach((seg, i) => {
      const cleaned = text.slice(seg.start, seg.end);
      const original = doc.source!.text.slice(seg.sourceStart, seg.sourceStart + (seg.end - seg.start));
      if (cleaned !== original) {
        violations.push({ path: `offsetMap[${i}]`, reason: 'cleaned text does not map back to the source' });
      }
    });
  }
  return violations;
}

/**
 * Layers added by later stages that hold spans into the cleaned text. Registered by name so the
 * checker stays in one place as stages are added.
 */
const EXTRA_SPAN_LAYERS = new Set<string>(['actors', 'quotes', 'quotedPhrases', 'times', 'events']);
