import type { ActorKind, Sentence, Token } from '../../document/types.js';
import type { ActorEntry, AgentEntry, KnowledgeBase, Phrase } from '../../knowledge/actor-kb.js';
import type { StageContext } from '../../pipeline/context.js';

/** A mention being built: a token range and what it names, before codes are assigned. */
export interface WorkingMention {
  tokenStart: number;
  tokenEnd: number;
  sentence: number;
  /** How the mention names its actor. */
  kind:
    | 'entry' // a knowledge-base entry by name (person, organisation, country, media)
    | 'demonym' // a country by its adjective
    | 'metonym' // a capital or seat of government
    | 'compound' // a country (or organisation) plus an agent noun: "South Korean officials"
    | 'new-person' // a person the knowledge base does not hold
    | 'pronoun'
    | 'description';
  entry?: ActorEntry;
  /** For compounds and titled people: the agent the role noun signals. */
  agent?: AgentEntry;
  /** For compounds: the country code, or the organisation entry, the agent belongs to. */
  country?: string | null;
  /** For new people: their name, title and any code their title or appositive gave. */
  person?: {
    name: string;
    title: string | null;
    code: string | null;
    country: string | null;
    agent: string | null;
    gender: 'male' | 'female' | null;
  };
  /** Index (into the mention list) of the mention this one refers back to. */
  antecedent?: WorkingMention;
  /** The title words standing before a person's name ("Vice President"). */
  title?: string;
  /** True when the title says the office is past ("former President", "ousted leader"). */
  formerTitle?: boolean;
  via: string;
}

/** What the actor steps share for one document. */
export interface ActorState {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  /** Folded token texts, the keys of the phrase trie. */
  folded: string[];
  /** For each token, the sentence it is in. */
  sentenceOf: Int32Array;
  /** For each token, whether it stands inside quotation marks. */
  quoted: Uint8Array;
  kb: KnowledgeBase;
  /** The article's date (ISO), for dated roles; null when unknown. */
  date: string | null;
  /** Dictionary matches, by start token. Agent nouns stay here until compounds consume them. */
  candidates: Array<{ tokenStart: number; tokenEnd: number; sentence: number; phrases: Phrase[] }>;
  mentions: WorkingMention[];
  ctx: StageContext;
}

/** An actor step: reads and refines the state; steps run in the order `index.ts` lists them. */
export type ActorStep = (state: ActorState) => void;

/** Kinds of actor, by entry type. */
export const KIND_OF: Record<ActorEntry['type'], ActorKind> = {
  person: 'person',
  organisation: 'organisation',
  group: 'group',
  media: 'media',
  country: 'country',
  place: 'place',
};

/** True when the token is a capitalised word ("Moon", "O'Brien", "Jae"), not punctuation. */
export function isCapitalised(token: string): boolean {
  return /^\p{Lu}[\p{L}'’.]*$/u.test(token) && token !== token.toLowerCase();
}

/** Capitalised words that begin sentences or headings but never names. */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  (
    'the a an in on at for from with by to of and or but as if when while after ' +
    'before since although though however his her their its our this that these ' +
    'those there here it he she they we i you who what where why how monday ' +
    'tuesday wednesday thursday friday saturday sunday january february march ' +
    'april may june july august september october november december'
  ).split(' '),
);

/** Words before a title that make it a past office. */
export const FORMER_WORDS = new Set([
  'former',
  'ex',
  'ex-',
  'ousted',
  'late',
  'deposed',
  'exiled',
  'toppled',
  'outgoing',
  'then',
]);

/** Sorts mentions by position, longest first where two start together. */
export function byPosition(a: WorkingMention, b: WorkingMention): number {
  return a.tokenStart - b.tokenStart || b.tokenEnd - a.tokenEnd;
}

/**
 * The honorific or title right before token `i` ("Mr.", "Adm.", "Prime Minister"), as its folded
 * key, or null. A title's period may stand as its own token ("Adm" "."), and a title may span
 * two or three tokens.
 */
export function honorificBefore(state: ActorState, i: number): string | null {
  const { folded, kb } = state;
  let end = i;
  if (folded[end - 1] === '.') end--;
  for (let length = 3; length >= 1; length--) {
    if (end - length < 0) continue;
    const words = folded.slice(end - length, end);
    for (const key of [words.join(' '), end < i ? `${words.join(' ')} .` : null]) {
      if (key && kb.honorifics.has(key)) return key;
    }
  }
  return null;
}

/** True when a mention ends in a plural noun ("officials", "troops"). */
export function endsInPlural(state: Pick<ActorState, 'tokens'>, m: Pick<WorkingMention, 'tokenEnd'>): boolean {
  const last = state.tokens[m.tokenEnd - 1]!;
  return /s$/i.test(last.text) && last.lemma !== last.text.toLowerCase();
}

/**
 * The items of a list sorted by `tokenStart` that lie within tokens [from, to): found by binary
 * search, so that a step asking this for every name stays linear in the article's length.
 */
export function within<T extends { tokenStart: number; tokenEnd: number }>(
  sorted: readonly T[],
  from: number,
  to: number,
): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.tokenStart < from) lo = mid + 1;
    else hi = mid;
  }
  const found: T[] = [];
  for (let k = lo; k < sorted.length && sorted[k]!.tokenStart < to; k++)
    if (sorted[k]!.tokenEnd <= to) found.push(sorted[k]!);
  return found;
}
