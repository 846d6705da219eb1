import type { ActorMention, CodedEvent, Sentence, SentenceTrace, TimeMention, Token } from '../../document/types.js';
import type { ActorEntry, KnowledgeBase } from '../../knowledge/actor-kb.js';
import type { EventKnowledge } from '../../knowledge/event-patterns.js';
import { wordSet } from '../../knowledge/word-sets.js';
import type { VerbGroup } from './01-analyse-clauses.js';
import type { PatternMatch } from './02-match-patterns.js';
import type { AimWords, RoleParse } from './parse-roles.js';

/**
 * The word lists the events steps read, from `data/words/clauses.txt` (and the speech verbs
 * of `data/quotes/cues.txt`), so a user can change them without touching code.
 */
export interface EventWords {
  /** Verbs of speech: an event verb after one is reported ("said X would"), not done. */
  speech: ReadonlySet<string>;
  futureModals: ReadonlySet<string>;
  hypotheticalModals: ReadonlySet<string>;
  /** Verbs whose "to" complement is intended, not done ("plans to visit", "vowed to retaliate"). */
  intentGovernors: ReadonlySet<string>;
  /** Verbs whose "to" complement is refused ("refused to meet"). */
  refusalGovernors: ReadonlySet<string>;
  /** Verbs whose "to" complement is asked of someone else, not done ("called on Russia to withdraw"). */
  appealGovernors: ReadonlySet<string>;
  /** Verbs whose "that" clause is asked for ("proposed that Russia expel"). */
  proposalVerbs: ReadonlySet<string>;
  /** Verbs whose "that" clause is alleged, not established ("argued that the blockade violates"). */
  allegationVerbs: ReadonlySet<string>;
  conditionals: ReadonlySet<string>;
  /** Verbs whose object noun names the act itself ("held talks", "launched an attack"). */
  lightVerbs: ReadonlySet<string>;
  /** Where the parse finds whom an act is aimed at when its pattern names no slot (`data/words/roles.txt`). */
  aim: AimWords;
  /** CAMEO code prefixes of statements and meetings, whose object is a topic (`data/words/roles.txt`). */
  topicActs: ReadonlySet<string>;
  /** CAMEO code prefixes of threats, aimed at the subject of their condition (`data/words/roles.txt`). */
  conditionTargetActs: ReadonlySet<string>;
  /** CAMEO code prefixes of acts only a state does: with no agent, the state where they happen (`roles.txt`). */
  stateActs: ReadonlySet<string>;
  /** CAMEO code prefixes of acts done to the place they happen in (`data/words/roles.txt`). */
  localActs: ReadonlySet<string>;
  /** Verbs whose "to" complement is only worked towards ("is working to resolve"). */
  aimGovernors: ReadonlySet<string>;
  /** Verbs whose "to" clause of purpose is done with them ("met to discuss", "called to congratulate"). */
  meetingVerbs: ReadonlySet<string>;
  /** Nouns and adjectives whose "to" clause is said as intended ("a commitment to work with", "ready to"). */
  intentWords: ReadonlySet<string>;
  /** Nouns whose "to" clause is an aim, however far it stands ("a joint effort, with our allies, to train"). */
  aimNouns: ReadonlySet<string>;
  /** Nouns whose "to" clause is refused ("the refusal to talk"). */
  refusalWords: ReadonlySet<string>;
  /** Nouns whose "to" clause is done ("the decision to expel", "the first country to recognise"). */
  factWords: ReadonlySet<string>;
  /** Verbs whose clause of purpose is done by the act it serves ("went on strike to protest"). */
  performedPurposes: ReadonlySet<string>;
  /** Verbs whose object took place whatever the verb's modality ("must end its war"). */
  presupposingVerbs: ReadonlySet<string>;
  /** Verbs whose object noun is asked for, not done ("sought the release of"). */
  askingVerbs: ReadonlySet<string>;
  /** Verbs whose object does not happen ("to avoid military action"). */
  preventingVerbs: ReadonlySet<string>;
  /** Words before a verb that make it an alternative not taken ("rather than asking"). */
  unrealisedMarkers: ReadonlySet<string>;
}

/** The events word lists of a knowledge base (compiled once per knowledge base by `wordSet`). */
export function eventWords(kb: KnowledgeBase): EventWords {
  return {
    speech: wordSet(kb, 'speech-verbs'),
    futureModals: wordSet(kb, 'future-modals'),
    hypotheticalModals: wordSet(kb, 'hypothetical-modals'),
    intentGovernors: wordSet(kb, 'intent-governors'),
    refusalGovernors: wordSet(kb, 'refusal-governors'),
    appealGovernors: wordSet(kb, 'appeal-governors'),
    proposalVerbs: wordSet(kb, 'proposal-verbs'),
    allegationVerbs: wordSet(kb, 'allegation-verbs'),
    conditionals: wordSet(kb, 'conditionals'),
    lightVerbs: wordSet(kb, 'light-verbs'),
    localActs: wordSet(kb, 'local-act-codes'),
    stateActs: wordSet(kb, 'state-act-codes'),
    topicActs: wordSet(kb, 'topic-act-codes'),
    aim: {
      verbToward: wordSet(kb, 'verb-target-prepositions'),
      nounToward: wordSet(kb, 'noun-target-prepositions'),
      authored: wordSet(kb, 'authored-nouns'),
      conditions: wordSet(kb, 'conditionals'),
    },
    conditionTargetActs: wordSet(kb, 'condition-target-codes'),
    aimGovernors: wordSet(kb, 'aim-governors'),
    meetingVerbs: wordSet(kb, 'meeting-verbs'),
    intentWords: wordSet(kb, 'intent-words'),
    factWords: wordSet(kb, 'fact-words'),
    refusalWords: wordSet(kb, 'refusal-words'),
    aimNouns: wordSet(kb, 'aim-nouns'),
    performedPurposes: wordSet(kb, 'performed-purposes'),
    presupposingVerbs: wordSet(kb, 'presupposing-verbs'),
    askingVerbs: wordSet(kb, 'asking-verbs'),
    preventingVerbs: wordSet(kb, 'preventing-verbs'),
    unrealisedMarkers: wordSet(kb, 'unrealised-markers'),
  };
}

/** A pattern that matched a verb or noun, with its parties, before codes, places and dates. */
export interface Draft {
  match: PatternMatch;
  group: VerbGroup | null;
  sources: ActorMention[];
  targets: ActorMention[];
  sentence: number;
}

/** What the events steps share: the layers they read, the word lists, and what they build. */
export interface EventState {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  actors: readonly ActorMention[];
  /** The dependency parse, with each token's dependents and actor mention. */
  parse: RoleParse;
  times: readonly TimeMention[];
  knowledge: EventKnowledge;
  countries: ReadonlyMap<string, ActorEntry>;
  words: EventWords;
  /** The ISO day of `ctx.reference`, or null. */
  reference: string | null;
  /** Why each sentence was or was not coded, when explaining; else null. */
  trace: SentenceTrace[] | null;
  drafts: Draft[];
  events: CodedEvent[];
}

/** An events step: reads and refines the state; steps run in the order `index.ts` lists them. */
export type EventStep = (state: EventState) => void;

/** Roles that act for the state itself: the bare country and one of these are one party. */
const STATE_ROLES = new Set(['GOV', 'ELI', 'MIL', 'LEG', 'JUD', 'COP', 'SPY']);

/**
 * True when two mentions are one party: the same actor, or the same country where both have the
 * same role or one is the bare country and the other acts for its state ("the United States ...
 * talks with Washington"). Different roles of one country stay apart (police arresting protesters
 * is an event), and so do a state and its people or rebels ("Croatia is investigating crimes by
 * Croatian extremists").
 */
export function sameParty(a: ActorMention, b: ActorMention): boolean {
  if (a.actor.id === b.actor.id) return true;
  const country = a.actor.country;
  if (country === null || country !== b.actor.country) return false;
  if (a.actor.role === b.actor.role) return true;
  const role = a.actor.role ?? b.actor.role;
  return (a.actor.role === null || b.actor.role === null) && role !== null && STATE_ROLES.has(role);
}

/** True when CAMEO code `code` starts with one of `prefixes` (a `*-codes` list of `data/words/roles.txt`). */
export function hasCodePrefix(code: string, prefixes: ReadonlySet<string>): boolean {
  for (const prefix of prefixes) if (code.startsWith(prefix)) return true;
  return false;
}
