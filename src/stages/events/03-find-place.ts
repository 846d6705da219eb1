import type { ActorMention, EventPlace, Sentence, Token } from '../../document/types.js';
import { GEONAMES_CREDIT, lookupPlace } from '../../geo/gazetteer.js';
import type { RoleParse } from './parse-roles.js';

/** Prepositions that put an act somewhere ("met in Seoul", "fighting near Idlib"). */
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across']);
/**
 * Nouns that make what follows a topic, not a setting: "the situation in Gaza" is talked about,
 * wherever the talks were held.
 */
const TOPIC_NOUNS = new Set([
  'situation',
  'crisis',
  'conflict',
  'tension',
  'tensions',
  'developments',
  'development',
  'peace',
  'stability',
  'security',
  'war',
  'violence',
  'rights',
  'democracy',
  'elections',
  'election',
  'reform',
  'reforms',
  'future',
  'people',
  'events',
  'issue',
  'issues',
  'question',
  'efforts',
  'progress',
  'relations',
  'humanitarian',
  'investment',
  'investments',
  'interests',
  'presence',
  'role',
  'aggression',
  'occupation',
  'settlements',
  'embassy',
  'consulate',
  'ambassador',
  'counterpart',
  'citizens',
  'environment',
  'access',
  'sovereignty',
  'market',
  'markets',
  'sites',
  'status',
  'economy',
  'policy',
  'policies',
  'outbreak',
  'process',
  'need',
  'needs',
  'transition',
]);

/** The country named right after a place, past a comma ("Aqaba, Jordan"), or null. */
function countryAfter(
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  from: number,
  end: number,
): string | null {
  let comma = from;
  while (comma < tokens.length && tokens[comma]!.start < end) comma++;
  if (tokens[comma]?.text !== ',' || !tokens[comma + 1]) return null;
  const next = actors.find(
    (a) => a.start === tokens[comma + 1]!.start && a.actor.kind === 'country' && a.actor.role === null,
  );
  return next?.actor.country ?? null;
}

/** A place the sentence names after a locative preposition. */
interface Candidate {
  /** The token index of the preposition. */
  at: number;
  start: number;
  end: number;
  name: string;
  country: string | null;
}

/** Words of time a locative may follow and still hang on the verb ("met today in Cairo"). */
const TIME_WORDS = new Set([
  'today',
  'yesterday',
  'tomorrow',
  'tonight',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'morning',
  'afternoon',
  'evening',
  'week',
  'month',
  'year',
]);

/**
 * Whether the locative phrase at `preposition` says where the act happened rather than where
 * something in a noun phrase is. It does when it follows the trigger or its verb group, a time
 * word or number, or one of the event's parties ("met Merkel in Berlin"). After a common noun it
 * belongs to that noun ("concern about the increase in cases in Afghanistan"), except for
 * material acts and meetings (`lenient`: "attacked protesters in Lebanon", "met on the sidelines
 * of the summit in Melbourne"), and never after a topic noun ("the situation in Gaza").
 */
function hangsOnTheAct(
  tokens: readonly Token[],
  preposition: number,
  trigger: number,
  actorEnds: ReadonlySet<number>,
  lenient: boolean,
): boolean {
  const before = tokens[preposition - 1];
  if (!before) return false;
  if (preposition - 1 === trigger || actorEnds.has(before.end)) return true;
  const word = before.text.toLowerCase();
  if (
    before.pos === 'ADV' ||
    before.pos === 'NUM' ||
    TIME_WORDS.has(word) ||
    before.pos === 'AUX' ||
    before.pos === 'VERB'
  )
    return true;
  if (before.pos === 'NOUN' || before.pos === 'PROPN') return lenient && !TOPIC_NOUNS.has(word);
  // "President Yoon of the Republic of Korea (ROK) in Seoul", "Xi Jinping of the PRC, in Bali".
  return lenient && (before.text === ')' || before.text === ',');
}

/**
 * The actor mentions inside a sentence. The layer is in text order, so a binary search finds the
 * first: filtering the whole layer for each trigger made the stage quadratic in a long article.
 */
function actorsWithin(actors: readonly ActorMention[], sentence: Sentence): ActorMention[] {
  let low = 0;
  let high = actors.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (actors[mid]!.start < sentence.start) low = mid + 1;
    else high = mid;
  }
  const out: ActorMention[] = [];
  for (let i = low; i < actors.length && actors[i]!.start < sentence.end; i++)
    if (actors[i]!.end <= sentence.end) out.push(actors[i]!);
  return out;
}

/**
 * Where an event happened: a place named after a locative preposition that hangs on the act
 * ("met today in Cairo", "met Merkel in Berlin", "attacked protesters in Lebanon"), either a city,
 * place or country the actors layer found or capitalised words the GeoNames gazetteer knows ("in
 * Gangneung"). Places inside noun phrases about something else ("the situation in Gaza") are
 * passed over; of the rest, the one nearest the trigger wins, one after it first. Coordinates
 * come from the gazetteer, with its credit; a country has none.
 */
export function findPlace(
  text: string,
  sentence: Sentence,
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  event: { trigger: number; parties: readonly ActorMention[]; lenient: boolean },
  parse?: RoleParse,
): EventPlace | null {
  const { trigger, lenient } = event;
  // The parse hangs the phrase on the trigger ("extend the curfew [in Abidjan]"); for an act that
  // happens somewhere, on a place noun that does ("rioted at a jail [in northern Israel]") or on
  // the act's object, unless that is a topic ("imposed a curfew [in the town of Cizre]").
  const onTrigger = (k: number) => {
    const noun = parse?.heads[k] ?? -1;
    if (noun < 0 || !/^(obl|nmod)/.test(parse!.deprels[noun]!)) return false;
    const head = parse!.heads[noun]!;
    if (head === trigger) return parse!.deprels[noun]!.startsWith('obl');
    // One step further only for acts that happen somewhere (`lenient`): a statement is about places.
    if (!lenient || head < 0 || parse!.heads[head] !== trigger) return false;
    const object = parse!.deprels[head] === 'obj' && !TOPIC_NOUNS.has(tokens[head]!.text.toLowerCase());
    return parse!.deprels[head]!.startsWith('obl') || object;
  };
  const inSentence = actorsWithin(actors, sentence);
  // A meeting's or material act's place may follow any actor ("Hun Sen of Cambodia in Phnom Penh").
  const actorEnds = new Set((lenient ? inSentence : event.parties).map((a) => a.end));
  const candidates: Candidate[] = [];
  for (let k = sentence.tokenStart + 1; k < sentence.tokenEnd - 1; k++) {
    if (!LOCATIVE.has(tokens[k]!.text.toLowerCase())) continue;
    const parsed = onTrigger(k);
    if (!parsed && !hangsOnTheAct(tokens, k, trigger, actorEnds, lenient)) continue;
    let first = k + 1;
    if (tokens[first]!.text.toLowerCase() === 'the') first++;
    // Where the parse places the phrase, a few common words may come before the name ("in the
    // northern city of Kirkuk", "in the capital Kabul").
    for (let skip = 0; parsed && skip < 4 && first + 1 < sentence.tokenEnd; skip++) {
      if (/^\p{Lu}/u.test(tokens[first]!.text) || /^[,;:()]$/.test(tokens[first]!.text)) break;
      first++;
    }
    if (first >= sentence.tokenEnd || !/^\p{Lu}/u.test(tokens[first]!.text)) continue;
    const named = inSentence.find((a) => a.start === tokens[first]!.start);
    if (named) {
      // A country after a locative is a place too ("fighting in Ukraine"), placed at country level.
      const isPlace =
        named.actor.kind === 'city' ||
        named.actor.kind === 'place' ||
        (named.actor.kind === 'country' && named.actor.role === null);
      if (isPlace)
        candidates.push({
          at: k,
          start: named.start,
          end: named.end,
          name: named.text,
          country: named.actor.country ?? countryAfter(tokens, inSentence, first, named.end),
        });
      continue;
    }
    let j = first;
    while (j < sentence.tokenEnd && /^\p{Lu}[\p{L}'’.-]*$/u.test(tokens[j]!.text)) j++;
    const start = tokens[first]!.start;
    const end = tokens[j - 1]!.end;
    // A capitalised run that the actors layer named is an actor, not a place; unless the actor
    // holds the preposition too ("protesters in Lebanon"), where the run is where they are.
    const actor = inSentence.find((a) => a.start < end && start < a.end);
    if (actor) {
      if (actor.start <= tokens[k]!.start && actor.actor.country !== null)
        candidates.push({ at: k, start, end, name: text.slice(start, end), country: actor.actor.country });
      continue;
    }
    // "Bali, Indonesia": the country named after a place decides which place of that name.
    candidates.push({
      at: k,
      start,
      end,
      name: text.slice(start, end),
      country: countryAfter(tokens, inSentence, j, end),
    });
  }
  // After the trigger first (its own complement), nearest first; then before it, nearest first.
  const distance = (c: Candidate) => (c.at > trigger ? c.at - trigger : 1000 + trigger - c.at);
  candidates.sort((a, b) => distance(a) - distance(b));
  for (const c of candidates) {
    const geo = lookupPlace(c.name);
    if (!geo && c.country === null) continue;
    // The gazetteer's place of that name lies in another country (Bali in Cameroon for "Bali,
    // Indonesia", a town for a country's name): the place is kept at country level.
    if (geo && c.country !== null && geo.country !== c.country)
      return {
        name: c.name,
        country: c.country,
        lat: null,
        lon: null,
        mention: { start: c.start, end: c.end, text: c.name },
      };
    return {
      name: geo && c.country === null ? geo.name : c.name,
      country: c.country ?? geo?.country ?? null,
      lat: geo?.lat ?? null,
      lon: geo?.lon ?? null,
      mention: { start: c.start, end: c.end, text: c.name },
      ...(geo ? { credit: GEONAMES_CREDIT } : {}),
    };
  }
  return null;
}
