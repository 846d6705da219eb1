/**
 * Tokenising and folding dictionary phrases so that they meet the text's tokens.
 *
 * wink-nlp splits hyphens and possessives off words ("Jae-in" → "Jae" "-" "in", "People's" →
 * "People" "'s") and keeps abbreviations whole ("U.S.", "Jan."); `tokenisePhrase` does the same to
 * a dictionary phrase, and `foldToken` makes case, accents and quote styles irrelevant for lookup.
 * Case is checked separately (`caseMatches`) so that "US" never matches "us".
 */

const COMBINING = /[\u0300-\u036f]/g;

/** The lookup key of a token: lower case, no diacritics, straight apostrophes and plain hyphens. */
export function foldToken(token: string): string {
  let folded = token.toLowerCase();
  if (/[^\x00-\x7f]/.test(folded)) {
    folded = folded.normalize('NFD').replace(COMBINING, '').replace(/[‘’`´]/g, "'").replace(/[‐‑‒–—]/g, '-');
  }
  return folded;
}

/** Words that keep their final period as part of the token, as wink-nlp does. */
const DOTTED_WORDS = new Set(['st.', 'mt.', 'jr.', 'sr.', 'dr.', 'mr.', 'mrs.', 'ms.', 'gen.', 'lt.', 'col.', 'sen.', 'rep.', 'gov.', 'ft.', 'co.', 'inc.', 'corp.', 'ltd.', 'no.']);
/** Abbreviations ("U.S."), words with inner apostrophes ("O'Brien"), possessive endings, punctuation. */
const TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{N}&]+(?:['’](?![sS](?![\p{L}]))\p{L}+)*\.?|['’][sS](?![\p{L}])|\S/gu;

/** A token of a phrase, with its offsets in the phrase. */
export interface PhraseToken {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits text into tokens the way wink-nlp splits running text: hyphens and possessives apart
 * ("Jae-in" → "Jae" "-" "in", "People's" → "People" "'s"), abbreviations whole ("U.S.", "Jan."),
 * and a final period apart unless the word is an abbreviation or an initial ("R.").
 */
export function tokeniseWithOffsets(text: string): PhraseToken[] {
  const tokens: PhraseToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    const start = match.index;
    const keepsPeriod = /^(?:\p{L}\.){2,}$|^\p{Lu}\.$/u.test(word) || DOTTED_WORDS.has(word.toLowerCase());
    if (word.length > 1 && word.endsWith('.') && !keepsPeriod) {
      tokens.push({ text: word.slice(0, -1), start, end: start + word.length - 1 }, { text: '.', start: start + word.length - 1, end: start + word.length });
    } else {
      tokens.push({ text: word, start, end: start + word.length });
    }
  }
  return tokens;
}

/** Splits a dictionary phrase into tokens the way wink-nlp splits running text. */
export function tokenisePhrase(phrase: string): string[] {
  return tokeniseWithOffsets(phrase).map((t) => t.text);
}

/**
 * True when a text token may stand for a dictionary token as far as case goes: an all-capitals
 * dictionary token ("US", "IOC") needs capitals in the text; a capitalised one ("Korea") needs a
 * capital initial; a lower-case one ("of", "the", "officials") matches any case. Text in all
 * capitals (headlines, datelines) matches any capitalised dictionary token.
 */
export function caseMatches(dictionaryToken: string, textToken: string): boolean {
  const first = dictionaryToken[0] ?? '';
  if (first.toLowerCase() === first.toUpperCase()) return true; // digits, punctuation
  const dictLetters = dictionaryToken.replace(/[^\p{L}]/gu, '');
  if (dictLetters.length > 1 && dictLetters === dictLetters.toUpperCase()) {
    return textToken.replace(/[^\p{L}]/gu, '') === textToken.replace(/[^\p{L}]/gu, '').toUpperCase();
  }
  if (first === first.toUpperCase()) {
    const textFirst = textToken[0] ?? '';
    return textFirst === textFirst.toUpperCase() && textFirst !== textFirst.toLowerCase();
  }
  return true;
}
