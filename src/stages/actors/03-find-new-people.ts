import { composeCode } from '../../knowledge/actor-code.js';
import { wordSet } from '../../knowledge/word-sets.js';
import {
  byPosition,
  honorificBefore,
  isCapitalised,
  NOT_NAMES,
  type ActorState,
  type ActorStep,
  type WorkingMention,
  within,
} from './state.js';

/** Most words a person's name may have. */
const MAX_NAME_WORDS = 4;

/**
 * Finds people the knowledge base does not hold: runs of two to four capitalised words (joined
 * hyphens allowed, "Jae-in") outside any mention, which a title or honorific precedes ("Kremlin
 * spokesman Dmitry Peskov", "Dr. Jane Roe"), whose first word is a known given name, or which an
 * appositive or a reporting verb follows ("Kenji Morimoto, a missile specialist", "Jane Roe said").
 * The title or appositive gives the code where it names a country and a role.
 */
export const findNewPeople: ActorStep = (state) => {
  const { tokens, sentences, kb } = state;
  // Reporting verbs that follow a speaker's name ("Kenji Morimoto said").
  const speechVerbs = wordSet(kb, 'speaker-verbs');
  const covered = new Uint8Array(tokens.length);
  for (const m of state.mentions) covered.fill(1, m.tokenStart, m.tokenEnd);
  // Role nouns are titles, never part of a name ("President Francois Mitterand").
  for (const c of state.candidates)
    if (c.phrases.some((p) => p.kind === 'agent')) covered.fill(1, c.tokenStart, c.tokenEnd);
  const mentionEndingAt = new Map(state.mentions.map((m) => [m.tokenEnd, m]));
  const mentionStartingAt = new Map<number, WorkingMention>();
  for (const m of state.mentions) if (!mentionStartingAt.has(m.tokenStart)) mentionStartingAt.set(m.tokenStart, m);
  const agentEndingAt = new Map<number, (typeof state.candidates)[number]>();
  for (const c of state.candidates) if (c.phrases.some((p) => p.kind === 'agent')) agentEndingAt.set(c.tokenEnd, c);
  const found: WorkingMention[] = [];

  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    let i = sentence.tokenStart;
    while (i < sentence.tokenEnd) {
      // An honorific is not part of the name it stands before ("Mr. Halvorsen").
      if (
        covered[i] ||
        !isCapitalised(tokens[i]!.text) ||
        NOT_NAMES.has(state.folded[i]!) ||
        kb.honorifics.has(state.folded[i]!)
      ) {
        i++;
        continue;
      }
      // Gather the run: capitalised words, with hyphens that join parts of one word.
      let j = i;
      let words = 0;
      while (j < sentence.tokenEnd && !covered[j] && words < MAX_NAME_WORDS) {
        const t = tokens[j]!;
        if (isCapitalised(t.text) && !NOT_NAMES.has(state.folded[j]!)) {
          words++;
          j++;
        } else if (
          t.text === '-' &&
          j + 1 < sentence.tokenEnd &&
          t.start === tokens[j - 1]!.end &&
          tokens[j + 1]!.start === t.end
        ) {
          j += 2; // "Jae-in", "Kim Jong-un": the part after the hyphen may be lower case
        } else break;
      }
      const honorific = honorificBefore(state, i);
      const title = agentEndingAt.get(i);
      // One word is a name only right after a title ("President Reagan", "Mr. Smith").
      if (words < 2 && !(words === 1 && (honorific || title))) {
        i = Math.max(j, i + 1);
        continue;
      }
      const name = state.text.slice(tokens[i]!.start, tokens[j - 1]!.end);
      const givenName = kb.givenNames.has(state.folded[i]!);
      const next = tokens[j];
      const appositive = next?.text === ',' ? findAppositive(state, j + 1, sentence.tokenEnd) : null;
      const speaks =
        next !== undefined &&
        speechVerbs.has(next.lemma) &&
        tokens.slice(i, j).every((t) => t.pos === 'PROPN' || t.text === '-');
      if (!honorific && !title && !givenName && !appositive && !speaks) {
        i = j;
        continue;
      }
      // A country and role from the title before the name ("Kremlin spokesman") or the appositive;
      // a title alone ("President Francois Mitterand") takes the country named right after the
      // name ("... of France") or, failing that, the one country its sentence names.
      const titled = title ? mentionEndingAt.get(i) : undefined;
      const titleAgent = title?.phrases.find((p) => p.kind === 'agent')?.agent?.code ?? null;
      let titleCountry = titled?.kind === 'compound' ? (titled.country ?? null) : null;
      let inferred = false;
      if (!titleCountry && !appositive?.country && titleAgent) {
        titleCountry = countryAfter(state, mentionStartingAt, j) ?? onlyCountryInSentence(state, s);
        inferred = titleCountry !== null;
      }
      const code = titleCountry && titleAgent ? composeCode(titleCountry, titleAgent) : (appositive?.code ?? null);
      found.push({
        tokenStart: i,
        tokenEnd: j,
        sentence: s,
        kind: 'new-person',
        person: {
          name,
          title: title
            ? state.text.slice(tokens[title.tokenStart]!.start, tokens[title.tokenEnd - 1]!.end)
            : (appositive?.title ?? null),
          code: code || null,
          country: titleCountry ?? appositive?.country ?? null,
          agent: titleAgent ?? appositive?.agent ?? null,
          gender: honorific ? (kb.honorifics.get(honorific) ?? null) : null,
        },
        via:
          (title
            ? 'rule:title-name'
            : honorific
              ? 'rule:honorific-name'
              : appositive
                ? 'rule:name-appositive'
                : givenName
                  ? 'rule:given-name'
                  : 'rule:name-speech-verb') + (inferred ? '+country-in-sentence' : ''),
      });
      covered.fill(1, i, j);
      i = j;
    }
  }
  state.mentions = [...state.mentions, ...found].sort(byPosition);
};

/** The country of a country mention standing right after "of" after a name ("President X of France"). */
function countryAfter(
  state: ActorState,
  mentionStartingAt: ReadonlyMap<number, WorkingMention>,
  nameEnd: number,
): string | null {
  if (state.folded[nameEnd] !== 'of') return null;
  const m = mentionStartingAt.get(nameEnd + 1);
  return m && (m.kind === 'entry' || m.kind === 'demonym' || m.kind === 'metonym') && m.entry?.type === 'country'
    ? m.entry.country
    : null;
}

/** The one country a sentence names (by name, adjective or capital), or null when none or several. */
function onlyCountryInSentence(state: ActorState, sentence: number): string | null {
  const countries = new Set<string>();
  const { tokenStart, tokenEnd } = state.sentences[sentence]!;
  for (const m of within(state.mentions, tokenStart, tokenEnd)) {
    if (!m.entry?.country) continue;
    if (
      m.kind === 'demonym' ||
      m.kind === 'metonym' ||
      (m.kind === 'entry' && m.entry.type === 'country') ||
      m.kind === 'compound'
    )
      countries.add(m.entry.country);
  }
  return countries.size === 1 ? [...countries][0]! : null;
}

/**
 * Reads an appositive after a name (", Director of Policy Planning for the U.S. Department of
 * State", ", a South Korean official") up to the next comma or the sentence end, and takes the
 * code of the first actor named in it, completed by the first agent noun in it.
 */
function findAppositive(
  state: ActorState,
  from: number,
  sentenceEnd: number,
): { code: string | null; country: string | null; agent: string | null; title: string } | null {
  let to = from;
  while (to < sentenceEnd && to - from < 14 && !/^[,;:.!?“”"]$/.test(state.tokens[to]!.text)) to++;
  if (to === from) return null;
  const inside = within(state.mentions, from, to);
  const agent = within(state.candidates, from, to)
    .find((c) => c.phrases.some((p) => p.kind === 'agent'))
    ?.phrases.find((p) => p.kind === 'agent')?.agent;
  const actor = inside[0];
  if (!actor && !agent) return null;
  const title = state.text.slice(state.tokens[from]!.start, state.tokens[to - 1]!.end);
  if (actor?.kind === 'compound')
    return {
      code: composeCode(actor.country, actor.agent?.code),
      country: actor.country ?? null,
      agent: actor.agent?.code ?? null,
      title,
    };
  const entry = actor?.entry;
  if (entry && entry.type !== 'person' && entry.type !== 'media') {
    const country = entry.country;
    const entryCode = actor.kind === 'entry' && entry.type !== 'country' ? entry.code : null;
    const code = entryCode ?? (country ? composeCode(country, agent?.code) : null);
    return { code, country, agent: agent?.code ?? null, title };
  }
  return agent ? { code: null, country: null, agent: agent.code, title } : null;
}
