import * as chrono from 'chrono-node';
import { addDays, formatDay, formatMonth, isoWeek, type Ymd } from './calendar.js';
import type { TimeCandidate, TimeSentence } from './state.js';

/**
 * A cheap test that a sentence may hold what only chrono-node reads: a month name, a clock time or
 * a numeric date. Weekdays, "today", "last week" and bare years are our own patterns'
 * (02-find-patterns), which are cheaper; a number alone ("35 diplomats") is no date.
 */
const MAY_HOLD_DATE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b|\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\b|\b\d{4}-\d{2}|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b(?:noon|midnight)\b/;

/** A fixed reference for chrono: values that depend on it are re-resolved by our refiners. */
const CHRONO_REFERENCE = new Date(Date.UTC(2000, 5, 15, 12));
const CHRONO_DAY = Date.UTC(2000, 5, 15);

const FIELD_NAMES = ['year', 'month', 'day', 'weekday', 'hour', 'minute'] as const;
/** An expression chrono may resolve: it names a number, a month, a weekday or a calendar-relative word. */
const ANCHORED = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|day\b|\b(?:today|tonight|yesterday|tomorrow|week|month|year|noon|midnight)\b/i;

/**
 * Finds absolute and calendar-relative dates and times with chrono-node ("Feb. 11", "February 10,
 * 2018", "10 February", "at 5 p.m. on Tuesday", "today", "last week"), keeping which fields the
 * text stated. Spans lose a trailing comma or period and the leading preposition TimeML leaves out
 * ("on Feb. 11" → "Feb. 11").
 */
export function findDates(s: TimeSentence): TimeCandidate[] {
  if (!MAY_HOLD_DATE.test(s.sentence.text)) return [];
  const out: TimeCandidate[] = [];
  for (const result of chrono.parse(s.sentence.text, CHRONO_REFERENCE)) {
    let text = result.text;
    let start = result.index;
    const lead = /^(?:on|in|at|by|since|from|until|during|of)\s+/i.exec(text);
    if (lead) {
      start += lead[0].length;
      text = text.slice(lead[0].length);
    }
    text = text.replace(/(?:[\s,.;:]+|\s+of)$/, '');
    // "the day", "morning", "now": anaphoric or vague; the vague finder and the reader handle them.
    if (!text || !ANCHORED.test(text)) continue;
    const fields: TimeCandidate['fields'] = {};
    for (const name of FIELD_NAMES) if (result.start.isCertain(name)) fields[name] = result.start.get(name)!;
    // Relative to the reference date, unless a month or a number is stated ("next March" is a month).
    const relativeWord = /\b(today|tonight|yesterday|tomorrow|last|next|this|ago)\b/i.test(text) && !/\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i.test(text);
    const candidate: TimeCandidate = {
      start: s.sentence.start + start,
      end: s.sentence.start + start + text.length,
      type: fields.hour !== undefined ? 'TIME' : 'DATE',
      fields,
      value: null,
      rule: 'times/chrono',
    };
    if (/\b(?:UTC|GMT)\b/.test(text)) candidate.utc = true;
    // "last week", "yesterday": chrono resolved them against its own reference; keep the offset.
    if (relativeWord) {
      const implied = result.start.date();
      const days = Math.round((Date.UTC(implied.getUTCFullYear(), implied.getUTCMonth(), implied.getUTCDate()) - CHRONO_DAY) / 86400000);
      const unit = /\bweek\b/i.test(text) ? 'week' : /\bmonth\b/i.test(text) ? 'month' : /\byear\b/i.test(text) ? 'year' : 'day';
      candidate.relative = (ref) => relativeValue(ref, days, unit, text);
      candidate.rule = 'times/chrono-relative';
    }
    out.push(candidate);
  }
  return out;
}


/** The value of "yesterday", "last week", "next month", "this year" against the article's date. */
function relativeValue(ref: Ymd, days: number, unit: 'day' | 'week' | 'month' | 'year', text: string): string {
  const sign = /\b(last|ago|yesterday|previous)\b/i.test(text) ? -1 : /\b(next|tomorrow)\b/i.test(text) ? 1 : 0;
  switch (unit) {
    case 'week':
      return isoWeek(addDays(ref, 7 * sign));
    case 'month': {
      const m = ref.month - 1 + sign;
      return formatMonth(ref.year + Math.floor(m / 12), ((m % 12) + 12) % 12 + 1);
    }
    case 'year':
      return String(ref.year + sign);
    default:
      return formatDay(addDays(ref, days));
  }
}
