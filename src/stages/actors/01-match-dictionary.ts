import { roleOn, type Phrase, type TrieNode } from '../../knowledge/actor-kb.js';
import { caseMatches } from '../../knowledge/tokens.js';
import { honorificBefore, isCapitalised, NOT_NAMES, type ActorState, type ActorStep } from './state.js';

/** Which phrase wins when one span matches several: names before adjectives before short forms. */
const PRIORITY: Record<Phrase['kind'], number> = {
  name: 0,
  metonym: 1,
  demonym: 2,
  description: 3,
  short: 4,
  surname: 5,
  agent: 6,
};
/** Between entries of the same phrase kind: people in office, then organisations, then the rest. */
const TYPE_PRIORITY: Record<string, number> = { person: 0, media: 1, organisation: 2, group: 3, place: 4, country: 5 };

function phrasesFit(phrases: readonly Phrase[], state: ActorState, start: number): Phrase[] {
  return phrases.filter((p) => p.caseRules.every((rule, k) => caseMatches(rule, state.tokens[start + k]!.text)));
}

/**
 * Finds every dictionary phrase in the text by longest match over tokens (a trie keyed by folded
 * tokens, so "U.S." and "US" and "Élysée"/"Elysee" meet their entries, with case checked apart so
 * that "US" never matches "us"). Agent nouns are kept as candidates for the compound step.
 */
export const matchDictionary: ActorStep = (state) => {
  const { sentences } = state;
  for (let s = 0; s < sentences.length; s++) {
    const { tokenEnd } = sentences[s]!;
    let i = sentences[s]!.tokenStart;
    while (i < tokenEnd) {
      let best = longestAt(state, i, tokenEnd);
      // A longer phrase starting inside this one wins ("the South China Sea" is the sea, not "the South").
      for (let j = i + 1; best && j < best.end; j++) {
        const inner = longestAt(state, j, tokenEnd);
        if (inner && inner.end > best.end) {
          i = j;
          best = inner;
        }
      }
      if (best) {
        const ranked = [...best.phrases].sort(
          (a, b) =>
            PRIORITY[a.kind] - PRIORITY[b.kind] ||
            (TYPE_PRIORITY[a.entry?.type ?? ''] ?? 9) - (TYPE_PRIORITY[b.entry?.type ?? ''] ?? 9),
        );
        state.candidates.push({ tokenStart: i, tokenEnd: best.end, sentence: s, phrases: ranked });
        i = best.end;
      } else {
        i++;
      }
    }
  }
};

/** The longest dictionary phrase starting at token `i` whose case fits the text, if any. */
function longestAt(state: ActorState, i: number, limit: number): { end: number; phrases: Phrase[] } | null {
  const { tokens, folded, kb } = state;
  let node: TrieNode | undefined = kb.trie;
  let best: { end: number; phrases: Phrase[] } | null = null;
  for (let j = i; j < limit; j++) {
    node = node.next.get(folded[j]!);
    if (!node) break;
    if (node.phrases.length) {
      const fit = phrasesFit(node.phrases, state, i);
      if (fit.length) best = { end: j + 1, phrases: fit };
    }
  }
  // A name does not end inside a hyphenated word ("Washington-based" is not Washington).
  if (
    best &&
    best.end < limit &&
    tokens[best.end]!.text === '-' &&
    tokens[best.end]!.start === tokens[best.end - 1]!.end
  )
    return null;
  return best;
}

/** Words that signal the next capitalised word is a person's surname ("President Trump"). */
function titledBefore(state: ActorState, agentEndingAt: ReadonlySet<number>, tokenStart: number): boolean {
  return honorificBefore(state, tokenStart) !== null || agentEndingAt.has(tokenStart);
}

/**
 * True when a proper name the dictionary does not hold stands right before a surname, in the same
 * sentence ("Mark Johnson"): the surname is then the end of that person's name. A title, an
 * honorific, a dictionary phrase or a word that starts sentences ("Monday Johnson said") is no
 * such name.
 */
function givenNameBefore(
  state: ActorState,
  candidateEndingAt: ReadonlySet<number>,
  c: { tokenStart: number; sentence: number },
): boolean {
  const i = c.tokenStart - 1;
  const before = state.tokens[i];
  if (!before || i < state.sentences[c.sentence]!.tokenStart || before.end + 1 < state.tokens[i + 1]!.start)
    return false;
  if (before.pos !== 'PROPN' || !isCapitalised(before.text) || NOT_NAMES.has(state.folded[i]!)) return false;
  return !candidateEndingAt.has(c.tokenStart) && honorificBefore(state, c.tokenStart) === null;
}

/**
 * Turns candidates into mentions, keeping a phrase only where its context allows: a short form
 * ("the North") only when the article also mentions the other country; a bare surname only when
 * the article names the person in full, a title stands before it, or the person held office on
 * the article's date. Agent nouns stay candidates for the compound step.
 */
export const admitCandidates: ActorStep = (state) => {
  const named = new Set<string>();
  const countries = new Set<string>();
  for (const c of state.candidates) {
    const top = c.phrases[0]!;
    if (top.kind === 'name' && top.entry) named.add(top.entry.id);
    for (const p of c.phrases)
      if (p.entry?.country && (p.kind === 'name' || p.kind === 'demonym' || p.kind === 'metonym'))
        countries.add(p.entry.country);
  }
  // Where a role noun ends ("President" in "President Trump"), to know a title stands before a surname.
  const agentEndingAt = new Set<number>();
  const candidateEndingAt = new Set<number>();
  for (const c of state.candidates) {
    candidateEndingAt.add(c.tokenEnd);
    if (c.phrases.some((p) => p.kind === 'agent')) agentEndingAt.add(c.tokenEnd);
  }
  for (const c of state.candidates) {
    const phrase = c.phrases.find((p) => {
      switch (p.kind) {
        case 'short':
          return countries.has(p.when!);
        case 'surname': {
          // A capitalised word right after means a longer name ("Christian Lindner"), not this one;
          // so does a name word right before ("Mark Johnson" is not Boris Johnson), unless a title.
          const next = state.tokens[c.tokenEnd];
          if (next && c.tokenEnd < state.sentences[c.sentence]!.tokenEnd && isCapitalised(next.text)) return false;
          if (givenNameBefore(state, candidateEndingAt, c)) return false;
          if (named.has(p.entry!.id) || titledBefore(state, agentEndingAt, c.tokenStart)) return true;
          const held = roleOn(p.entry!, state.date);
          return held?.when === 'in-office' && !held.role.code.endsWith('ELI');
        }
        case 'agent':
          return false;
        default:
          return true;
      }
    });
    if (!phrase?.entry) continue;
    const kind =
      phrase.kind === 'demonym'
        ? 'demonym'
        : phrase.kind === 'metonym'
          ? 'metonym'
          : phrase.kind === 'description'
            ? 'description'
            : 'entry';
    state.mentions.push({
      tokenStart: c.tokenStart,
      tokenEnd: c.tokenEnd,
      sentence: c.sentence,
      kind,
      entry: phrase.entry,
      via: `dictionary:${phrase.kind} ${phrase.entry.file}:${phrase.entry.line}`,
    });
  }
};
