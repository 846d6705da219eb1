import { join } from 'node:path';
import { createEngine } from '../../engine.js';
import { MissLog, type EvalResult, type Scorer } from '../scorer.js';
import { readJsonLines } from '../shared-data.js';
import { codeAgrees } from './actors-plover.js';

/** A PETRARCH validation record, as the peers README describes it. */
export interface PetrarchRecord {
  id: string;
  date: string;
  text: string;
  active: boolean;
  comparability: 'cameo_semantic' | 'structure_only' | 'petrarch_specific';
  expected: Array<{ source: string | null; target: string | null; code: string }>;
  expect_no_events?: boolean;
}

/** `YYYYMMDD` → `YYYY-MM-DD`. */
export const isoFromCompact = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/**
 * Actors on the nine PETRARCH records that use real-world actors and CAMEO meanings
 * (`cameo_semantic`): every expected source and target code must be among the actors found, and
 * every political actor found must be one of them.
 */
export const actorsPetrarch: Scorer = {
  layer: 'actors',
  yardstick: 'PETRARCH cameo_semantic (9 records)',
  score(sharedDir): EvalResult {
    const records = readJsonLines<PetrarchRecord>(
      join(sharedDir, 'data', 'peers', 'petrarch2-validation.jsonl'),
    ).filter((r) => r.comparability === 'cameo_semantic' && r.active);
    const engine = createEngine();
    let gold = 0;
    let found = 0;
    let predicted = 0;
    let right = 0;
    const misses = new MissLog();
    for (const record of records) {
      const doc = engine.process({
        origin: { source: record.id },
        format: 'text',
        content: record.text,
        title: record.id,
        date: isoFromCompact(record.date),
      });
      const actors = (doc.actors ?? []).filter((m) => !['media', 'place'].includes(m.actor.kind));
      const expected = [
        ...new Set(record.expected.flatMap((e) => [e.source, e.target]).filter((c): c is string => c !== null)),
      ];
      for (const code of expected) {
        gold++;
        if (actors.some((m) => codeAgrees(code, m.actor))) found++;
        else misses.add('expected actor not found', `${record.id}: ${code} in "${record.text}"`);
      }
      for (const m of actors) {
        predicted++;
        if (expected.some((code) => codeAgrees(code, m.actor))) right++;
        else misses.add('extra actor', `${record.id}: ${m.text} → ${m.actor.code}`);
      }
    }
    const row = (metric: string, value: number, n: number) => ({
      layer: 'actors',
      yardstick: this.yardstick,
      metric,
      value,
      n,
    });
    return {
      rows: [
        row('actor precision', predicted ? right / predicted : 0, predicted),
        row('actor recall', gold ? found / gold : 0, gold),
      ],
      misses: misses.list(),
    };
  },
};
