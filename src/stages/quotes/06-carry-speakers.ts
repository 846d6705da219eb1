import { tokenAt, type QuoteState } from './state.js';

/**
 * Gives a direct quotation with no cue of its own the speaker of the quotation before it, when
 * the story goes on with that speaker: a later quote in the same paragraph ("“...,” Pence said.
 * “So the campaign ...”"), a paragraph that continues a quote left open, or a paragraph that is a
 * quote and follows a paragraph whose last quote was attributed.
 */
export function carrySpeakers(state: QuoteState): void {
  let previous: (typeof state.quotes)[number] | null = null;
  // Where each paragraph's first sentence starts, found once.
  const paragraphStart = new Map<number, number>();
  for (const s of state.sentences) if (!paragraphStart.has(s.paragraph)) paragraphStart.set(s.paragraph, s.start);
  for (const quote of state.quotes) {
    if (quote.kind === 'direct' && !quote.cue && previous && (previous.speaker || previous.inheritsFrom)) {
      const sameParagraph = previous.paragraph === quote.paragraph;
      const nextParagraph = previous.paragraph === quote.paragraph - 1;
      const start = paragraphStart.get(quote.paragraph);
      const opensParagraph = start !== undefined && quote.contentStart - start <= 1;
      if (sameParagraph || (nextParagraph && (quote.marked?.continues || opensParagraph))) {
        quote.inheritsFrom = previous.inheritsFrom ?? previous;
        quote.continuation = true;
        quote.rule = quote.marked?.continues ? 'quotes/continued-paragraph' : 'quotes/continuation';
      }
    }
    if (quote.speaker || quote.inheritsFrom) previous = quote;
  }
}

/**
 * A quotation inside a sentence that no cue took and no speaker continues, with no punctuation of
 * its own ("The phone is billed as “a revolutionary mobile phone” on the website"), is a phrase
 * someone's words were borrowed for, not a statement: it joins the scare quotes.
 */
export function setAsideFragments(state: QuoteState): void {
  state.quotes = state.quotes.filter((quote) => {
    if (quote.kind !== 'direct' || quote.cue || quote.inheritsFrom || !quote.marked || quote.marked.continues)
      return true;
    const text = state.text.slice(quote.contentStart, quote.contentEnd);
    const first = tokenAt(state, quote.marked.open);
    const sentenceStart = state.sentences[state.sentenceOf[Math.min(first, state.tokens.length - 1)]!]!.tokenStart;
    if (/[.,!?…;:]\s*$/.test(text) || first <= sentenceStart) return true;
    state.phrases.push({ start: quote.contentStart, end: quote.contentEnd, text, kind: 'scare' });
    return false;
  });
  state.phrases.sort((a, b) => a.start - b.start);
}
