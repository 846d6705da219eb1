import { bodyParagraphs, remove, type CleanParagraph, type CleanStep } from './state.js';

/** Paragraphs shorter than this many words may repeat naturally ("He declined."), so they stay. */
const MIN_WORDS = 5;

/**
 * Runs of characters that are not letters or digits of the common scripts (Latin, Greek, Cyrillic,
 * Hebrew, Arabic, Devanagari, Japanese, Chinese, Hangul). Spelled as ranges: a Unicode-property
 * class made this the costliest line of cleaning.
 */
const NOT_WORD = new RegExp(
  String.raw`[^0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u03FF\u0400-\u04FF` +
    String.raw`\u0590-\u06FF\u0900-\u097F\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]+`,
  'g',
);

/**
 * Folds what a repeated pull-quote may change — quotation marks, dashes, punctuation, case and
 * spacing — leaving the words in order, separated by single spaces.
 */
export function duplicateKey(text: string): string {
  return text.replace(NOT_WORD, ' ').trim().toLowerCase();
}

/** A paragraph that is nothing but one quotation, as pull-quotes are set. */
const WHOLLY_QUOTED = /^["“”„«‘’'][^"“”„«»]+["“”»‘’']$/;

/** A line of a list as plain text writes it: a bullet, or a number and a stop ("- 200 g flour", "2. Stir"). */
const LIST_MARK = /^(?:[-*•·▪◦–]|\d{1,3}[.)])\s/;
/** A line with at least this many words holding digits, and this share of its words, is a row of figures. */
const FIGURES_MIN = 3;
const FIGURES_SHARE = 0.25;

/**
 * True for lines that may repeat on purpose, so the duplicate rule leaves them: list entries and
 * table cells (marked by the extractor, or bulleted in plain text), and rows of figures (results,
 * scores, quantities). A repeated pull-quote or teaser is prose.
 */
function mayRepeat(p: CleanParagraph): boolean {
  if (p.hint === 'item' || LIST_MARK.test(p.text)) return true;
  const words = p.text.split(/\s+/);
  const figures = words.filter((w) => /\d/.test(w)).length;
  return figures >= FIGURES_MIN && figures >= FIGURES_SHARE * words.length;
}

/**
 * Removes body paragraphs that repeat an earlier one (a repeated pull-quote or teaser), even
 * with other quotation marks, and pull-quotes set apart as a paragraph of their own whose words
 * also stand inside a longer body paragraph. List entries, table cells and rows of figures may
 * repeat (two recipes needing the same step, two tables of results).
 */
export const findDuplicates: CleanStep = (state) => {
  const body = bodyParagraphs(state).map(([p]) => p);
  const keys = body.map((p) => duplicateKey(p.text));
  const seen = new Set<string>();
  body.forEach((p, i) => {
    const key = keys[i]!;
    if (key.split(' ').length < MIN_WORDS || mayRepeat(p)) return;
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
