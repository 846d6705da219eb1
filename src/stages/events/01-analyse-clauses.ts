import type { ActorMention, SentenceTrace, Token } from '../../document/types.js';
import type { RoleParse } from './parse-roles.js';
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
    // "calls on X to": the tagger reads some appeals as nouns; "on" after one marks the verb.
    const appealOn = (t: number) =>
      words.appealGovernors.has(tokens[t]!.lemma) && /^(on|upon)$/i.test(tokens[t + 1]?.text ?? '');
    while (h >= Math.max(sentenceStart, g - 8) && tokens[h]!.pos !== 'VERB' && tokens[h]!.pos !== 'AUX' && !appealOn(h))
      h--;
    if (h >= sentenceStart && appealOn(h)) urged = true;
    else if (h >= sentenceStart && tokens[h]!.pos === 'VERB') {
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

/** Possessive pronouns: a participle after one modifies the noun after it ("its target rate"). */
const POSSESSIVES = /^(its|his|her|their|our|my|your)$/i;
/**
 * Relations through which a noun names what the predicate of its clause does ("deter [aggression]",
 * "resolved through [negotiations]"); a noun that only qualifies another ("accountability for the
 * regime's [attacks]") or an adjective ("accountable for its [war]") keeps its own assertion.
 */
const NOMINAL_RELATIONS = new Set(['obj', 'iobj', 'obl', 'compound', 'conj', 'nsubj', 'appos', 'flat']);

/** What the parse says of the clause around an event: not done (`mood`), intended or refused. */
export interface ClauseModality {
  mood: 'purpose' | 'urged' | 'hypothetical' | 'conditional' | 'generic' | null;
  intent: boolean;
  /** Refused ("the refusal to talk"). */
  negated?: boolean;
}

/**
 * The modality the parse gives the clause of token `k` from the clauses above it (the verb group
 * of `k` itself is read by `analyseVerb`): a noun takes that of the predicate it hangs on ("must
 * be resolved through [negotiations]"); a "to" clause of a noun is an aim ("efforts to defend",
 * "a plan to deter"), as is one of purpose ("sent troops to defend"), except after a verb of
 * meeting or calling ("met to discuss"); a "to" complement of an appeal is asked ("want Bush to
 * reserve funds to assist"), of an aim verb worked towards ("is working to help resolve"); joined
 * verbs without their own subject share their modality. A modal of possibility or obligation above
 * makes the clause hypothetical, "if" conditional, a future modal intended.
 */
export function parseModality(
  parse: RoleParse,
  tokens: readonly Token[],
  k: number,
  words: EventWords,
): ClauseModality {
  const rel = (t: number) => parse.deprels[t] ?? '';
  const baseRel = (t: number) => rel(t).split(':')[0]!;
  const lower = (t: number) => tokens[t]!.text.toLowerCase();
  if (genericSubject(parse, tokens, k)) return { mood: 'generic', intent: false };
  // "his priorities of protecting the American people", "the importance of supporting": a gerund
  // that completes a noun names an aim or a topic, not an act.
  if (/ing$/i.test(tokens[k]!.text) && tokens[k - 1]?.text.toLowerCase() === 'of' && tokens[k - 2]?.pos === 'NOUN')
    return { mood: 'purpose', intent: false };
  let clause = k;
  // The relation by which the noun's phrase hangs on its predicate.
  let via = '';
  // A noun's clause is that of the predicate it hangs on.
  for (let hops = 0; hops < 10 && !/^(VERB|AUX)$/.test(tokens[clause]!.pos); hops++) {
    const head = parse.heads[clause]!;
    if (head < 0 || !NOMINAL_RELATIONS.has(baseRel(clause))) break;
    if (baseRel(clause) === 'obl' && tokens[head]!.pos !== 'VERB') break;
    via = baseRel(clause);
    clause = head;
  }
  if (clause !== k) {
    const predicate = tokens[clause]!.lemma;
    // What one ends, condemns or investigates took place, whatever is asked of it ("must end its war").
    if (words.presupposingVerbs.has(predicate)) return { mood: null, intent: false };
    // What one seeks or calls for is asked ("seek the release of those detained"); what one
    // prevents or avoids does not happen ("to avoid military action").
    if (words.askingVerbs.has(predicate)) return { mood: 'urged', intent: false };
    if (words.preventingVerbs.has(predicate)) return { mood: 'hypothetical', intent: false };
    // "further aggression would result in a response": what would happen has not; but "said
    // Washington would keep up sanctions" reports an intent.
    const would = (parse.children[clause] ?? []).some((c) => baseRel(c) === 'aux' && lower(c) === 'would');
    if (would && (via === 'nsubj' || !reported(parse, tokens, clause, words)))
      return { mood: 'hypothetical', intent: false };
  }
  let intent = false;
  for (let hops = 0; hops < 8; hops++) {
    const kids = parse.children[clause] ?? [];
    if (clause !== k) {
      const auxiliaries = kids.filter((c) => baseRel(c) === 'aux').map(lower);
      if (auxiliaries.some((w) => words.hypotheticalModals.has(w))) return { mood: 'hypothetical', intent };
      if (auxiliaries.some((w) => words.futureModals.has(w))) intent = true;
      const marks = kids.filter((c) => baseRel(c) === 'mark').map(lower);
      if (marks.some((w) => words.conditionals.has(w))) return { mood: 'conditional', intent };
    }
    if (unrealised(tokens, clause, words)) return { mood: 'hypothetical', intent };
    const head = parse.heads[clause]!;
    if (head < 0) break;
    const to =
      kids.some((c) => baseRel(c) === 'mark' && lower(c) === 'to') || tokens[clause - 1]?.text.toLowerCase() === 'to';
    // "to" before a gerund is a preposition ("resorted to throwing stones", "a commitment to working with").
    const infinitive = to && !/ing$/i.test(tokens[clause]!.text);
    // "prevent a situation in which North Korea threatens the region": what a relative clause
    // says of a thing prevented or avoided does not happen.
    // (A "to" clause the parser labels relative is read as one of a noun: "an effort ... to train".)
    if (rel(clause) === 'acl:relcl' && !to) {
      let p = head;
      while (parse.heads[p]! >= 0 && tokens[p]!.pos !== 'VERB' && NOMINAL_RELATIONS.has(baseRel(p)))
        p = parse.heads[p]!;
      if (words.preventingVerbs.has(tokens[p]!.lemma)) return { mood: 'hypothetical', intent };
      break;
    }
    const relation = baseRel(clause);
    const governor = tokens[head]!.lemma;
    // A noun's "to" clause follows it ("efforts [to] defend"); one hung on a noun far before is a misparse.
    // An aim noun's clause may stand further off ("a joint effort, with our allies, to train pilots").
    const nounBefore = head < clause && (clause - head <= 3 || words.aimNouns.has(tokens[head]!.lemma));
    if (relation === 'acl' && to && nounBefore && tokens[clause]!.pos === 'VERB') {
      // "the decision to expel", "the first country to recognise": done; so is "a strike to protest".
      const done = (t: number) => words.factWords.has(tokens[t]!.lemma) || words.factWords.has(lower(t));
      if (done(head) || (parse.children[head] ?? []).some(done)) break;
      if (words.performedPurposes.has(tokens[clause]!.lemma)) break;
      // "the commitment to working with", "a plan to visit": said as intended; "efforts to deter": an aim.
      if (words.intentWords.has(governor)) return { mood: null, intent: true };
      // "Eriador's refusal to talk": refused, coded with the refusal code.
      if (words.refusalWords.has(governor)) return { mood: null, intent: false, negated: true };
      if (!infinitive) break;
      // The parser hangs a purpose on the noun before it ("met with Moon in [Seoul] to discuss"):
      // after a verb of meeting it is the meeting's purpose, done.
      const p = predicateAbove(parse, tokens, head);
      if (tokens[head]!.pos === 'PROPN' && words.meetingVerbs.has(tokens[p]!.lemma)) break;
      return { mood: 'purpose', intent };
    }
    // A "to" clause the parser hung on a noun far before it: it is asked when the phrase is the
    // object of an appeal ("urge Armenia to reengage in negotiations under the auspices of the
    // Co-Chairs to negotiate").
    if (relation === 'acl' && infinitive && !nounBefore) {
      // Or the purpose of an aim noun before it, past an aside ("a joint effort, with our allies, to train").
      for (let j = clause - 2; j >= Math.max(0, clause - 12) && tokens[j]!.pos !== 'VERB'; j--)
        if (words.aimNouns.has(tokens[j]!.lemma)) return { mood: 'purpose', intent };
      const p = tokens[predicateAbove(parse, tokens, head)]!.lemma;
      if (words.askingVerbs.has(p) || words.appealGovernors.has(p)) return { mood: 'urged', intent };
      break;
    }
    if (relation === 'advcl' && infinitive) {
      // "met to discuss" is a discussion; "took to the streets to protest" a protest; "sent troops to defend" an aim.
      const performed = words.meetingVerbs.has(governor) || words.performedPurposes.has(tokens[clause]!.lemma);
      // A purpose hung on a word that is no verb is a misparse: the word windows decide.
      if (tokens[head]!.pos !== 'VERB') break;
      if (!performed) return { mood: 'purpose', intent };
    } else if (relation === 'xcomp') {
      if (words.appealGovernors.has(governor)) return { mood: 'urged', intent };
      if (words.aimGovernors.has(governor)) return { mood: 'purpose', intent };
      if (words.intentWords.has(governor) || words.intentGovernors.has(governor)) intent = true;
    } else if (relation !== 'conj' || kids.some((c) => baseRel(c) === 'nsubj')) break;
    clause = head;
  }
  return { mood: null, intent };
}

/** True when the clause of verb `t` is what a speech verb above it reports ("said [Washington would ...]"). */
function reported(parse: RoleParse, tokens: readonly Token[], t: number, words: EventWords): boolean {
  for (let h = parse.heads[t]!, hops = 0; h >= 0 && hops < 6; h = parse.heads[h]!, hops++)
    if (words.speech.has(tokens[h]!.lemma)) return true;
  return false;
}

/** The verb a noun phrase headed at `t` hangs on, through objects, obliques, modifiers and conjuncts. */
function predicateAbove(parse: RoleParse, tokens: readonly Token[], t: number): number {
  let p = t;
  for (let hops = 0; hops < 10 && parse.heads[p]! >= 0 && tokens[p]!.pos !== 'VERB'; hops++) {
    if (!/^(obj|obl|nmod|conj|compound)/.test(parse.deprels[p] ?? '')) break;
    p = parse.heads[p]!;
  }
  return p;
}

/**
 * True when a verb is an alternative not taken: after "without", "rather than", "instead of"
 * (`unrealised-markers` in `data/words/clauses.txt`): "rather than asking the firms to pay".
 */
function unrealised(tokens: readonly Token[], verb: number, words: EventWords): boolean {
  let j = verb - 1;
  while (j > 0 && tokens[j]!.pos === 'ADV') j--;
  const one = tokens[j]?.text.toLowerCase() ?? '';
  const two = `${tokens[j - 1]?.text.toLowerCase() ?? ''} ${one}`;
  return words.unrealisedMarkers.has(one) || words.unrealisedMarkers.has(two);
}

/**
 * True when noun `k` is the bare subject of an evaluation ("Cooperation between Japan and South
 * Korea is indispensable", "Dialogue is essential"): a general statement, not a report of an act.
 * A noun with a determiner or a possessor names a particular act ("The attack was deadly").
 */
function genericSubject(parse: RoleParse, tokens: readonly Token[], k: number): boolean {
  if (!/^(NOUN|PROPN)$/.test(tokens[k]!.pos) || parse.deprels[k] !== 'nsubj') return false;
  const head = parse.heads[k]!;
  if (head < 0 || !/^(ADJ|NOUN)$/.test(tokens[head]!.pos)) return false;
  if (!(parse.children[head] ?? []).some((c) => parse.deprels[c] === 'cop')) return false;
  return !(parse.children[k] ?? []).some((c) => /^(det|nmod:poss|nummod)$/.test(parse.deprels[c]!));
}

/**
 * True when verb `k` closes a list of adjectives with nothing of its own ("those missing, wounded,
 * and killed"): a participle the parser joined to the main verb, no clause.
 */
function listedParticiple(parse: RoleParse, tokens: readonly Token[], k: number): boolean {
  if (parse.deprels[k] !== 'conj' || !parse.children[k]!.every((c) => /^(punct|cc)$/.test(parse.deprels[c]!)))
    return false;
  let j = k - 1;
  while (j > 0 && /^(,|and|or)$/.test(tokens[j]!.text)) j--;
  const bare = (t: number) => !parse.children[t]!.some((c) => /^(nsubj|obj|obl)/.test(parse.deprels[c]!));
  return j < k - 1 && (tokens[j]!.pos === 'ADJ' || (tokens[j]!.pos === 'VERB' && bare(j)));
}

/**
 * True when verb token `k` only modifies the noun after it as an adjective ("a negotiated
 * ceasefire", "to agreed destinations", "rebel-held towns"). A verb the parser hangs as `amod` on
 * a noun before it, or right after a noun that can be its subject ("tanks shelled positions"), is
 * its error for a clause, and counts as a verb.
 */
export function adjectivalVerb(parse: RoleParse, tokens: readonly Token[], k: number): boolean {
  if (tokens[k]!.pos === 'VERB' && listedParticiple(parse, tokens, k)) return true;
  // "to agreed destinations": a past participle after "to" and before a noun is no infinitive.
  const next = tokens[k + 1];
  if (tokens[k - 1]?.text.toLowerCase() === 'to' && /ed$/i.test(tokens[k]!.text) && next?.pos === 'NOUN') return true;
  if (tokens[k]!.pos !== 'VERB' || parse.deprels[k] !== 'amod' || parse.heads[k]! < k) return false;
  const before = tokens[k - 1];
  if (before && POSSESSIVES.test(before.text)) return true;
  return !before || before.text === '-' || /^(DET|ADP|ADJ|ADV|NUM|PART|CCONJ)$/.test(before.pos);
}
