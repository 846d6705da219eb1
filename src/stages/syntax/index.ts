import { getSyntaxModel } from '../../nlp/syntax/index.js';
import { defineStage } from '../../pipeline/stage.js';
import { parseSentences } from './01-parse-sentences.js';

/**
 * Stage `syntax`: for every token, a Universal POS tag from Dyad's own tagger, its head and
 * its Universal Dependencies relation, from the parser trained on UD English EWT
 * (`data/syntax/`, loaded once per process). One step: the model does the work.
 */
export const syntaxStage = defineStage({
  name: 'syntax',
  needs: ['sentences', 'tokens'],
  provides: ['syntax'],
  run(doc) {
    return { syntax: parseSentences(getSyntaxModel(), doc.tokens, doc.sentences) };
  },
});
