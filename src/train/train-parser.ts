import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findSharedDir } from '../eval/shared-data.js';
import { DEFAULT_MODEL_PATH } from '../nlp/syntax/model.js';
import { trainSyntaxModel } from '../nlp/syntax/train.js';

/**
 * `npm run train:parser`: trains the part-of-speech tagger and the dependency parser on UD
 * English EWT from the shared folder and writes `data/syntax/en-ewt.model`.
 * Environment: `DYAD_TRAIN_LIMIT` (use the first N training sentences, for quick checks),
 * `DYAD_TRAIN_SEED`, `DYAD_TAGGER_EPOCHS`, `DYAD_PARSER_EPOCHS`, `DYAD_PRUNE`, `DYAD_ACTION_BITS`,
 * `DYAD_ACTION_FILTER`, `DYAD_LABEL_FEATURES`, `DYAD_EXPLORE` (see `TrainingSettings`),
 * `DYAD_MODEL_OUT` (another path).
 */
const shared = findSharedDir();
if (!shared) {
  console.error('train:parser: ../shared (or DYAD_SHARED) not found; the treebank lives there.');
  process.exit(2);
}
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const model = trainSyntaxModel({
  udDir: join(shared, 'data', 'ud'),
  seed: env('DYAD_TRAIN_SEED', 1),
  taggerEpochs: env('DYAD_TAGGER_EPOCHS', 10),
  parserEpochs: env('DYAD_PARSER_EPOCHS', 15),
  folds: 5,
  prune: env('DYAD_PRUNE', 1),
  actionBits: env('DYAD_ACTION_BITS', 20),
  actionFilter: env('DYAD_ACTION_FILTER', 1) > 0,
  labelFeatures: env('DYAD_LABEL_FEATURES', 39),
  explore: env('DYAD_EXPLORE', 0.9),
  limit: env('DYAD_TRAIN_LIMIT', 0),
  log: (line) => console.error(line),
});
const out = process.env.DYAD_MODEL_OUT ?? DEFAULT_MODEL_PATH;
mkdirSync(dirname(out), { recursive: true });
const bytes = model.serialise();
writeFileSync(out, bytes);
console.error(`wrote ${out} (${(bytes.length / 2 ** 20).toFixed(1)} MiB)`);
