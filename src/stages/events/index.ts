import { defineStage } from '../../pipeline/stage.js';
import { codeSentences } from './04-code-sentences.js';
import { buildEvents } from './05-build-events.js';
import { roleParse } from './parse-roles.js';
import { eventWords, type EventState, type EventStep } from './state.js';

/**
 * The events steps, in order: sentences are coded into drafts (steps 01-03 are the clause reader,
 * the pattern matcher and the place finder they use), then drafts become events. Order matters:
 * repeats are merged only once every sentence has been coded.
 */
const STEPS: readonly EventStep[] = [codeSentences, buildEvents];

/**
 * Stage `events`: who did what to whom. Each verb with patterns is analysed (negation, intent,
 * voice, mood), its patterns are matched, the best match wins; its source is the verb's subject
 * in the parse (or the "by" agent of a passive), its targets the actors the parse puts at the
 * pattern's slot, with the word windows as fallback where the parse names no actor. Nouns code
 * nominal events ("the visit of X to Y", "sanctions against Y"). Only acts asserted as happening
 * are coded (not conditions, questions, modals, appeals, proposals or allegations). Events are
 * dated by their own clause's time (`date-event.ts`), else the paragraph's frame, else publication,
 * and marked historical when well before it; placed by the gazetteer, and merged when the article
 * repeats them.
 */
export const eventsStage = defineStage({
  name: 'events',
  needs: ['text', 'sentences', 'tokens', 'syntax', 'actors', 'times', 'reference'],
  provides: ['events', 'eventTrace'],
  run(doc, ctx) {
    const state: EventState = {
      text: doc.text,
      tokens: doc.tokens,
      sentences: doc.sentences,
      actors: doc.actors,
      parse: roleParse(doc.tokens, doc.syntax, doc.actors),
      times: doc.times,
      knowledge: ctx.eventKnowledge,
      countries: ctx.knowledge.countries,
      words: eventWords(ctx.knowledge),
      reference: ctx.reference?.iso ?? null,
      trace: ctx.options.explain ? [] : null,
      drafts: [],
      events: [],
    };
    for (const step of STEPS) step(state);
    return { events: state.events, eventTrace: state.trace ?? [] };
  },
});
