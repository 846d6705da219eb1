import type { ActorMention, SentenceTrace, Token } from '../../document/types.js';
import type { EventWords } from './state.js';

/** What the coder needs to know about a verb: its group's negation, intent, voice and mood. */
export interface VerbGroup {
  verb: number;
  negated: boolean;
  intent: boolean;
  passive: boolean;
  mood: SentenceTrace['verbs'][number]['mood'];
  /** First token of the verb group (auxiliaries and negation included). */
  groupStart: number;
  /** For a "to" complement ("agreed to meet"), the verb that governs it, whose subject acts. */
  governor: number | null;
}

const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being', "'s", '’s', "'re", '’re']);
const NEGATIONS = new Set(['not', "n't", 'n’t', 'never', 'no']);
/** Words that end a clause when walking back from a verb. */
const CLAUSE_BREAKS = new Set([';', ':', '—', '–', 'but', 'while', 'whereas', 'although', 'though', 'because']);

/**
 * Reads the verb group before token `verb`: auxiliaries, modals and negation; then the verb that
 * governs it through "to" ("refused to meet", "plans to visit"), and the clause's mood (a question,
 * a condition, a hypothesis). A "would" after a reporting verb is reported intent ("said Washington
 * would keep up"); elsewhere it is hypothetical, as are "could", "might", "may", "should".
 * @param words the modals, governors, conditionals and speech verbs (`data/words/clauses.txt`).
 */
export function analyseVerb(
  tokens: readonly Token[],
  verb: number,
  sentenceStart: number,
  sentenceEnd: number,
  words: EventWords,
): VerbGroup {
  let k = verb - 1;
  let negated = false;
  let intent = false;
  let passive = false;
  let hypothetical = false;
  let wouldSeen = false;
  while (k >= sentenceStart) {
    const t = tokens[k]!;
    const word = t.text.toLowerCase();
    if (
      t.pos === 'AUX' ||
      NEGATIONS.has(word) ||
      (t.pos === 'ADV' && verb - k <= 3) ||
      (t.pos === 'PART' && word !== 'to')
    ) {
      if (NEGATIONS.has(word)) negated = true;
      if (words.futureModals.has(word)) intent = true;
      if (word === 'would') wouldSeen = true;
      if (words.hypotheticalModals.has(word)) hypothetical = true;
      if (BE.has(word) || t.lemma === 'be') passive = passive || isParticiple(tokens[verb]!);
      k--;
      continue;
    }
    break;
  }
  const groupStart = k + 1;
  let governorIndex: number | null = null;
  let urged = false;
  // "is to visit", "going to visit", "plans to visit", "refused to meet", "called on X to withdraw".
  if (tokens[k]?.text.toLowerCase() === 'to') {
    let g = k - 1;
    while (g >= sentenceStart && tokens[g]!.pos === 'ADV') g--;
    // An object between the governor and "to" ("urged Russia to"): look past it for the verb.
    let h = g;
    while (h >= Math.max(sentenceStart, g - 8) && tokens[h]!.pos !== 'VERB' && tokens[h]!.pos !== 'AUX') h--;
    if (h >= sentenceStart && tokens[h]!.pos === 'VERB') {
      governorIndex = h;
      if (words.appealGovernors.has(tokens[h]!.lemma)) urged = true;
    }
    const governor = tokens[g];
    if (governor && governor.pos === 'VERB') governorIndex ??= g;
    if (governor) {
      if (words.refusalGovernors.has(governor.lemma)) negated = true;
      if (
        words.intentGovernors.has(governor.lemma) ||
        governor.lemma === 'be' ||
        governor.text.toLowerCase() === 'going'
      )
        intent = true;
      for (let a = g - 1; a >= Math.max(sentenceStart, g - 3); a--) {
        const word = tokens[a]!.text.toLowerCase();
        if (NEGATIONS.has(word)) negated = !words.refusalGovernors.has(governor.lemma);
        if (words.futureModals.has(word)) intent = true;
        if (tokens[a]!.pos !== 'AUX' && tokens[a]!.pos !== 'PART' && tokens[a]!.pos !== 'ADV') break;
      }
    }
  }
  if (wouldSeen) {
    const reported = tokens.slice(sentenceStart, verb).some((t) => words.speech.has(t.lemma));
    if (reported) intent = true;
    else hypothetical = true;
  }
  let mood: VerbGroup['mood'] = 'fact';
  if (tokens[sentenceEnd - 1]?.text === '?') mood = 'question';
  else if (urged) mood = 'urged';
  else if (
    clauseWords(tokens, verb, sentenceStart).some((w) => words.conditionals.has(w)) &&
    !tokens[groupStart - 1]?.text.match(/^should$/i)
  )
    mood = 'conditional';
  else if (hypothetical) mood = 'hypothetical';
  return { verb, negated, intent, passive, mood, groupStart, governor: governorIndex };
}

/** The words of the clause before a verb, back to a clause break. */
function clauseWords(tokens: readonly Token[], verb: number, sentenceStart: number): string[] {
  const words: string[] = [];
  for (let k = verb - 1; k >= sentenceStart; k--) {
    const w = tokens[k]!.text.toLowerCase();
    if (CLAUSE_BREAKS.has(w) || w === ',') break;
    words.push(w);
  }
  return words;
}

function isParticiple(t: Token): boolean {
  const word = t.text.toLowerCase();
  return word !== t.lemma && !word.endsWith('ing');
}

/** Actor kinds that can act; media report, places are where. */
export function canBeParty(m: ActorMention): boolean {
  return m.actor.kind !== 'media' && m.actor.kind !== 'place' && m.actor.kind !== 'city' && m.actor.code !== null;
}

/** Actors that can be acted on: any party, and a city or place in a known country ("fired shells at Seoul"). */
export function canBeTarget(m: ActorMention): boolean {
  return canBeParty(m) || ((m.actor.kind === 'city' || m.actor.kind === 'place') && m.actor.country !== null);
}

/**
 * The subject of a verb: the nearest actor named before its group that is not the object of a
 * preposition ("in Seoul", "with Washington"), skipping a comma-enclosed aside ("North Korea, which
 * ..., fired"), with the actors joined to it by "and" ("The United States and South Korea agreed").
 */
export function subjectOf(
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  groupStart: number,
  sentenceStart: number,
): ActorMention[] {
  const byEnd = new Map<number, ActorMention>();
  for (const a of actors) if (canBeParty(a)) byEnd.set(a.end, a);
  let k = groupStart - 1;
  // Step over a comma-enclosed aside right before the verb.
  if (tokens[k]?.text === ',') {
    for (let j = k - 1; j > Math.max(sentenceStart, k - 25); j--) {
      if (tokens[j]!.text === ',') {
        k = j - 1;
        break;
      }
    }
  }
  const verbAt = k + 1;
  // "when the quake hit": a noun phrase with no actor right before the verb is its subject, a thing.
  if (thingBefore(tokens, actors, verbAt, sentenceStart)) return [];
  for (; k >= sentenceStart; k--) {
    const t = tokens[k]!;
    if (CLAUSE_BREAKS.has(t.text.toLowerCase())) return [];
    // "... climbed above 2,000 and a powerful aftershock sent ...": a conjunction followed by a
    // noun phrase with no actor, right before the verb, starts a clause whose subject is not one.
    if (
      (t.text === 'and' || t.text === 'or') &&
      k + 1 < verbAt &&
      /^(a|an|the|this|that|these|those)$/i.test(tokens[k + 1]!.text)
    ) {
      const phrase = tokens.slice(k + 1, verbAt);
      if (phrase.every((w) => ['DET', 'ADJ', 'NOUN', 'NUM'].includes(w.pos)) && phrase.some((w) => w.pos === 'NOUN'))
        return [];
    }
    let mention = byEnd.get(t.end);
    if (!mention) continue;
    let first = tokenIndexAt(tokens, mention.start, sentenceStart, k);
    // "the European Union (EU)": the abbreviation in brackets stands for the name before it.
    if (tokens[first - 1]?.text === '(') {
      const named = byEnd.get(tokens[first - 2]?.end ?? -1);
      if (named && named.actor.code === mention.actor.code) {
        mention = named;
        first = tokenIndexAt(tokens, named.start, sentenceStart, first - 2);
      }
    }
    const before = tokens[first - 1];
    if (before && before.pos === 'ADP' && !/^(of)$/i.test(before.text)) continue;
    const subjects = [mention];
    let j = first - 1;
    // "X and Y", "X, Y and Z", "X and the Y"
    if (/^the$/i.test(tokens[j]?.text ?? '') && /^(and|,)$/i.test(tokens[j - 1]?.text ?? '')) j--;
    while (j > sentenceStart && /^(and|,)$/i.test(tokens[j]!.text)) {
      const other = byEnd.get(tokens[j - 1]!.end);
      if (!other) break;
      subjects.unshift(other);
      j = tokenIndexAt(tokens, other.start, sentenceStart, j) - 1;
    }
    return subjects;
  }
  return [];
}

/** True when "the/a ... NOUN" with no actor in it stands right before token `verbAt`. */
function thingBefore(
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  verbAt: number,
  sentenceStart: number,
): boolean {
  let j = verbAt - 1;
  if (tokens[j]?.pos !== 'NOUN') return false;
  while (j > sentenceStart && ['NOUN', 'ADJ', 'NUM'].includes(tokens[j]!.pos)) j--;
  // A phrase after a preposition ("from throughout the country were converging") is no subject.
  if (!/^(the|a|an|this|that)$/i.test(tokens[j]!.text) || tokens[j - 1]?.pos === 'ADP') return false;
  const start = tokens[j]!.start;
  const end = tokens[verbAt - 1]!.end;
  return !actors.some((a) => a.start < end && a.end > start);
}

/** The token that starts at `offset`, searching back from `from`. */
export function tokenIndexAt(tokens: readonly Token[], offset: number, floor: number, from: number): number {
  let k = from;
  while (k > floor && tokens[k]!.start > offset) k--;
  return k;
}
