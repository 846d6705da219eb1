import { join } from 'node:path';
import { createEngine } from '../../engine.js';
import { MissLog, prf, type EvalResult, type Scorer } from '../scorer.js';
import { readJsonLines } from '../shared-data.js';

interface TimexSentence {
  doc_id: string;
  sentence_index: number;
  role: 'title' | 'dateline' | 'body';
  sentence: string;
}

/**
 * Sentence boundaries on MEANTIME: the annotated body sentences of each article, joined by single
 * spaces as one paragraph; a predicted sentence end counts when a gold sentence ends there.
 */
export const sentencesMeantime: Scorer = {
  layer: 'sentences',
  yardstick: 'MEANTIME (timex-meantime.jsonl)',
  score(sharedDir): EvalResult {
    const rows = readJsonLines<TimexSentence>(join(sharedDir, 'data', 'peers', 'timex-meantime.jsonl'));
    const byDoc = new Map<string, TimexSentence[]>();
    for (const r of rows) if (r.role === 'body') byDoc.set(r.doc_id, [...(byDoc.get(r.doc_id) ?? []), r]);
    const engine = createEngine({ until: 'sentences' });
    let goldEnds = 0;
    let predictedEnds = 0;
    let correctEnds = 0;
    let exact = 0;
    let goldSentences = 0;
    const misses = new MissLog();
    for (const [docId, sentences] of byDoc) {
      sentences.sort((a, b) => a.sentence_index - b.sentence_index);
      const text = sentences.map((s) => s.sentence).join(' ');
      const gold = new Set<number>();
      let offset = 0;
      for (const s of sentences) {
        offset += s.sentence.length;
        gold.add(offset);
        offset += 1;
      }
      const doc = engine.process({
        origin: { source: docId },
        format: 'text',
        content: text,
        title: `MEANTIME ${docId}`,
      });
      const predicted = new Set(doc.sentences!.map((s) => s.end));
      const predictedTexts = new Set(doc.sentences!.map((s) => s.text));
      goldEnds += gold.size;
      predictedEnds += predicted.size;
      for (const end of predicted) if (gold.has(end)) correctEnds++;
      for (const s of sentences) {
        goldSentences++;
        if (predictedTexts.has(s.sentence)) exact++;
        else {
          const split = doc.sentences!.some((p) => s.sentence.includes(p.text) && p.text !== s.sentence);
          const cause = split ? 'split inside a gold sentence' : 'joined with a neighbour';
          misses.add(cause, s.sentence);
        }
      }
    }
    const { precision, recall, f1 } = prf(correctEnds, predictedEnds, goldEnds);
    const row = (metric: string, value: number, n: number) => ({
      layer: 'sentences',
      yardstick: this.yardstick,
      metric,
      value,
      n,
    });
    return {
      rows: [
        row('boundary precision', precision, predictedEnds),
        row('boundary recall', recall, goldEnds),
        row('boundary F1', f1, goldEnds),
        row('sentences exactly right', exact / goldSentences, goldSentences),
      ],
      misses: misses.list(),
    };
  },
};
