import type { TimeMention } from '../../document/types.js';
import { defineStage } from '../../pipeline/stage.js';
import type { Ymd } from './calendar.js';
import { findDates } from './01-find-dates.js';
import { findPatterns } from './02-find-patterns.js';
import { mergeCandidates, resolveValue } from './03-resolve-values.js';
import { tenseOf, type Tense, type TimeCandidate, type TimeSentence } from './state.js';

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

/** How far either side of an expression its tense is read from, in characters: its own clause, roughly. */
const TENSE_REACH = 60;

/** The tense of the words around an expression, or the sentence's when there are none. */
function localTense(s: TimeSentence, start: number, end: number): Tense {
  const near = s.tokens.filter((t) => t.end > start - TENSE_REACH && t.start < end + TENSE_REACH);
  const text = near.map((t) => t.text).join(' ');
  return near.length ? tenseOf(text, near) : s.tense;
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
    if (!ref) ctx.report('warning', 'times/no-reference-date', 'the article has no publication date, so relative dates stay relative (XXXX-12); give one with --date');
    const caption = doc.part?.kind === 'caption';
    const times = doc.sentences.flatMap((sentence, index) => {
      const tokens = doc.tokens.slice(sentence.tokenStart, sentence.tokenEnd);
      return timesOf({ index, sentence, tokens, tense: caption ? 'past' : tenseOf(sentence.text, tokens) }, doc.text, ref);
    });
    return { times };
  },
});
