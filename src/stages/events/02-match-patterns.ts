import type { ActorMention, Token } from '../../document/types.js';
import type { EventPattern } from '../../knowledge/event-patterns.js';
import { canBeTarget } from './01-analyse-clauses.js';
import { partiesOf, slotWord, type RoleParse } from './parse-roles.js';

/** Most words that may stand between two pattern words ("imposed tough new sanctions on"). */
const MAX_GAP = 3;
/** How far after its slot a target may be named ("on North Korea's ruling family"). */
const TARGET_REACH = 8;
/** Most words an actor's slot may take between two pattern words ("visit of [a North Korean delegation] to"). */
const SLOT_GAP = 8;

/** A pattern matched at a head token. */
export interface PatternMatch {
  pattern: EventPattern;
  /** Tokens the pattern's words took, head first. */
  taken: number[];
  targets: ActorMention[];
  /** Noun patterns with SOURCE: the actors there. */
  sources: ActorMention[];
  /** The token right before the target slot (a pattern word or the head), or null with no slot. */
  anchor: number | null;
}

function wordFits(token: Token, alternatives: readonly string[]): boolean {
  const word = token.text.toLowerCase();
  return alternatives.includes(token.lemma) || alternatives.includes(word);
}

/** Actors that start at or after token `from`, within reach, with the ones joined to them by "and". */
export function actorsFrom(
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  from: number,
  limit: number,
): ActorMention[] {
  if (from >= limit) return [];
  // The first actor stands before any comma or relative clause ("to the games, which included Kim").
  let stop = from;
  while (stop < Math.min(limit, from + TARGET_REACH) && !/^([,;:]|which|who|that)$/i.test(tokens[stop]!.text)) stop++;
  if (stop === from) return [];
  const startOffset = tokens[from]!.start;
  const endOffset = tokens[stop - 1]!.end;
  let first = actors.find((a) => canBeTarget(a) && a.start >= startOffset && a.start < endOffset);
  if (!first) return [];
  // "South Korea's President Moon Jae-in", "Indian External Affairs Minister Jaishankar": the
  // country before a title is not the target, the person after it is.
  const person = actors.find(
    (a) =>
      a.actor.kind === 'person' &&
      a.start > first!.end &&
      a.start - first!.end < 50 &&
      tokens
        .filter((t) => t.start >= first!.end && t.end <= a.start)
        .every((t) => /^['’]s$/.test(t.text) || ['ADJ', 'NOUN', 'PROPN', 'PART'].includes(t.pos)),
  );
  if (person && first.actor.kind !== 'person') first = person;
  const found = [first];
  let last = first;
  for (const a of actors) {
    if (a.start <= last.end || !canBeTarget(a)) continue;
    const between = tokens.filter((t) => t.start >= last.end && t.end <= a.start).map((t) => t.text.toLowerCase());
    if (between.length && between.every((w) => w === 'and' || w === ',')) {
      found.push(a);
      last = a;
    } else if (a.start > last.end) break;
  }
  return found;
}

/**
 * Matches one pattern at head token `head`: its words in order after the head, each within a few
 * words of the one before and never across another verb or a clause break. In the passive, the
 * first word may stand before the verb ("sanctions were imposed on X"). Returns null when a word
 * is missing.
 */
export function matchPattern(
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  head: number,
  limit: number,
  pattern: EventPattern,
  options: { passive?: boolean; groupStart?: number; taken?: ReadonlySet<number>; parse?: RoleParse } = {},
): PatternMatch | null {
  const taken = [head];
  let words = pattern.words;
  let slotShift = 0;
  if (options.passive && words.length && options.groupStart !== undefined) {
    // "new sanctions were imposed": the object stands before the verb group.
    for (let k = options.groupStart - 1; k >= Math.max(0, options.groupStart - 6); k--) {
      if (wordFits(tokens[k]!, words[0]!)) {
        taken.push(k);
        words = words.slice(1);
        slotShift = 1;
        break;
      }
    }
  }
  const positions: number[] = [];
  let at = head + 1;
  for (const [index, alternatives] of words.entries()) {
    let found = -1;
    // A SOURCE or TARGET slot before this word holds a whole noun phrase.
    const slotBefore = pattern.sourceAt === index + slotShift || pattern.targetAt === index + slotShift;
    const gap = slotBefore && index > 0 ? SLOT_GAP : MAX_GAP;
    let passed = 0;
    // A preposition before the target slot is no infinitive marker ("a grant [to] finance" is not "a grant to X").
    const beforeTarget = pattern.targetAt === index + 1 + slotShift;
    for (let k = at; k < limit && passed <= gap; k++) {
      const t = tokens[k]!;
      // (The tagger takes some names for verbs: "to" before a name stays a preposition.)
      const infinitive =
        beforeTarget &&
        t.pos === 'PART' &&
        t.text.toLowerCase() === 'to' &&
        !actors.some((a) => a.start === tokens[k + 1]?.start);
      if (wordFits(t, alternatives) && !infinitive && !options.taken?.has(k)) {
        found = k;
        break;
      }
      // A prepositional phrase between two pattern words is one word, however long ("ordered
      // diplomats [from seven countries, including Peru,] to leave"), unless it holds the next word.
      const phraseEnd = options.parse && index > 0 ? prepositionalPhraseEnd(options.parse, k) : -1;
      const holdsWord = () => tokens.slice(k + 1, phraseEnd + 1).some((w) => wordFits(w, alternatives));
      if (phraseEnd > k && phraseEnd < limit && !holdsWord()) {
        k = phraseEnd;
        passed++;
        continue;
      }
      // A verb form used as a preposition ("including") opens no clause.
      if ((t.pos === 'VERB' && options.parse?.deprels[k] !== 'case') || /^[;:.!?]$/.test(t.text)) break;
      // A hyphenated word is one word however many tokens it makes ("a day-old blockade"), a name
      // one word however many words it has, and the commas and "and" of a list no word at all.
      const hyphenated = k > at && t.start === tokens[k - 1]!.end && (t.text === '-' || tokens[k - 1]!.text === '-');
      const listMark = t.text === ',' || t.text === 'and';
      const inName = actors.some((a) => a.start < t.start && t.end <= a.end);
      if (!hyphenated && !listMark && !inName) passed++;
    }
    if (found < 0) return null;
    positions.push(found);
    taken.push(found);
    at = found + 1;
  }
  const after = (slot: number | null): number | null => {
    if (slot === null) return null;
    const index = slot - slotShift - 1;
    const from = index < 0 ? head + 1 : positions[index]! + 1;
    // "demanded that the United States cancel ...": the subject of the "that" clause is the one
    // asked, as PLOVER and CAMEO code demands and appeals.
    return tokens[from]?.text.toLowerCase() === 'that' ? from + 1 : from;
  };
  const anchorOf = (slot: number): number => {
    const index = slot - slotShift - 1;
    return index < 0 ? head : positions[index]!;
  };
  const targetFrom = after(pattern.targetAt);
  const sourceFrom = after(pattern.sourceAt);
  let targets = targetFrom === null ? [] : actorsFrom(tokens, actors, targetFrom, limit);
  // A target slot between two pattern words must hold its actor there: in "welcomed the
  // opportunity to speak to Xi", "welcome TARGET to" (host a visit) has no one to welcome.
  const nextWord = pattern.targetAt === null ? -1 : pattern.targetAt - slotShift;
  if (nextWord >= 0 && nextWord < positions.length) {
    const slotEnd = tokens[positions[nextWord]!]!.start;
    targets = targets.filter((t) => t.start < slotEnd);
    // The parse reads the whole phrase at the slot ("diplomats from [seven countries, including Peru]").
    if (!targets.length && options.parse) {
      const word = slotWord(options.parse, tokens, anchorOf(pattern.targetAt!));
      const here = (m: ActorMention) => canBeTarget(m) && actors.includes(m) && m.start < slotEnd;
      if (word !== null) targets = partiesOf(options.parse, tokens, word, here);
    }
    // Else, a slot closed by pattern words on both sides holds whatever parties it names.
    if (!targets.length) {
      const slotStart = tokens[anchorOf(pattern.targetAt!)]!.end;
      targets = actors.filter((m) => canBeTarget(m) && m.start >= slotStart && m.end <= slotEnd);
    }
    if (!targets.length) return null;
  }
  return {
    pattern,
    taken,
    targets,
    sources: sourceFrom === null ? [] : actorsFrom(tokens, actors, sourceFrom, limit),
    anchor: pattern.targetAt === null ? null : anchorOf(pattern.targetAt),
  };
}

/** For a preposition that opens a phrase (`case` of a later head), the last token of that phrase; else -1. */
function prepositionalPhraseEnd(parse: RoleParse, k: number): number {
  const head = parse.heads[k]!;
  if (parse.deprels[k] !== 'case' || head <= k) return -1;
  let end = head;
  const stack = [head];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of parse.children[n]!) {
      if (c > end) end = c;
      stack.push(c);
    }
  }
  return end;
}
