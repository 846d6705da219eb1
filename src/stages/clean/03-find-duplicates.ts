import { bodyParagraphs, remove, type CleanStep } from './state.js';

/** Paragraphs shorter than this many words may repeat naturally ("He declined."), so they stay. */
const MIN_WORDS = 5;

/** Folds what a repeated pull-quote may change: quotation marks, dashes, case and spacing. */
export function duplicateKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u0022\u0027\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a`´]/g, '')
    .replace(/[\u2010-\u2015-]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A paragraph that is nothing but one quotation, as pull-quotes are set. */
const WHOLLY_QUOTED = /^["“”„«‘’'][^"“”„«»]+["“”»‘’']$/;

/**
 * Removes body paragraphs that repeat an earlier one (a repeated pull-quote paragraph), even
 * with other quotation marks, and pull-quotes set apart as a paragraph of their own whose words
 * also stand inside a longer body paragraph.
 */
export const findDuplicates: CleanStep = (state) => {
  const body = bodyParagraphs(state).map(([p]) => p);
  const seen = new Set<string>();
  for (const p of body) {
    if (p.text.split(/\s+/).length < MIN_WORDS) continue;
    const key = duplicateKey(p.text);
    if (seen.has(key)) remove(p, 'duplicate', 'clean/duplicate-paragraph');
    else seen.add(key);
  }
  const keys = body.map((p) => duplicateKey(p.text));
  body.forEach((p, i) => {
    if (p.removed || !WHOLLY_QUOTED.test(p.text) || p.text.split(/\s+/).length < MIN_WORDS) return;
    const key = keys[i]!.replace(/[.,!?]+$/, '');
    if (keys.some((other, j) => j !== i && other.length > key.length && other.includes(key))) {
      remove(p, 'duplicate', 'clean/pull-quote');
    }
  });
};
