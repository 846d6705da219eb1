import { nounPhraseAfter, nounPhraseBefore, subjectOf } from './noun-phrases.js';
import { addReported } from './04-read-reported-speech.js';
import { dependent, phraseOf } from './parse.js';
import type { Cue, QuoteState, SpeakerWords } from './state.js';

/** Fewest tokens reported content may have. */
const MIN_CONTENT = 3;
/** How far after the cue a "that" may come ("noted in January that", "told reporters on Monday that"). */
const THAT_REACH = 8;

const isPunct = (state: QuoteState, i: number) => state.tokens[i]!.pos === 'PUNCT';

/** Trims punctuation and quotation marks from both ends of a token range. */
function trimmed(state: QuoteState, start: number, end: number): [number, number] {
  while (start < end && isPunct(state, start)) start++;
  while (end > start && isPunct(state, end - 1)) end--;
  return [start, end];
}

/** Where reported content starts after a cue: past a listener, adverbials and "that". */
function contentStartAfter(state: QuoteState, cue: Cue, end: number): number {
  const { folded, lexicon } = state;
  let k = cue.tokenEnd;
  for (let j = k; j < Math.min(end, k + THAT_REACH); j++) {
    if (folded[j] === 'that') return j + 1;
    if (state.tokens[j]!.pos === 'VERB' || folded[j] === ',') break;
  }
  // "told Reuters ...", "assured reporters ...": the listener is not the content.
  if (lexicon.listenerVerbs.has(cue.lemma)) {
    const listener = nounPhraseAfter(state, k, end);
    if (listener) k = listener.tokenEnd;
  }
  return k;
}

/**
 * True when reported content reads as a clause (something said), not an object ("announced its
 * wish to join", "noted the date"): it starts with "that", or with a subject and has a finite verb
 * ("stated its network has too many dealers").
 */
function readsAsClause(state: QuoteState, start: number, end: number): boolean {
  if (state.folded[start - 1] === 'that') return true;
  // An adverbial first ("said at the moment he could not ..."): the clause comes after it.
  if (state.tokens[start]?.pos === 'ADP') {
    const phrase = nounPhraseAfter(state, start + 1, end);
    if (phrase) start = phrase.tokenEnd;
  }
  const first = state.tokens[start];
  if (!first || first.pos === 'ADP' || first.pos === 'PUNCT' || first.pos === 'VERB') return false;
  for (let j = start + 1; j < Math.min(end, start + 12); j++) {
    const t = state.tokens[j]!;
    if ((t.pos === 'AUX' || t.pos === 'VERB') && state.folded[j - 1] !== 'to') return true;
  }
  return false;
}

/**
 * True when the words after a cue hold no clause of their own (`..., X said on Monday.`); what
 * follows a comma there is an aside (`..., the ministry said, describing them as spies.`).
 */
function tailIsAttribution(state: QuoteState, from: number, end: number): boolean {
  for (let j = from; j < end; j++) {
    if (state.folded[j] === ',') return true;
    if (state.tokens[j]!.pos === 'VERB' || state.tokens[j]!.pos === 'AUX') return false;
  }
  return true;
}

/** Past an appositive after a speaker ("Natalia Brandt, a former analyst, ..."): the token after its closing comma. */
function pastAppositive(state: QuoteState, from: number, end: number): number {
  if (state.folded[from] !== ',' || !['DET', 'ADJ', 'NOUN', 'PROPN'].includes(state.tokens[from + 1]?.pos ?? ''))
    return from;
  // An appositive is a noun phrase: it has no auxiliary ("think tank" may be tagged a verb).
  for (let j = from + 1; j < Math.min(end, from + 16); j++) {
    if (state.folded[j] === ',') return j;
    if (state.tokens[j]!.pos === 'AUX') return from;
  }
  return from;
}

/** The speech noun with a possessor inside a speaker phrase ("Fiat's announcement"): its cue and the possessor. */
function ownedSpeechNoun(state: QuoteState, words: SpeakerWords): [Cue, SpeakerWords] | null {
  for (let k = words.tokenStart; k < words.tokenEnd; k++) {
    const cue = state.cueAt.get(k);
    const possessor = cue?.nominal ? dependent(state, k, 'nmod:poss') : null;
    if (cue && possessor !== null && !cue.used) return [cue, phraseOf(state, possessor)];
  }
  return null;
}

/**
 * Finds reported speech by word order around the cues neither a direct quotation nor the parse
 * took (the parser's errors leave some): `X said (that) S`,
 * `S, X said`, `S, said X`, `according to X, S` and `S, according to X`. Content runs to the end
 * of the sentence (or to the clause boundary before the attribution); a scare quote inside it
 * makes the quote mixed, as does a quoted fragment that had no cue of its own.
 */
export function findIndirect(state: QuoteState): void {
  state.cues.forEach((cue, index) => {
    if (cue.used || state.insideMarks[cue.tokenStart] || cue.nominal) return;
    // Verbs of naming and asking report only what the parse gives them as objects (step 04).
    if (cue.parseOnly) return;
    // "..., adding video playback to its features": a participle with an object that is neither its
    // listener nor what was said is an act, and reports nothing around it.
    const object = cue.according ? null : dependent(state, cue.tokenStart, 'obj');
    const { objectReports, listenerVerbs } = state.lexicon;
    const participle = /ing$/i.test(state.tokens[cue.tokenStart]!.text);
    if (participle && object !== null && object > cue.tokenStart && !objectReports.has(cue.lemma)) {
      if (!listenerVerbs.has(cue.lemma)) return;
    }
    const sentence = state.sentences[cue.sentence]!;
    const { tokenStart: first, tokenEnd: last } = sentence;
    let speaker: SpeakerWords | null = null;
    let content: [number, number] | null = null;
    let rule = '';
    let reportedBy = cue;
    if (cue.according) {
      const source = nounPhraseAfter(state, cue.tokenEnd, last);
      speaker = source;
      // "according to Fiat's announcement": the announcement is the report, and Fiat its speaker.
      const noun = source ? ownedSpeechNoun(state, source) : null;
      if (noun) [reportedBy, speaker] = noun;
      if (cue.tokenStart - first >= MIN_CONTENT) {
        content = trimmed(state, first, cue.tokenStart);
        rule = 'quotes/indirect-according-to-after';
      } else if (source) {
        content = trimmed(state, pastAppositive(state, source.tokenEnd, last), last);
        rule = 'quotes/indirect-according-to-before';
      }
    } else {
      const before = nounPhraseBefore(state, cue.tokenStart, first);
      const commaBefore = before && before.tokenStart > first && state.folded[before.tokenStart - 1] === ',';
      if (
        before &&
        commaBefore &&
        before.tokenStart - 1 - first >= MIN_CONTENT &&
        tailIsAttribution(state, cue.tokenEnd, last)
      ) {
        // "S, X said on Monday."
        speaker = before;
        content = trimmed(state, first, before.tokenStart - 1);
        rule = 'quotes/indirect-content-first';
      } else if (
        !before &&
        state.folded[cue.tokenStart - 1] === ',' &&
        cue.tokenStart - 1 - first >= MIN_CONTENT &&
        state.lexicon.invertingVerbs.has(cue.lemma)
      ) {
        // "S, said X."
        speaker = nounPhraseAfter(state, cue.tokenEnd, last);
        if (speaker && tailIsAttribution(state, speaker.tokenEnd, last)) {
          content = trimmed(state, first, cue.tokenStart - 1);
          rule = 'quotes/indirect-content-first-inverted';
        }
      } else if (
        !before &&
        state.folded[cue.tokenStart - 1] === ',' &&
        /ing$/i.test(state.tokens[cue.tokenStart]!.text)
      ) {
        // "Pence left Seoul, saying (that) S": the participle's speaker is the sentence's subject.
        speaker = subjectOf(state, first, cue.tokenStart - 1);
        const start = contentStartAfter(state, cue, last);
        if (speaker && readsAsClause(state, start, last)) {
          content = trimmed(state, start, last);
          rule = 'quotes/indirect-participle';
        }
      } else if (before) {
        // "X said (that) S"
        speaker = before;
        const start = contentStartAfter(state, cue, last);
        const clause = readsAsClause(state, start, last);
        // "Ford announced deep production cuts": for some verbs the object alone is what was said.
        if (
          !clause &&
          !(
            state.lexicon.objectReports.has(cue.lemma) &&
            ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PRON'].includes(state.tokens[start]?.pos ?? '')
          )
        )
          return;
        // Cues are in text order: the next one of this sentence is found by walking on.
        let next: Cue | undefined;
        for (let k = index + 1; k < state.cues.length && state.cues[k]!.sentence === cue.sentence; k++) {
          const c = state.cues[k]!;
          if (c.tokenStart > start && !c.used) {
            next = c;
            break;
          }
        }
        // Content stops before a later ", Y said" of its own.
        const stop =
          next && state.folded[next.tokenStart - 1] !== 'that' && tailIsAttribution(state, next.tokenEnd, last)
            ? next.tokenStart
            : last;
        content = trimmed(state, start, stop);
        rule = clause ? 'quotes/indirect-cue-first' : 'quotes/indirect-object';
      }
    }
    if (!content || !speaker || content[1] - content[0] < MIN_CONTENT) return;
    // An infinitive is what someone was asked to do ("telling people to call back"), not what was said.
    if (state.folded[content[0]] === 'to' && content[0] > cue.tokenStart) return;
    cue.used = true;
    reportedBy.used = true;
    addReported(state, {
      contentStart: state.tokens[content[0]]!.start,
      contentEnd: state.tokens[content[1] - 1]!.end,
      kind: 'indirect',
      sentence: cue.sentence,
      paragraph: sentence.paragraph,
      cue: reportedBy,
      speaker,
      rule,
    });
  });
  // Fragments taken into mixed quotes are gone; the rest is put back in text order.
  state.quotes = state.quotes.filter((q) => !q.absorbed).sort((a, b) => a.contentStart - b.contentStart);
}
