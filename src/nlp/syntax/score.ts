/**
 * Scores of a dependency analysis against gold words, as the CoNLL 2018 shared task counts them
 * on gold tokenisation: every word, punctuation included; LAS on the universal part of the
 * relation (`nsubj:pass` → `nsubj`) and on the full label.
 */
export interface ParseScores {
  words: number;
  upos: number;
  uas: number;
  las: number;
  lasFull: number;
  /** Per universal relation: precision and recall of labelled attachment, with counts. */
  relations: Map<string, { correct: number; predicted: number; gold: number }>;
}

/** One sentence to score: gold and predicted columns over the same words. */
export interface ScoredSentence {
  goldUpos: readonly string[];
  goldHeads: ArrayLike<number>;
  goldDeprels: readonly string[];
  upos: readonly string[];
  heads: ArrayLike<number>;
  deprels: readonly string[];
}

const universal = (label: string): string => label.split(':')[0]!;

/** Accumulates the scores over sentences (heads as in the file: 0 root, else 1-based, or both 0-based with -1). */
export function scoreParses(sentences: Iterable<ScoredSentence>): ParseScores {
  let words = 0;
  let upos = 0;
  let uas = 0;
  let las = 0;
  let lasFull = 0;
  const relations = new Map<string, { correct: number; predicted: number; gold: number }>();
  const rel = (r: string) => {
    let entry = relations.get(r);
    if (!entry) relations.set(r, (entry = { correct: 0, predicted: 0, gold: 0 }));
    return entry;
  };
  for (const s of sentences) {
    for (let i = 0; i < s.goldHeads.length; i++) {
      words++;
      if (s.upos[i] === s.goldUpos[i]) upos++;
      const goldRel = universal(s.goldDeprels[i]!);
      const predRel = universal(s.deprels[i]!);
      rel(goldRel).gold++;
      rel(predRel).predicted++;
      if (s.heads[i] !== s.goldHeads[i]) continue;
      uas++;
      if (goldRel !== predRel) continue;
      las++;
      rel(goldRel).correct++;
      if (s.deprels[i] === s.goldDeprels[i]) lasFull++;
    }
  }
  const d = words || 1;
  return { words, upos: upos / d, uas: uas / d, las: las / d, lasFull: lasFull / d, relations };
}

/** True when a tree's heads (-1 root, else 0-based) cross: the sentence is not projective. */
export function isNonProjective(heads: ArrayLike<number>): boolean {
  const n = heads.length;
  const arcs: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const h = heads[i]! < 0 ? n : heads[i]!;
    arcs.push([Math.min(i, h), Math.max(i, h)]);
  }
  for (const [a, b] of arcs) for (const [c, d] of arcs) if (a < c && c < b && b < d) return true;
  return false;
}
