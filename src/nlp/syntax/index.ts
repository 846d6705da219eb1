/**
 * Dyad's dependency syntax: a part-of-speech tagger and a transition-based dependency parser
 * trained on UD English EWT, shipped as one data file (`data/syntax/`). Shared by the `syntax`
 * stage, `dyad parse` and the evaluation, like `src/nlp/wink.ts`.
 */
import { tokensToWords, winkTagsForWords, wordsToTokens, type TokenAnalysis } from './align.js';
import type { ConlluSentence } from './conllu.js';
import type { SyntaxModel } from './model.js';

export { readConllu, writeConllu, ConlluError, type ConlluSentence } from './conllu.js';
export { getSyntaxModel, SyntaxModel, DEFAULT_MODEL_PATH, MODEL_FILE, type WordAnalysis } from './model.js';
export { tokensToWords, wordsToTokens, splitToken, type TokenAnalysis, type WordAlignment } from './align.js';
export { scoreParses, isNonProjective, type ParseScores } from './score.js';

/**
 * Tags and parses a CoNLL-U sentence on its own words, ignoring its gold columns.
 * @returns a copy with predicted LEMMA, UPOS, HEAD and DEPREL (XPOS, FEATS and DEPS as `_`).
 */
export function parseConlluSentence(model: SyntaxModel, sentence: ConlluSentence): ConlluSentence {
  const a = model.analyse(sentence.words, winkTagsForWords(sentence));
  const n = sentence.words.length;
  return {
    ...sentence,
    lemmas: a.lemmas,
    upos: a.upos,
    xpos: new Array<string>(n).fill('_'),
    feats: new Array<string>(n).fill('_'),
    heads: Array.from(a.heads, (h) => h + 1),
    deprels: a.deprels,
    deps: new Array<string>(n).fill('_'),
  };
}

/**
 * Tags and parses sentences of pipeline tokens (wink-nlp's, with wink's tags), through the
 * token-to-word alignment and back; one analysis per sentence, heads within the sentence.
 */
export function parseTokenSentences(
  model: SyntaxModel,
  sentences: ReadonlyArray<ReadonlyArray<{ text: string; pos: string }>>,
): TokenAnalysis[] {
  const alignments = sentences.map((tokens) => tokensToWords(tokens));
  const analyses = model.analyseAll(alignments);
  return alignments.map((alignment, i) => wordsToTokens(alignment, analyses[i]!, sentences[i]!.length));
}

/** Tags and parses one sentence of pipeline tokens (see `parseTokenSentences`). */
export function parseTokens(model: SyntaxModel, tokens: ReadonlyArray<{ text: string; pos: string }>): TokenAnalysis {
  return parseTokenSentences(model, [tokens])[0]!;
}
