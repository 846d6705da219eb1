import type { ActorMention, QuotedPhrase, Sentence, Token } from '../../document/types.js';
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
  relayWords: Set<string>;
  titleNouns: Set<string>;
}

/** A reporting cue found in the text: a token range and the lemma it stands for. */
export interface Cue {
  tokenStart: number;
  tokenEnd: number;
  sentence: number;
  lemma: string;
  /** "according to X": the source comes after the cue and the content on the other side. */
  according: boolean;
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
  marked?: MarkedSpan;
  continuation?: boolean;
  /** The quotation this one takes its speaker from. */
  inheritsFrom?: WorkingQuote;
}

/** What the quote steps share for one document. */
export interface QuoteState {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  folded: string[];
  sentenceOf: Int32Array;
  /** Token index of each character offset's token start, for spans → tokens. */
  actors: readonly ActorMention[];
  lexicon: QuoteLexicon;
  marks: MarkedSpan[];
  phrases: QuotedPhrase[];
  cues: Cue[];
  quotes: WorkingQuote[];
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
