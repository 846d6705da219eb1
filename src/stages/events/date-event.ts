import { canDate, dateValue } from '../../document/date-of.js';
import type { EventDate, Sentence, TimeMention, Token } from '../../document/types.js';
import { pathBetween, spanHead, type RoleParse } from './parse-roles.js';

/**
 * Relations that open a clause of its own: a time inside one dates that clause, not the trigger's.
 * A plain `acl` is left out: the parser gives it to names it takes for verbs ("talks to Moon").
 */
const OWN_CLAUSE = new Set(['acl:relcl', 'advcl', 'ccomp', 'xcomp', 'parataxis', 'csubj']);
/** Clauses whose act is dated apart from the clause they hang on ("who hands power on Jan. 20", "after X withdrew"). */
const APART = new Set(['acl', 'advcl']);
/** Words that open a relative clause. */
const RELATIVE_WORDS = new Set(['who', 'which', 'whose', 'whom', 'where', 'when']);
/** How many days before publication an event must end to be background rather than news. */
const HISTORICAL_DAYS = 31;
/** How many tokens may stand before a time that opens a sentence ("On Friday,", "At Tuesday's summit,"). */
const FRONTED_WITHIN = 4;

/** An event's date, whether it is background, and why, for `dyad explain`. */
export interface EventDating {
  date: EventDate | null;
  historical: boolean;
  why: string;
}

/**
 * Dates the event whose trigger is token `trigger` of sentence `s`: the time expression of its own
 * clause, by the parse (the nearest, when several); else the time that opened an earlier sentence
 * of the paragraph, which frames what follows ("On Friday, Lavrov proposed ... Putin declined");
 * else the publication date. An event that ends more than a month before publication is
 * historical: background, not the news of the day.
 * @param reference the ISO day of `ctx.reference`, or null.
 * @example "Obama, who hands power on Jan. 20, imposed sanctions" dates the sanctions by publication.
 */
export function dateEvent(
  parse: RoleParse,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  times: readonly TimeMention[],
  s: number,
  trigger: number,
  reference: string | null,
): EventDating {
  const dating = times.filter((t) => t.sentence === s && canDate(t));
  let best: { time: TimeMention; distance: number } | null = null;
  const elsewhere: string[] = [];
  const sentence = sentences[s]!;
  const triggerAside = relativeAside(tokens, sentence, trigger);
  for (const time of dating) {
    const word = headOf(parse, tokens, time);
    // The parser sometimes misses a relative clause set off by commas; its time is still its own.
    const sameAside = relativeAside(tokens, sentence, word) === triggerAside;
    const distance = sameAside ? clauseDistance(parse, tokens, word, trigger) : null;
    if (distance === null) elsewhere.push(`"${time.text}"`);
    else if (!best || distance < best.distance) best = { time, distance };
  }
  if (best) return finish(best.time, 'clause', `clause: "${best.time.text}" is in the trigger's clause`, reference);
  const notHere = elsewhere.length ? ` (${elsewhere.join(', ')} in another clause)` : '';
  const frame = frameOf(sentences, tokens, times, s);
  if (frame)
    return finish(frame, 'context', `context: "${frame.text}" opened an earlier sentence${notHere}`, reference);
  const why = `publication: no time in the trigger's clause${notHere}`;
  return { date: reference ? { value: reference, source: 'publication' } : null, historical: false, why };
}

function finish(time: TimeMention, source: 'clause' | 'context', why: string, reference: string | null): EventDating {
  const value = dateValue(time);
  const date: EventDate = { value, source, time: { start: time.start, end: time.end, text: time.text } };
  const historical = reference !== null && daysBetween(lastDayOf(value), reference) > HISTORICAL_DAYS;
  return { date, historical, why: historical ? `${why}; historical (well before publication)` : why };
}

/**
 * The number of arcs between a time's head word and the trigger through their lowest common
 * ancestor, or null when the time sits in a clause of its own below that ancestor, or the
 * trigger sits in a relative or adverbial clause above which the time stands.
 */
function clauseDistance(parse: RoleParse, tokens: readonly Token[], time: number, trigger: number): number | null {
  const path = pathBetween(parse, time, trigger);
  if (!path) return null;
  const [timeSide, triggerSide] = path;
  const opens = (k: number) => {
    const rel = parse.deprels[k]!;
    return OWN_CLAUSE.has(rel) || OWN_CLAUSE.has(rel.split(':')[0]!) || (rel === 'conj' && tokens[k]!.pos === 'VERB');
  };
  if (timeSide.some(opens)) return null;
  if (triggerSide.some((k) => APART.has(parse.deprels[k]!.split(':')[0]!))) return null;
  return timeSide.length + triggerSide.length;
}

/**
 * The comma-enclosed relative clause token `k` sits in (", who hands power on Jan. 20,"), as the
 * index of its opening comma, or -1 when none.
 */
function relativeAside(tokens: readonly Token[], sentence: Sentence, k: number): number {
  let open = k;
  while (open > sentence.tokenStart && tokens[open]!.text !== ',') open--;
  if (tokens[open]?.text !== ',' || !RELATIVE_WORDS.has(tokens[open + 1]?.text.toLowerCase() ?? '')) return -1;
  return open;
}

/** The word of a time expression that the parse hangs outside it (its syntactic head). */
function headOf(parse: RoleParse, tokens: readonly Token[], time: TimeMention): number {
  let first = -1;
  let last = -1;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]!.end <= time.start) continue;
    if (tokens[k]!.start >= time.end) break;
    if (first < 0) first = k;
    last = k;
  }
  return first < 0 ? 0 : spanHead(parse, first, last);
}

/**
 * The time that frames sentence `s`: going back through its paragraph, the first earlier sentence
 * that states a time, when that time opens it ("On Friday, ..."); a time further in states when its
 * own act happened and frames nothing after it.
 */
function frameOf(
  sentences: readonly Sentence[],
  tokens: readonly Token[],
  times: readonly TimeMention[],
  s: number,
): TimeMention | null {
  const paragraph = sentences[s]!.paragraph;
  for (let p = s - 1; p >= 0 && sentences[p]!.paragraph === paragraph; p--) {
    const stated = times.filter((t) => t.sentence === p && canDate(t));
    if (!stated.length) continue;
    const opening = tokens[Math.min(sentences[p]!.tokenStart + FRONTED_WITHIN, sentences[p]!.tokenEnd - 1)]!;
    const first = stated[0]!;
    return first.start <= opening.start ? first : null;
  }
  return null;
}

/** The last day a TimeML value covers (`2016-10` → `2016-10-31`, `2008` → `2008-12-31`). */
function lastDayOf(value: string): string {
  const [year, month, day] = value.slice(0, 10).split('-');
  if (day) return `${year}-${month}-${day}`;
  if (month) {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return `${year}-${month}-${String(last).padStart(2, '0')}`;
  }
  return `${year}-12-31`;
}

/** Whole days from ISO day `from` to ISO day `to`. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
