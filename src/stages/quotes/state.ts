import type { ActorMention, QuotedPhrase, Sentence, Token, TokenSyntax } from '../../document/types.js';
import type { StageContext } from '../../pipeline/context.js';
import type { MarkedSpan } from './01-find-quote-marks.js';

/** The word lists the quotes stage reads, from `data/quotes/cues.txt`. */
export interface QuoteLexicon {
  speechVerbs: Set<string>;
  listenerVerbs: Set<string>;
  objectReports: Set<string>;
  passiveCues: Set<string>;
  /** Multi-word cues as folded token sequences ("according to"). */
  cuePhrases: string[][];
  documents: Set<string>;
  anonymousHeads: Set<string>;
  /** Titles that make the name after them a body ("the automaker Chrysler"), which "it" may take up. */
  bodyTitles: Set<string>;
  relayWords: Set<string>;
  titleNouns: Set<string>;
  /** Verbs that report only when they govern a clause ("the court ruled that ..."). */
  clauseCues: Set<string>;
  /** Verbs that report only a quoted name ("described it as a “defining moment”"). */
  namingVerbs: Set<string>;
  /** Verbs of asking, whose object and infinitive are the request ("asked them to make plans"). */
  requestVerbs: Set<string>;
  /** A verb and the preposition that make it a request ("called for a re-run"), as "call for". */
  requestPhrases: Set<string>;
  /** Nouns that report, with a possessor or a `by` phrase ("the ministry's statement that ..."). */
  speechNouns: Set<string>;
  /** Head nouns of an outlet that relays what others said ("Japanese media reported"). */
  outletNouns: Set<string>;
  /** Speech verbs that may come before their speaker ("..., said Joe Leonard"). */
  invertingVerbs: Set<string>;
}

/** A reporting cue found in the text: a token range and the lemma it stands for. */
export interface Cue {
  tokenStart: number;
  tokenEnd: number;
  sentence: number;
  lemma: string;
  /** "according to X": the source comes after the cue and the content on the other side. */
  according: boolean;
  /** A noun that reports ("the announcement by X that ...", "X's statement"). */
  nominal?: boolean;
  /** A verb of naming or asking: it reports only the objects the parse gives it, never by word order. */
  parseOnly?: boolean;
  /** Taken by a quotation already. */
  used?: boolean;
}

/** A token range naming a speaker, before it is resolved. */
export interface SpeakerWords {
  tokenStart: number;
  tokenEnd: number;
}

/** A quotation being built. */
export interface WorkingQuote {
  contentStart: number;
  contentEnd: number;
  kind: 'direct' | 'indirect' | 'mixed';
  sentence: number;
  paragraph: number;
  cue: Cue | null;
  speaker: SpeakerWords | null;
  rule: string;
  /** The outlet that relayed the statement, when it stood where a speaker would ("Kyodo reported"). */
  relay?: SpeakerWords;
  /** An outlet giving its own view ("The New York Times cites a rise in ..."): it speaks, and is no relay. */
  outletSpeaks?: boolean;
  marked?: MarkedSpan;
  continuation?: boolean;
  /** The quotation this one takes its speaker from. */
  inheritsFrom?: WorkingQuote;
  /** Taken into a mixed quote: dropped when reported speech is done. */
  absorbed?: boolean;
}

/** What the quote steps share for one document. */
export interface QuoteState {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  folded: string[];
  sentenceOf: Int32Array;
  /** The dependency parse: heads and relations per token. */
  syntax: TokenSyntax;
  /** Each token's dependents in text order: `childIds[childStart[i] .. childStart[i + 1])`. */
  childStart: Int32Array;
  childIds: Int32Array;
  /** For each token, 1 when it stands inside quotation marks. */
  insideMarks: Uint8Array;
  actors: readonly ActorMention[];
  lexicon: QuoteLexicon;
  marks: MarkedSpan[];
  /** Every quotation mark pair, scare quotes and titles included, in text order. */
  allMarks: readonly MarkedSpan[];
  phrases: QuotedPhrase[];
  cues: Cue[];
  /** The single-token cue at each token, for the parse to find ("citing" under "reported"). */
  cueAt: Map<number, Cue>;
  quotes: WorkingQuote[];
  /** Direct quotes with no cue, by offset: fragments a mixed quote may take in (built on first use). */
  fragments?: WorkingQuote[];
  ctx: StageContext;
}

/** The first token that starts at or after `offset`. */
export function tokenAt(state: QuoteState, offset: number): number {
  const { tokens } = state;
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The dependents of every token, in one pass over the heads (compressed rows, no array per token). */
export function indexChildren(heads: Int32Array): { childStart: Int32Array; childIds: Int32Array } {
  const n = heads.length;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (heads[i]! >= 0) childStart[heads[i]! + 1]!++;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const fill = childStart.slice(0, n);
  const childIds = new Int32Array(childStart[n]!);
  for (let i = 0; i < n; i++) if (heads[i]! >= 0) childIds[fill[heads[i]!]!++] = i;
  return { childStart, childIds };
}

/** Marks the tokens inside any quotation (marks sorted by opening offset), in one pass. */
export function tokensInsideMarks(tokens: readonly Token[], marks: readonly MarkedSpan[]): Uint8Array {
  const inside = new Uint8Array(tokens.length);
  let t = 0;
  for (const m of marks) {
    const end = m.close ?? m.contentEnd;
    while (t < tokens.length && tokens[t]!.start <= m.open) t++;
    for (let k = t; k < tokens.length && tokens[k]!.start < end; k++) inside[k] = 1;
  }
  return inside;
}

/** The first index in `items` (sorted by `key`) whose key is at least `value`. */
export function lowerBound<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The actor mentions that lie inside `[from, to)` (the actors layer is in text order), found by
 * binary search so that a long article costs no more per quote than a short one.
 */
export function actorsBetween(state: QuoteState, from: number, to: number): ActorMention[] {
  const found: ActorMention[] = [];
  for (let i = lowerBound(state.actors, from, (m) => m.start); i < state.actors.length; i++) {
    const m = state.actors[i]!;
    if (m.start >= to) break;
    if (m.end <= to) found.push(m);
  }
  return found;
}

/**
 * True when the words where a speaker would stand name an outlet that relays ("Japanese media",
 * "Pyongyang's official KCNA news agency"): an outlet noun or a media actor at its head word.
 * @param head the head token of the words; by default the last noun before any post-modifier.
 */
export function isOutlet(state: QuoteState, words: SpeakerWords, head?: number): boolean {
  let h = head ?? words.tokenEnd - 1;
  if (head === undefined)
    for (let k = words.tokenStart; k < words.tokenEnd; k++) {
      if (state.tokens[k]!.pos === 'ADP') break;
      if (state.tokens[k]!.pos === 'NOUN' || state.tokens[k]!.pos === 'PROPN') h = k;
    }
  if (state.lexicon.outletNouns.has(state.folded[h]!)) return true;
  const from = state.tokens[words.tokenStart]!.start;
  const to = state.tokens[words.tokenEnd - 1]!.end;
  const at = state.tokens[h]!;
  return actorsBetween(state, from, to).some((m) => m.actor.kind === 'media' && m.start <= at.start && m.end >= at.end);
}
