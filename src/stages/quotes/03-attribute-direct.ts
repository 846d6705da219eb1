import type { MarkedSpan } from './01-find-quote-marks.js';
import { dependent, phraseOf, speakerToken, trustedSubject } from './parse.js';
import { nounPhraseAfter, nounPhraseBefore, subjectOf } from './noun-phrases.js';
import { lowerBound, tokenAt, type Cue, type QuoteState, type SpeakerWords } from './state.js';

/** Farthest a cue may stand after a closing mark, in tokens (`”, President Trump said in ...`). */
const AFTER_REACH = 8;
/** Farthest a cue may stand before an opening mark (`Merz told cheering supporters in Berlin: “`). */
const BEFORE_REACH = 12;

function sentenceBounds(state: QuoteState, token: number): { start: number; end: number } {
  const s = state.sentences[state.sentenceOf[Math.min(token, state.tokens.length - 1)]!]!;
  return { start: s.tokenStart, end: s.tokenEnd };
}

/** `“Q,” X said` / `“Q,” said X` / `“Q,” X was quoted in ...`: a cue soon after the closing mark. */
function attributeAfter(
  state: QuoteState,
  mark: MarkedSpan,
  nextMark: MarkedSpan | undefined,
): { cue: Cue; speaker: SpeakerWords | null; rule: string } | null {
  const after = tokenAt(state, mark.close! + 1);
  if (after >= state.tokens.length) return null;
  // The cue must share the closing mark's sentence: the next paragraph is another statement. A
  // sentence the splitter began at a lower-case word after the mark (`... collapse.” said Harper`)
  // is the attribution of the quotation before it.
  const lowerAfter = /^\p{Ll}/u.test(state.tokens[after]!.text) && state.tokens[after - 1]?.end === mark.close! + 1;
  const { end } = sentenceBounds(state, lowerAfter ? after : Math.max(0, after - 1));
  const reach = Math.min(end, after + AFTER_REACH);
  let cue: Cue | undefined;
  for (let i = lowerBound(state.cues, after, (c) => c.tokenStart); i < state.cues.length; i++) {
    const c = state.cues[i]!;
    if (c.tokenStart >= reach) break;
    if (!c.used && !c.nominal && !c.parseOnly) {
      cue = c;
      break;
    }
  }
  if (!cue) return null;
  // Another quotation between the mark and the cue belongs to that cue, not this one.
  if (nextMark && nextMark.open > mark.close! && nextMark.open < state.tokens[cue.tokenStart]!.start) return null;
  let first = after;
  while (first < cue.tokenStart && state.tokens[first]!.pos === 'PUNCT') first++;
  if (first === cue.tokenStart) {
    // Inverted: the speaker comes after the cue ("said Brian Hook", "according to officials").
    return { cue, speaker: nounPhraseAfter(state, cue.tokenEnd, end), rule: 'quotes/direct-cue-after-inverted' };
  }
  return { cue, speaker: nounPhraseBefore(state, cue.tokenStart, first - 1), rule: 'quotes/direct-cue-after' };
}

/** `X said: “Q”` / `X said, “Q”`: a cue shortly before the opening mark, in the same sentence. */
function attributeBefore(
  state: QuoteState,
  mark: MarkedSpan,
): { cue: Cue; speaker: SpeakerWords | null; rule: string } | null {
  const opening = tokenAt(state, mark.open);
  const { start } = sentenceBounds(state, opening);
  const from = Math.max(start, opening - BEFORE_REACH);
  const candidates: Cue[] = [];
  for (let i = lowerBound(state.cues, from, (c) => c.tokenStart); i < state.cues.length; i++) {
    const c = state.cues[i]!;
    if (c.tokenStart >= opening) break;
    // A verb of naming or asking before a quotation is read off the parse (step 04), as a mixed quote.
    if (!c.used && !c.parseOnly && c.tokenEnd <= opening) candidates.push(c);
  }
  // "X said in a statement, “Q”": the verb with a speaker before it wins over the phrase after it.
  const speakerOf = (c: Cue) => {
    // "the ministry's statement: “Q”": the possessor speaks.
    if (c.nominal) {
      const possessor = dependent(state, c.tokenStart, 'nmod:poss');
      return possessor === null ? null : phraseOf(state, possessor);
    }
    if (c.according) return nounPhraseAfter(state, c.tokenEnd, opening);
    // "justified his choice by saying, “Q”": a participle speaks through the subject the parse gives it.
    if (/ing$/i.test(state.tokens[c.tokenStart]!.text)) {
      const subject = speakerToken(state, c.tokenStart);
      if (subject !== null && subject !== c.tokenStart && trustedSubject(state, subject, c.tokenStart))
        return phraseOf(state, subject);
    }
    // "..., saying: “Q”": the participle's speaker is the sentence's subject.
    if (state.folded[c.tokenStart - 1] === ',' && /ing$/i.test(state.tokens[c.tokenStart]!.text))
      return subjectOf(state, start, c.tokenStart - 1);
    return nounPhraseBefore(state, c.tokenStart, start);
  };
  const cue = [...candidates].reverse().find((c) => speakerOf(c) !== null) ?? candidates[candidates.length - 1];
  if (!cue) return null;
  // The words between the cue and the mark must be a listener, an adverbial or a colon, not a
  // clause: in "said the deal was “a historic step”" the quoted words are part of reported speech,
  // and the mixed quote is found with it.
  const between = state.tokens.slice(cue.tokenEnd, opening);
  if (between.some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return null;
  return { cue, speaker: speakerOf(cue), rule: 'quotes/direct-cue-before' };
}

/**
 * Attributes each speech span: a cue after its closing mark first (the commonest order in news),
 * then a cue before its opening mark. A continuation of a quote from the paragraph before, or a
 * span with no cue near it, waits for the continuation step.
 */
export function attributeDirect(state: QuoteState): void {
  state.marks.forEach((mark, index) => {
    const first = tokenAt(state, mark.contentStart);
    const base = {
      contentStart: mark.contentStart,
      contentEnd: mark.contentEnd,
      kind: 'direct' as const,
      sentence: state.sentenceOf[Math.min(first, state.tokens.length - 1)]!,
      paragraph: mark.paragraph,
      marked: mark,
    };
    const found =
      mark.close !== null
        ? (attributeAfter(state, mark, state.marks[index + 1]) ?? attributeBefore(state, mark))
        : attributeBefore(state, mark);
    if (found) {
      found.cue.used = true;
      state.quotes.push({ ...base, cue: found.cue, speaker: found.speaker, rule: found.rule });
    } else {
      state.quotes.push({
        ...base,
        cue: null,
        speaker: null,
        rule: mark.continues ? 'quotes/continued-paragraph' : 'quotes/unattributed',
      });
    }
  });
}
