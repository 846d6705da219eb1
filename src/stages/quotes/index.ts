import type { KnowledgeBase } from '../../knowledge/actor-kb.js';
import { tokenIndex } from '../../document/token-index.js';
import { foldTokenCached, tokenisePhrase } from '../../knowledge/tokens.js';
import { defineStage } from '../../pipeline/stage.js';
import { findQuoteMarks } from './01-find-quote-marks.js';
import { classifyMarks, findCues } from './02-find-cues.js';
import { attributeDirect } from './03-attribute-direct.js';
import { findIndirect } from './04-find-indirect.js';
import { carrySpeakers } from './05-carry-speakers.js';
import { resolveSpeakers } from './06-resolve-speakers.js';
import { dateOfSentence } from '../../document/date-of.js';
import { tokenAt, type QuoteLexicon, type QuoteState } from './state.js';

const lexicons = new WeakMap<KnowledgeBase, QuoteLexicon>();

/** The quote word lists of a knowledge base, compiled once. */
function quoteLexicon(kb: KnowledgeBase): QuoteLexicon {
  let lexicon = lexicons.get(kb);
  if (!lexicon) {
    const words = (name: string) => kb.lexicons.get(name) ?? [];
    const set = (name: string) => new Set(words(name).map((w) => w.toLowerCase()));
    lexicon = {
      speechVerbs: set('speech-verbs'),
      listenerVerbs: set('listener-verbs'),
      objectReports: set('object-reports'),
      passiveCues: set('passive-cues'),
      cuePhrases: words('cue-phrases').map((p) => tokenisePhrase(p).map(foldTokenCached)),
      documents: set('documents'),
      anonymousHeads: set('anonymous-heads'),
      relayWords: set('relay-prepositions'),
      titleNouns: set('title-nouns'),
    };
    lexicons.set(kb, lexicon);
  }
  return lexicon;
}

/**
 * Stage `quotes`: who said what. Quotation marks are paired; scare quotes and titles of works are
 * set apart; cues are found; direct quotes are attributed to the speaker beside their cue, reported
 * speech is found around the remaining cues, quotes with no cue take the speaker the story
 * continues, and speakers are resolved through the actors layer.
 *
 * The steps, in order (order matters: a quote's marks must be known before indirect speech is
 * sought, so that a cue inside a quotation is never taken as the reporting verb; continuations
 * come after all attribution, so that they can follow either kind).
 */
export const quotesStage = defineStage({
  name: 'quotes',
  needs: ['text', 'paragraphs', 'sentences', 'tokens', 'actors', 'times', 'reference'],
  provides: ['quotes', 'quotedPhrases'],
  run(doc, ctx) {
    const { folded, sentenceOf } = tokenIndex(doc.tokens, doc.sentences);
    const state: QuoteState = {
      text: doc.text,
      tokens: doc.tokens,
      sentences: doc.sentences,
      folded,
      sentenceOf,
      actors: doc.actors,
      lexicon: quoteLexicon(ctx.knowledge),
      marks: findQuoteMarks(doc.text, doc.paragraphs, ctx),
      phrases: [],
      cues: [],
      quotes: [],
      ctx,
    };
    classifyMarks(state);
    findCues(state);
    attributeDirect(state);
    findIndirect(state);
    carrySpeakers(state);
    const quotes = resolveSpeakers(state);
    // Date each statement by its own sentence ("in a Jan. 11 press briefing"); a continuation keeps
    // the date of the quote it continues.
    const reference = ctx.reference?.iso ?? null;
    quotes.forEach((q, i) => {
      const cueSentence = q.cue ? state.sentenceOf[tokenAt(state, q.cue.start)]! : q.sentence;
      const date = q.continuation && i > 0 ? quotes[i - 1]!.date ?? null : dateOfSentence(doc.times, cueSentence, reference, { start: q.start, end: q.end });
      if (date) q.date = date;
    });
    return { quotes, quotedPhrases: state.phrases };
  },
});
