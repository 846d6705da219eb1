import { join } from 'node:path';
import { toSourceOffset } from '../../document/offset-map.js';
import { createEngine } from '../../engine.js';
import { MissLog, prf, type EvalResult, type EvalRow, type Scorer } from '../scorer.js';
import { readJsonLines } from '../shared-data.js';

interface GoldTimex {
  text: string;
  type: string;
  value: string;
  start: number;
  end: number;
  function?: string;
}
interface TimexSentence {
  doc_id: string;
  dct: string;
  sentence_index: number;
  role: 'title' | 'dateline' | 'body';
  sentence: string;
  timex: GoldTimex[];
}

const PREFIX = 'MEANTIME record\n\n';

/**
 * Time expressions on MEANTIME (120 articles, sentences 0-5, 488 gold TIMEX3): each article is
 * rebuilt as headline, dateline and body, coded with its document creation time as the
 * publication date, and predicted expressions are compared with the gold ones by span (exact,
 * and overlapping), then by type and value on the overlapping pairs. The dateline's own date is
 * found as the article's date line (`meta.published`).
 */
export const timesMeantime: Scorer = {
  layer: 'times',
  yardstick: 'MEANTIME (timex-meantime.jsonl)',
  score(sharedDir): EvalResult {
    const rows = readJsonLines<TimexSentence>(join(sharedDir, 'data', 'peers', 'timex-meantime.jsonl'));
    const docs = new Map<string, TimexSentence[]>();
    for (const r of rows) docs.set(r.doc_id, [...(docs.get(r.doc_id) ?? []), r]);
    const engine = createEngine();
    const misses = new MissLog();
    let gold = 0;
    let predicted = 0;
    let strict = 0;
    let relaxed = 0;
    let typeRight = 0;
    let valueRight = 0;
    for (const [docId, sentences] of docs) {
      sentences.sort((a, b) => a.sentence_index - b.sentence_index);
      let text = PREFIX;
      const offsets: number[] = [];
      sentences.forEach((s, i) => {
        if (i > 0) text += s.role === 'body' && sentences[i - 1]!.role === 'body' ? ' ' : '\n';
        offsets.push(text.length);
        text += s.sentence;
      });
      const doc = engine.process({ origin: { source: docId }, format: 'text', content: text });
      const toSource = (offset: number) => toSourceOffset(doc.offsetMap ?? [], offset);
      const found = (doc.times ?? []).map((t) => ({
        start: toSource(t.start)!,
        end: toSource(t.end - 1)! + 1,
        type: t.type,
        value: t.value,
        text: t.text,
      }));
      const dateLine = doc.removed?.find((r) => r.kind === 'date-line');
      if (dateLine && doc.meta?.published)
        found.push({
          start: dateLine.sourceStart,
          end: dateLine.sourceEnd,
          type: 'DATE',
          value: doc.meta.published.slice(0, 10),
          text: dateLine.text,
        });
      predicted += found.length;
      const matched = new Set<number>();
      sentences.forEach((s, i) => {
        for (const g of s.timex) {
          gold++;
          const start = offsets[i]! + g.start;
          const end = offsets[i]! + g.end;
          const k = found.findIndex((p, j) => !matched.has(j) && p.start < end && start < p.end);
          if (k < 0) {
            misses.add(
              `missed ${g.type}`,
              `${docId}: "${g.text}" = ${g.value} (dct ${s.dct}) in "${s.sentence.slice(0, 80)}"`,
            );
            continue;
          }
          matched.add(k);
          const p = found[k]!;
          relaxed++;
          if (p.start === start && p.end === end) strict++;
          else misses.add('span differs', `${docId}: gold "${g.text}", predicted "${p.text}"`);
          if (p.type === g.type) typeRight++;
          else misses.add('type differs', `${docId}: "${g.text}" gold ${g.type}, predicted ${p.type}`);
          if (p.value === g.value) valueRight++;
          else
            misses.add('value differs', `${docId}: "${g.text}" gold ${g.value}, predicted ${p.value} (dct ${s.dct})`);
        }
      });
      found.forEach((p, j) => {
        if (!matched.has(j)) misses.add('predicted, not in gold', `${docId}: "${p.text}" = ${p.value}`);
      });
    }
    const s = prf(strict, predicted, gold);
    const r = prf(relaxed, predicted, gold);
    const row = (metric: string, value: number, n: number, reference?: string): EvalRow => ({
      layer: 'times',
      yardstick: this.yardstick,
      metric,
      value,
      n,
      ...(reference ? { reference } : {}),
    });
    return {
      rows: [
        row('span F1 strict', s.f1, gold),
        row('span F1 relaxed', r.f1, gold),
        row('span precision / recall relaxed', r.precision, predicted),
        row('span recall relaxed', r.recall, gold),
        row('type accuracy (matched)', relaxed ? typeRight / relaxed : 0, relaxed),
        row(
          'value accuracy (matched)',
          relaxed ? valueRight / relaxed : 0,
          relaxed,
          'HeidelTime ~78 F1 value (TempEval-3)',
        ),
        row('value right over all gold', valueRight / gold, gold, 'chrono-node alone 24.5%'),
      ],
      misses: misses.list(),
    };
  },
};
