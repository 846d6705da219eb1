import { defineStage } from '../../pipeline/stage.js';
import { tokenIndex } from '../../document/token-index.js';
import { admitCandidates, matchDictionary } from './01-match-dictionary.js';
import { combineAgents } from './02-combine-agents.js';
import { findNewPeople } from './03-find-new-people.js';
import { resolveCoreference } from './04-resolve-coreference.js';
import { assignCodes } from './05-assign-codes.js';
import { markQuoted } from './quoted.js';
import type { ActorState, ActorStep } from './state.js';

/**
 * The actor steps, in order. Order matters: dictionary phrases are found before any rule looks
 * at context; candidates are admitted once the whole article is known (a short form needs the
 * other country, a surname the full name); agent nouns join their countries before new people
 * are sought, so that "Kremlin spokesman" can code the name after it; coreference comes last,
 * when every possible antecedent exists.
 */
const STEPS: readonly ActorStep[] = [
  matchDictionary,
  admitCandidates,
  combineAgents,
  findNewPeople,
  resolveCoreference,
];

/**
 * The steps for a caption or credit read as a document of its own: a line, not a story, so only
 * the dictionary is trusted there ("Reporting by Jane Doe" names a reporter, not an actor; the
 * rules for new people, agents and pronouns read running prose).
 */
const PART_STEPS: readonly ActorStep[] = [matchDictionary, admitCandidates];

/**
 * Stage `actors`: every mention of a person, organisation, country, place, group or medium,
 * resolved to a canonical actor with a CAMEO-style code on the article's date, with the rule that
 * found it and, for surnames, pronouns and descriptions, the mention it refers back to.
 */
export const actorsStage = defineStage({
  name: 'actors',
  needs: ['text', 'paragraphs', 'sentences', 'tokens', 'reference'],
  provides: ['actors'],
  run(doc, ctx) {
    const date = ctx.reference?.iso ?? null;
    const { folded, sentenceOf } = tokenIndex(doc.tokens, doc.sentences);
    const state: ActorState = {
      text: doc.text,
      tokens: doc.tokens,
      sentences: doc.sentences,
      folded,
      sentenceOf,
      quoted: markQuoted(doc.text, doc.paragraphs, doc.tokens),
      kb: ctx.knowledge,
      date,
      candidates: [],
      mentions: [],
      ctx,
    };
    for (const step of doc.part ? PART_STEPS : STEPS) step(state);
    if (!date && state.mentions.some((m) => m.entry?.type === 'person')) {
      ctx.report(
        'warning',
        'actors/no-date',
        'the article has no publication date, so people are coded by the latest ' +
          'office they held (give one with --date)',
      );
    }
    return { actors: assignCodes(state) };
  },
});
