/**
 * Tokenising and folding dictionary phrases so that they meet the text's tokens.
 *
 * wink-nlp splits hyphens and possessives off words ("Jae-in" → "Jae" "-" "in", "People's" →
 * "People" "'s") and keeps abbreviations whole ("U.S.", "Jan."); `tokenisePhrase` does the same to
 * a dictionary phrase, and `foldToken` makes case, accents and quote styles irrelevant for lookup.
 * Case is checked separately (`caseRuleOf`, `caseMatches`) so that "US" never matches "us".
 */

const COMBINING = /[\u0300-\u036f]/g;

/** The lookup key of a token: lower case, no diacritics, straight apostrophes and plain hyphens. */
export function foldToken(token: string): string {
  let folded = token.toLowerCase();
  if (/[^\x00-\x7f]/.test(folded)) {
    folded = folded
      .normalize('NFD')
      .replace(COMBINING, '')
      .replace(/[‘’`´]/g, "'")
      .replace(/[‐‑‒–—]/g, '-');
  }
  return folded;
}

/** Words that keep their final period as part of the token, as wink-nlp does. */
const DOTTED_WORDS = new Set([
  'st.',
  'mt.',
  'jr.',
  'sr.',
  'dr.',
  'mr.',
  'mrs.',
  'ms.',
  'gen.',
  'lt.',
  'col.',
  'sen.',
  'rep.',
  'gov.',
  'ft.',
  'co.',
  'inc.',
  'corp.',
  'ltd.',
  'no.',
]);
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
      tokens.push(
        { text: word.slice(0, -1), start, end: start + word.length - 1 },
        { text: '.', start: start + word.length - 1, end: start + word.length },
      );
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

/** What case a dictionary token asks of the text: any, a capital initial, or all capitals. */
export type CaseRule = 0 | 1 | 2;
const ANY: CaseRule = 0;
const CAPITAL: CaseRule = 1;
const CAPITALS: CaseRule = 2;

/**
 * The case a dictionary token asks of a text token: an all-capitals token of two letters or more
 * ("US", "IOC") needs capitals in the text; a capitalised one ("Korea") a capital initial; a
 * lower-case one ("of", "officials") any case; digits and punctuation any.
 */
export function caseRuleOf(dictionaryToken: string): CaseRule {
  const first = dictionaryToken[0] ?? '';
  if (first.toLowerCase() === first.toUpperCase()) return ANY;
  const letters = dictionaryToken.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return CAPITALS;
  return first === first.toUpperCase() ? CAPITAL : ANY;
}

/** True when a text token meets a dictionary token's case rule (so that "US" never matches "us"). */
export function caseMatches(rule: CaseRule, textToken: string): boolean {
  if (rule === ANY) return true;
  if (rule === CAPITALS) return textToken === textToken.toUpperCase() && textToken !== textToken.toLowerCase();
  const first = textToken[0] ?? '';
  return first !== first.toLowerCase();
}

const FOLD_CACHE_LIMIT = 100_000;
const foldCache = new Map<string, string>();

/** `foldToken`, remembered: the same words recur across articles. */
export function foldTokenCached(token: string): string {
  let folded = foldCache.get(token);
  if (folded === undefined) {
    folded = foldToken(token);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(token, folded);
  }
  return folded;
}

/**
 * The folded form of each token. Built with `push`, not `map`: once TurboFan inlines `map` in an
 * optimised caller, the arrays it returns are holey, a second array shape that every optimised
 * reader of the layer then deoptimises on (about 750 articles into a run, a dozen functions at
 * once, each compiled again).
 */
export function foldTokens(tokens: ReadonlyArray<{ text: string }>): string[] {
  const folded: string[] = [];
  for (const token of tokens) folded.push(foldTokenCached(token.text));
  return folded;
}
