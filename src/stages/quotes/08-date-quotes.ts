import { dateOfSentence } from '../../document/date-of.js';
import type { Quote, TimeMention } from '../../document/types.js';
import { tokenAt, type QuoteState } from './state.js';

/**
 * Dates each statement by its own sentence ("in a Jan. 11 press briefing"), else by the reference
 * date; a continuation keeps the date of the quote it continues.
 * @param reference the ISO day of `ctx.reference`, or null.
 */
export function dateQuotes(
  state: QuoteState,
  quotes: Quote[],
  times: readonly TimeMention[],
  reference: string | null,
): void {
  // The time mentions of each sentence, grouped once, so that a quote looks only at its own.
  const bySentence = new Map<number, TimeMention[]>();
  for (const t of times) {
    const list = bySentence.get(t.sentence);
    if (list) list.push(t);
    else bySentence.set(t.sentence, [t]);
  }
  quotes.forEach((q, i) => {
    const cueSentence = q.cue ? state.sentenceOf[tokenAt(state, q.cue.start)]! : q.sentence;
    const ownWords = { start: q.start, end: q.end };
    const date =
      q.continuation && i > 0
        ? (quotes[i - 1]!.date ?? null)
        : dateOfSentence(bySentence.get(cueSentence) ?? [], cueSentence, reference, ownWords);
    if (date) q.date = date;
  });
}
