import type { TimeMention } from '../../document/types.js';
import { defineStage } from '../../pipeline/stage.js';
import type { Ymd } from './calendar.js';
import { findDates } from './01-find-dates.js';
import { findPatterns } from './02-find-patterns.js';
import { mergeCandidates, resolveValue } from './03-resolve-values.js';
import { resolveAnaphora } from './04-resolve-anaphora.js';
import { clauseTense, tenseOf, type Tense, type TimeCandidate, type TimeSentence } from './state.js';

/** The finders, in order: each proposes candidates for one sentence (chrono-node, then our patterns). */
const FINDERS: ReadonlyArray<(s: TimeSentence) => TimeCandidate[]> = [findDates, findPatterns];

/**
 * Finds and normalises the time expressions of one stretch of text. Order matters: the finders
 * all propose, the merge keeps our reading where they overlap, and only then are values resolved
 * against the reference date.
 */
export function timesOf(s: TimeSentence, text: string, ref: Ymd | null): TimeMention[] {
  const candidates: TimeCandidate[] = [];
  for (const find of FINDERS) candidates.push(...find(s));
  return mergeCandidates(candidates).map((c) => resolveValue(c, ref, localTense(s, c.start, c.end), text, s.index));
}

/** The tense of the clause around an expression, or the sentence's when the clause has no verb. */
function localTense(s: TimeSentence, start: number, end: number): Tense {
  return clauseTense(s.tokens, start, end) ?? s.tense;
}

/**
 * Stage `times`: every date and time expression, with its TimeML type and value resolved against
 * the publication date (or `--date`), what the text stated and what was inferred. A caption, read
 * as a document of its own, describes a photograph already taken: its tense is the past.
 */
export const timesStage = defineStage({
  name: 'times',
  needs: ['text', 'sentences', 'tokens', 'reference'],
  provides: ['times'],
  run(doc, ctx) {
    const ref = ctx.reference?.day ?? null;
    if (!ref)
      ctx.report(
        'warning',
        'times/no-reference-date',
        'the article has no publication date, so relative dates stay relative (XXXX-12); give one with --date',
      );
    const caption = doc.part?.kind === 'caption';
    // Order matters: a day named by reference takes the last one told, so every sentence is resolved first.
    const times = resolveAnaphora(
      doc.sentences.flatMap((sentence, index) => {
        const tokens = doc.tokens.slice(sentence.tokenStart, sentence.tokenEnd);
        // Captions describe a photograph already taken: past tense.
        return timesOf(
          { index, sentence, tokens, tense: caption ? 'past' : tenseOf(sentence.text, tokens) },
          doc.text,
          ref,
        );
      }),
    );
    return { times };
  },
});
