/** Small calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so no time zone moves a day. */
import type { Ymd } from '../../document/types.js';

export type { Ymd };

const toDate = (d: Ymd) => new Date(Date.UTC(d.year, d.month - 1, d.day));
const fromDate = (d: Date): Ymd => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const formatDay = (d: Ymd): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
export const formatMonth = (year: number, month: number): string => `${pad(year, 4)}-${pad(month)}`;

export function addDays(d: Ymd, days: number): Ymd {
  const date = toDate(d);
  date.setUTCDate(date.getUTCDate() + days);
  return fromDate(date);
}

/** 0 = Sunday ... 6 = Saturday. */
export const weekdayOf = (d: Ymd): number => toDate(d).getUTCDay();

/** The ISO week (`2018-W06`) a day falls in. */
export function isoWeek(d: Ymd): string {
  const date = toDate(d);
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(((date.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

/** The period `n` units from the reference date, at that unit's granularity (`2017`, `2018-01`, `2018-W05`,
 * `2018-02-09`). */
export function shiftedPeriod(ref: Ymd, unit: 'day' | 'week' | 'month' | 'year', n: number): string {
  switch (unit) {
    case 'year':
      return String(ref.year + n);
    case 'month': {
      const m = ref.month - 1 + n;
      return formatMonth(ref.year + Math.floor(m / 12), (((m % 12) + 12) % 12) + 1);
    }
    case 'week':
      return isoWeek(addDays(ref, 7 * n));
    default:
      return formatDay(addDays(ref, n));
  }
}
