import type { FurnitureTime, TimeMention } from '../../document/types.js';
import { untaggedTokens } from '../../knowledge/tokens.js';
import { defineStage } from '../../pipeline/stage.js';
import { referenceDay, type Ymd } from './calendar.js';
import { findDates } from './01-find-dates.js';
import { findPatterns } from './02-find-patterns.js';
import { mergeCandidates, resolveValue } from './03-resolve-values.js';
import { resolveAnaphora } from './04-resolve-anaphora.js';
import { clauseTense, tenseOf, type Tense, type TimeSentence } from './state.js';

/**
 * Finds and normalises the time expressions of one stretch of text. Order matters: chrono-node
 * and our patterns both propose, the merge keeps our reading where they overlap, and only then
 * are values resolved against the reference date.
 */
export function timesOf(s: TimeSentence, text: string, ref: Ymd | null): TimeMention[] {
  return mergeCandidates([...findDates(s), ...findPatterns(s)]).map((c) => resolveValue(c, ref, localTense(s, c.start, c.end), text, s.index));
}

/** The tense of the clause around an expression, or the sentence's when the clause has no verb. */
function localTense(s: TimeSentence, start: number, end: number): Tense {
  return clauseTense(s.tokens, start, end) ?? s.tense;
}

/**
 * Stage `times`: every date and time expression, with its TimeML type and value resolved against
 * the publication date (or `--date`), what the text stated and what was inferred; captions too,
 * since they date photographs of events.
 */
export const timesStage = defineStage({
  name: 'times',
  needs: ['text', 'sentences', 'tokens', 'meta', 'removed', 'source'],
  provides: ['times', 'furnitureTimes'],
  run(doc, ctx) {
    const ref = referenceDay(doc.meta.published) ?? referenceDay(ctx.options.defaultDate);
    if (!ref) ctx.report('warning', 'times/no-reference-date', 'the article has no publication date, so relative dates stay relative (XXXX-12); give one with --date');
    // Order matters: a day named by reference takes the last one told, so every sentence is resolved first.
    const times = resolveAnaphora(
      doc.sentences.flatMap((sentence, index) => {
        const tokens = doc.tokens.slice(sentence.tokenStart, sentence.tokenEnd);
        return timesOf({ index, sentence, tokens, tense: tenseOf(sentence.text, tokens) }, doc.text, ref);
      }),
    );
    const furnitureTimes: FurnitureTime[] = [];
    doc.removed.forEach((r, removed) => {
      if (r.kind !== 'caption') return;
      // Captions describe a photograph already taken: past tense.
      const tense: Tense = 'past';
      const sentence = { start: 0, end: r.text.length, text: r.text };
      const tokens = untaggedTokens(r.text);
      for (const { start, end, sentence: _sentence, ...time } of timesOf({ index: -1, sentence, tokens, tense }, r.text, ref)) {
        furnitureTimes.push({ ...time, removed, sourceStart: r.sourceStart + start, sourceEnd: r.sourceStart + end });
      }
    });
    return { times, furnitureTimes };
  },
});
