import type { Token } from '../../document/types.js';
import type { RawSentence } from './01-tokenise.js';

/** Titles that always stand before a name: a break after them is never a sentence end. */
const TITLES = new Set(
  (
    'mr. mrs. ms. dr. prof. sen. rep. gov. gen. lt. col. maj. capt. cmdr. adm. ' +
    'sgt. cpl. pvt. rev. hon. pres. amb. sec. st. fr. supt. insp. det. ft. mt.'
  ).split(' '),
);
/** Abbreviations that may end a sentence but usually do not when lower case or a number follows. */
const ABBREVIATIONS = new Set(
  (
    'jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. u.s. u.n. ' +
    'u.k. e.u. a.m. p.m. inc. corp. co. ltd. vs. etc. approx. est. jr. sr. d.c. ' +
    'no. nos. vol. art. fig.'
  ).split(' '),
);
/** Initials written with full stops ("U.S.", "U.K."), as the last part of a hyphenated word. */
const INITIALS = /^(?:\p{L}\.)+\p{L}?\.?$/u;

/**
 * The written word around token `i`: the run of tokens with no space between them ("Japan-U.S."
 * is five tokens to wink-nlp), as [first, last) token indexes.
 */
function wordAround(tokens: readonly Token[], i: number): [number, number] {
  let first = i;
  while (first > 0 && tokens[first - 1]!.end === tokens[first]!.start) first--;
  let last = i + 1;
  while (last < tokens.length && tokens[last - 1]!.end === tokens[last]!.start) last++;
  return [first, last];
}

const textOf = (tokens: readonly Token[], [first, last]: [number, number]) =>
  tokens
    .slice(first, last)
    .map((t) => t.text)
    .join('');

/**
 * Whether wink-nlp broke a sentence inside one written word: within a decimal after a currency
 * ("RM6.|162 million") or within initials after a hyphen ("Japan-U.|S. talks"). A full stop with
 * no space after it and a capital word after ("said.The") is a typo, still a sentence end.
 */
function breaksInsideWord(tokens: readonly Token[], lastOfPrev: number): boolean {
  const next = tokens[lastOfPrev + 1];
  const stop = tokens[lastOfPrev]!;
  if (!next || stop.end !== next.start || !stop.text.endsWith('.')) return false;
  const before = stop.text === '.' ? tokens[lastOfPrev - 1] : stop;
  if (/\d\.?$/.test(before?.text ?? '') && /^\d/.test(next.text)) return true;
  const word = textOf(tokens, wordAround(tokens, lastOfPrev));
  return INITIALS.test(word.split('-').pop() ?? '') || ABBREVIATIONS.has((word.split('-').pop() ?? '').toLowerCase());
}

/** The last part of the hyphenated word a sentence ends with, in lower case ("Japan-U.S." → "u.s."). */
function lastWordOf(tokens: readonly Token[], lastOfPrev: number): string {
  const [first] = wordAround(tokens, lastOfPrev);
  const word = textOf(tokens, [first, lastOfPrev + 1]);
  return (word.split('-').pop() ?? word).toLowerCase();
}

/**
 * Joins sentences that wink-nlp split after an abbreviation: always after a title ("Sen. | Smith"),
 * and after other abbreviations when the next sentence starts in lower case or with a number
 * ("Feb. | 11", "the U.S. | said", "Japan-U.S. | talks"); never inside one written word.
 */
export function mendAbbreviations(sentences: readonly RawSentence[], tokens: readonly Token[]): RawSentence[] {
  const out: RawSentence[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (prev && prev.paragraph === s.paragraph) {
      const last = lastWordOf(tokens, prev.tokenEnd - 1);
      const next = tokens[s.tokenStart]!.text;
      const afterAbbreviation = (ABBREVIATIONS.has(last) || INITIALS.test(last)) && /^[\p{Ll}\p{N}]/u.test(next);
      if (TITLES.has(last) || afterAbbreviation || breaksInsideWord(tokens, prev.tokenEnd - 1)) {
        out[out.length - 1] = { ...prev, tokenEnd: s.tokenEnd };
        continue;
      }
    }
    out.push(s);
  }
  return out;
}
