import type { StageContext } from '../../pipeline/context.js';
import { fatal } from '../../pipeline/errors.js';
import { isoDate, WRITTEN_DATE } from './01-read-header.js';
import type { CleanState, CleanStep } from './state.js';

/** How a written date was read: the ISO day, and whether a numeric day and month were read month first. */
export interface ReadDate {
  iso: string;
  monthFirst: boolean;
}

/** ISO 8601 as pages and feeds write it: a day, optionally with a time and a zone. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
/** A numeric day and month before a four-digit year ("03-02-2009", "12/25/2018", "25.12.2018"). */
const NUMERIC = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;

/** The ISO day of a calendar date, or null when the date does not exist (February 30th). */
function validDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads a publication date as inputs give it: ISO (`2018-02-12`, `2018-02-12T09:00:00+09:00`; the
 * day as written, whatever the zone), a written date ("February 12, 2018", "12 Feb 2018"), or a
 * numeric one ("02-12-2018"), read month first as in the US sources where it turns up, unless the
 * first number cannot be a month ("25-12-2018").
 * @returns null when the string is none of these or names no real day.
 *
 * @example
 *   readDate('02-12-2018'); // { iso: '2018-02-12', monthFirst: true }
 */
export function readDate(written: string): ReadDate | null {
  const text = written.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const day = validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return day ? { iso: day, monthFirst: false } : null;
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    const monthFirst = first <= 12;
    const day = monthFirst ? validDay(year, first, second) : validDay(year, second, first);
    return day ? { iso: day, monthFirst } : null;
  }
  if (!WRITTEN_DATE.test(text)) return null;
  const day = isoDate(text);
  return day ? { iso: day, monthFirst: false } : null;
}

/**
 * Reads a date an input or the engine's options gave, for `ctx.reference`: the date as it should
 * be stored (kept as written when it is ISO, else the ISO day), with an info diagnostic when a
 * numeric date was read month first.
 * @returns null when the date cannot be read.
 */
export function storedDate(written: string, ctx: StageContext): string | null {
  const read = readDate(written);
  if (!read) return null;
  if (read.monthFirst)
    ctx.report('info', 'clean/date-month-first', `the date "${written}" was read month first, as ${read.iso}`);
  return ISO.test(written.trim()) ? written : read.iso;
}

/**
 * Reads the publication date the input record or the page gave, before the header is read. A date
 * the input record states that cannot be read fails the article, naming it: coding it on a wrong
 * day would be worse. A page's meta tag that cannot be read is set aside with a warning, so the
 * story's own date line (or the default date) can date it.
 */
export const readGivenDate: CleanStep = (state: CleanState, ctx: StageContext) => {
  const { meta } = state;
  if (!meta.published) return;
  const stored = storedDate(meta.published, ctx);
  if (stored !== null) {
    meta.published = stored;
    return;
  }
  const from = meta.provenance.published;
  if (from === 'input') {
    throw fatal(
      'clean',
      'clean/unreadable-date',
      `${state.record}: the record's date "${meta.published}" is not a date Dyad can read; give it as YYYY-MM-DD`,
    );
  }
  ctx.report(
    'warning',
    'clean/unreadable-date',
    `the page's publication date "${meta.published}" (${from ?? 'page'}) is not a date Dyad can read; it is ignored`,
  );
  meta.published = null;
  delete meta.provenance.published;
};
