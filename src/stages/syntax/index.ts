import type { DocumentWith, Layers } from '../../document/types.js';
import { getSyntaxModel } from '../../nlp/syntax/index.js';
import { defineStage } from '../../pipeline/stage.js';
import { parseSentences } from './01-parse-sentences.js';

/** The steps, in order; one for now: the model tags and parses each sentence in one pass. */
const STEPS: ReadonlyArray<(doc: DocumentWith<'sentences' | 'tokens'>) => Layers['syntax']> = [
  (doc) => parseSentences(getSyntaxModel(), doc.tokens, doc.sentences),
];

/**
 * Stage `syntax`: for every token, a Universal POS tag from Dyad's own tagger, its head and
 * its Universal Dependencies relation, from the parser trained on UD English EWT
 * (`data/syntax/`, loaded once per process).
 */
export const syntaxStage = defineStage({
  name: 'syntax',
  needs: ['sentences', 'tokens'],
  provides: ['syntax'],
  run(doc) {
    let syntax: Layers['syntax'] | null = null;
    for (const step of STEPS) syntax = step(doc);
    return { syntax: syntax! };
  },
});
