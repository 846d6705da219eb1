import type { ActorMention, ResolvedActor } from '../../document/types.js';
import { roleOn } from '../../knowledge/actor-kb.js';
import { agentOfCode as agentOf, composeCode, countryOfCode } from '../../knowledge/actor-code.js';
import { endsInPlural, KIND_OF, type ActorState, type WorkingMention } from './state.js';

/** Prepositions after which a capital names a place, not a government ("talks in Seoul"). */
const LOCATIVE = new Set([
  'in',
  'at',
  'to',
  'from',
  'near',
  'into',
  'outside',
  'inside',
  'across',
  'toward',
  'towards',
  'via',
  'around',
  'within',
  'through',
  'between',
  'and',
]);

/** The actor a mention stands for, coded on the article's date. */
function resolve(state: ActorState, m: WorkingMention): ResolvedActor | null {
  // A pronoun, or a surname after the full name, is whoever its antecedent is, titles included.
  if (m.antecedent && (m.kind === 'pronoun' || m.kind === 'new-person' || m.entry?.type === 'person'))
    return resolve(state, m.antecedent);
  if (m.kind === 'new-person' && m.person) {
    const p = m.person;
    return {
      id: `new:${p.name}`,
      name: p.name,
      code: p.code,
      country: p.country,
      role: p.agent,
      title: p.title,
      kind: 'person',
    };
  }
  const entry = m.entry;
  if (!entry) return null;
  if (entry.type === 'person') {
    const held = roleOn(entry, state.date);
    if (!held) return null;
    const { role, when } = held;
    const country = countryOfCode(role.code);
    // The text's own title beats the dictionary's dates when the dictionary has no office in force
    // ("President Obama" in a story the dictionary dates before his term), and "former" makes ELI.
    if (m.agent && (when !== 'in-office' || m.formerTitle || role.code.endsWith('ELI'))) {
      const titleCountry = m.country ?? country;
      const agent = m.formerTitle ? 'ELI' : m.agent.code;
      const code = titleCountry ? composeCode(titleCountry, agent) : null;
      const actor: ResolvedActor = {
        id: entry.id,
        name: entry.name,
        code,
        country: titleCountry,
        role: agent,
        title: m.title ?? null,
        kind: 'person',
      };
      if (m.formerTitle) actor.former = true;
      return actor;
    }
    if (when === 'before') {
      return { id: entry.id, name: entry.name, code: country, country, role: null, title: null, kind: 'person' };
    }
    const code = when === 'former' && country ? composeCode(country, 'ELI') : role.code;
    const actor: ResolvedActor = {
      id: entry.id,
      name: entry.name,
      code,
      country,
      role: agentOf(code),
      title: role.title || null,
      kind: 'person',
    };
    if (when === 'former' || agentOf(code) === 'ELI') actor.former = true;
    return actor;
  }
  if (m.kind === 'compound') {
    const country = m.country ?? entry.country;
    const code = composeCode(country, m.agent?.code);
    return {
      id: `${entry.id}/${m.agent?.code}`,
      name: `${entry.name} ${m.agent?.label ?? ''}`.trim(),
      code,
      country,
      role: m.agent?.code ?? null,
      title: null,
      kind: endsInPlural(state, m) ? 'group' : 'organisation',
    };
  }
  if (m.kind === 'metonym') {
    const prev = state.folded[m.tokenStart - 1];
    if (prev !== undefined && LOCATIVE.has(prev)) {
      return {
        id: entry.id,
        name: state.text.slice(state.tokens[m.tokenStart]!.start, state.tokens[m.tokenEnd - 1]!.end),
        code: entry.country,
        country: entry.country,
        role: null,
        title: null,
        kind: 'city',
      };
    }
    return {
      id: `${entry.id}/GOV`,
      name: `${entry.name} government`,
      code: composeCode(entry.country, 'GOV'),
      country: entry.country,
      role: 'GOV',
      title: null,
      kind: 'country',
    };
  }
  return {
    id: entry.id,
    name: entry.name,
    code: entry.code,
    country: entry.country,
    role: entry.type === 'media' ? 'MED' : agentOf(entry.code),
    title: null,
    kind: KIND_OF[entry.type],
  };
}

/** Turns working mentions into the `actors` layer: spans, resolved actors, rules and antecedents. */
export function assignCodes(state: ActorState): ActorMention[] {
  const out: ActorMention[] = [];
  for (const m of state.mentions) {
    const actor = resolve(state, m);
    if (!actor) continue;
    const start = state.tokens[m.tokenStart]!.start;
    const end = state.tokens[m.tokenEnd - 1]!.end;
    const mention: ActorMention = {
      start,
      end,
      text: state.text.slice(start, end),
      sentence: m.sentence,
      actor,
      via: m.via,
    };
    if (m.title && actor.kind === 'person' && !actor.title) actor.title = m.title;
    if (m.antecedent) {
      const a = m.antecedent;
      const aStart = state.tokens[a.tokenStart]!.start;
      const aEnd = state.tokens[a.tokenEnd - 1]!.end;
      mention.antecedent = { start: aStart, end: aEnd, text: state.text.slice(aStart, aEnd) };
    }
    out.push(mention);
  }
  return out;
}
