import type { FurnitureMention, Removed } from '../../document/types.js';
import { foldTokens, untaggedTokens } from '../../knowledge/tokens.js';
import { admitCandidates, matchDictionary } from './01-match-dictionary.js';
import { assignCodes } from './05-assign-codes.js';
import type { ActorState } from './state.js';

/** Removed furniture worth reading for actors: captions name people, credits name agencies. */
const READ_KINDS = new Set<Removed['kind']>(['caption', 'credit', 'contribution']);

// Furniture is read as one sentence with nothing quoted, and only dictionary steps run on it,
// which never index these by token: shared empty arrays spare an allocation per item.
const NO_SENTENCES = new Int32Array(0);
const NO_QUOTES = new Uint8Array(0);

/**
 * Finds knowledge-base actors in removed captions, credits and contribution lines ("(STR/AFP/Getty
 * Images)" → AFP and Getty Images, media), with offsets into the source text: the body is clean,
 * but who photographed and who contributed is still worth knowing.
 */
export function findFurnitureActors(sourceText: string, removed: readonly Removed[], article: ActorState): FurnitureMention[] {
  const out: FurnitureMention[] = [];
  removed.forEach((r, index) => {
    if (!READ_KINDS.has(r.kind)) return;
    const tokens = untaggedTokens(r.text);
    if (!tokens.length) return;
    const state: ActorState = {
      ...article,
      text: r.text,
      tokens,
      sentences: [{ start: 0, end: r.text.length, text: r.text, paragraph: 0, tokenStart: 0, tokenEnd: tokens.length }],
      folded: foldTokens(tokens),
      sentenceOf: NO_SENTENCES,
      quoted: NO_QUOTES,
      candidates: [],
      mentions: [],
    };
    matchDictionary(state);
    admitCandidates(state);
    for (const m of assignCodes(state)) {
      const sourceStart = r.sourceStart + m.start;
      const sourceEnd = r.sourceStart + m.end;
      out.push({ removed: index, sourceStart, sourceEnd, text: sourceText.slice(sourceStart, sourceEnd), actor: m.actor, via: m.via });
    }
  });
  return out;
}
