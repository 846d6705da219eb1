import { bodyParagraphs, remove, type CleanStep } from './state.js';

/** Paragraphs shorter than this many words may repeat naturally ("He declined."), so they stay. */
const MIN_WORDS = 5;

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Folds what a repeated pull-quote may change — quotation marks, dashes, punctuation, case and
 * spacing — leaving the words in order, separated by single spaces.
 */
export function duplicateKey(text: string): string {
  return text.replace(NOT_WORD, ' ').trim().toLowerCase();
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
  const keys = body.map((p) => duplicateKey(p.text));
  const seen = new Set<string>();
  body.forEach((p, i) => {
    const key = keys[i]!;
    if (key.split(' ').length < MIN_WORDS) return;
    if (seen.has(key)) remove(p, 'duplicate', 'clean/duplicate-paragraph');
    else seen.add(key);
  });
  body.forEach((p, i) => {
    const key = keys[i]!;
    if (p.removed || !WHOLLY_QUOTED.test(p.text) || key.split(' ').length < MIN_WORDS) return;
    if (keys.some((other, j) => j !== i && other.length > key.length && other.includes(key))) {
      remove(p, 'duplicate', 'clean/pull-quote');
    }
  });
};
