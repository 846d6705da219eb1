import { formatMonth, shiftedPeriod, type Ymd } from './calendar.js';
import type { TimeCandidate, TimeSentence } from './state.js';

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  couple: 2,
};
const UNIT: Record<string, string> = {
  year: 'Y',
  month: 'M',
  week: 'W',
  day: 'D',
  hour: 'H',
  minute: 'M',
  decade: 'Y',
  century: 'Y',
  quarter: 'Q',
};
const UNIT_SCALE: Record<string, number> = { decade: 10, century: 100 };
const NUMBER_WORD = Object.keys(NUMBER_WORDS)
  .filter((w) => !/^(?:an?|couple)$/.test(w))
  .join('|');
const NUM = String.raw`((?:\d+(?:\.\d+)?|a|an|${NUMBER_WORD}|couple(?: of)?)(?:\s+and\s+a\s+half)?)`;
const UNITS = String.raw`(years?|months?|weeks?|days?|hours?|minutes?|quarters?|decades?|centuries|century)`;
/** Amounts TimeML leaves unknown: "several days" is `PXD`. */
const VAGUE_AMOUNT = String.raw`(?:several|a few|few|many|some)`;
const PLURAL_UNITS = String.raw`(years|months|weeks|days|hours|minutes|decades)`;
/** Words after a number that make it a count, not a year: "the 2000 troops". */
const COUNTED = 'people|troops|soldiers|workers|residents|jobs|more|others|percent|dollars|points|units|tons';
/** Words TimeML keeps in a duration's span ("nearly five months", "over a decade"). */
const DURATION_MOD = String.raw`(?:(?:almost|nearly|over|about|around|roughly|approximately)\s+)?`;

/** A pattern finder: a regular expression over the sentence and what a match means. */
interface Pattern {
  rule: string;
  regex: RegExp;
  make(match: RegExpExecArray): Omit<TimeCandidate, 'start' | 'end' | 'rule'> | null;
  /** Which group is the expression (the rest is context, such as a leading preposition);
   * of several, the first one matched. */
  group?: number | number[];
}

function amount(words: string): number {
  const half = /\s+and\s+a\s+half$/i.test(words) ? 0.5 : 0;
  const word = words.replace(/\s+and\s+a\s+half$/i, '');
  const n = Number(word);
  return (Number.isFinite(n) ? n : (NUMBER_WORDS[word.toLowerCase().replace(/ of$/, '')] ?? 1)) + half;
}

/** "15 a year", "$3 billion a year": after an amount, "a year" is a rate (a set), not a stretch of time. */
const AFTER_AMOUNT = /\d[\d,.]*%?\s+(?:[a-z]+\s+){0,2}$/i;

const unitOf = (unitWord: string) =>
  unitWord
    .toLowerCase()
    .replace(/ies$/, 'y')
    .replace(/s$/, '')
    .replace(/^centurie$/, 'century');

/** A TimeML duration: `P3Y`, `PT20M`, `P10Y` for a decade; `PXD` when the amount is unknown (`n` null). */
function duration(n: number | null, unitWord: string): string {
  const unit = unitOf(unitWord);
  // An unknown number of decades is written with TimeML's own unit, not in years.
  const value = n === null ? 'X' : n * (UNIT_SCALE[unit] ?? 1);
  const code = n === null && unit === 'decade' ? 'DE' : n === null && unit === 'century' ? 'CE' : (UNIT[unit] ?? 'D');
  return unit === 'hour' || unit === 'minute' ? `PT${value}${code}` : `P${value}${code}`;
}

const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };
const QUARTERS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, final: 4, last: 4 };

/** "last year" → the year before; "this"/"next" likewise; a bare unit (season) → this year. */
const shiftYear = (ref: Ymd, which: string | undefined) =>
  ref.year + (/last|past|previous/i.test(which ?? '') ? -1 : /next|coming/i.test(which ?? '') ? 1 : 0);

/**
 * Our own finders for what chrono-node does not read: bare years ("in 2017"), durations ("for
 * three years", "the last 20 years"), "ago" ("three days ago"), sets ("every week", "annually"),
 * vague references ("recently", "now", "in the future"), seasons, quarters, and "earlier this
 * month".
 */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = 'january february march april may june july august september october november december'.split(' ');
/** Month and weekday names as written, capitalised: "may" and "march" in lower case are mostly verbs. */
const MONTH_NAME = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1)).join('|');
const WEEKDAY_NAME = WEEKDAYS.map((d) => d[0]!.toUpperCase() + d.slice(1)).join('|');
const PARTS: Record<string, 'MO' | 'AF' | 'EV' | 'NI'> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };

const PATTERNS: Pattern[] = [
  {
    rule: 'times/deictic-day',
    // TimeML keeps "earlier" in the span: "earlier today" is one expression.
    regex: /\b(?:(?:earlier|later)\s+)?(today|tonight|yesterday|tomorrow)\b/gi,
    make: (m) => {
      const word = m[1]!.toLowerCase();
      const shift = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
      return {
        type: word === 'tonight' ? 'TIME' : 'DATE',
        fields: {},
        value: null,
        relative: (ref) => shiftedPeriod(ref, 'day', shift),
        ...(word === 'tonight' ? { part: 'NI' as const } : {}),
      };
    },
  },
  {
    rule: 'times/deictic-unit',
    // "the previous year", "the last year": TimeML keeps the article in the span.
    regex: /\b(?:the\s+(?=last|previous))?(last|next|this|past|coming|previous)\s+(week|month|year)\b/gi,
    make: (m) => {
      const which = m[1]!.toLowerCase();
      const shift = /last|past|previous/.test(which) ? -1 : /next|coming/.test(which) ? 1 : 0;
      const unit = m[2]!.toLowerCase();
      return {
        type: 'DATE',
        fields: {},
        value: null,
        relative: (ref: Ymd) => shiftedPeriod(ref, unit as 'week' | 'month' | 'year', shift),
      };
    },
  },
  {
    rule: 'times/weekday',
    regex: /\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/g,
    make: (m) => ({ type: 'DATE', fields: { weekday: WEEKDAYS.indexOf(m[1]!.toLowerCase()) }, value: null }),
  },
  {
    rule: 'times/ago',
    regex: new RegExp(String.raw`\b${NUM}\s+${UNITS}\s+ago\b`, 'gi'),
    make: (m) => {
      const n = amount(m[1]!);
      const word = m[2]!.toLowerCase();
      const unit = word.startsWith('year')
        ? 'year'
        : word.startsWith('month')
          ? 'month'
          : word.startsWith('week')
            ? 'week'
            : 'day';
      return { type: 'DATE', fields: {}, value: null, relative: (ref) => shiftedPeriod(ref, unit, -n) };
    },
  },
  {
    rule: 'times/duration',
    regex: new RegExp(
      String.raw`\b((?:the\s+)?(?:last|past|next|previous|coming|first)\s+)?${DURATION_MOD}${NUM}\s+` +
        String.raw`(?:straight\s+|consecutive\s+|more\s+|trading\s+|business\s+|working\s+)?${UNITS}\b(?!\s+ago)`,
      'gi',
    ),
    make: (m) => {
      if (/^an?$/i.test(m[2]!) && !m[1] && AFTER_AMOUNT.test(m.input.slice(0, m.index))) return null;
      // "a quarter of the vote", "three quarters of voters": fractions ("two consecutive quarters of
      // growth" is a duration).
      const quarter = /^quarter/i.test(m[3]!);
      const ofAfter = /^[\s,]*of\b/.test(m.input.slice(m.index + m[0].length));
      if (quarter && (/^(?:an?|one)$/i.test(m[2]!) || (/^(?:three|3)$/i.test(m[2]!) && ofAfter))) return null;
      return { type: 'DURATION', fields: {}, value: duration(amount(m[2]!), m[3]!) };
    },
  },
  {
    rule: 'times/duration-vague',
    // "several days", "the past several months", "recent years", "over the years": TimeML's `PXD`, `PXM`, `PXY`.
    regex: new RegExp(
      String.raw`\b(?:(?:the\s+)?(?:last|past|next|previous|coming)\s+${VAGUE_AMOUNT}|${VAGUE_AMOUNT}|recent` +
        String.raw`|over\s+the)\s+(years|months|weeks|days|hours|minutes|decades)\b`,
      'gi',
    ),
    make: (m) => ({ type: 'DURATION', fields: {}, value: duration(null, m[1]!) }),
  },
  {
    rule: 'times/duration-vague',
    // A bare plural unit after "in", "for", "within" ("in minutes", "for years", "highest in years") or
    // before "later", "after" ("days after the vote") is a stretch of unknown length; elsewhere it is
    // mostly a period of history ("his student days", "the days of the Cold War").
    regex: new RegExp(
      String.raw`(?<=\b(?:in|for|within|over|took|take|takes|lasted|spent|just)\s+)${PLURAL_UNITS}\b(?!-)` +
        String.raw`|\b${PLURAL_UNITS}(?=\s+(?:later|earlier|after|before|in\s+the\s+making)\b)`,
      'gi',
    ),
    make: (m) => ({ type: 'DURATION', fields: {}, value: duration(null, (m[1] ?? m[2])!) }),
  },
  {
    rule: 'times/duration-compound',
    // "a 27-year contract", "12-year lows", "a sixteen-month high", "decades-long": a duration as a modifier.
    regex: new RegExp(
      String.raw`\b(?:(\d+|${NUMBER_WORD})-(year|month|week|day|hour|minute|decade)s?(?:-long)?` +
        String.raw`|(years|months|weeks|days|hours|decades)-long)\b(?!-old)`,
      'gi',
    ),
    make: (m) => ({
      type: 'DURATION',
      fields: {},
      value: m[3] ? duration(null, m[3]) : duration(amount(m[1]!), m[2]!),
    }),
  },
  {
    rule: 'times/duration',
    // "the past decade", "the last year", "the next month": a stretch of time, not a date.
    regex: /\bthe\s+(?:past|last|next|coming|previous)\s+(decade|century)\b/gi,
    make: (m) => ({ type: 'DURATION', fields: {}, value: duration(1, m[1]!) }),
  },
  {
    rule: 'times/set',
    // "every year" is a period with a quantifier (P1Y, EVERY); "annually" a calendar pattern (XXXX, once).
    // "15 a year" is a rate: a set too. The adjectives ("annual", "weekly") name the period.
    regex: new RegExp(
      String.raw`\b(every|each|per)\s+(year|month|week|day|hour|quarter)\b` +
        String.raw`|(?<=\d[\d,.]*%?\s+(?:[a-z]+\s+){0,2})(a)\s+(year|month|week|day)\b` +
        String.raw`|\b(annually|annual|yearly|monthly|weekly|daily|hourly|quarterly)\b`,
      'gi',
    ),
    make: (m) => {
      const word = (m[2] ?? m[4] ?? m[5]!).toLowerCase();
      const unit =
        word.startsWith('ann') || word.startsWith('year')
          ? 'Y'
          : word.startsWith('month')
            ? 'M'
            : word.startsWith('week')
              ? 'W'
              : word.startsWith('hour')
                ? 'H'
                : word.startsWith('quarter')
                  ? 'Q'
                  : 'D';
      const period = unit === 'H' ? 'PT1H' : unit === 'Q' ? 'P3M' : `P1${unit}`;
      if (m[1])
        return { type: 'SET', fields: {}, value: period, ...(/every|each/i.test(m[1]) ? { quant: 'EVERY' } : {}) };
      if (word === 'annually') return { type: 'SET', fields: {}, value: 'XXXX', freq: '1X' };
      return { type: 'SET', fields: {}, value: period };
    },
  },
  {
    rule: 'times/vague',
    regex: new RegExp(
      String.raw`\b(?:(?:very|more|most)\s+)?(recently|recent|lately|currently|at present|nowadays|now` +
        String.raw`|at the moment|in the future|in the coming (?:years|months|weeks)|soon|the past|in the past` +
        String.raw`|formerly|previously)\b`,
      'gi',
    ),
    make: (m) => {
      const w = m[0].toLowerCase();
      const value = /recent|lately|past|formerly|previously/.test(w)
        ? 'PAST_REF'
        : /future|coming|soon/.test(w)
          ? 'FUTURE_REF'
          : 'PRESENT_REF';
      return { type: 'DATE', fields: {}, value };
    },
  },
  {
    rule: 'times/season',
    regex:
      /\b(?:(this|last|next|the coming|the past)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?\b/gi,
    make: (m) => {
      if (!m[1] && !m[3] && m[2]!.toLowerCase() === 'fall') return null; // "fall" is mostly a verb
      // "Winter Olympics", "Arab Spring": a capitalised season inside a sentence is part of a name.
      if (!m[1] && /^[A-Z]/.test(m[2]!) && m.index > 0) return null;
      const code = SEASONS[m[2]!.toLowerCase()]!;
      return m[3]
        ? { type: 'DATE', fields: { year: Number(m[3]) }, value: `${m[3]}-${code}` }
        : { type: 'DATE', fields: {}, value: null, relative: (ref) => `${shiftYear(ref, m[1])}-${code}` };
    },
  },
  {
    rule: 'times/quarter',
    regex:
      /\b(?:the\s+)?(first|second|third|fourth|final|last)[\s-]+quarter(?:\s+of\s+(\d{4}|this year|last year))?\b/gi,
    make: (m) => {
      const q = QUARTERS[m[1]!.toLowerCase()]!;
      if (m[2] && /^\d{4}$/.test(m[2])) return { type: 'DATE', fields: { year: Number(m[2]) }, value: `${m[2]}-Q${q}` };
      // A bare quarter is the last one of that number ("the fourth quarter" in January is last year's),
      // or in a clause that looks ahead the next one ("will close plants in the fourth quarter").
      const bare = (ref: Ymd, tense: string) => {
        const now = Math.ceil(ref.month / 3);
        if (tense === 'future') return `${q >= now ? ref.year : ref.year + 1}-Q${q}`;
        return `${q <= now ? ref.year : ref.year - 1}-Q${q}`;
      };
      return {
        type: 'DATE',
        fields: {},
        value: null,
        relative: (ref, tense) => (m[2] ? `${shiftYear(ref, m[2])}-Q${q}` : bare(ref, tense)),
      };
    },
  },
  {
    rule: 'times/earlier-this',
    regex: /\b(earlier|later)\s+(this|last|next)\s+(week|month|year)\b/gi,
    make: (m) => {
      const unit = m[3]!.toLowerCase();
      const shift = m[2]!.toLowerCase() === 'last' ? -1 : m[2]!.toLowerCase() === 'next' ? 1 : 0;
      return {
        type: 'DATE',
        fields: {},
        value: null,
        relative: (ref: Ymd) => shiftedPeriod(ref, unit as 'week' | 'month' | 'year', shift),
      };
    },
  },
  {
    rule: 'times/year-range',
    // "from 2009 to 2011", "between 2014 and 2016", "2009-2010", "1957-58": TimeML reads a span of years as a duration.
    regex: new RegExp(
      String.raw`\b(?:(from|between)\s+)?((?:19|20)\d{2})(?:\s*[-–]\s*|\s+(?:to|and|through)\s+)` +
        String.raw`((?:19|20)\d{2}|\d{2})\b(?![-/.]\d)`,
      'gi',
    ),
    make: (m) => {
      const first = Number(m[2]);
      const last = m[3]!.length === 2 ? Math.floor(first / 100) * 100 + Number(m[3]) : Number(m[3]);
      // "2009 and 2014" without "between" is two years; "2009-10" after a hyphen is October 2009.
      if (last <= first || (!m[1] && /and/i.test(m[0])) || (m[1]?.toLowerCase() === 'between' && !/and/i.test(m[0])))
        return null;
      if (m[3]!.length === 2 && Number(m[3]) <= 12 && !m[0].includes('–')) return null;
      const firstAt = m[0].indexOf(m[2]!);
      const lastAt = m[0].lastIndexOf(m[3]!);
      const years = [
        { start: firstAt, end: firstAt + m[2]!.length, year: first },
        { start: lastAt, end: lastAt + m[3]!.length, year: last },
      ];
      return { type: 'DURATION', fields: {}, value: `P${last - first}Y`, years };
    },
  },
  {
    rule: 'times/year-part',
    // "early 2009", "late 2006", "mid-2011": the modifier belongs to the expression.
    regex: /\b(?:early|late|mid)(?:\s+|-)((?:19|20)\d{2})\b(?![-/]\d)/gi,
    make: (m) => ({ type: 'DATE', fields: { year: Number(m[1]) }, value: m[1]! }),
  },
  {
    rule: 'times/decade',
    // "the 80s", "the 1990s": TimeML writes a decade as its first three digits.
    // A bare "40s" only in a list or after "the": "her 30s" is an age.
    regex: /(?<![\d.,$])\b(?:(19|20)|'|(?<=\b(?:the|and|or)\s+))(\d)0'?s\b/gi,
    make: (m) => ({ type: 'DATE', fields: {}, value: `${m[1] ?? '19'}${m[2]}` }),
  },
  {
    rule: 'times/year-short',
    // "since '82": a year with its century left out, the latest one not after the reference year.
    regex: /(?<=\b(?:since|in|of|from|until)\s+)['’](\d{2})\b/gi,
    make: (m) => ({
      type: 'DATE',
      fields: {},
      value: null,
      relative: (ref) =>
        String(Math.floor(ref.year / 100) * 100 + Number(m[1]) - (Number(m[1]) > ref.year % 100 ? 100 : 0)),
    }),
  },
  {
    rule: 'times/month-shift',
    // "last May", "next June", "this March": the nearest such month before or after the reference date.
    regex: new RegExp(String.raw`\b(last|next|this|early|late|mid)(?:\s+|-)(${MONTH_NAME})\b`, 'gi'),
    make: (m) => {
      const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
      const which = m[1]!.toLowerCase();
      if (!/^[A-Z]/.test(m[2]!)) return null;
      if (which === 'early' || which === 'late' || which === 'mid')
        return { type: 'DATE', fields: { month }, value: null };
      return {
        type: 'DATE',
        fields: { month },
        value: null,
        relative: (ref) => {
          const year =
            which === 'last'
              ? month < ref.month
                ? ref.year
                : ref.year - 1
              : which === 'next'
                ? month > ref.month
                  ? ref.year
                  : ref.year + 1
                : ref.year;
          return `${year}-${String(month).padStart(2, '0')}`;
        },
      };
    },
  },
  {
    rule: 'times/month-of-year',
    // "in May last year", "October of next year": TimeML marks the month and the year apart; the year
    // the month is in comes from the words after it, not from the tense.
    regex: new RegExp(String.raw`\b(${MONTH_NAME})(?=\s+(?:of\s+)?(last|next|this)\s+year\b)`, 'g'),
    make: (m) => {
      const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
      const shift = m[2]!.toLowerCase() === 'last' ? -1 : m[2]!.toLowerCase() === 'next' ? 1 : 0;
      return { type: 'DATE', fields: { month }, value: null, relative: (ref) => formatMonth(ref.year + shift, month) };
    },
  },
  {
    rule: 'times/part-of-day',
    // "Friday afternoon", "this morning", "last night": a day and a part of it, TimeML's `TAF`, `TMO`, `TNI`.
    regex: new RegExp(
      String.raw`\b(${WEEKDAY_NAME}|today|yesterday|tomorrow|this|last)\s+(morning|afternoon|evening|night)\b`,
      'gi',
    ),
    make: (m) => {
      const day = m[1]!.toLowerCase();
      const part = PARTS[m[2]!.toLowerCase()]!;
      const weekday = WEEKDAYS.indexOf(day);
      if (weekday >= 0) {
        if (!/^[A-Z]/.test(m[1]!)) return null;
        return { type: 'TIME', fields: { weekday }, value: null, part };
      }
      // "last night" is the night before; "last morning" is no English.
      if (day === 'last' && part !== 'NI') return null;
      const shift = day === 'yesterday' || day === 'last' ? -1 : day === 'tomorrow' ? 1 : 0;
      return { type: 'TIME', fields: {}, value: null, part, relative: (ref) => shiftedPeriod(ref, 'day', shift) };
    },
  },
  {
    rule: 'times/part-of-period',
    // "the end of the year", "the start of this year", "the end of last year": the period itself.
    regex: new RegExp(
      String.raw`\b(?:the\s+)?(?:very\s+)?(?:end|start|beginning|middle|close|rest)\s+of\s+` +
        String.raw`(?:(this|last|next|the)\s+)(year|month|week)\b`,
      'gi',
    ),
    make: (m) => {
      const which = m[1]!.toLowerCase();
      const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      const unit = m[2]!.toLowerCase() as 'year' | 'month' | 'week';
      return { type: 'DATE', fields: {}, value: null, relative: (ref: Ymd) => shiftedPeriod(ref, unit, shift) };
    },
  },
  {
    rule: 'times/same-day',
    // A day named by reference to the one the story is about: "the same day", "to end the day", "for the day".
    regex: new RegExp(
      String.raw`\b(?:(?:end|ended|ending|ends|finish|finished|start|started|close|closed)\s+|for\s+)(the\s+day)\b` +
        String.raw`|\b((?:the\s+)?(?:start|end|close)\s+of\s+the\s+day|the\s+same\s+day|late\s+in\s+the\s+day)\b`,
      'gi',
    ),
    group: [1, 2],
    make: () => ({
      type: 'DATE',
      fields: {},
      value: null,
      anaphoric: true,
      relative: (ref) => shiftedPeriod(ref, 'day', 0),
    }),
  },
  {
    rule: 'times/weekend',
    regex: /\b(this|last|next|the)\s+weekend\b/gi,
    make: (m) => {
      const which = m[1]!.toLowerCase();
      const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      return { type: 'DATE', fields: {}, value: null, relative: (ref) => `${shiftedPeriod(ref, 'week', shift)}-WE` };
    },
  },
  {
    rule: 'times/race-time',
    // "finished in 3:07:35": hours, minutes and seconds without a.m./p.m. are an elapsed time, not a clock time.
    regex: /(?<!\bat\s+)\b(\d{1,2}):([0-5]\d):([0-5]\d)(?:\.\d+)?\b(?!\s*(?:[ap]\.?m\b|UTC|GMT))/gi,
    make: (m) => {
      const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return {
        type: 'DURATION',
        fields: {},
        value: `PT${h ? `${h}H` : ''}${min ? `${min}M` : ''}${sec ? `${sec}S` : ''}`,
      };
    },
  },
  {
    rule: 'times/clock-utc',
    // "0800 UTC": a four-digit clock time, read only with its zone so that "1500 troops" stays a number.
    regex: /\b([01]\d|2[0-3])([0-5]\d)\s+(UTC|GMT)\b/g,
    make: (m) => ({
      type: 'TIME',
      fields: { hour: Number(m[1]), minute: Number(m[2]) },
      value: null,
      utc: m[3] === 'UTC',
    }),
  },
  {
    rule: 'times/year',
    // A bare year after a preposition or as a modifier ("in 2017", "the 2018 Games", "since 1950",
    // "between 2009 and 2014", "a 2010 raid"), not a count ("a 2000-strong force", "the 1900 troops").
    regex: new RegExp(
      String.raw`\b(in|since|by|until|from|to|of|before|after|during|through|between|the|a|an|its|their|his|her` +
        String.raw`|early|late|mid|(?<=\bbetween\s+(?:19|20)\d{2}\s+)and)(?:\s+|(?<=mid)-)` +
        String.raw`((?:19|20)\d{2})\b(?![-/]\d|-[a-z]|\s+(?:${COUNTED})\b)`,
      'gi',
    ),
    group: 2,
    make: (m) => ({ type: 'DATE', fields: { year: Number(m[2]) }, value: m[2]! }),
  },
];

/** Runs every pattern over a sentence; spans are the expression without a leading preposition. */
export function findPatterns(s: TimeSentence): TimeCandidate[] {
  const out: TimeCandidate[] = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(s.sentence.text); m; m = pattern.regex.exec(s.sentence.text)) {
      const made = pattern.make(m);
      if (!made) continue;
      const group = pattern.group === undefined ? 0 : ([pattern.group].flat().find((g) => m[g] !== undefined) ?? 0);
      let text = m[group]!;
      let offset = m.index + m[0].lastIndexOf(text);
      // TimeML leaves the preposition out: "in the future" → "the future".
      const lead = /^(?:in|at|on|for|during)\s+/i.exec(text);
      if (lead && text.length > lead[0].length + 3) {
        offset += lead[0].length;
        text = text.slice(lead[0].length);
      }
      const at = s.sentence.start + m.index;
      const years = made.years?.map((y) => ({ ...y, start: at + y.start, end: at + y.end }));
      out.push({
        ...made,
        ...(years ? { years } : {}),
        start: s.sentence.start + offset,
        end: s.sentence.start + offset + text.length,
        rule: pattern.rule,
      });
    }
  }
  return out;
}
