import type { Sentence, TimeMention, Token } from '../../document/types.js';
import type { Ymd } from './calendar.js';

/** How a sentence places what it reports in time, for resolving bare months and weekdays. */
export type Tense = 'past' | 'future' | 'present';

/** A time expression found by a finder, before values are resolved. */
export interface TimeCandidate {
  start: number;
  end: number;
  type: TimeMention['type'];
  /** Calendar fields the text states. */
  fields: Partial<Record<'year' | 'month' | 'day' | 'weekday' | 'hour' | 'minute', number>>;
  /** A value already final (durations, sets, vague references), or null to resolve from fields. */
  value: string | null;
  /** For relative expressions: a function of the reference date (and the clause's tense) that gives the value. */
  relative?: (ref: Ymd, tense: Tense) => string;
  /** A time given in UTC ("18:00 UTC"), written with a `Z`. */
  utc?: boolean;
  /** A part of the day the text names with a day ("Friday afternoon"): TimeML's `MO`, `AF`, `EV`, `NI`. */
  part?: 'MO' | 'AF' | 'EV' | 'NI';
  /** A day named only by reference to one already told ("the same day", "end the day"): see 04-resolve-anaphora. */
  anaphoric?: boolean;
  /**
   * Years inside a range ("from 2009 to 2011"), which TimeML marks as dates within the duration;
   * offsets are from the start of the match until the finder makes them the text's.
   */
  years?: Array<{ start: number; end: number; year: number }>;
  /** For a SET: TimeML's `freq` and `quant`. */
  freq?: string;
  quant?: string;
  rule: string;
}

/** One sentence as the time finders see it. */
export interface TimeSentence {
  index: number;
  sentence: Pick<Sentence, 'start' | 'end' | 'text'>;
  tokens: readonly Token[];
  tense: Tense;
}

const IRREGULAR_PAST = new Set(
  (
    'was were had did said told met made took gave went came saw held left began ' +
    'fought won lost sent led spent became knew thought brought struck shot ' +
    'rose fell sold paid ran stood wrote spoke broke chose drew flew grew hit ' +
    'hung kept lay meant put quit read rode rang sank sat slept stole swore ' +
    'swept threw understood woke wore'
  ).split(' '),
);
const FUTURE =
  /\b(will|shall|'ll|’ll|going to|plans? to|planned to|is to|are to|next|upcoming|scheduled|due to|expected to)\b/i;

/**
 * The tense a sentence reports in: future when it says "will", "plans to", "next"; past when a
 * verb is in a past form; present otherwise. Good enough to choose between last December and
 * next December; a parser would do better.
 */
export function tenseOf(text: string, tokens: readonly Token[]): Tense {
  if (FUTURE.test(text)) return 'future';
  for (const t of tokens) {
    if (t.pos !== 'VERB' && t.pos !== 'AUX') continue;
    const word = t.text.toLowerCase();
    if (IRREGULAR_PAST.has(word) || (word.endsWith('ed') && word !== t.lemma)) return 'past';
  }
  return 'present';
}

/** Words and marks that end a clause: the tense of a verb beyond them is another clause's. */
const CLAUSE_BREAK = /^(?:[,;:()"“”—–]|that|which|who|whose|when|while|because|but|and|although|though|if)$/i;
const LABEL_BREAK = /^[:;"“”]$/;
const MODAL = /^(?:will|shall|'ll|’ll|wo|would|may|might|should|must)$/i;
const PERFECT = /^(?:has|have|'ve|’ve)$/i;
const PAST_AUX = /^(?:was|were|had|did)$/i;
const PRESENT_AUX = /^(?:is|are|am|'s|’s|'re|’re|be|being|been|do|does)$/i;
/** Words in a clause that put it ahead whatever its verb: "the upcoming vote", "scheduled for". */
const AHEAD = /^(?:next|upcoming|scheduled|due)$/i;

const isVerb = (t: Token) => t.pos === 'VERB' || t.pos === 'AUX';
const isPastForm = (t: Token) => {
  const word = t.text.toLowerCase();
  return IRREGULAR_PAST.has(word) || (word.endsWith('ed') && word !== t.lemma);
};

/** The tense of one verb group ("should be completed", "has continued to hold", "announced"). */
function groupTense(group: readonly Token[]): Tense | null {
  const verbs = group.filter(isVerb);
  if (!verbs.length) return null;
  // A modal or an infinitive looks ahead: "may be signed", "to be held", "is set to begin".
  // An infinitive's verb is in its base form: "to be held", not "according to figures released".
  const isBase = (t: Token | undefined) => !!t && isVerb(t) && t.text.toLowerCase() === t.lemma.toLowerCase();
  const infinitive = group.some((t, i) => t.text.toLowerCase() === 'to' && isBase(group[i + 1]));
  if (group.some((t) => MODAL.test(t.text)) || infinitive) return 'future';
  const going = group.findIndex((t) => t.text.toLowerCase() === 'going');
  if (going >= 0 && group[going + 1]?.text.toLowerCase() === 'to') return 'future';
  const finite = verbs[0]!;
  if (PAST_AUX.test(finite.text)) return 'past';
  if (PERFECT.test(finite.text) && verbs.length > 1) return 'past';
  // "is expected", "are closed": a participle after a present auxiliary is present; otherwise any
  // past form decides, even after a word the tagger took for a verb ("figures released April 3").
  if (verbs.some((t) => PRESENT_AUX.test(t.text))) return 'present';
  return verbs.some((t) => t.pos === 'VERB' && isPastForm(t)) ? 'past' : 'present';
}

/**
 * The tense of the clause an expression stands in, from the verb group nearest it within the
 * clause: the one before it ("announced Friday", "should be completed in October"), else the one
 * after it ("In June the plant will open"), else the nearest before the clause, else the next
 * clause's ("On Friday, the index closed");
 * null when the sentence has no verb there. "In June" in a future clause is ahead though the
 * sentence says "announced"; "Friday" after "announced" is behind though the sentence says "will".
 */
export function clauseTense(tokens: readonly Token[], start: number, end: number): Tense | null {
  const first = tokens.findIndex((t) => t.end > start);
  if (first < 0) return null;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
  const stops = (i: number) => CLAUSE_BREAK.test(tokens[i]!.text);
  let from = first;
  while (from > 0 && !stops(from - 1)) from--;
  let to = last;
  while (to + 1 < tokens.length && !stops(to + 1)) to++;
  const clause = tokens.slice(from, to + 1);
  if (clause.some((t) => AHEAD.test(t.text))) return 'future';
  const groupAt = (v: number): Token[] => {
    let a = v;
    let b = v;
    const inGroup = (t: Token | undefined) =>
      t && (isVerb(t) || t.pos === 'PART' || t.pos === 'ADV' || t.text.toLowerCase() === 'to');
    while (a > from && inGroup(tokens[a - 1])) a--;
    while (b < to && inGroup(tokens[b + 1])) b++;
    return tokens.slice(a, b + 1);
  };
  for (let i = first - 1; i >= from; i--) if (isVerb(tokens[i]!)) return groupTense(groupAt(i));
  // After it, an infinitive belongs to a noun ("the decision on August 6 to ban"), not to the date.
  for (let i = last + 1; i <= to; i++) {
    if (isVerb(tokens[i]!) && tokens[i - 1]!.text.toLowerCase() !== 'to') return groupTense(groupAt(i));
  }
  // No verb in the clause: the nearest verb before it ("wants to cut 789, or a quarter, by early June"),
  // else the clause after it ("On Friday, the index closed").
  for (let i = from - 1; i >= 0; i--) {
    // Not past a colon or a quotation mark: "UPDATE: On Friday, ..." is no verb of the clause's.
    if (LABEL_BREAK.test(tokens[i]!.text)) break;
    if (!isVerb(tokens[i]!)) continue;
    let a = i;
    while (a > 0 && (isVerb(tokens[a - 1]!) || tokens[a - 1]!.pos === 'PART' || tokens[a - 1]!.text === 'to')) a--;
    return groupTense(tokens.slice(a, i + 1));
  }
  for (let i = to + 1; i < tokens.length; i++) {
    if (!isVerb(tokens[i]!)) continue;
    let a = i;
    let b = i;
    while (a > to + 1 && (isVerb(tokens[a - 1]!) || tokens[a - 1]!.pos === 'PART')) a--;
    while (
      b + 1 < tokens.length &&
      (isVerb(tokens[b + 1]!) || tokens[b + 1]!.pos === 'PART' || tokens[b + 1]!.text === 'to')
    )
      b++;
    return groupTense(tokens.slice(a, b + 1));
  }
  return null;
}
