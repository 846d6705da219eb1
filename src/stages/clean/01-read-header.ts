import { agencyName, remove, type CleanState, type CleanStep } from './state.js';

/** How many leading paragraphs may hold the title, date line and byline. */
const HEADER_WINDOW = 6;

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|' +
  'Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE =
  `(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}` +
  `|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})` +
  `(?:[,\\s]+(?:at\\s+)?\\d{1,2}(?::\\d{2})?\\s*(?:[ap]\\.?m\\.?)?(?:\\s*[A-Z]{2,4})?)?`;
const DATE_LINE = new RegExp(
  `^(?:(?:Published|Posted|Updated|First published)\\s*(?:on)?:?\\s*)?(${DATE})` +
    `(?:\\s*[|/·•,–—-]?\\s*(?:Last\\s+)?(?:Updated|Modified)\\s*(?:on)?:?\\s*(${DATE}))?\\.?$`,
  'i',
);
const DATE_ANYWHERE = new RegExp(DATE, 'i');
/** A whole string that is one written date ("Monday, February 12, 2018", "12 Feb 2018 at 9:00"). */
export const WRITTEN_DATE = new RegExp(`^${DATE}$`, 'i');
const DATE_OR_STAMP = new RegExp(`\\s(?:(?:Published|Posted|Updated)\\b|${DATE})`, 'i');
const PERSON_NAME = /^[A-Z][\p{L}.'’-]*(?:\s+(?:[A-Z][\p{L}.'’-]*|de|da|van|von|bin|al-\p{L}+)){0,4}$/u;

/**
 * Reads a byline ("By Jane Doe and John Roe", "By Jane Doe | Reuters", "By Jane Doe Published
 * March 3, 2019"): the names, any wire agency among them, and the dates that follow them.
 * @returns null when the paragraph is not a byline.
 */
export function readByline(
  text: string,
): { authors: string[]; agency: string | null; published: string | null; updated: string | null } | null {
  if (text.length > 200 || !/^By\s+[A-Z]/u.test(text)) return null;
  let rest = text.slice(3).trim();
  const dateAt = rest.search(DATE_OR_STAMP);
  const tail = dateAt >= 0 ? rest.slice(dateAt) : '';
  if (dateAt >= 0) rest = rest.slice(0, dateAt);
  const parts = rest
    .split(/\s*(?:,|\||·|•|\s[-–—]\s|\band\b)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  const authors: string[] = [];
  let agency: string | null = null;
  for (const part of parts) {
    const wire = agencyName(part);
    if (wire) agency ??= wire;
    else if (PERSON_NAME.test(part)) authors.push(part);
    else return null;
  }
  if (!authors.length && !agency) return null;
  const updatedAt = tail.search(/\b(?:Updated|Modified)\b/i);
  const publishedText = updatedAt >= 0 ? tail.slice(0, updatedAt) : tail;
  const updatedText = updatedAt >= 0 ? tail.slice(updatedAt) : '';
  const publishedMatch = DATE_ANYWHERE.exec(publishedText);
  const updatedMatch = DATE_ANYWHERE.exec(updatedText);
  return {
    authors,
    agency,
    published: publishedMatch ? isoDate(publishedMatch[0]) : null,
    updated: updatedMatch ? isoDate(updatedMatch[0]) : null,
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const MONTH_DAY_YEAR = /([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})/i;
const DAY_MONTH_YEAR = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})/i;

/**
 * Parses a date as the DATE pattern above matched it ("February 12, 2018", "12 Feb 2018",
 * "2018-02-12", with an optional weekday and time) to ISO `YYYY-MM-DD`, or null. Relative and
 * free-form dates are the times stage's work; a header date line is always absolute.
 */
export function isoDate(written: string): string | null {
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_DAY.exec(written);
  const mdy = iso ? null : MONTH_DAY_YEAR.exec(written);
  const dmy = iso || mdy ? null : DAY_MONTH_YEAR.exec(written);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (mdy) [year, month, day] = [Number(mdy[3]), MONTHS.indexOf(mdy[1]!.toLowerCase()) + 1, Number(mdy[2])];
  else if (dmy) [year, month, day] = [Number(dmy[3]), MONTHS.indexOf(dmy[2]!.toLowerCase()) + 1, Number(dmy[1])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Reads the header of the story: the title (the first line when the page gave none, or the
 * repeated page title), the date line ("February 12, 2018 Updated: February 17, 2018") and a
 * byline ("By Jane Doe").
 */
export const readHeader: CleanStep = (state) => {
  const { meta } = state;
  const window = state.paragraphs.slice(0, HEADER_WINDOW);

  const first = window[0];
  if (first && first.hint !== 'caption') {
    if (meta.title && normalise(first.text) === normalise(meta.title)) {
      remove(first, 'title', 'clean/title-repeated');
    } else if (
      !meta.title &&
      state.paragraphs.length > 1 &&
      first.text.length <= 200 &&
      !/[.!?]["”’]?$/.test(first.text) &&
      !DATE_LINE.test(first.text)
    ) {
      meta.title = first.text;
      meta.provenance.title = 'text';
      remove(first, 'title', 'clean/title-first-line');
    }
  }

  for (const p of window) {
    if (p.removed) continue;
    const dates = DATE_LINE.exec(p.text);
    if (dates) {
      const published = dates[1] ? isoDate(dates[1]) : null;
      const updated = dates[2] ? isoDate(dates[2]) : null;
      if (!published && !updated) continue;
      remove(p, 'date-line', 'clean/date-line');
      if (published && (!meta.published || meta.provenance.published === 'fetch-date')) {
        meta.published = published;
        meta.provenance.published = 'text';
      }
      if (updated && !meta.updated) {
        meta.updated = updated;
        meta.provenance.updated = 'text';
      }
      continue;
    }
    const byline = readByline(p.text);
    if (byline) {
      remove(p, 'byline', 'clean/byline');
      if (!meta.authors.length && byline.authors.length) {
        meta.authors = byline.authors;
        meta.provenance.authors = 'text';
      }
      if (byline.agency && !meta.agency) {
        meta.agency = byline.agency;
        meta.provenance.agency = 'text';
      }
      if (byline.published && !meta.published) {
        meta.published = byline.published;
        meta.provenance.published = 'text';
      }
      if (byline.updated && !meta.updated) {
        meta.updated = byline.updated;
        meta.provenance.updated = 'text';
      }
    }
  }
};

export type { CleanState };
