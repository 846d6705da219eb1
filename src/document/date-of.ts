import type { EventDate, TimeMention } from './types.js';

/** Values precise enough to date a statement or an event: a day, a month or a year. */
const DATE_VALUE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T[\d:]+Z?|T(?:MO|AF|EV|NI))?$/;
/** A part of a day ("Sunday evening", `2025-02-23TEV`) dates by its day. */
const PART_OF_DAY = /T(?:MO|AF|EV|NI)$/;

/**
 * The date a sentence gives to what it reports: the first date or time expression in it that is
 * not inside `exclude` (a quotation's own words), and precise to a year or finer; else the
 * reference (publication) date, marked as such; null when there is neither. Shared by the quotes
 * and events stages, which date what they report the same way.
 * @param reference the ISO day of `ctx.reference`, or null.
 */
/**
 * True when a time expression can date an event or a statement: a DATE or TIME precise to a
 * year or finer (not a duration, a set, or `PRESENT_REF`).
 */
export function canDate(t: TimeMention): boolean {
  return (t.type === 'DATE' || t.type === 'TIME') && DATE_VALUE.test(t.value);
}

/** The value a dating time expression gives, a part of the day dated by its day (`2025-02-23TEV` → `2025-02-23`). */
export function dateValue(t: TimeMention): string {
  return t.value.replace(PART_OF_DAY, '');
}

export function dateOfSentence(
  times: readonly TimeMention[],
  sentence: number,
  reference: string | null,
  exclude?: { start: number; end: number },
): EventDate | null {
  const stated = times.find(
    (t) => t.sentence === sentence && canDate(t) && !(exclude && t.start >= exclude.start && t.end <= exclude.end),
  );
  if (stated) {
    return {
      value: dateValue(stated),
      source: 'text',
      time: { start: stated.start, end: stated.end, text: stated.text },
    };
  }
  return reference ? { value: reference, source: 'publication' } : null;
}
