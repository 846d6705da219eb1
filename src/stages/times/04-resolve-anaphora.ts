import type { TimeMention } from '../../document/types.js';

/** A value that names one day, with or without a time of day. */
const DAY_VALUE = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/;

/**
 * Gives a day named only by reference ("the same day", "to end the day") the day the story last
 * told, as a reader would; with none told before it, the reference date it already has. Runs
 * over the whole article, after every sentence's values are resolved, since the day told may be
 * sentences back.
 */
export function resolveAnaphora(times: readonly TimeMention[]): TimeMention[] {
  let lastDay: string | null = null;
  return times.map((t) => {
    if (t.rule === 'times/same-day' && lastDay) {
      return { ...t, value: lastDay, inferred: ['day:told-before'] };
    }
    const day = DAY_VALUE.exec(t.value);
    if (day && (t.type === 'DATE' || t.type === 'TIME')) lastDay = day[1]!;
    return t;
  });
}
