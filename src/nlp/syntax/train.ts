import { readFileSync } from 'node:fs';
import { brill } from 'brill';
import { join } from 'node:path';
import { winkTagsForWords } from './align.js';
import { readConllu, type ConlluSentence } from './conllu.js';
import { hashString } from './hash.js';
import { lemmaOf, SyntaxModel } from './model.js';
import { trainParser, type Parser, type ParserSentence } from './parser.js';
import { scoreParses } from './score.js';
import { findFixedTags, trainTagger, type Tagger } from './tagger.js';
import { type EncodedWords, encodeWords, normaliseWord, TagLexicon } from './words.js';

/** Settings of a training run. */
export interface TrainingSettings {
  /** Folder with `en_ewt-ud-{train,dev}.conllu`. */
  udDir: string;
  seed: number;
  taggerEpochs: number;
  parserEpochs: number;
  /** Folds of the jackknife that gives the parser predicted tags on its training set. */
  folds: number;
  /** Averaged weights of the relation tables below this magnitude are pruned (keeps the file small). */
  prune: number;
  /** The parser's transition table has `2^actionBits` rows (see `HashedTable`). */
  actionBits: number;
  /** The transition table reads only features seen in training. */
  actionFilter: boolean;
  /** How many of the first features the relation tables read. */
  labelFeatures: number;
  /** After the first epoch the parser follows its own wrong transitions with this probability. */
  explore: number;

  /** Use only this many training sentences (quick checks); 0 for all. */
  limit: number;
  /** Progress lines. */
  log: (line: string) => void;
}

interface Prepared {
  sentence: ConlluSentence;
  words: EncodedWords;
  gold: Int32Array;
}

function prepare(sentences: readonly ConlluSentence[], tagset: readonly string[], lexicon: TagLexicon): Prepared[] {
  return sentences.map((sentence) => ({
    sentence,
    words: encodeWords(sentence.words, winkTagsForWords(sentence), lexicon),
    gold: Int32Array.from(sentence.upos, (t, i) => Math.max(0, tagset.indexOf(`${t}|${sentence.xpos[i]}`))),
  }));
}

/** Labels or tags by descending frequency (ties by name), so ids are stable for a given treebank. */
function byFrequency(values: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

/** The lemma table: `lowercase word \t UPOS` → the most frequent lemma, where that is not the default. */
function lemmaTable(sentences: readonly ConlluSentence[]): Record<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    s.words.forEach((word, i) => {
      const key = `${word.replace(/[\u2018\u2019]/g, "'").toLowerCase()}\t${s.upos[i]}`;
      const m = counts.get(key) ?? new Map<string, number>();
      m.set(s.lemmas[i]!, (m.get(s.lemmas[i]!) ?? 0) + 1);
      counts.set(key, m);
    });
  }
  const out: Record<string, string> = {};
  for (const [key, m] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [lower, upos] = key.split('\t') as [string, string];
    const best = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    // Only what the default rule of `lemmaOf` would get wrong (proper nouns compared without case).
    const fallback = upos === 'PROPN' ? best.toLowerCase() : best;
    if (fallback !== lower) out[key] = best;
  }
  return out;
}

/** UPOS accuracy of tag ids against gold ids (the UPOS part of the joint tags). */
function uposAccuracy(tagset: readonly string[], predicted: readonly Int32Array[], data: readonly Prepared[]): number {
  const upos = tagset.map((t) => t.split('|')[0]);
  let right = 0;
  let all = 0;
  data.forEach((p, s) => {
    for (let i = 0; i < p.gold.length; i++) {
      all++;
      if (upos[predicted[s]![i]!] === upos[p.gold[i]!]) right++;
    }
  });
  return right / (all || 1);
}

function parserSentence(
  p: Prepared,
  tags: Int32Array,
  tagset: readonly string[],
  labels: readonly string[],
  lemmas: ReadonlyMap<string, string>,
): ParserSentence {
  const lemma = Int32Array.from(p.sentence.words, (w, i) =>
    hashString(normaliseWord(lemmaOf(lemmas, w, tagset[tags[i]!]!.split('|')[0]!))),
  );
  return {
    input: { n: p.words.n, form: p.words.form, tag: tags, lemma, suffix: p.words.suffix3, wink: p.words.wink },
    heads: Int32Array.from(p.sentence.heads, (h) => h - 1),
    labels: Int32Array.from(p.sentence.deprels, (l) => Math.max(0, labels.indexOf(l))),
  };
}

function devLas(
  parser: Parser,
  dev: readonly ParserSentence[],
  labels: readonly string[],
  devGold: readonly Prepared[],
): { uas: number; las: number } {
  const scores = scoreParses(
    dev.map((d, i) => {
      const parse = parser.parse(d.input);
      const s = devGold[i]!.sentence;
      return {
        goldUpos: s.upos,
        goldHeads: s.heads,
        goldDeprels: s.deprels,
        upos: s.upos,
        heads: Array.from(parse.heads, (h) => h + 1),
        deprels: Array.from(parse.labels, (l) => labels[l]!),
      };
    }),
  );
  return { uas: scores.uas, las: scores.las };
}

/**
 * Trains the tagger, then the parser on tags the tagger predicted by cross-validation over the
 * training set (jackknifing: each fold tagged by a tagger trained on the other folds), choosing
 * each one's number of epochs on dev.
 */
export function trainSyntaxModel(settings: TrainingSettings): SyntaxModel {
  const { log } = settings;
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)}s`;
  let trainSentences = readConllu(readFileSync(join(settings.udDir, 'en_ewt-ud-train.conllu'), 'utf8'));
  if (settings.limit > 0) trainSentences = trainSentences.slice(0, settings.limit);
  const devSentences = readConllu(readFileSync(join(settings.udDir, 'en_ewt-ud-dev.conllu'), 'utf8'));
  // The tagger predicts UPOS and the English (Penn) tag together: the parser reads both, since
  // the Penn tag tells a past participle from a past tense (VBN, VBD), `to` from a preposition.
  const tagset = byFrequency(trainSentences.flatMap((s) => s.upos.map((u, i) => `${u}|${s.xpos[i]}`)));
  const labels = byFrequency(trainSentences.flatMap((s) => s.deprels));
  // Brill's lexicon (npm `brill`, MIT) is compiled into the model: the tagger never loads the package.
  const lexicon = TagLexicon.fromEntries(brill);
  const train = prepare(trainSentences, tagset, lexicon);
  const dev = prepare(devSentences, tagset, lexicon);
  const fixedTags = (data: readonly Prepared[]) =>
    findFixedTags(data.map((p) => ({ words: p.sentence.words, gold: p.gold })));
  log(`read ${train.length} training and ${dev.length} dev sentences, wink-tagged (${elapsed()})`);

  let bestTagger: Tagger | null = null;
  let bestTagEpochs = 0;
  let bestTagAcc = -1;
  trainTagger(tagset, train, settings.taggerEpochs, settings.seed, fixedTags(train), lexicon, (epoch, tagger) => {
    const acc = uposAccuracy(
      tagset,
      dev.map((p) => tagger.tag(p.words)),
      dev,
    );
    log(`tagger epoch ${epoch + 1}: dev UPOS ${(acc * 100).toFixed(2)} (${elapsed()})`);
    if (acc > bestTagAcc) [bestTagAcc, bestTagger, bestTagEpochs] = [acc, tagger, epoch + 1];
  });
  const tagger = bestTagger!;

  const jackknifed: Int32Array[] = new Array<Int32Array>(train.length);
  for (let fold = 0; fold < settings.folds; fold++) {
    // Contiguous folds: neighbouring sentences come from the same document, and a fold that
    // shared documents with its tagger's training data would get better tags than new text does.
    const inFold = (i: number) => Math.floor((i * settings.folds) / train.length) === fold;
    const others = train.filter((_, i) => !inFold(i));
    const foldTagger = trainTagger(tagset, others, bestTagEpochs, settings.seed + fold + 1, fixedTags(others), lexicon);
    train.forEach((p, i) => {
      if (inFold(i)) jackknifed[i] = foldTagger.tag(p.words);
    });
  }
  const jackknifeAcc = uposAccuracy(tagset, jackknifed, train);
  log(`jackknifed tags over ${settings.folds} folds: UPOS ${(jackknifeAcc * 100).toFixed(2)} on train (${elapsed()})`);

  const lemmas = lemmaTable(trainSentences);
  const lemmaMap = new Map(Object.entries(lemmas));
  const parserTrain = train.map((p, i) => parserSentence(p, jackknifed[i]!, tagset, labels, lemmaMap));
  const parserDev = dev.map((p) => parserSentence(p, tagger.tag(p.words), tagset, labels, lemmaMap));
  let bestParser: Parser | null = null;
  let best = { uas: -1, las: -1, epochs: 0 };
  trainParser(
    labels,
    parserTrain,
    {
      epochs: settings.parserEpochs,
      seed: settings.seed,
      exploreFrom: 1,
      explore: settings.explore,
      prune: settings.prune,
      actionBits: settings.actionBits,
      actionFilter: settings.actionFilter,
      labelFeatures: settings.labelFeatures,
    },
    (epoch, parser) => {
      const scores = devLas(parser, parserDev, labels, dev);
      const mib = [parser.actions, parser.left, parser.right].reduce((sum, t) => sum + t.bytes, 0) / 2 ** 20;
      log(
        `parser epoch ${epoch + 1}: dev UAS ${(scores.uas * 100).toFixed(2)} LAS ${(scores.las * 100).toFixed(2)}, ` +
          `${mib.toFixed(1)} ` +
          `MiB (${elapsed()})`,
      );
      if (scores.las > best.las) [best, bestParser] = [{ ...scores, epochs: epoch + 1 }, parser];
    },
  );
  const provenance = {
    treebank: 'UD English EWT (train; dev chose the epochs)',
    seed: settings.seed,
    trainSentences: train.length,
    taggerEpochs: bestTagEpochs,
    parserEpochs: best.epochs,
    folds: settings.folds,
    dev: { upos: round(bestTagAcc), uas: round(best.uas), las: round(best.las) },
  };
  log(`chosen: tagger ${bestTagEpochs} epochs, parser ${best.epochs} epochs (${elapsed()})`);
  return new SyntaxModel(tagger, bestParser!, lemmas, provenance);
}

const round = (v: number) => Math.round(v * 10000) / 10000;
