import { defineStage } from '../../pipeline/stage.js';
import { tokenise, toSentences } from './01-tokenise.js';
import { mendAbbreviations } from './02-mend-abbreviations.js';

/**
 * Stage `sentences`: tokens with part-of-speech tags and lemmas from wink-nlp, and sentences that
 * never cross a paragraph break nor end at an abbreviation.
 */
export const sentencesStage = defineStage({
  name: 'sentences',
  needs: ['text', 'paragraphs'],
  provides: ['sentences', 'tokens'],
  run(doc, ctx) {
    const { tokens, sentences } = tokenise(doc.text, doc.paragraphs, ctx);
    return { tokens, sentences: toSentences(doc.text, mendAbbreviations(sentences, tokens), tokens) };
  },
});
