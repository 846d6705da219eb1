import type { ActorMention, CodedEvent, EventParty, EventPlace } from '../../document/types.js';
import type { ActorEntry } from '../../knowledge/actor-kb.js';
import type { CameoCode, EventKnowledge } from '../../knowledge/event-patterns.js';
import type { VerbGroup } from './01-analyse-clauses.js';
import { findPlace } from './03-find-place.js';
import { dateEvent, type EventDating } from './date-event.js';
import { arcPath } from './parse-roles.js';
import { hasCodePrefix, sameParty, type Draft, type EventState, type EventStep, type EventWords } from './state.js';

/**
 * CAMEO's intent codes by root: "will visit" is coded as an intent to meet (036), "plans to send
 * aid" as an intent to provide aid (033); a planned attack is a threat of force (138).
 */
const INTENT_CODES: Record<string, string> = {
  '04': '036',
  '05': '032',
  '06': '031',
  '07': '033',
  '08': '035',
  '09': '036',
  '14': '133',
  '15': '138',
  '16': '131',
  '17': '137',
  '18': '138',
  '19': '138',
  '20': '138',
};
/** CAMEO's refusal codes by root: "refused to meet" is 125, "did not cooperate" 121 ... */
const REFUSAL_CODES: Record<string, string> = {
  '03': '125',
  '04': '125',
  '05': '120',
  '06': '121',
  '07': '122',
  '08': '124',
};
/**
 * Acts done in a place and to it (`local-act-codes` in `data/words/roles.txt`): protests, force
 * posture, coercion, assaults, fighting, mass violence, and the easing of a curfew or emergency.
 * With no target named, the country where they happened is the target, as event data sets code
 * them ("Kurds demonstrated in Kirkuk": Iraq; "Turkish authorities imposed a curfew in Cizre":
 * Turkey). The pattern's code decides, before intent: "will extend the curfew in Abidjan" is local.
 */
const isLocal = (code: string, words: EventWords): boolean => hasCodePrefix(code, words.localActs);

function party(m: ActorMention): EventParty {
  // A place acted on ("how to deal with Idlib") stands for its country, as a city does.
  const actor = m.actor.code === null && m.actor.country ? { ...m.actor, code: m.actor.country } : m.actor;
  return { actor, mention: { start: m.start, end: m.end, text: m.text } };
}

/**
 * The country of a local act's place as its target, when the sentence names none: the place's
 * words stand as the mention. A country acting in its own land with no role ("Turkey imposed a
 * curfew in Cizre") is no event between two parties, so it keeps no target; one of its agents
 * (police, rebels, the government) does ("Turkish authorities" against Turkey), and so do its
 * people protesting at home ("Iraqi Kurds demonstrated in Kirkuk"): a protest faces the state.
 */
function placeTarget(
  place: EventPlace | null,
  source: ActorMention,
  root: string,
  countries: ReadonlyMap<string, ActorEntry>,
): EventParty | null {
  const entry = place?.country ? countries.get(place.country) : undefined;
  if (!place || !entry || entry.country === null) return null;
  if (source.actor.country === entry.country && source.actor.role === null && root !== '14') return null;
  return {
    actor: countryActor(entry),
    mention: place.mention,
    from: 'place',
  };
}

/**
 * The target of a local act that names none: the country of its place; for a protest with no
 * place, the protesters' own state, which a protest faces ("Iraqi Kurds demonstrated", "Algerian
 * landowners began a hunger strike": one of its agents, or its people named by their nationality).
 * A protest by a state itself keeps no target.
 */
function localTarget(
  place: EventPlace | null,
  source: ActorMention,
  root: string,
  countries: ReadonlyMap<string, ActorEntry>,
): EventParty | null {
  const fromPlace = placeTarget(place, source, root, countries);
  // Protesters named by their nationality ("Algerian landowners") are the people, not the state.
  const people = source.actor.role !== null || source.via.startsWith('dictionary:demonym');
  if (fromPlace || root !== '14' || !people || !source.actor.country) return fromPlace;
  const entry = countries.get(source.actor.country);
  if (!entry || entry.country === null) return null;
  return {
    actor: countryActor(entry),
    mention: { start: source.start, end: source.end, text: source.text },
    from: 'state',
  };
}

function countryActor(entry: ActorEntry): EventParty['actor'] {
  return {
    id: entry.id,
    name: entry.name,
    code: entry.code,
    country: entry.country,
    role: null,
    title: null,
    kind: 'country',
  };
}

/** The code an event takes given its mood: intent and refusal codes where CAMEO has them. */
function finalCode(
  code: string,
  group: VerbGroup | null,
  codes: ReadonlyMap<string, CameoCode>,
): { code: string; negated: boolean; intent: boolean } | null {
  const root = code.slice(0, 2);
  if (group?.negated) {
    const refusal = REFUSAL_CODES[root];
    // A negated conflict act ("did not attack") is no event; a refused cooperation is a refusal.
    return refusal && codes.has(refusal) ? { code: refusal, negated: true, intent: false } : null;
  }
  if (group?.intent) {
    const intent = INTENT_CODES[root];
    return { code: intent && codes.has(intent) ? intent : code, negated: false, intent: true };
  }
  return { code, negated: false, intent: false };
}

/**
 * Turns drafts into events: the final code (intent and refusal codes), place and date (the
 * clause's, else the paragraph's frame, else the reference date; `historical` when well before
 * it), one event per source and target (both ways for joint acts), merged when the article
 * repeats them.
 */
export const buildEvents: EventStep = (state) => {
  state.events = eventsOf(state.drafts, state, state.knowledge, state.countries, state.reference);
};

function eventsOf(
  drafts: readonly Draft[],
  doc: Pick<EventState, 'text' | 'sentences' | 'tokens' | 'actors' | 'times' | 'parse' | 'trace' | 'words'>,
  knowledge: EventKnowledge,
  countries: ReadonlyMap<string, ActorEntry>,
  reference: string | null,
): CodedEvent[] {
  const events: CodedEvent[] = [];
  const byKey = new Map<string, CodedEvent>();
  // Place and date are found once per trigger, whatever number of events it yields.
  const setting = new Map<number, { place: EventPlace | null; dating: EventDating }>();
  for (const d of drafts) {
    const coded = finalCode(d.match.pattern.code, d.group, knowledge.codes);
    const sentence = doc.sentences[d.sentence]!;
    const head = d.match.taken[0]!;
    if (!coded) {
      explainDraft(doc, d, 'negated: a conflictual act that did not happen is not coded', null);
      continue;
    }
    const cameo = knowledge.codes.get(coded.code)!;
    const headToken = doc.tokens[head]!;
    let where = setting.get(head);
    if (!where) {
      // Material acts and meetings happen somewhere; statements are about places.
      const lenient =
        cameo.quadClass === 2 ||
        cameo.quadClass === 4 ||
        cameo.root === '04' ||
        isLocal(d.match.pattern.code, doc.words);
      const event = { trigger: head, parties: [...d.sources, ...d.targets], lenient };
      where = {
        place: findPlace(doc.text, sentence, doc.tokens, doc.actors, event, doc.parse),
        dating: dateEvent(doc.parse, doc.tokens, doc.sentences, doc.times, d.sentence, head, reference),
      };
      setting.set(head, where);
      explainDraft(doc, d, modalityOf(d.group, coded), where.dating);
    }
    const { place } = where;
    const { date, historical } = where.dating;
    // Joint acts with no target ("the United States and South Korea agreed") are coded between
    // the parties, both ways, as CAMEO codes reciprocal events. Only cooperation is reciprocal:
    // "Argentina, Chile and Peru questioned the result" is no act of theirs on one another.
    const cooperation = cameo.quadClass === 1 || cameo.quadClass === 2;
    const reciprocal = !d.targets.length && d.sources.length > 1 && cooperation;
    const targets: Array<ActorMention | null> = d.targets.length ? d.targets : reciprocal ? d.sources : [null];
    for (const source of d.sources) {
      for (const target of targets) {
        if (target && sameParty(source, target)) continue;
        const fromPlace =
          !target && isLocal(d.match.pattern.code, doc.words)
            ? localTarget(place, source, d.match.pattern.code.slice(0, 2), countries)
            : null;
        const key = [source.actor.code, target?.actor.code ?? fromPlace?.actor.code ?? '-', coded.code].join('|');
        const existing = byKey.get(key);
        if (existing) {
          existing.mentions++;
          (existing.repeats ??= []).push({ start: sentence.start, end: sentence.end, text: sentence.text });
          continue;
        }
        const expectsTarget = d.match.pattern.targetAt !== null;
        const confidence =
          Math.round(
            (0.9 -
              (expectsTarget && !target ? 0.25 : 0) -
              (coded.intent ? 0.1 : 0) -
              (d.sources.length > 1 || d.targets.length > 1 ? 0.05 : 0)) *
              100,
          ) / 100;
        // The trigger's span is written out, not spread: a spread followed by twenty fields made
        // V8 build each event slowly and keep it past young-generation collections.
        const event: CodedEvent = {
          start: headToken.start,
          end: headToken.end,
          text: headToken.text,
          sentence: d.sentence,
          evidence: { start: sentence.start, end: sentence.end, text: sentence.text },
          source: party(source),
          target: target ? party(target) : fromPlace,
          code: coded.code,
          root: cameo.root,
          name: cameo.name,
          goldstein: cameo.goldstein,
          quadClass: cameo.quadClass,
          plover: cameo.plover,
          negated: coded.negated,
          intent: coded.intent,
          date,
          place,
          via: {
            pattern: d.match.pattern.text,
            file: d.match.pattern.file,
            line: d.match.pattern.line,
            code: d.match.pattern.code,
          },
          confidence,
          mentions: 1,
        };
        if (historical) event.historical = true;
        byKey.set(key, event);
        events.push(event);
      }
    }
  }
  return events;
}

/** Why a draft has the mood it is coded with, in words for `dyad explain`. */
function modalityOf(group: VerbGroup | null, coded: { negated: boolean; intent: boolean }): string {
  if (!group) return 'asserted: a nominal event, as its clause states it';
  if (coded.negated) return 'negated or refused: coded with the refusal code';
  if (coded.intent) return 'intended or announced (a future modal or a governing verb): coded with the intent code';
  return `asserted: a ${group.passive ? 'passive ' : ''}verb in a factual clause`;
}

/** Records, when explaining, the parse arcs from a draft's trigger to its parties, its mood and its date. */
function explainDraft(
  doc: Pick<EventState, 'tokens' | 'parse' | 'trace'>,
  d: Draft,
  modality: string,
  dating: EventDating | null,
): void {
  const record = doc.trace?.find((t) => t.sentence === d.sentence);
  if (!record) return;
  const head = d.match.taken[0]!;
  const arcs = (parties: readonly ActorMention[]) =>
    parties.map((m) => arcPath(doc.parse, doc.tokens, head, m)).join('; ') || 'none';
  (record.decisions ??= []).push({
    trigger: doc.tokens[head]!.text,
    source: arcs(d.sources),
    target: arcs(d.targets),
    modality,
    dating: dating?.why ?? 'not dated: not coded',
  });
}
