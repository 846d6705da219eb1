import type { ActorMention } from '../../document/types.js';
import type { KnowledgeBase } from '../../knowledge/actor-kb.js';
import { tokenIndex } from '../../document/token-index.js';
import { foldTokenCached, tokenisePhrase } from '../../knowledge/tokens.js';
import { defineStage } from '../../pipeline/stage.js';
import { findQuoteMarks } from './01-find-quote-marks.js';
import { classifyMarks, findCues } from './02-find-cues.js';
import { attributeDirect } from './03-attribute-direct.js';
import { readReportedSpeech } from './04-read-reported-speech.js';
import { findIndirect } from './05-find-indirect.js';
import { carrySpeakers, setAsideFragments } from './06-carry-speakers.js';
import { resolveSpeakers } from './07-resolve-speakers.js';
import { dateQuotes } from './08-date-quotes.js';
import { indexChildren, tokensInsideMarks, type QuoteLexicon, type QuoteState } from './state.js';

/** The mentions in order of their start, copied only when they are not already. */
function inTextOrder(actors: readonly ActorMention[]): readonly ActorMention[] {
  for (let i = 1; i < actors.length; i++)
    if (actors[i - 1]!.start > actors[i]!.start) return [...actors].sort((a, b) => a.start - b.start);
  return actors;
}

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
      bodyTitles: set('body-titles'),
      relayWords: set('relay-prepositions'),
      titleNouns: set('title-nouns'),
      clauseCues: set('clause-cues'),
      namingVerbs: set('naming-verbs'),
      requestVerbs: set('request-verbs'),
      requestPhrases: set('request-phrases'),
      speechNouns: set('speech-nouns'),
      outletNouns: set('outlet-nouns'),
      invertingVerbs: set('inverting-verbs'),
    };
    lexicons.set(kb, lexicon);
  }
  return lexicon;
}

/**
 * The attribution steps, in order (order matters: a quote's marks must be known before indirect
 * speech is sought, so that a cue inside a quotation is never taken as the reporting verb;
 * reported speech is read off the parse first, and the word-order rules take only the cues the
 * parse could not read; continuations come after all attribution, so that they can follow either
 * kind). Quotation marks are found when the state is made; speakers are resolved and quotes dated
 * after these steps.
 */
const STEPS: ReadonlyArray<(state: QuoteState) => void> = [
  classifyMarks,
  findCues,
  attributeDirect,
  readReportedSpeech,
  findIndirect,
  carrySpeakers,
  setAsideFragments,
];

/**
 * Stage `quotes`: who said what. Quotation marks are paired; scare quotes and titles of works are
 * set apart; cues are found; direct quotes are attributed to the speaker beside their cue;
 * reported speech is read off the dependency parse (the speaker is the subject of the speech verb
 * that governs the reported clause, an outlet in that place is the relay), and word order reads
 * the cues the parse could not; quotes with no cue take the speaker the story continues, and
 * speakers are resolved through the actors layer; each statement is dated by its own sentence.
 * The work is linear in the article's length (`long-article.test.ts` counts it).
 */
export const quotesStage = defineStage({
  name: 'quotes',
  needs: ['text', 'paragraphs', 'sentences', 'tokens', 'syntax', 'actors', 'times', 'reference'],
  provides: ['quotes', 'quotedPhrases'],
  run(doc, ctx) {
    const { folded, sentenceOf } = tokenIndex(doc.tokens, doc.sentences);
    const marks = findQuoteMarks(doc.text, doc.paragraphs, ctx);
    const state: QuoteState = {
      text: doc.text,
      tokens: doc.tokens,
      sentences: doc.sentences,
      folded,
      sentenceOf,
      syntax: doc.syntax,
      ...indexChildren(doc.syntax.heads),
      insideMarks: tokensInsideMarks(doc.tokens, marks),
      // Binary searches over the actors need them in text order (the actors stage gives them so).
      actors: inTextOrder(doc.actors),
      lexicon: quoteLexicon(ctx.knowledge),
      marks,
      allMarks: marks,
      phrases: [],
      cues: [],
      cueAt: new Map(),
      quotes: [],
      ctx,
    };
    for (const step of STEPS) step(state);
    const quotes = resolveSpeakers(state);
    dateQuotes(state, quotes, doc.times, ctx.reference?.iso ?? null);
    return { quotes, quotedPhrases: state.phrases };
  },
});
