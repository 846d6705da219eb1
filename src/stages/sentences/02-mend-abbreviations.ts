import type { Token } from '../../document/types.js';
import type { RawSentence } from './01-tokenise.js';

/** Titles that always stand before a name: a break after them is never a sentence end. */
const TITLES = new Set(
  'mr. mrs. ms. dr. prof. sen. rep. gov. gen. lt. col. maj. capt. cmdr. adm. sgt. cpl. pvt. rev. hon. pres. amb. sec. st. fr. supt. insp. det. ft. mt.'.split(' '),
);
/** Abbreviations that may end a sentence but usually do not when lower case or a number follows. */
const ABBREVIATIONS = new Set(
  'jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. u.s. u.n. u.k. e.u. a.m. p.m. inc. corp. co. ltd. vs. etc. approx. est. jr. sr. d.c. no. nos. vol. art. fig.'.split(' '),
);

/**
 * Joins sentences that wink-nlp split after an abbreviation: always after a title ("Sen. | Smith"),
 * and after other abbreviations when the next sentence starts in lower case or with a number
 * ("Feb. | 11", "the U.S. | said").
 */
export function mendAbbreviations(sentences: readonly RawSentence[], tokens: readonly Token[]): RawSentence[] {
  const out: RawSentence[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (prev && prev.paragraph === s.paragraph) {
      const last = tokens[prev.tokenEnd - 1]!.text.toLowerCase();
      const next = tokens[s.tokenStart]!.text;
      if (TITLES.has(last) || (ABBREVIATIONS.has(last) && /^[\p{Ll}\p{N}]/u.test(next))) {
        out[out.length - 1] = { ...prev, tokenEnd: s.tokenEnd };
        continue;
      }
    }
    out.push(s);
  }
  return out;
}
