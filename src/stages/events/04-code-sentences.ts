import type { ActorMention, Sentence, SentenceTrace, TimeMention, Token } from '../../document/types.js';
import type { EventKnowledge } from '../../knowledge/event-patterns.js';
import { NO_EVENT } from '../../knowledge/event-patterns.js';
import {
  adjectivalVerb,
  analyseVerb,
  canBeParty,
  canBeTarget,
  parseModality,
  subjectOf,
  type VerbGroup,
} from './01-analyse-clauses.js';
import { actorsFrom, matchPattern, type PatternMatch } from './02-match-patterns.js';
import {
  agentWord,
  aimedAtWords,
  governedMood,
  thatClauseSubject,
  insideNounClause,
  partiesOf,
  passiveSubjectWord,
  placeWord,
  slotWord,
  subjectWords,
  type RoleParse,
} from './parse-roles.js';
import { hasCodePrefix, sameParty, type Draft, type EventStep, type EventWords } from './state.js';

/** Sports results are not political events ("Japan beat South Korea 2-1"). */
const SPORTS = new RegExp(
  String.raw`\b\d+\s*[-–]\s*\d+\b.*` +
    String.raw`\b(beat|defeat|won|win|lost|draw|match|game|final|goal|score|cup|league|tournament)` +
    String.raw`|\b(beat|defeated|won|lost)\b.*` +
    String.raw`\b(match|game|final|cup|championship|tournament|league|medal)\b`,
  'i',
);

/** Subjects that name two parties just mentioned, acting together ("the two leaders discussed"). */
const JOINT_PHRASE =
  '(?:the|both)(?: two)? (leaders|presidents|ministers|sides|countries|governments|delegations|nations)';
const JOINT_SUBJECT = new RegExp(`^${JOINT_PHRASE}$`, 'i');
/** The head nouns of a joint subject, which stand for parties named before. */
const JOINT_HEAD = /^(leaders|presidents|ministers|sides|countries|governments|delegations|nations)$/i;
const MAY_HAVE_JOINT_SUBJECT = new RegExp(`\\b${JOINT_PHRASE}\\b`, 'i');
/** A sentence that may name a person by a bare title ("The Secretary welcomed ..."). */
const MAY_HAVE_TITLE = /\b[Tt]he [A-Z][a-z]+ /;
/** Roles that speak for a state, as the parties of a joint subject do. */
const STATE_ROLES = new Set(['GOV', 'ELI', 'MIL', 'LEG', 'JUD']);
/** How many sentences back the two parties of a joint subject may be named. */
const JOINT_REACH = 3;

/** Ranks matches: more pattern words first, then one that found the target it asks for. */
function better(a: PatternMatch, b: PatternMatch): boolean {
  const score = (m: PatternMatch) =>
    m.pattern.words.length * 2 + (m.pattern.targetAt !== null && m.targets.length ? 1 : 0);
  return score(a) > score(b);
}

/**
 * Finds the events each sentence reports, as drafts: each verb with patterns is analysed
 * (negation, intent, voice, mood), its patterns are matched and the best match wins; its source is
 * the clause's subject (or the "by" agent of a passive), its targets the actors at the pattern's
 * slot. Nouns code nominal events ("the visit of X to Y", "sanctions against Y").
 */
export const codeSentences: EventStep = (state) => {
  const { tokens, sentences, actors, parse, times, knowledge, words, trace } = state;
  state.drafts = draftsOf(tokens, sentences, actors, parse, times, knowledge, words, trace);
};

/** The drafts of every sentence: verbs and nouns with patterns, matched, sourced and targeted. */
function draftsOf(
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  actors: readonly ActorMention[],
  parse: RoleParse,
  times: readonly TimeMention[],
  knowledge: EventKnowledge,
  words: EventWords,
  trace: SentenceTrace[] | null,
): Draft[] {
  const drafts: Draft[] = [];
  // Which sentence each word was last seen in: one map for the article, not a set per sentence.
  const seenIn = new Map<string, number>();
  const inSentence = (s: number) => (alternatives: readonly string[]) => {
    for (const w of alternatives) if (seenIn.get(w) === s) return true;
    return false;
  };
  // In text order, each sentence's actors are found by moving on from the last sentence's.
  if (actors.some((a, k) => k > 0 && a.start < actors[k - 1]!.start))
    actors = [...actors].sort((a, b) => a.start - b.start);
  let firstActor = 0;
  sentences.forEach((sentence, s) => {
    const limit = sentence.tokenEnd;
    while (firstActor < actors.length && actors[firstActor]!.start < sentence.start) firstActor++;
    const here: ActorMention[] = [];
    for (let a = firstActor; a < actors.length && actors[a]!.start < sentence.end; a++)
      if (actors[a]!.end <= sentence.end) here.push(actors[a]!);
    const record: SentenceTrace | null = trace ? { sentence: s, verbs: [], candidates: [] } : null;
    if (record) trace!.push(record);
    if (!here.some(canBeParty) && !MAY_HAVE_JOINT_SUBJECT.test(sentence.text) && !MAY_HAVE_TITLE.test(sentence.text)) {
      record?.candidates.push({ pattern: '-', code: '-', outcome: 'no political actor in the sentence' });
      return;
    }
    if (SPORTS.test(sentence.text)) {
      record?.candidates.push({ pattern: '-', code: '-', outcome: 'a sports result, not a political event' });
      return;
    }
    const taken = new Set<number>();
    // The sources of the verbs coded so far in the sentence, by token.
    const sourcesAt = new Map<number, ActorMention[]>();
    // The sentence's words, so that a pattern needing a word it lacks is passed over unmatched.
    for (let k = sentence.tokenStart; k < limit; k++) {
      seenIn.set(tokens[k]!.lemma, s);
      seenIn.set(tokens[k]!.text.toLowerCase(), s);
    }
    const present = inSentence(s);
    for (let i = sentence.tokenStart; i < limit; i++) {
      if (taken.has(i)) continue;
      const t = tokens[i]!;
      // The tagger reads some present-tense verbs after a name as plural nouns ("Pence (C) talks to
      // Moon"): a noun right after an actor, with a verb pattern, is taken as the verb.
      const isVerb =
        t.pos === 'VERB' ||
        (t.pos === 'NOUN' &&
          knowledge.verbs.has(t.lemma) &&
          (actorEndsBefore(tokens, here, i) || headsClause(parse, i)));
      const byHead = isVerb ? knowledge.verbs : t.pos === 'NOUN' || t.pos === 'PROPN' ? knowledge.nouns : undefined;
      const stem =
        isVerb && !byHead!.has(t.lemma) ? regularStems(t.text).find((candidate) => byHead!.has(candidate)) : undefined;
      const patterns = byHead?.get(stem ?? t.lemma);
      if (!patterns?.length) continue;
      // A participle used as an adjective names no act ("a negotiated ceasefire", "agreed destinations").
      if (isVerb && adjectivalVerb(parse, tokens, i)) {
        record?.candidates.push({ pattern: '-', code: '-', outcome: `not coded: "${t.text}" modifies a noun` });
        continue;
      }
      let group = isVerb ? analyseVerb(tokens, i, sentence.tokenStart, limit, words) : null;
      if (group && record)
        record.verbs.push({
          text: t.text,
          lemma: t.lemma,
          negated: group.negated,
          intent: group.intent,
          passive: group.passive,
          mood: group.mood,
        });
      let best: PatternMatch | null = null;
      for (const pattern of patterns) {
        if (!pattern.words.every(present)) {
          record?.candidates.push({
            pattern: pattern.text,
            code: pattern.code,
            outcome: 'words missing after the head',
          });
          continue;
        }
        const match = matchPattern(
          tokens,
          here,
          i,
          limit,
          pattern,
          group ? { passive: group.passive, groupStart: group.groupStart, taken, parse } : { taken, parse },
        );
        if (!match) {
          record?.candidates.push({
            pattern: pattern.text,
            code: pattern.code,
            outcome: 'words missing after the head',
          });
          continue;
        }
        if (!best || better(match, best)) {
          if (best)
            record?.candidates.push({
              pattern: best.pattern.text,
              code: best.pattern.code,
              outcome: `lost to "${pattern.text}" (fewer words or no target)`,
            });
          best = match;
        } else {
          record?.candidates.push({
            pattern: pattern.text,
            code: pattern.code,
            outcome: `lost to "${best.pattern.text}" (fewer words or no target)`,
          });
        }
      }
      if (!best) continue;
      if (best.pattern.code === NO_EVENT) {
        // Another sense of the word ("meet the needs of", "receive aircraft"): its words code nothing else.
        for (const k of best.taken) taken.add(k);
        record?.candidates.push({ pattern: best.pattern.text, code: '-', outcome: 'not coded: another sense' });
        continue;
      }
      const above = parseModality(parse, tokens, i, words);
      const mood =
        group && group.mood !== 'fact'
          ? group.mood
          : (governedMood(parse, tokens, i, words.proposalVerbs, words.allegationVerbs) ?? above.mood);
      if (above.intent && group && !group.intent && !group.negated) group = { ...group, intent: true };
      if (above.negated && group && !group.negated) group = { ...group, negated: true, intent: false };
      if (mood) {
        record?.candidates.push({
          pattern: best.pattern.text,
          code: best.pattern.code,
          outcome: `not coded: a ${mood} clause`,
        });
        continue;
      }
      let sources: ActorMention[];
      let targets = best.targets;
      const inHere = (m: ActorMention) => here.includes(m);
      const partiesAt = (word: number | null, accept: (m: ActorMention) => boolean) =>
        word === null ? [] : partiesOf(parse, tokens, word, (m) => accept(m) && inHere(m));
      const participleAgent = parse.deprels[i] === 'acl' ? partiesAt(agentWord(parse, tokens, i), canBeParty) : [];
      // A passive participle with neither agent nor object ("Trump, briefed while the missile was
      // in the air, told ...") says what was done to the noun, by no one named.
      if (group && passiveParticiple(parse, tokens, i) && !participleAgent.length) {
        record?.candidates.push({
          pattern: best.pattern.text,
          code: best.pattern.code,
          outcome: 'not coded: a passive participle with no agent',
        });
        continue;
      }
      if (best.pattern.noun) {
        // The noun's own actor ("the delegation's visit"), else the subject of its clause
        // ("the United States and South Korea agreed on ... engagement with North Korea").
        sources = best.sources.length ? best.sources : actorBefore(tokens, here, i, sentence.tokenStart);
        if (!sources.length && governedByLightVerb(tokens, i, sentence.tokenStart, words.lightVerbs))
          sources = subjectOf(tokens, here, i, sentence.tokenStart);
      } else if (group?.passive) {
        // "sanctions were imposed on X by Y": the agent after "by" acts; a bare object slot is the subject.
        sources = partiesAt(agentWord(parse, tokens, i), canBeParty);
        if (!sources.length) {
          const by = tokens.findIndex((x, k) => k > i && k < limit && x.text.toLowerCase() === 'by');
          sources = by > 0 ? actorsFrom(tokens, here, by + 1, limit) : [];
        }
        // "A missionary was arrested in Lebanon": an act only a state does, with no agent named,
        // is done by the state where it happened.
        if (!sources.length && hasCodePrefix(best.pattern.code, words.stateActs))
          sources = partiesAt(placeWord(parse, tokens, i), (m) => m.actor.kind === 'country' && canBeParty(m));
        if (best.pattern.targetAt === 0 || !targets.length) {
          const passiveSubject = partiesAt(passiveSubjectWord(parse, i), canBeTarget);
          const windowed = () => subjectOf(tokens, here, group.groupStart, sentence.tokenStart);
          targets = passiveSubject.length ? passiveSubject : windowed();
        }
      } else if (participleAgent.length) {
        // A participle with an agent ("rebels backed by Iran"): the agent acts on the noun it modifies.
        sources = participleAgent;
        const modified = partiesAt(parse.heads[i]!, canBeTarget);
        if (modified.length) targets = modified;
      } else {
        // The verb's subject in the parse ("President Putin and Turkish President Erdogan agreed");
        // where it names no actor, the word window's choice, unless that actor sits in a clause
        // modifying the subject ("militias armed by Iran attacked": Iran did not attack).
        const subjects = group ? nearestSubjects(tokens, subjectWords(parse, tokens, i)) : null;
        sources = (subjects ?? []).flatMap((w) => partiesAt(w, canBeParty));
        // A subject the parse names with a noun that is no actor ("the quake hit", "a war that has
        // killed") is the doer: no actor elsewhere in the sentence is borrowed for it. Only a pronoun
        // or a missing subject leaves the word windows to find one.
        const thingSubject =
          subjects?.some(
            (w) =>
              /^(NOUN|PROPN)$/.test(tokens[w]!.pos) &&
              !JOINT_HEAD.test(tokens[w]!.text) &&
              !inTimeExpression(times, tokens[w]!),
          ) ?? false;
        // "The Secretary and President welcomed ...": a title names the person the article gave it.
        if (!sources.length && subjects) sources = subjects.flatMap((w) => titledPeople(parse, tokens, actors, w));
        // A verb joined to a coded one with no subject of its own shares its source ("it had shot
        // down two aircraft and captured a pilot").
        // Only a verb right after its "and" ("... and captured"): one after a noun has that noun
        // for subject, whatever the parse says ("a day after Indian warplanes struck").
        let before = (group?.groupStart ?? i) - 1;
        while (before > sentence.tokenStart && tokens[before]!.pos === 'ADV') before--;
        const afterAnd = /^(and|,)$/i.test(tokens[before]?.text ?? '');
        const joinedTo = parse.deprels[i] === 'conj' && afterAnd ? sourcesAt.get(parse.heads[i]!) : undefined;
        if (!sources.length && !subjects && joinedTo) sources = joinedTo;
        if (!sources.length && !thingSubject) {
          sources = windowSubject(tokens, here, actors, group, i, sentence, s, limit, words);
          if (subjects) sources = sources.filter((m) => !subjects.some((w) => insideNounClause(parse, tokens, m, w)));
        }
      }
      // The target the parse puts at the pattern's slot ("imposed sanctions on [North Korea]").
      if (!group?.passive && !participleAgent.length && best.anchor !== null) {
        const notSource = (t: ActorMention) => !sources.some((x) => sameParty(x, t));
        const slot = partiesAt(slotWord(parse, tokens, best.anchor), canBeTarget).filter(notSource);
        if (slot.length) targets = slot;
      }
      // A party does not act on itself: a target the word windows found that is the source's own
      // party ("Greece plans to impose restrictions on its market for new EU members") leaves the
      // slot to the parse; if the parse finds no other, the act is not coded, as before.
      // (With two sources, "between Japan and South Korea", each is the other's target.)
      const own = (t: ActorMention) => sources.length > 0 && sources.every((x) => sameParty(x, t));
      const ownOnly = targets.length > 0 && targets.every(own);
      targets = targets.filter((t) => !own(t));
      // "demanded on Friday that the United States match ...": the one asked is the subject of the
      // verb's "that" clause, however far the parse finds it.
      if (!targets.length && group && !group.passive && best.pattern.targetAt === 0) {
        const asked = thatClauseSubject(parse, tokens, i);
        if (asked !== null)
          targets = partiesAt(asked, canBeTarget).filter((t) => !sources.some((x) => sameParty(x, t)));
      }
      // A pattern that names no target slot, or whose object slot is empty: whom the parse says the
      // act is aimed at ("rejected a Senegalese peace plan", "agreed to provide aid for Romania").
      // Not for a joint act, whose parties are each other's ("the US and South Korea agreed on terms").
      const code = best.pattern.code;
      const joint = sources.length > 1 && [1, 2].includes(knowledge.codes.get(code)?.quadClass ?? 0);
      const openSlot =
        best.pattern.targetAt === null || (best.pattern.targetAt === 0 && !best.pattern.targetRequired) || ownOnly;
      if (!targets.length && !group?.passive && openSlot && !joint) {
        const topicOnly = hasCodePrefix(code, words.topicActs);
        const threat = hasCodePrefix(code, words.conditionTargetActs);
        for (const word of aimedAtWords(parse, tokens, i, best.taken, words.aim, topicOnly, threat)) {
          targets = partiesAt(word, canBeTarget).filter((t) => !own(t));
          if (targets.length) break;
        }
      }
      if (ownOnly && !targets.length) {
        record?.candidates.push({
          pattern: best.pattern.text,
          code: best.pattern.code,
          outcome: "not coded: its only target is the source's own party",
        });
        continue;
      }
      if (best.pattern.targetRequired && !targets.length) {
        record?.candidates.push({
          pattern: best.pattern.text,
          code: best.pattern.code,
          outcome: 'not coded: the act needs a target and none is a party',
        });
        continue;
      }
      if (!sources.length) {
        record?.candidates.push({
          pattern: best.pattern.text,
          code: best.pattern.code,
          outcome: 'not coded: no source actor found',
        });
        continue;
      }
      // "threatened to ban Ugandan opposition candidates": with no target of its own, an act done
      // through a "to" complement is done to the complement's object.
      if (!targets.length && group && !group.passive) {
        // The "to" the pattern took ("threaten to expel ..."), else one right after its last word.
        const after = Math.max(...best.taken) + 1;
        const to =
          best.taken.find((k) => k > i && tokens[k]!.text.toLowerCase() === 'to') ??
          (tokens[after]?.text.toLowerCase() === 'to' ? after : -1);
        if (to >= 0 && tokens[to + 1]?.pos === 'VERB')
          targets = actorsFrom(tokens, here, to + 2, limit).filter(
            (t) => !sources.some((source) => sameParty(source, t)),
          );
      }
      for (const k of best.taken) taken.add(k);
      record?.candidates.push({
        pattern: best.pattern.text,
        code: best.pattern.code,
        outcome:
          `chosen: ${sources.map((x) => x.actor.code).join('+')} ` +
          `→ ${targets.map((x) => x.actor.code).join('+') || 'no target'}`,
      });
      drafts.push({ match: best, group, sources, targets, sentence: s });
      sourcesAt.set(i, sources);
    }
  });
  return drafts;
}

/**
 * The subject the word windows find for a verb with no subject actor in the parse: that of the
 * verb governing its "to" ("Biden met Zelenskyy to discuss"), else the nearest actor before its
 * group, else the two parties a joint subject stands for ("the two leaders discussed").
 */
function windowSubject(
  tokens: readonly Token[],
  here: readonly ActorMention[],
  actors: readonly ActorMention[],
  group: VerbGroup | null,
  i: number,
  sentence: Sentence,
  s: number,
  limit: number,
  words: EventWords,
): ActorMention[] {
  if (group?.governor !== null && group?.governor !== undefined) {
    const governing = analyseVerb(tokens, group.governor, sentence.tokenStart, limit, words);
    return subjectOf(tokens, here, governing.groupStart, sentence.tokenStart);
  }
  const sources = subjectOf(tokens, here, group?.groupStart ?? i, sentence.tokenStart);
  return !sources.length && group ? jointSubject(tokens, actors, group.groupStart, sentence, s) : sources;
}

/**
 * True when the verb before a noun is a light verb (its list in `data/words/clauses.txt`):
 *  * Verbs whose object noun names the act itself ("held talks", "launched an attack", "agreed on
 * engagement"), so the verb's subject is the noun's source; after other verbs ("discussed
 * sanctions") the noun is a topic, not an act.
 */
function governedByLightVerb(
  tokens: readonly Token[],
  noun: number,
  floor: number,
  lightVerbs: ReadonlySet<string>,
): boolean {
  for (let k = noun - 1; k >= Math.max(floor, noun - 8); k--) {
    // A participle before the noun is its adjective ("mounted its long-threatened invasion").
    const adjective = tokens[k - 1]?.text === '-';
    if (tokens[k]!.pos === 'VERB' && !adjective) return lightVerbs.has(tokens[k]!.lemma);
  }
  return false;
}

/**
 * The two parties a joint subject right before the verb group stands for ("President Biden spoke
 * with Prime Minister Abiy ... The two leaders discussed ..."): the last two people of different
 * countries named in the three sentences before, else (for sides, countries, governments ...) the
 * last two countries. Empty when the subject is not one, or two such parties are not found.
 */
function jointSubject(
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  groupStart: number,
  sentence: Sentence,
  sentenceIndex: number,
): ActorMention[] {
  let end = groupStart;
  while (end > sentence.tokenStart && tokens[end - 1]!.pos === 'ADV') end--;
  let start = end;
  while (
    start > sentence.tokenStart &&
    ['DET', 'NUM', 'NOUN', 'ADJ'].includes(tokens[start - 1]!.pos) &&
    end - start < 3
  )
    start--;
  const phrase = JOINT_SUBJECT.exec(
    tokens
      .slice(start, end)
      .map((t) => t.text)
      .join(' '),
  );
  if (!phrase) return [];
  const lastTwo = (kind: 'person' | 'country'): ActorMention[] => {
    const parties: ActorMention[] = [];
    for (let a = actors.length - 1; a >= 0 && parties.length < 2; a--) {
      const m = actors[a]!;
      if (
        m.start >= sentence.start ||
        m.sentence < sentenceIndex - JOINT_REACH ||
        !canBeParty(m) ||
        m.actor.kind !== kind
      )
        continue;
      // Leaders and sides speak for their states: an opposition figure or a civilian named in
      // between ("the poisoning of Aleksey Navalny") is what they talked about.
      if (m.actor.role !== null && !STATE_ROLES.has(m.actor.role)) continue;
      // Two sides are two countries: a second official of the same country is the same side.
      if (!parties.some((p) => p.actor.country === m.actor.country)) parties.unshift(m);
    }
    return parties.length === 2 ? parties : [];
  };
  // The people who met or spoke come first (countries named before are often topics); "sides"
  // and "countries" fall back to the last two countries.
  const people = lastTwo('person');
  if (people.length || /leaders|presidents|ministers/i.test(phrase[1]!)) return people;
  return lastTwo('country');
}

/**
 * The stems a regular verb form may come from, most likely first ("staged" → "stage", "stag";
 * "banned" → "ban"). The tagger's lemma is looked up first; these serve where it has none or a
 * wrong one ("staged" → "stag", "waged" → "wag"), and only a stem with patterns is taken.
 */
function regularStems(word: string): string[] {
  const w = word.toLowerCase();
  const doubled = (end: number) => w.length > end + 2 && w[w.length - end - 1] === w[w.length - end - 2];
  if (w.endsWith('ied') || w.endsWith('ies')) return [`${w.slice(0, -3)}y`];
  if (w.endsWith('ed')) return [w.slice(0, -1), w.slice(0, -2), ...(doubled(2) ? [w.slice(0, -3)] : [])];
  if (w.endsWith('ing')) return [w.slice(0, -3), `${w.slice(0, -3)}e`, ...(doubled(3) ? [w.slice(0, -4)] : [])];
  if (w.endsWith('es')) return [w.slice(0, -1), w.slice(0, -2)];
  if (w.endsWith('s') && !w.endsWith('ss')) return [w.slice(0, -1)];
  return [];
}

/**
 * Of several subject words the parser gives one verb, those of the nearest clause: a verb between
 * two subjects means the parser ran two clauses together ("teams poured into Nepal ... and an
 * aftershock sent"), while "Putin and Erdogan agreed" keeps both.
 */
function nearestSubjects(tokens: readonly Token[], subjects: number[] | null): number[] | null {
  if (!subjects || subjects.length < 2) return subjects;
  const sorted = [...subjects].sort((a, b) => a - b);
  let from = sorted.length - 1;
  while (from > 0 && !tokens.slice(sorted[from - 1]! + 1, sorted[from]!).some((t) => t.pos === 'VERB')) from--;
  return sorted.slice(from);
}

/** True when a token is part of a time expression (the parser takes "today" for a subject at times). */
function inTimeExpression(times: readonly TimeMention[], token: Token): boolean {
  return times.some((t) => t.start <= token.start && token.end <= t.end);
}

/**
 * True when verb `i` is a participle set off after a noun, with no object of its own, in a sentence
 * whose main verb is another ("Trump, briefed while ..., told reporters"). In a sentence the parser
 * leaves without a main verb ("Thousands of Kurds demonstrated in Kirkuk"), it is the main verb.
 */
function passiveParticiple(parse: RoleParse, tokens: readonly Token[], i: number): boolean {
  if (parse.deprels[i] !== 'acl' || !/(ed|en|wn)$/i.test(tokens[i]!.text)) return false;
  // Set off by a comma ("Trump, briefed ..."): run on from a noun, it is more often a main verb.
  let before = i - 1;
  while (before > 0 && tokens[before]!.pos === 'ADV') before--;
  if (tokens[before]?.text !== ',') return false;
  let root = i;
  for (let hops = 0; hops < 40 && parse.heads[root]! >= 0; hops++) root = parse.heads[root]!;
  if (tokens[root]!.pos !== 'VERB') return false;
  return !parse.children[i]!.some((c) => /^(obj|iobj|ccomp|xcomp|obl:agent)$/.test(parse.deprels[c]!));
}

/**
 * The people a subject of bare titles stands for ("The Secretary and President welcomed", "the Prime
 * Minister said"): for each title, the first person the article named with that title right before
 * the name or in it ("Secretary of State Antony Blinken", "Palestinian Authority President Mahmoud Abbas").
 * Empty when the subject is no title the article gave a person.
 */
function titledPeople(
  parse: RoleParse,
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  word: number,
): ActorMention[] {
  const people: ActorMention[] = [];
  for (const w of [word, ...parse.children[word]!.filter((c) => parse.deprels[c] === 'conj')]) {
    const title = tokens[w]!.text;
    if (parse.mentionOf[w] || !/^[A-Z][a-z]+$/.test(title) || !/^(NOUN|PROPN)$/.test(tokens[w]!.pos)) continue;
    const named = actors.find((m) => {
      if (m.actor.kind !== 'person' || m.start >= tokens[w]!.start || m.via?.startsWith('coref')) return false;
      // The capitalised words (and "of") right before the name: "Secretary of State", "Authority President".
      const k = tokens.findIndex((t) => t.start === m.start);
      const before: string[] = [];
      for (let j = k - 1; j >= Math.max(0, k - 5) && /^[A-Z]|^of$/.test(tokens[j]!.text); j--)
        before.push(tokens[j]!.text);
      return before.includes(title) || m.text.split(' ').includes(title);
    });
    if (named && !people.includes(named)) people.push(named);
  }
  return people;
}

/**
 * True when the parse makes token `i` the head of a clause, with an auxiliary or a verb particle
 * of its own: the tagger reads some verbs as nouns ("it had [shot] down two aircraft").
 */
function headsClause(parse: RoleParse, i: number): boolean {
  return parse.children[i]!.some((c) => /^(aux|compound:prt)/.test(parse.deprels[c]!));
}

/** True when an actor's name ends right before token `i`, past a parenthesis such as "(C)". */
function actorEndsBefore(tokens: readonly Token[], actors: readonly ActorMention[], i: number): boolean {
  let k = i - 1;
  if (tokens[k]?.text === ')') {
    while (k > 0 && tokens[k]!.text !== '(') k--;
    k--;
  }
  const end = tokens[k]?.end;
  return end !== undefined && actors.some((a) => a.end === end && canBeParty(a));
}

/** The actor right before a noun ("the North Korean delegation's visit", "U.S. sanctions"). */
function actorBefore(
  tokens: readonly Token[],
  actors: readonly ActorMention[],
  noun: number,
  floor: number,
): ActorMention[] {
  for (let k = noun - 1; k >= Math.max(floor, noun - 4); k--) {
    const found = actors.find((a) => canBeParty(a) && a.end === tokens[k]!.end);
    if (found) return [found];
    if (!/^(ADJ|NOUN|PROPN|PART|DET)$/.test(tokens[k]!.pos)) break;
  }
  return [];
}
