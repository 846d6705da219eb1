import { shiftedPeriod, type Ymd } from './calendar.js';
import type { TimeCandidate, TimeSentence } from './state.js';

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, several: 3, few: 3, couple: 2,
};
const UNIT: Record<string, string> = { year: 'Y', month: 'M', week: 'W', day: 'D', hour: 'H', minute: 'M', decade: 'Y', century: 'Y' };
const UNIT_SCALE: Record<string, number> = { decade: 10, century: 100 };
const NUM = String.raw`(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|several|few|couple(?: of)?)`;
const UNITS = String.raw`(years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)`;

/** A pattern finder: a regular expression over the sentence and what a match means. */
interface Pattern {
  rule: string;
  regex: RegExp;
  make(match: RegExpExecArray): Omit<TimeCandidate, 'start' | 'end' | 'rule'> | null;
  /** Which group is the expression (the rest is context, such as a leading preposition). */
  group?: number;
}

function amount(word: string): number {
  const n = Number(word);
  return Number.isFinite(n) ? n : NUMBER_WORDS[word.toLowerCase().replace(/ of$/, '')] ?? 1;
}

function duration(n: number, unitWord: string): string {
  const unit = unitWord.toLowerCase().replace(/s$/, '').replace(/ies$/, 'y').replace(/^centurie$/, 'century');
  const value = n * (UNIT_SCALE[unit] ?? 1);
  return unit === 'hour' || unit === 'minute' ? `PT${value}${UNIT[unit]}` : `P${value}${UNIT[unit] ?? 'D'}`;
}

const SEASONS: Record<string, string> = { spring: 'SP', summer: 'SU', autumn: 'FA', fall: 'FA', winter: 'WI' };
const QUARTERS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, final: 4, last: 4 };

/** "last year" → the year before; "this"/"next" likewise; a bare unit (season) → this year. */
const shiftYear = (ref: Ymd, which: string | undefined) => ref.year + (/last|past|previous/i.test(which ?? '') ? -1 : /next|coming/i.test(which ?? '') ? 1 : 0);

/**
 * Our own finders for what chrono-node does not read: bare years ("in 2017"), durations ("for
 * three years", "the last 20 years"), "ago" ("three days ago"), sets ("every week", "annually"),
 * vague references ("recently", "now", "in the future"), seasons, quarters, and "earlier this
 * month".
 */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const PATTERNS: Pattern[] = [
  {
    rule: 'times/deictic-day',
    regex: /\b(today|tonight|yesterday|tomorrow)\b/gi,
    make: (m) => {
      const word = m[1]!.toLowerCase();
      const shift = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
      return { type: 'DATE', fields: {}, value: null, relative: (ref) => shiftedPeriod(ref, 'day', shift) };
    },
  },
  {
    rule: 'times/deictic-unit',
    regex: /\b(last|next|this|past|coming|previous)\s+(week|month|year)\b/gi,
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
      const unit = word.startsWith('year') ? 'year' : word.startsWith('month') ? 'month' : word.startsWith('week') ? 'week' : 'day';
      return { type: 'DATE', fields: {}, value: null, relative: (ref) => shiftedPeriod(ref, unit, -n) };
    },
  },
  {
    rule: 'times/duration',
    regex: new RegExp(String.raw`\b((?:the\s+)?(?:last|past|next|previous|coming|first)\s+)?${NUM}\s+(?:straight\s+|consecutive\s+|more\s+)?${UNITS}\b(?!\s+ago)`, 'gi'),
    make: (m) => ({ type: 'DURATION', fields: {}, value: duration(amount(m[2]!), m[3]!) }),
  },
  {
    rule: 'times/duration',
    // "the past decade", "the last year", "the next month": a stretch of time, not a date.
    regex: /\bthe\s+(?:past|last|next|coming|previous)\s+(decade|century)\b/gi,
    make: (m) => ({ type: 'DURATION', fields: {}, value: duration(1, m[1]!) }),
  },
  {
    rule: 'times/set',
    regex: /\b(every|each|per)\s+(year|month|week|day|hour|quarter)\b|\b(annually|annual|yearly|monthly|weekly|daily|hourly)\b/gi,
    make: (m) => {
      const word = (m[2] ?? m[3]!).toLowerCase();
      const unit = word.startsWith('ann') || word.startsWith('year') ? 'Y' : word.startsWith('month') ? 'M' : word.startsWith('week') ? 'W' : word.startsWith('hour') ? 'H' : word.startsWith('quarter') ? 'Q' : 'D';
      return { type: 'SET', fields: {}, value: unit === 'H' ? 'PT1H' : unit === 'Q' ? 'P3M' : `P1${unit}` };
    },
  },
  {
    rule: 'times/vague',
    regex: /\b(recently|recent|lately|in recent (?:years|months|weeks|days)|currently|at present|nowadays|now|at the moment|in the future|in the coming (?:years|months|weeks)|soon|the past|in the past|formerly|previously)\b/gi,
    make: (m) => {
      const w = m[0].toLowerCase();
      const value = /recent|lately|past|formerly|previously/.test(w) ? 'PAST_REF' : /future|coming|soon/.test(w) ? 'FUTURE_REF' : 'PRESENT_REF';
      return { type: 'DATE', fields: {}, value };
    },
  },
  {
    rule: 'times/season',
    regex: /\b(?:(this|last|next|the coming|the past)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?\b/gi,
    make: (m) => {
      if (!m[1] && !m[3] && m[2]!.toLowerCase() === 'fall') return null; // "fall" is mostly a verb
      // "Winter Olympics", "Arab Spring": a capitalised season inside a sentence is part of a name.
      if (!m[1] && /^[A-Z]/.test(m[2]!) && m.index > 0) return null;
      const code = SEASONS[m[2]!.toLowerCase()]!;
      return m[3] ? { type: 'DATE', fields: { year: Number(m[3]) }, value: `${m[3]}-${code}` } : { type: 'DATE', fields: {}, value: null, relative: (ref) => `${shiftYear(ref, m[1])}-${code}` };
    },
  },
  {
    rule: 'times/quarter',
    regex: /\b(?:the\s+)?(first|second|third|fourth|final|last)[\s-]+quarter(?:\s+of\s+(\d{4}|this year|last year))?\b/gi,
    make: (m) => {
      const q = QUARTERS[m[1]!.toLowerCase()]!;
      if (m[2] && /^\d{4}$/.test(m[2])) return { type: 'DATE', fields: { year: Number(m[2]) }, value: `${m[2]}-Q${q}` };
      // A bare quarter is the last one of that number: "the fourth quarter" in January is last year's.
      return {
        type: 'DATE',
        fields: {},
        value: null,
        relative: (ref) => (m[2] ? `${shiftYear(ref, m[2])}-Q${q}` : `${q <= Math.ceil(ref.month / 3) ? ref.year : ref.year - 1}-Q${q}`),
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
    rule: 'times/year',
    // A bare year after a preposition or as a modifier ("in 2017", "the 2018 Games", "since 1950",
    // "between 2009 and 2014", "mid-2011").
    regex: /\b(in|since|by|until|from|to|of|before|after|during|through|between|the|early|late|mid|(?<=\bbetween\s+(?:19|20)\d{2}\s+)and)(?:\s+|(?<=mid)-)((?:19|20)\d{2})\b(?![-/]\d)/gi,
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
      let text = pattern.group ? m[pattern.group]! : m[0];
      let offset = pattern.group ? m.index + m[0].lastIndexOf(text) : m.index;
      // TimeML leaves the preposition out: "in the future" → "the future".
      const lead = /^(?:in|at|on|for|during)\s+/i.exec(text);
      if (lead && text.length > lead[0].length + 3) {
        offset += lead[0].length;
        text = text.slice(lead[0].length);
      }
      out.push({ ...made, start: s.sentence.start + offset, end: s.sentence.start + offset + text.length, rule: pattern.rule });
    }
  }
  return out;
}
