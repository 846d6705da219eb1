import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getSyntaxModel,
  isNonProjective,
  parseConlluSentence,
  readConllu,
  scoreParses,
} from '../../nlp/syntax/index.js';
import { MissLog, prf, type EvalResult, type EvalRow, type Scorer } from '../scorer.js';

/** Relations whose errors matter most to the events and quotes stages. */
const RELATIONS = ['nsubj', 'obj', 'obl', 'conj', 'ccomp'];
const EXAMPLES_PER_CAUSE = 5;

/**
 * Dependency syntax on UD English EWT test with gold tokenisation, as the CoNLL 2018 shared task
 * scores it: each sentence is parsed on its own words through the path `dyad parse` takes
 * (wink-nlp's tags as a feature, Dyad's tagger, then the parser), and UPOS, UAS, LAS on the
 * universal relation and LAS on the full label are counted over every word, punctuation
 * included; then labelled precision and recall per relation, and how many gold trees are not
 * projective (an arc-hybrid parser cannot build them exactly).
 */
export const syntaxEwt: Scorer = {
  layer: 'syntax',
  yardstick: 'UD English EWT test (gold tokenisation)',
  score(sharedDir): EvalResult {
    const gold = readConllu(readFileSync(join(sharedDir, 'data', 'ud', 'en_ewt-ud-test.conllu'), 'utf8'));
    const model = getSyntaxModel();
    const misses = new MissLog();
    const seen = new Map<string, number>();
    const universal = (l: string) => l.split(':')[0]!;
    const scored = gold.map((g) => {
      const p = parseConlluSentence(model, g);
      g.words.forEach((word, i) => {
        const goldRel = universal(g.deprels[i]!);
        const predRel = universal(p.deprels[i]!);
        if (!RELATIONS.includes(goldRel) && !RELATIONS.includes(predRel)) return;
        if (p.heads[i] === g.heads[i] && goldRel === predRel) return;
        const cause =
          p.heads[i] === g.heads[i]
            ? `${goldRel} labelled ${predRel}`
            : `${goldRel} (predicted ${predRel}) attached to the wrong head`;
        const count = (seen.get(cause) ?? 0) + 1;
        seen.set(cause, count);
        const headWord = (h: number) => (h === 0 ? 'ROOT' : g.words[h - 1]);
        const example =
          `"${word}" → ${headWord(p.heads[i]!)} (gold → ${headWord(g.heads[i]!)}) ` + `in: ${g.words.join(' ')}`;
        if (count <= EXAMPLES_PER_CAUSE) misses.add(cause, example);
      });
      return {
        goldUpos: g.upos,
        goldHeads: g.heads,
        goldDeprels: g.deprels,
        upos: p.upos,
        heads: p.heads,
        deprels: p.deprels,
      };
    });
    const s = scoreParses(scored);
    const yardstick = syntaxEwt.yardstick;
    const rows: EvalRow[] = [
      { layer: 'syntax', yardstick, metric: 'UPOS accuracy', value: s.upos, n: s.words, reference: 'floor 95%' },
      { layer: 'syntax', yardstick, metric: 'UAS', value: s.uas, n: s.words, reference: 'floor 86%; spaCy trf 91.9%' },
      {
        layer: 'syntax',
        yardstick,
        metric: 'LAS (universal relation)',
        value: s.las,
        n: s.words,
        reference: 'floor 83%; UDPipe 1 80-82%; spaCy trf 89.4%',
      },
      { layer: 'syntax', yardstick, metric: 'LAS (full label)', value: s.lasFull, n: s.words },
    ];
    for (const r of RELATIONS) {
      const c = s.relations.get(r) ?? { correct: 0, predicted: 0, gold: 0 };
      const { precision, recall } = prf(c.correct, c.predicted, c.gold);
      rows.push({ layer: 'syntax', yardstick, metric: `${r} precision`, value: precision, n: c.predicted });
      rows.push({ layer: 'syntax', yardstick, metric: `${r} recall`, value: recall, n: c.gold });
    }
    const nonProjective = gold.filter((g) => isNonProjective(g.heads.map((h) => h - 1))).length;
    rows.push({
      layer: 'syntax',
      yardstick,
      metric: 'non-projective gold sentences',
      value: nonProjective / gold.length,
      n: gold.length,
    });
    const counted = misses.list().map((m) => ({ ...m, count: seen.get(m.cause) ?? m.count }));
    return { rows, misses: counted.sort((a, b) => b.count - a.count) };
  },
};
