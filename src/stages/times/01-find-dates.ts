import * as chrono from 'chrono-node';
import { shiftedPeriod } from './calendar.js';
import type { TimeCandidate, TimeSentence } from './state.js';

/**
 * A cheap test that a sentence may hold what only chrono-node reads: a month name, a clock time or
 * a numeric date. Weekdays, "today", "last week" and bare years are our own patterns'
 * (02-find-patterns), which are cheaper; a number alone ("35 diplomats") is no date.
 */
const MAY_HOLD_DATE = new RegExp(
  [
    // A month's name or abbreviation, not any word that starts like one ("Mark", "Janet", "Decision").
    String.raw`\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:\.|\b)`,
    String.raw`\b(?:January|February|March|April|June|July|August|September|October|November|December)\b`,
    String.raw`\d{1,2}:\d{2}`,
    String.raw`\b\d{1,2}\s*[ap]\.?m\b`,
    String.raw`\b\d{4}-\d{2}`,
    String.raw`\b\d{1,2}\/\d{1,2}\/\d{2,4}\b`,
    String.raw`\b(?:noon|midnight)\b`,
  ].join('|'),
);

/** A fixed reference for chrono: values that depend on it are re-resolved by our refiners. */
const CHRONO_REFERENCE = new Date(Date.UTC(2000, 5, 15, 12));

const FIELD_NAMES = ['year', 'month', 'day', 'weekday', 'hour', 'minute'] as const;
/** An expression chrono may resolve: it names a number, a month, a weekday or a calendar-relative word. */
const ANCHORED = new RegExp(
  [
    String.raw`\d`,
    String.raw`\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b`,
    String.raw`day\b`,
    String.raw`\b(?:today|tonight|yesterday|tomorrow|week|month|year|noon|midnight)\b`,
  ].join('|'),
  'i',
);

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
    // A dash between spaces opens an aside, not a range: "on 11 December -- four years behind".
    const aside = /\s+(?:--|—|–|-)\s+/.exec(text);
    if (result.end && aside) text = text.slice(0, aside.index);
    text = text.replace(/(?:[\s,.;:]+|\s+of)$/, '');
    // "16:15 UTC, June 1st": TimeML marks the clock time and the date apart, both of that day.
    const clockThenDate = /^(\d{1,2}:\d{2}(?:\s*(?:UTC|GMT|[ap]\.?m\.?))?),\s+/i.exec(text);
    const dateAfterClock = clockThenDate ? text.slice(clockThenDate[0].length) : null;
    if (clockThenDate) text = clockThenDate[1]!;
    // "the day", "morning", "now": anaphoric or vague; the vague finder and the reader handle them.
    if (!text || !ANCHORED.test(text)) continue;
    const fields: TimeCandidate['fields'] = {};
    for (const name of FIELD_NAMES) if (result.start.isCertain(name)) fields[name] = result.start.get(name)!;
    // "yesterday", "last week", "this year": our own patterns read these against the article's date.
    if (
      /\b(today|tonight|yesterday|tomorrow|last|next|this|ago)\b/i.test(text) &&
      !/\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i.test(text)
    )
      continue;
    const candidate: TimeCandidate = {
      start: s.sentence.start + start,
      end: s.sentence.start + start + text.length,
      type: fields.hour !== undefined ? 'TIME' : 'DATE',
      fields,
      value: null,
      rule: 'times/chrono',
    };
    // "today" is certain to chrono, but of its own reference: the day comes from ours.
    const deictic = /\b(today|tonight|yesterday|tomorrow)\b/i.exec(text)?.[1]?.toLowerCase();
    if (deictic) {
      delete fields.year;
      delete fields.month;
      delete fields.day;
      const shift = deictic === 'yesterday' ? -1 : deictic === 'tomorrow' ? 1 : 0;
      candidate.relative = (ref) => shiftedPeriod(ref, 'day', shift);
    }
    // Only UTC is written with a Z: "15:00 GMT" names a zone TimeML leaves as the text gives it.
    if (/\bUTC\b/.test(text)) candidate.utc = true;
    if (dateAfterClock) {
      const dateStart = candidate.start + clockThenDate![0].length;
      const { hour: _hour, minute: _minute, ...dateFields } = fields;
      out.push({
        ...candidate,
        start: dateStart,
        end: dateStart + dateAfterClock.length,
        type: 'DATE',
        fields: dateFields,
        utc: false,
      });
    }
    out.push(candidate);
  }
  return out;
}
