import { actorsBetween, type QuoteState, type SpeakerWords } from './state.js';

/** The relation without its subtype (`nsubj:pass` → `nsubj`). */
export const baseRel = (rel: string | undefined): string => rel?.split(':')[0] ?? '';

/** The dependents of token `t`, in text order. */
export function childrenOf(state: QuoteState, t: number): Int32Array {
  return state.childIds.subarray(state.childStart[t]!, state.childStart[t + 1]!);
}

/** The first dependent of `t` whose relation (or its base, when `rel` has no subtype) is `rel`. */
export function dependent(state: QuoteState, t: number, rel: string): number | null {
  const general = !rel.includes(':');
  for (const c of childrenOf(state, t)) {
    const r = state.syntax.deprels[c]!;
    if (r === rel || (general && baseRel(r) === rel)) return c;
  }
  return null;
}

/**
 * The token range `[start, end)` of the subtree under `head`, leaving out the dependents `skip`
 * rejects (with everything under them). Arcs never leave a sentence, so the work is bounded by it.
 */
export function subtreeRange(state: QuoteState, head: number, skip?: (child: number) => boolean): [number, number] {
  let start = head;
  let end = head + 1;
  const stack = [head];
  while (stack.length) {
    const k = stack.pop()!;
    for (const c of childrenOf(state, k)) {
      if (skip?.(c)) continue;
      if (c < start) start = c;
      if (c + 1 > end) end = c + 1;
      stack.push(c);
    }
  }
  return [start, end];
}

/** True when `t` lies in the subtree under `head`. */
export function under(state: QuoteState, t: number, head: number): boolean {
  for (let k = t, hops = 0; k >= 0 && hops < 64; k = state.syntax.heads[k]!, hops++) if (k === head) return true;
  return false;
}

const RELATIVE = new Set(['who', 'which', 'that']);
/** Relations through which a verb shares the subject of the verb it hangs on ("said ... and predicted"). */
const SHARES_SUBJECT = new Set(['conj', 'xcomp', 'advcl']);
/** Dependents of a speaker's noun that are not part of its name: clauses about it, and punctuation. */
const NOT_IN_NAME = new Set(['acl', 'advcl', 'parataxis', 'punct', 'ccomp', 'appos', 'dep']);

/**
 * The document noun at `noun` or above it through its modifiers ("a letter to the board of
 * directors stating": the letter states, wherever the parser hung the participle), or null.
 */
function documentAbove(state: QuoteState, noun: number): number | null {
  for (let k = noun, hops = 0; k >= 0 && hops < 4; k = state.syntax.heads[k]!, hops++) {
    if (state.lexicon.documents.has(state.folded[k]!)) return k;
    if (baseRel(state.syntax.deprels[k]) !== 'nmod') return null;
  }
  return null;
}

/** Who wrote a document that a verb's adverbial names ("Jobs resigned in a letter ..."): that verb's subject. */
function authorOf(state: QuoteState, document: number): number | null {
  if (baseRel(state.syntax.deprels[document]) !== 'obl') return null;
  const subject = dependent(state, state.syntax.heads[document]!, 'nsubj');
  return subject !== null && state.syntax.deprels[subject] === 'nsubj' ? subject : null;
}

/**
 * The word that says who spoke for speech verb `verb`: its subject; for a participle or a verb
 * joined to another ("..., claiming", "and predicted that"), the subject of the verb it hangs on;
 * for a relative clause ("analysts, who had forecast"), the noun the clause modifies; for a
 * participle on a noun ("a letter stating"), that noun. Null when the parse names none.
 */
export function speakerToken(state: QuoteState, verb: number): number | null {
  const { heads, deprels } = state.syntax;
  let v = verb;
  for (let hops = 0; hops < 4 && v >= 0; hops++) {
    const subject = dependent(state, v, 'nsubj');
    const rel = deprels[v]!;
    if (subject !== null) {
      if (deprels[subject] === 'nsubj:pass') return null;
      // "a report ..., which said that": the relative pronoun stands for the noun the clause modifies.
      // "Brazil, whose government has ties with ..., called for": the noun the clause is about.
      const whose = dependent(state, subject, 'nmod:poss');
      if (whose !== null && state.folded[whose] === 'whose') {
        // The noun the clause hangs on, or (a parse that left it loose) the noun before its comma.
        let noun = baseRel(rel) === 'acl' ? heads[v]! : whose - 1;
        if (noun === whose - 1 && state.folded[noun] === ',') noun--;
        return noun >= 0 && /^(NOUN|PROPN)$/.test(state.syntax.upos[noun]!) ? noun : subject;
      }
      if (RELATIVE.has(state.folded[subject]!) && state.tokens[subject]!.pos !== 'SCONJ') {
        const noun = heads[v]!;
        return noun >= 0 && /^(NOUN|PROPN)$/.test(state.syntax.upos[noun]!) ? noun : subject;
      }
      return subject;
    }
    // "a letter stating ...": the noun a participle modifies speaks, if it is a document or a named actor.
    if (rel === 'acl' && /ing$/i.test(state.tokens[v]!.text)) {
      const noun = heads[v]!;
      const document = documentAbove(state, noun);
      if (document !== null) return authorOf(state, document) ?? document;
      const named = actorsBetween(state, state.tokens[noun]!.start, state.tokens[noun]!.end).length > 0;
      return named ? noun : null;
    }
    // A participle or a conjoined verb shares its head's subject; an adverbial clause only when
    // it is a participle ("..., claiming that"), since a finite one has a subject of its own.
    if (!SHARES_SUBJECT.has(baseRel(rel))) return null;
    if (baseRel(rel) === 'advcl' && !/ing$/i.test(state.tokens[v]!.text)) return null;
    v = heads[v]!;
  }
  return null;
}

/** The words of the noun phrase headed at `noun`, without the clauses that modify it. */
export function phraseOf(state: QuoteState, noun: number): SpeakerWords {
  // An appositive set off by a comma is a description ("Louis Gallois, the chief executive"); one
  // that is not is part of the name ("Secretary of State John Kerry").
  const skip = (c: number) => {
    const rel = baseRel(state.syntax.deprels[c]);
    if (rel === 'appos') return c > 0 && state.folded[subtreeRange(state, c)[0] - 1] === ',';
    return NOT_IN_NAME.has(rel);
  };
  let [start, end] = subtreeRange(state, noun, skip);
  // "GM's": the possessive ending is no part of the name.
  while (end > start + 1 && (state.tokens[end - 1]!.pos === 'PUNCT' || /^['’]s?$/.test(state.folded[end - 1]!))) end--;
  while (start < end - 1 && (state.tokens[start]!.pos === 'PUNCT' || /^(and|or|but)$/.test(state.folded[start]!)))
    start++;
  return { tokenStart: start, tokenEnd: end };
}

/** Words that name a time, never a speaker ("Apple Computer today announced", "Monday"). */
const TIME_WORD =
  /^(today|yesterday|tonight|tomorrow|now|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year)$/;

/**
 * True when the parse's subject can be trusted as the speaker of the cue at `verb`: a noun or
 * pronoun (not a time word, not a word the other tagger reads as a verb), standing before the cue
 * with only its own words and the cue's adverbials between them; or right after a cue that comes
 * after the content ("..., said Joe Leonard"), for the verbs that invert.
 */
export function trustedSubject(state: QuoteState, subject: number, verb: number): boolean {
  const word = state.tokens[subject]!;
  if (TIME_WORD.test(state.folded[subject]!)) return false;
  if ((word.pos === 'VERB' || word.pos === 'AUX') && !/^\p{Lu}/u.test(word.text)) return false;
  // "Citing “a precautionary measure”, Airbus announced": a participle's subject is its head verb's.
  const own = state.syntax.heads[subject] === verb;
  if (subject > verb && own) {
    const lemma = state.tokens[verb]!.lemma;
    return (
      subject <= verb + 3 &&
      verb > 0 &&
      /^[,“”"]$/.test(state.folded[verb - 1]!) &&
      state.lexicon.invertingVerbs.has(lemma)
    );
  }
  if (baseRel(state.syntax.deprels[subject]) !== 'nsubj' || !own) return true;
  // Between the subject's words and the cue: its own words (appositives, relative clauses), the
  // cue's auxiliaries and adverbials ("on June 18", "today"), and punctuation; nothing else.
  const [, end] = subtreeRange(state, subject);
  for (let k = end; k < verb; k++) {
    if (state.tokens[k]!.pos === 'PUNCT') continue;
    let h = k;
    while (h >= 0 && state.syntax.heads[h] !== verb && h !== subject) h = state.syntax.heads[h]!;
    if (h < 0) return false;
    if (h !== subject && !/^(aux|advmod|obl|nmod|punct|cc|discourse)/.test(state.syntax.deprels[h]!)) return false;
  }
  return true;
}
