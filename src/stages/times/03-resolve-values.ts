import type { TimeMention } from '../../document/types.js';
import { addDays, formatDay, formatMonth, weekdayOf, type Ymd } from './calendar.js';
import type { Tense, TimeCandidate } from './state.js';

/** Rules whose own reading beats chrono-node's where the two overlap. */
const OWN_RULES = new Set([
  'times/duration',
  'times/duration-vague',
  'times/duration-compound',
  'times/ago',
  'times/set',
  'times/quarter',
  'times/season',
  'times/earlier-this',
  'times/vague',
  'times/year-range',
  'times/year-part',
  'times/decade',
  'times/year-short',
  'times/month-shift',
  'times/month-of-year',
  'times/part-of-day',
  'times/part-of-period',
  'times/same-day',
  'times/weekend',
  'times/race-time',
  'times/clock-utc',
]);

/**
 * Resolves overlaps: our own patterns win over chrono-node where they overlap (chrono joins
 * "the last 20 years, three days ago" into one date), otherwise the longer expression wins.
 */
export function mergeCandidates(candidates: TimeCandidate[]): TimeCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TimeCandidate[] = [];
  for (const c of sorted) {
    const clash = kept.findIndex((k) => c.start < k.end && k.start < c.end);
    if (clash < 0) {
      kept.push(c);
      continue;
    }
    const k = kept[clash]!;
    const cOwn = OWN_RULES.has(c.rule);
    const kOwn = OWN_RULES.has(k.rule);
    if ((cOwn && !kOwn) || (cOwn === kOwn && c.end - c.start > k.end - k.start)) kept[clash] = c;
  }
  // A chrono match that lost to one of ours may have covered a second expression of ours too.
  const merged = kept.filter(
    (k, i) =>
      !kept.some(
        (o, j) => j !== i && OWN_RULES.has(o.rule) && !OWN_RULES.has(k.rule) && o.start < k.end && k.start < o.end,
      ),
  );
  // A range of years keeps its years as dates inside it, as TimeML marks them: "from 2009 to 2011"
  // is a two-year duration and two years a statement can be dated by.
  const inner = merged.flatMap((c) =>
    (c.years ?? []).map(
      (y): TimeCandidate => ({
        start: y.start,
        end: y.end,
        type: 'DATE',
        fields: { year: y.year },
        value: String(y.year),
        rule: 'times/year-in-range',
      }),
    ),
  );
  return [...merged, ...inner].sort((a, b) => a.start - b.start || b.end - a.end);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The year of a month (and day) the text gives without one, by the sentence's tense. */
function yearFor(ref: Ymd, month: number, day: number, tense: Tense): { year: number; how: string } {
  const refKey = ref.month * 100 + ref.day;
  const key = month * 100 + (day || (tense === 'past' ? 1 : 31));
  if (tense === 'past') return { year: key <= refKey ? ref.year : ref.year - 1, how: 'past' };
  if (tense === 'future')
    return { year: key >= refKey || (!day && month === ref.month) ? ref.year : ref.year + 1, how: 'future' };
  // Present: the nearest, within six months either way.
  const diff = month - ref.month;
  return { year: diff > 6 ? ref.year - 1 : diff < -6 ? ref.year + 1 : ref.year, how: 'nearest' };
}

/** The day a bare weekday names, by the sentence's tense ("on Tuesday" in a past-tense story). */
function dayForWeekday(ref: Ymd, weekday: number, tense: Tense): { day: Ymd; how: string } {
  const today = weekdayOf(ref);
  const back = (today - weekday + 7) % 7;
  const ahead = (weekday - today + 7) % 7;
  if (tense === 'past') return { day: addDays(ref, -back), how: 'past' };
  if (tense === 'future') return { day: addDays(ref, ahead), how: 'future' };
  return back <= ahead ? { day: addDays(ref, -back), how: 'nearest' } : { day: addDays(ref, ahead), how: 'nearest' };
}

/**
 * Gives a candidate its TimeML value against the reference date: the granularity the text gives
 * ("last year" → `2017`, "in December" → `2017-12`, not a timestamp), the missing year of a month
 * or a day chosen by the sentence's tense (a past-tense "December" in a February story is last
 * December), and a relative value (`XXXX-12`) when there is no reference date.
 */
export function resolveValue(
  c: TimeCandidate,
  ref: Ymd | null,
  tense: Tense,
  text: string,
  sentence: number,
): TimeMention {
  const stated = Object.keys(c.fields);
  const inferred: string[] = [];
  let value: string;
  const f = c.fields;
  if (c.value !== null) value = c.value;
  else if (c.relative) {
    // Without a reference date, what the text states still shows: "last May" → XXXX-05.
    value = ref ? c.relative(ref, tense) : f.month !== undefined ? `XXXX-${pad(f.month)}` : 'XXXX-XX-XX';
    if (ref) inferred.push('reference');
  } else if (f.weekday !== undefined && f.day === undefined) {
    if (ref) {
      const { day, how } = dayForWeekday(ref, f.weekday, tense);
      value = formatDay(day);
      inferred.push(`day:${how}`);
    } else value = `XXXX-WXX-${f.weekday === 0 ? 7 : f.weekday}`;
  } else if (f.month !== undefined) {
    let year = f.year;
    if (year === undefined) {
      if (ref) {
        const chosen = yearFor(ref, f.month, f.day ?? 0, tense);
        year = chosen.year;
        inferred.push(`year:${chosen.how}`);
      }
    }
    const y = year === undefined ? 'XXXX' : String(year).padStart(4, '0');
    value =
      f.day !== undefined
        ? `${y}-${pad(f.month)}-${pad(f.day)}`
        : y === 'XXXX'
          ? `XXXX-${pad(f.month)}`
          : formatMonth(year!, f.month);
  } else if (f.year !== undefined) value = String(f.year);
  else if (f.hour !== undefined) {
    value = ref ? formatDay(ref) : 'XXXX-XX-XX';
    if (ref) inferred.push('day:reference');
  } else value = 'XXXX-XX-XX';
  if (c.type === 'TIME' && f.hour !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value))
    value += `T${pad(f.hour)}:${pad(f.minute ?? 0)}${c.utc ? 'Z' : ''}`;
  else if (c.part && /^(?:\d{4}|XXXX)-(?:\d{2}-\d{2}|XX-XX|WXX-\d)$/.test(value)) value += `T${c.part}`;
  const set = { ...(c.freq ? { freq: c.freq } : {}), ...(c.quant ? { quant: c.quant } : {}) };
  const anchor = ref ? formatDay(ref) : null;
  return {
    start: c.start,
    end: c.end,
    text: text.slice(c.start, c.end),
    sentence,
    type: c.type,
    value,
    stated,
    inferred,
    anchor,
    rule: c.rule,
    ...set,
  };
}
