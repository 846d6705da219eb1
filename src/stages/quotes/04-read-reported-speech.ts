import { baseRel, childrenOf, dependent, phraseOf, speakerToken, subtreeRange, trustedSubject } from './parse.js';
import { nounPhraseAfter, nounPhraseBefore, subjectOf } from './noun-phrases.js';
import {
  actorsBetween,
  isOutlet,
  lowerBound,
  tokenAt,
  type Cue,
  type QuoteState,
  type SpeakerWords,
  type WorkingQuote,
} from './state.js';

/** Fewest tokens reported content may have ("announced job cuts" has two). */
const MIN_CONTENT = 2;
/** How far after a speech verb its "that" may stand ("told reporters on Monday that"). */
const THAT_REACH = 8;
/** Nominal content only: how far after a speech noun its "that" may stand ("the announcement by GM that"). */
const NOUN_THAT_REACH = 8;

const isPunct = (state: QuoteState, i: number) => state.tokens[i]!.pos === 'PUNCT';

/** Trims punctuation, and a leading "that", from a token range; keeps the closing mark of a quotation it holds. */
function trimmed(state: QuoteState, [start, end]: [number, number]): [number, number] {
  while (start < end && (isPunct(state, start) || (state.folded[start] === 'that' && start + 1 < end))) start++;
  while (end > start && isPunct(state, end - 1)) end--;
  // "what he called a “New Deal”.": the closing mark after the last word belongs to the quotation.
  // So is its own punctuation before the mark ("called him “very smart.”").
  const last = markAround(state, end - 1);
  // Not when the opening mark was trimmed too: a content that is all one quotation loses both marks.
  if (last && tokenAt(state, last.open) >= start) {
    const close = tokenAt(state, last.close);
    if (close >= end && close - end < 3 && state.tokens.slice(end, close + 1).every((t) => t.pos === 'PUNCT'))
      end = close + 1;
  }
  return [start, end];
}

/** A "that" after the cue past its listener and adverbials ("told reporters on Monday that"), or null. */
function thatAfter(state: QuoteState, v: number): number | null {
  const end = state.sentences[state.sentenceOf[v]!]!.tokenEnd;
  for (let k = v + 1; k < Math.min(end, v + THAT_REACH); k++) {
    if (state.folded[k] === 'that') return k;
    if (state.tokens[k]!.pos === 'VERB' || state.folded[k] === ',') return null;
  }
  return null;
}

/**
 * True when the word heads a clause: a verb, or a word with a subject or copula of its own. A cue
 * hung on a bare name ("U.S. Secretary of State Antony [said]" misparsed) reports nothing of it.
 */
function isClause(state: QuoteState, head: number): boolean {
  const upos = state.syntax.upos[head];
  return upos === 'VERB' || upos === 'AUX' || hasSubject(state, head) || dependent(state, head, 'cop') !== null;
}

/** True when the clause headed at `head` has a subject of its own. */
const hasSubject = (state: QuoteState, head: number) =>
  dependent(state, head, 'nsubj') !== null || dependent(state, head, 'expl') !== null;

/** A clause opened by a subordinator or a preposition ("after X reported", "as X said"), past a comma. */
function openedBySubordinator(state: QuoteState, v: number): boolean {
  let k = subtreeRange(state, v)[0];
  while (state.folded[k] === ',') k++;
  const pos = state.tokens[k]?.pos;
  return pos === 'SCONJ' || pos === 'ADP' || dependent(state, v, 'mark') !== null;
}

/**
 * What a speech verb reports, read off the parse: its clausal complement ("said [that S]"); the
 * clause it interrupts or follows ("S, she said" / "The talks, she said, would resume", where the
 * parser hangs the cue on the clause); for verbs whose object is what was said, the object
 * ("announced [job cuts]", "reported [losing $4.8 billion]"). A fronted adverbial ("In an
 * interview on Friday, X said ...") hangs on the cue, not in its complement, so it is never
 * content.
 */
function contentOfVerb(state: QuoteState, cue: Cue, speaker: SpeakerWords | null): [number, number] | null {
  const { heads, deprels } = state.syntax;
  const v = cue.tokenStart;
  // Only a clause is reported: a name the parser hung on the cue as a complement is not.
  const complement =
    childrenOf(state, v).find((c) => state.syntax.deprels[c] === 'ccomp' && isClause(state, c)) ?? null;
  if (complement !== null) {
    let [start, end] = subtreeRange(state, complement);
    // A clause the parser split in two ("says [tally sheets ...] [show González won]") is one content.
    for (const c of childrenOf(state, v)) {
      if (c === complement || state.syntax.deprels[c] !== 'ccomp' || !isClause(state, c)) continue;
      const [s, e] = subtreeRange(state, c);
      if (s > v === start > v) [start, end] = [Math.min(start, s), Math.max(end, e)];
    }
    // "said on Tuesday that S": the content is all of S, whatever the parser hung its subject on.
    const that = thatAfter(state, v);
    if (that !== null && that < start && start > v) start = that + 1;
    // "The talks, she said on Tuesday, would resume": a parse that takes the fronted noun for the
    // cue's own dependent leaves the complement without a subject; the content starts the sentence.
    const sentenceStart = state.sentences[cue.sentence]!.tokenStart;
    if (start > v && !hasSubject(state, complement) && speaker && speaker.tokenStart > sentenceStart) {
      if (state.folded[speaker.tokenStart - 1] === ',') start = sentenceStart;
    }
    return [start, end];
  }
  if (state.lexicon.clauseCues.has(cue.lemma)) return null;
  if (cue.parseOnly) {
    const asks = requestPhrase(state, cue);
    return objectsAfter(state, v, !asks && state.lexicon.namingVerbs.has(cue.lemma), asks);
  }
  const rel = baseRel(deprels[v]);
  const head = heads[v]!;
  // "S, X reported, citing Y" parsed as an adverbial clause: a cue with a subject of its own (not
  // a participle: "..., claiming S") after its clause, set off by a comma and with no subordinator
  // ("after X reported" is a time, not a report of S).
  const setOff =
    rel === 'advcl' &&
    head >= 0 &&
    head < v &&
    hasSubject(state, v) &&
    [0, 1].some((k) => state.folded[subtreeRange(state, v)[0] - k] === ',') &&
    !openedBySubordinator(state, v);
  if ((rel === 'parataxis' || rel === 'dep' || setOff) && head >= 0 && isClause(state, head)) {
    // "S, X said": the clause the cue hangs on, without the cue's own words.
    const [cs, ce] = subtreeRange(state, v);
    const [hs, he] = subtreeRange(state, head, (c) => c === v);
    if (ce <= head) return [Math.max(ce, hs), he];
    if (cs > head) return [hs, Math.min(cs, he)];
    return [hs, he];
  }
  if (state.lexicon.objectReports.has(cue.lemma)) {
    const object = dependent(state, v, 'obj') ?? dependent(state, v, 'xcomp');
    if (object !== null && object > v) return subtreeRange(state, object);
  }
  return parenthetical(state, cue, speaker);
}

/**
 * True when a token in `[start, end)` stands in quotation marks that are not a title ("the
 * project “Blue Harbour”").
 */
function quotedWordIn(state: QuoteState, start: number, end: number): boolean {
  const titles = state.phrases.filter((p) => p.kind === 'title');
  for (let k = start; k < end; k++) {
    const at = state.tokens[k]!.start;
    if (state.insideMarks[k] && !titles.some((p) => at >= p.start && at < p.end)) return true;
  }
  return false;
}

/** Relations of what a verb of naming or asking takes after it ("asked [them] [to make plans]"). */
const OBJECT_RELS = new Set(['obj', 'iobj', 'obl', 'xcomp']);

/** True when a verb of naming or asking has the preposition that makes it a request ("called for a re-run"). */
function requestPhrase(state: QuoteState, cue: Cue): boolean {
  return childrenOf(state, cue.tokenStart).some((c) => {
    if (c <= cue.tokenStart || baseRel(state.syntax.deprels[c]) !== 'obl') return false;
    // The preposition follows the verb at once: "called a meeting for Friday" is no request.
    const preposition = dependent(state, c, 'case');
    if (preposition !== cue.tokenStart + 1) return false;
    return state.lexicon.requestPhrases.has(`${cue.lemma} ${state.folded[preposition]}`);
  });
}

/**
 * The words after a verb of naming or asking that are its objects and complements, as one range
 * ("described [the day as a “defining moment”]", "asked [the government for more aid]"); for
 * naming, only when a quotation mark stands inside them (a name in someone's own words).
 */
function objectsAfter(state: QuoteState, v: number, quotedOnly: boolean, asks = false): [number, number] | null {
  // "the plan, called “Way Forward”": a participle that names a noun; nobody is speaking.
  if (state.syntax.deprels[v] === 'acl') return null;
  let end = v + 1;
  let object = false;
  for (const c of childrenOf(state, v)) {
    const rel = baseRel(state.syntax.deprels[c]);
    // "urged both sides [to show restraint]": an infinitive the parser hung as an adverbial clause.
    const infinitive = rel === 'advcl' && state.folded[subtreeRange(state, c)[0]] === 'to';
    if (c <= v || !(OBJECT_RELS.has(rel) || infinitive)) continue;
    end = Math.max(end, subtreeRange(state, c)[1]);
    // A request has an object ("asked the government ...", "urged restraint"); a name may be a
    // complement ("what he called a “New Deal”").
    if (rel === 'obj' || rel === 'iobj' || (quotedOnly && rel === 'xcomp') || (asks && rel === 'obl')) object = true;
  }
  // "officials asked about the plan", "an official who asked not to be named": nothing was asked of anyone.
  if (!object) return null;
  if (quotedOnly && !quotedWordIn(state, v + 1, end)) return null;
  return [v + 1, end];
}

/** "His plan, he stated, was ...": a cue set off by commas inside the clause it reports, which is the sentence. */
function parenthetical(state: QuoteState, cue: Cue, speaker: SpeakerWords | null): [number, number] | null {
  const { tokenStart: first, tokenEnd: last } = state.sentences[cue.sentence]!;
  if (!speaker || speaker.tokenEnd > cue.tokenStart || speaker.tokenStart - 1 <= first) return null;
  if (state.folded[speaker.tokenStart - 1] !== ',') return null;
  for (let k = cue.tokenEnd; k < Math.min(last, cue.tokenEnd + 4); k++) {
    if (state.folded[k] === ',') return k + 2 < last ? [first, last] : null;
    if (state.tokens[k]!.pos === 'VERB' || state.tokens[k]!.pos === 'AUX') return null;
  }
  return null;
}

/**
 * True when what a citing verb cites is a source of words (a person, a body, a document, an
 * unnamed official: "citing a decree", "cited officials"), not a reason ("cites a rise in
 * unemployment"); also when it cites nothing the parse can see.
 */
function citesSource(state: QuoteState, verb: number): boolean {
  const object = dependent(state, verb, 'obj');
  if (object === null) return true;
  const head = [state.folded[object]!, state.tokens[object]!.lemma.toLowerCase()];
  const { documents, anonymousHeads } = state.lexicon;
  if (head.some((w) => documents.has(w) || anonymousHeads.has(w))) return true;
  const words = phraseOf(state, object);
  const from = state.tokens[words.tokenStart]!.start;
  return actorsBetween(state, from, state.tokens[words.tokenEnd - 1]!.end).some(
    (m) => m.actor.kind !== 'place' && m.actor.kind !== 'city',
  );
}

/** The source an outlet cites ("..., Kyodo reported, citing a decree"): the object of a citing participle. */
function citedSource(state: QuoteState, verb: number): { cue: Cue; words: SpeakerWords } | null {
  for (const c of childrenOf(state, verb)) {
    if (baseRel(state.syntax.deprels[c]) !== 'advcl') continue;
    const cue = state.cueAt.get(c);
    if (!cue || (cue.lemma !== 'cite' && cue.lemma !== 'quote')) continue;
    const object = dependent(state, c, 'obj');
    if (object !== null) return { cue, words: phraseOf(state, object) };
  }
  return null;
}

/** The quotation pair around token `t`, or null. */
function markAround(state: QuoteState, t: number): { open: number; close: number } | null {
  if (!state.insideMarks[t]) return null;
  const at = state.tokens[t]!.start;
  const mark = state.allMarks[lowerBound(state.allMarks, at + 1, (m) => m.open) - 1];
  if (!mark || at >= (mark.close ?? mark.contentEnd)) return null;
  return { open: mark.open, close: mark.close ?? mark.contentEnd };
}

/** Widens a content range so that it never cuts a quotation in two (a mixed quote stays one quote). */
function wholeQuotations(state: QuoteState, [start, end]: [number, number]): [number, number] {
  const sentence = state.sentences[state.sentenceOf[start]!]!;
  const first = markAround(state, start);
  if (first) start = Math.max(sentence.tokenStart, Math.min(start, tokenAt(state, first.open)));
  const last = markAround(state, end - 1);
  if (last) end = Math.min(sentence.tokenEnd, Math.max(end, tokenAt(state, last.close) + 1));
  return [start, end];
}

/**
 * Adds a quotation of reported speech: quoted words inside its content make it mixed, and an
 * unattributed quoted fragment there joins it, so a mixed quote stays one quote.
 */
export function addReported(state: QuoteState, quote: WorkingQuote): void {
  const { contentStart, contentEnd } = quote;
  for (let i = lowerBound(state.phrases, contentStart, (p) => p.start); i < state.phrases.length; i++) {
    const p = state.phrases[i]!;
    if (p.start >= contentEnd) break;
    if (p.kind === 'scare' && p.end <= contentEnd) quote.kind = 'mixed';
  }
  // Direct quotes are in text order and attributed before reported speech is sought.
  state.fragments ??= state.quotes.filter((q) => q.kind === 'direct' && !q.cue && !q.marked?.continues);
  const fragments = state.fragments;
  for (let i = lowerBound(fragments, contentStart, (q) => q.contentStart); i < fragments.length; i++) {
    const q = fragments[i]!;
    if (q.contentStart >= contentEnd) break;
    // The quotation's own closing punctuation ("pressure,”") is trimmed from the content: it still fits.
    if (q.contentEnd > contentEnd && !/^[\p{P}\s]*$/u.test(state.text.slice(contentEnd, q.contentEnd))) continue;
    q.absorbed = true;
    // A quotation that is all the content (its marks aside) is a direct quote with a cue far off
    // (“Q,” Ayesha Rahman, a security analyst in Lahore, told Reuters).
    const marked = q.marked!;
    if (marked.open - contentStart <= 1 && contentEnd - (marked.close ?? marked.contentEnd) <= 1) {
      Object.assign(quote, { contentStart: q.contentStart, contentEnd: q.contentEnd, kind: 'direct', marked });
      quote.rule = 'quotes/direct-parse';
    } else quote.kind = 'mixed';
  }
  state.quotes.push(quote);
}

/** The speaker of a speech noun: its possessor ("the ministry's statement") or its `by` phrase. */
function nounSpeaker(state: QuoteState, noun: number): SpeakerWords | null {
  const possessor = dependent(state, noun, 'nmod:poss');
  if (possessor !== null) return phraseOf(state, possessor);
  if (state.folded[noun + 1] !== 'by') return null;
  // The phrase stops at the "that" of the content ("by the ministry that schools would close").
  let end = noun + 2;
  while (end < state.tokens.length && state.sentenceOf[end] === state.sentenceOf[noun] && state.folded[end] !== 'that')
    end++;
  return nounPhraseAfter(state, noun + 2, end);
}

/** The "that" clause after a speech noun ("the announcement by GM that it had filed"), as a token range. */
function nounContent(state: QuoteState, noun: number): [number, number] | null {
  const end = state.sentences[state.sentenceOf[noun]!]!.tokenEnd;
  for (let k = noun + 1; k < Math.min(end, noun + NOUN_THAT_REACH); k++) {
    if (state.folded[k] === 'that') {
      // The clause the "that" marks, else (a parse that hung it elsewhere) the rest of the sentence.
      const verb = state.syntax.heads[k]!;
      const clause = verb > k && state.syntax.deprels[k] === 'mark' ? subtreeRange(state, verb) : null;
      return clause && clause[0] <= k + 1 ? [k + 1, clause[1]] : [k + 1, end];
    }
    if (state.tokens[k]!.pos === 'VERB' || state.folded[k] === ',') return null;
  }
  return null;
}

/** The speaker of the last quotation whose cue stands earlier in the cue's sentence, or null. */
function speakerBefore(state: QuoteState, cue: Cue): SpeakerWords | null {
  for (let i = state.quotes.length - 1; i >= 0; i--) {
    const q = state.quotes[i]!;
    if (q.cue && q.cue.sentence === cue.sentence && q.cue.tokenStart < cue.tokenStart && q.speaker) return q.speaker;
  }
  return null;
}

/** True when token `t` lies in an adverbial of the verb `verb` ("on June 18" of "called"). */
function ownAdverbial(state: QuoteState, t: number, verb: number): boolean {
  let k = t;
  for (let hops = 0; hops < 16 && k >= 0 && state.syntax.heads[k] !== verb; hops++) k = state.syntax.heads[k]!;
  return k >= 0 && state.syntax.heads[k] === verb && /^(obl|advmod|advcl)/.test(state.syntax.deprels[k]!);
}

/**
 * The speaker by word order, where the parse names none it can be trusted with: the sentence's
 * subject for a participle ("..., claiming"), else the noun phrase right before the cue.
 */
function speakerByWordOrder(state: QuoteState, cue: Cue): SpeakerWords | null {
  const first = state.sentences[cue.sentence]!.tokenStart;
  if (state.folded[cue.tokenStart - 1] === ',' && /ing$/i.test(state.tokens[cue.tokenStart]!.text))
    return subjectOf(state, first, cue.tokenStart - 1);
  return nounPhraseBefore(state, cue.tokenStart, first);
}

/**
 * Reads reported speech off the parse for every cue no direct quotation took: the speaker is the
 * subject of the speech verb that governs the reported clause, wherever the cue stands; an outlet
 * in that place is the relay, and the source it cites (if any) the speaker; a speech noun speaks
 * through its possessor or `by` phrase. Cues the parse cannot read are left to the next step.
 */
export function readReportedSpeech(state: QuoteState): void {
  for (const cue of state.cues) {
    if (cue.used || cue.according || cue.tokenEnd - cue.tokenStart !== 1) continue;
    if (state.insideMarks[cue.tokenStart]) continue;
    if (state.lexicon.passiveCues.has(cue.lemma) && !cue.nominal && dependent(state, cue.tokenStart, 'obj') === null)
      continue;
    let speaker: SpeakerWords | null = null;
    let content: [number, number] | null = null;
    let relay: SpeakerWords | undefined;
    let outletSpeaks = false;
    let rule: string;
    if (cue.nominal) {
      speaker = nounSpeaker(state, cue.tokenStart);
      content = nounContent(state, cue.tokenStart);
      rule = 'quotes/indirect-speech-noun';
    } else {
      const found = speakerToken(state, cue.tokenStart);
      const subject = found !== null && trustedSubject(state, found, cue.tokenStart) ? found : null;
      speaker = subject === null ? speakerByWordOrder(state, cue) : phraseOf(state, subject);
      // A noun phrase right before the cue that the parse's subject does not reach is the speaker
      // the parse missed ("Stocks rose, after Ben Bernanke said ...").
      const nearest = subject !== null && subject < cue.tokenStart ? speakerByWordOrder(state, cue) : null;
      // So is the name inside a longer parse phrase ("Louis Gallois" of "Louis Gallois, the chief executive").
      const inside = (a: SpeakerWords, b: SpeakerWords) => a.tokenStart >= b.tokenStart && a.tokenEnd <= b.tokenEnd;
      // Not an adverbial between the cue and its own subject ("The agency on June 18 called for ...").
      const adverbial =
        nearest !== null &&
        state.syntax.heads[subject!] === cue.tokenStart &&
        ownAdverbial(state, nearest.tokenEnd - 1, cue.tokenStart);
      const missed = nearest && speaker && (nearest.tokenStart >= speaker.tokenEnd || inside(nearest, speaker));
      // Nor words of a clause about the subject ("Brazil, whose leftist government has ties with ..., called").
      const [subjectStart, subjectEnd] = subject === null ? [0, 0] : subtreeRange(state, subject);
      const aboutSubject =
        nearest !== null &&
        speaker !== null &&
        !inside(nearest, speaker) &&
        nearest.tokenStart >= subjectStart &&
        nearest.tokenEnd <= subjectEnd;
      if (missed && !adverbial && !aboutSubject) speaker = nearest;
      // Words inside quotation marks are what someone said, never who said it ("said “the GM ...
      // is history,” and described ...", where the parse took the quoted subject for the verb's).
      // A verb joined by "and" to the quotation's cue is the same speaker's ("he said that “...,”
      // and described ...").
      if (speaker && state.insideMarks[speaker.tokenStart])
        speaker = state.folded[cue.tokenStart - 1] === 'and' ? speakerBefore(state, cue) : null;
      content = contentOfVerb(state, cue, speaker);
      rule = 'quotes/indirect-parse';
      // "The New York Times cites a rise in unemployment": an outlet that cites a reason, not a
      // source, gives its own view; it speaks, and relays no one.
      const ownView = cue.lemma === 'cite' && !citesSource(state, cue.tokenStart);
      if (speaker && subject !== null && isOutlet(state, speaker, subject) && ownView) outletSpeaks = true;
      else if (speaker && subject !== null && isOutlet(state, speaker, subject)) {
        const cited = citedSource(state, cue.tokenStart);
        relay = speaker;
        speaker = cited?.words ?? null;
        if (cited) cited.cue.used = true;
        rule = 'quotes/indirect-relayed';
      }
    }
    if (!content || (!speaker && !relay)) continue;
    content = wholeQuotations(state, content);
    // Content before its cue ends where the speaker's words begin ("“Q,” Ayesha Rahman, an analyst, told").
    const who = speaker ?? relay;
    if (who && content[1] <= cue.tokenStart && who.tokenStart > content[0] && who.tokenStart < content[1])
      content = [content[0], who.tokenStart];
    content = trimmed(state, content);
    if (content[1] - content[0] < MIN_CONTENT) continue;
    // An infinitive is what someone was asked or meant to do ("told people to call back"), not what was said.
    if (state.folded[content[0]] === 'to' && content[0] > cue.tokenStart) continue;
    cue.used = true;
    const contentStart = state.tokens[content[0]]!.start;
    const contentEnd = state.tokens[content[1] - 1]!.end;
    addReported(state, {
      contentStart,
      contentEnd,
      kind: 'indirect',
      sentence: cue.sentence,
      paragraph: state.sentences[cue.sentence]!.paragraph,
      cue,
      speaker,
      rule,
      ...(relay ? { relay } : {}),
      ...(outletSpeaks ? { outletSpeaks } : {}),
    });
  }
}
