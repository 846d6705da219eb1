import type { Paragraph, Token } from '../../document/types.js';
import type { StageContext } from '../../pipeline/context.js';
import { defineStage } from '../../pipeline/stage.js';
import { splitAtParagraphs, tokenise, toSentences, type RawSentence } from './01-tokenise.js';
import { mendAbbreviations } from './02-mend-abbreviations.js';

/** What the sentence steps share: the text, its tokens and the sentences as token ranges. */
interface SentenceState {
  text: string;
  paragraphs: readonly Paragraph[];
  tokens: Token[];
  sentences: RawSentence[];
}

/**
 * The steps, in order. Order matters: wink-nlp reads the whole text at once, its sentences are
 * split at paragraph breaks, and only then are abbreviations mended, within a paragraph.
 */
const STEPS: ReadonlyArray<(state: SentenceState, ctx: StageContext) => void> = [
  function readTokens(state, ctx) {
    const { tokens, sentences } = tokenise(state.text, ctx);
    state.tokens = tokens;
    state.sentences = splitAtParagraphs(sentences, tokens, state.paragraphs);
  },
  function mend(state) {
    state.sentences = mendAbbreviations(state.sentences, state.tokens);
  },
];

/**
 * Stage `sentences`: tokens with part-of-speech tags and lemmas from wink-nlp, and sentences that
 * never cross a paragraph break nor end at an abbreviation.
 */
export const sentencesStage = defineStage({
  name: 'sentences',
  needs: ['text', 'paragraphs'],
  provides: ['sentences', 'tokens'],
  run(doc, ctx) {
    const state: SentenceState = { text: doc.text, paragraphs: doc.paragraphs, tokens: [], sentences: [] };
    for (const step of STEPS) step(state, ctx);
    return { tokens: state.tokens, sentences: toSentences(doc.text, state.sentences, state.tokens) };
  },
});
