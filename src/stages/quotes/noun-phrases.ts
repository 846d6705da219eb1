import { actorsBetween, type QuoteState, type SpeakerWords } from './state.js';

/** Parts of speech inside a simple noun phrase. */
const NP_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PRON']);
/** Prepositions that may join a post-modifier to a speaker ("a source within the Olympic movement"). */
const NP_LINKS = new Set(['of', 'within', 'from', 'at', 'for', 'in', 'close', 'familiar', 'with']);
/** Words skipped between a speaker and the cue ("has said", "also said", "was quoted"). */
const BETWEEN_POS = new Set(['AUX', 'ADV', 'PART']);

function inNp(state: QuoteState, i: number): boolean {
  const t = state.tokens[i]!;
  // The tagger takes some capitalised names for verbs ("Ford said", "Sandy Angers said").
  if (t.pos === 'VERB' && /^\p{Lu}/u.test(t.text)) {
    const sentenceStart = state.sentences[state.sentenceOf[i]!]!.tokenStart === i;
    const next = state.tokens[i + 1];
    return !sentenceStart || next?.pos === 'VERB' || next?.pos === 'AUX';
  }
  if (NP_POS.has(t.pos)) return !(t.pos === 'PRON' && /^(that|which|who|what|it's)$/i.test(t.text));
  // Possessives, hyphens and initials inside names ("South Korea’s", "Jae-in", "U.S.").
  return (
    /^['’]s$/.test(t.text) || (t.text === '-' && state.tokens[i - 1]?.end === t.start) || /^\p{Lu}\.$/u.test(t.text)
  );
}

/**
 * The noun phrase that ends right before token `end` (skipping auxiliaries and adverbs first:
 * "Pence was quoted", "North Korea has said"), with post-modifiers joined by a preposition
 * ("a source within the Olympic movement"), or null. Stops at punctuation and verbs.
 */
export function nounPhraseBefore(state: QuoteState, end: number, floor: number): SpeakerWords | null {
  let k = end;
  while (k > floor && BETWEEN_POS.has(state.tokens[k - 1]!.pos) && !/^(that|which)$/i.test(state.tokens[k - 1]!.text))
    k--;
  // "Louis Gallois, the Airbus chief executive, said": the speaker stands before the appositive.
  if (k > floor && state.folded[k - 1] === ',') {
    for (let j = k - 2; j > Math.max(floor, k - 14); j--) {
      const t = state.tokens[j]!;
      if (t.pos === 'AUX' || (t.pos === 'VERB' && !/^\p{Lu}/u.test(t.text))) return null;
      if (state.folded[j] === ',') return nounPhraseBefore(state, j, floor);
    }
    return null;
  }
  // "General Motors Corporation (GM) announced": the bracketed short name belongs to the name before it.
  if (k - 3 > floor && state.folded[k - 1] === ')' && state.folded[k - 3] === '(') k -= 3;
  const stop = k;
  // A pronoun is a whole phrase ("gangs he said were ..." names "he").
  if (stop > floor && state.tokens[stop - 1]!.pos === 'PRON' && inNp(state, stop - 1))
    return { tokenStart: stop - 1, tokenEnd: stop };
  let start = stop;
  for (;;) {
    while (start > floor && inNp(state, start - 1)) start--;
    if (start === stop) return null;
    // "a source within | the Olympic movement": take the phrase before the link too.
    const link = state.folded[start - 1];
    if (start - 1 > floor && link !== undefined && NP_LINKS.has(link) && inNp(state, start - 2)) {
      start--;
      continue;
    }
    break;
  }
  // A phrase never starts with a relative or demonstrative that belongs to the clause before.
  while (start < stop && /^(that|which|who|and|but)$/i.test(state.tokens[start]!.text)) start++;
  return start < stop ? { tokenStart: start, tokenEnd: stop } : null;
}

/** The noun phrase that starts at token `start` ("said Brian Hook, ..."), up to `limit`, or null. */
export function nounPhraseAfter(state: QuoteState, start: number, limit: number): SpeakerWords | null {
  let end = start;
  while (end < limit && inNp(state, end)) end++;
  return end > start ? { tokenStart: start, tokenEnd: end } : null;
}

/**
 * The subject of a sentence, for a participle cue ("Pence left, saying ..."): the first actor
 * mention before `before`, else the noun phrase the sentence starts with.
 */
export function subjectOf(state: QuoteState, sentenceStart: number, before: number): SpeakerWords | null {
  const from = state.tokens[sentenceStart]!.start;
  const to = state.tokens[before - 1]?.end ?? from;
  const actor = actorsBetween(state, from, to).find((m) => m.actor.kind !== 'place' && m.actor.kind !== 'city');
  if (actor) {
    let start = sentenceStart;
    while (state.tokens[start]!.start < actor.start) start++;
    let end = start;
    while (end < before && state.tokens[end]!.end <= actor.end) end++;
    return { tokenStart: start, tokenEnd: end };
  }
  return nounPhraseAfter(state, sentenceStart, before);
}
