import { defineStage } from '../../pipeline/stage.js';
import { splitAtParagraphs, tokenise, toSentences } from './01-tokenise.js';
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
    const { tokens, sentences } = tokenise(doc.text, ctx);
    // Order matters: abbreviations are mended within a paragraph, so paragraphs are split first.
    const raw = mendAbbreviations(splitAtParagraphs(sentences, tokens, doc.paragraphs), tokens);
    return { tokens, sentences: toSentences(doc.text, raw, tokens) };
  },
});
