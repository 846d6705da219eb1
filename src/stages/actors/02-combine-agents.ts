import type { AgentEntry } from '../../knowledge/actor-kb.js';
import { byPosition, FORMER_WORDS, type ActorState, type ActorStep, type WorkingMention } from './state.js';

/** How many modifier words may stand between a country and its agent noun ("South Korean [senior government]
 * official"). */
const MAX_GAP = 2;
/** Parts of speech a modifier between a country and an agent noun may have. */
const MODIFIER_POS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);

/** The agent-noun candidates, by start and by end token. */
function agentCandidates(
  state: ActorState,
): Array<{ tokenStart: number; tokenEnd: number; sentence: number; agent: AgentEntry }> {
  return state.candidates.flatMap((c) => {
    const phrase = c.phrases.find((p) => p.kind === 'agent');
    return phrase?.agent
      ? [{ tokenStart: c.tokenStart, tokenEnd: c.tokenEnd, sentence: c.sentence, agent: phrase.agent }]
      : [];
  });
}

/** The country a mention stands for: by name, adjective or capital, or a place inside it ("Darfur rebels"). */
function countryOf(m: WorkingMention): string | null {
  if (m.kind === 'demonym' || m.kind === 'metonym') return m.entry?.country ?? null;
  if (m.kind === 'entry' && m.entry && (m.entry.type === 'country' || m.entry.type === 'place')) return m.entry.country;
  return null;
}

/**
 * Joins a country and the agent noun after it into one actor ("South Korean government official"
 * → KORGOV, "U.S. officials" → USAGOV, "North Korea's military" → PRKMIL), and "the army of
 * Myanmar" likewise. A role noun right before a person's name becomes that person's title
 * ("Vice President Mike Pence"), taking the country before it with it.
 */
export const combineAgents: ActorStep = (state) => {
  const { tokens } = state;
  const mentionEndingAt = new Map<number, WorkingMention>();
  const mentionStartingAt = new Map<number, WorkingMention>();
  for (const m of state.mentions) {
    mentionEndingAt.set(m.tokenEnd, m);
    mentionStartingAt.set(m.tokenStart, m);
  }
  const consumed = new Set<WorkingMention>();
  const added: WorkingMention[] = [];
  for (const a of agentCandidates(state)) {
    // Look left over modifiers and a possessive for a country.
    let k = a.tokenStart;
    let gap = 0;
    while (
      gap < MAX_GAP &&
      k > 0 &&
      !mentionEndingAt.has(k) &&
      MODIFIER_POS.has(tokens[k - 1]!.pos) &&
      /^\p{Ll}/u.test(tokens[k - 1]!.text)
    ) {
      k--;
      gap++;
    }
    if (!mentionEndingAt.has(k) && k > 0 && /^['’]s$/.test(tokens[k - 1]!.text)) k--;
    let owner = mentionEndingAt.get(k);
    let start = owner?.tokenStart ?? a.tokenStart;
    let end = a.tokenEnd;
    if (!owner || owner.sentence !== a.sentence || !countryOf(owner)) {
      // "the army of Myanmar", "president of France", "students throughout Indonesia"
      const of = tokens[a.tokenEnd];
      const after = of && /^(of|for|in|throughout)$/i.test(of.text) ? mentionStartingAt.get(a.tokenEnd + 1) : undefined;
      owner = after && after.sentence === a.sentence && countryOf(after) ? after : undefined;
      if (owner) {
        start = a.tokenStart;
        end = owner.tokenEnd;
      }
    }
    const person = mentionStartingAt.get(a.tokenEnd);
    const titleOf = person && person.entry?.type === 'person' ? person : undefined;
    if (titleOf) {
      titleOf.title = state.text.slice(tokens[a.tokenStart]!.start, tokens[a.tokenEnd - 1]!.end);
      titleOf.agent = a.agent;
      const before = state.folded[(owner && owner.tokenEnd <= a.tokenStart ? owner.tokenStart : a.tokenStart) - 1];
      titleOf.formerTitle = before !== undefined && FORMER_WORDS.has(before);
      if (owner && owner.tokenEnd <= a.tokenStart) {
        titleOf.country = countryOf(owner);
        consumed.add(owner);
      }
      continue;
    }
    if (!owner) continue;
    consumed.add(owner);
    added.push({
      tokenStart: start,
      tokenEnd: end,
      sentence: a.sentence,
      kind: 'compound',
      entry: owner.entry!,
      agent: a.agent,
      country: countryOf(owner),
      via: `rule:country-agent ${a.agent.file}:${a.agent.line}`,
    });
  }
  state.mentions = [...state.mentions.filter((m) => !consumed.has(m)), ...added].sort(byPosition);
};
