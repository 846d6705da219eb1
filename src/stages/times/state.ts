import type { Sentence, TimeMention, Token } from '../../document/types.js';
import type { Ymd } from './calendar.js';

/** How a sentence places what it reports in time, for resolving bare months and weekdays. */
export type Tense = 'past' | 'future' | 'present';

/** A time expression found by a finder, before values are resolved. */
export interface TimeCandidate {
  start: number;
  end: number;
  type: TimeMention['type'];
  /** Calendar fields the text states. */
  fields: Partial<Record<'year' | 'month' | 'day' | 'weekday' | 'hour' | 'minute', number>>;
  /** A value already final (durations, sets, vague references), or null to resolve from fields. */
  value: string | null;
  /** For relative expressions: a function of the reference date that gives the value. */
  relative?: (ref: Ymd) => string;
  /** A time given in UTC ("18:00 UTC"), written with a `Z`. */
  utc?: boolean;
  rule: string;
}

/** One sentence as the time finders see it. */
export interface TimeSentence {
  index: number;
  sentence: Pick<Sentence, 'start' | 'end' | 'text'>;
  tokens: readonly Token[];
  tense: Tense;
}

const IRREGULAR_PAST = new Set(
  'was were had did said told met made took gave went came saw held left began fought won lost sent led spent became knew thought brought struck shot rose fell sold paid ran stood wrote spoke broke chose drew flew grew hit hung kept lay meant put quit read rode rang sank sat slept stole swore swept threw understood woke wore'.split(' '),
);
const FUTURE = /\b(will|shall|'ll|’ll|going to|plans? to|planned to|is to|are to|next|upcoming|scheduled|due to|expected to)\b/i;

/**
 * The tense a sentence reports in: future when it says "will", "plans to", "next"; past when a
 * verb is in a past form; present otherwise. Good enough to choose between last December and
 * next December; a parser would do better.
 */
export function tenseOf(text: string, tokens: readonly Token[]): Tense {
  if (FUTURE.test(text)) return 'future';
  for (const t of tokens) {
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    const word = t.text.toLowerCase();
    if (IRREGULAR_PAST.has(word) || (word.endsWith('ed') && word !== t.lemma)) return 'past';
  }
  return 'present';
}
