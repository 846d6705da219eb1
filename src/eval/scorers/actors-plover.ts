import { join } from 'node:path';
import type { ActorMention } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { MissLog, type EvalResult, type EvalRow, type Scorer } from '../scorer.js';
import { readJsonLines } from '../shared-data.js';

interface GoldActor {
  text: string;
  code: string;
  sector?: string;
}
interface PloverRecord {
  id: string;
  date: string;
  text: string;
  expected: Array<{ source: GoldActor[] | unknown; target: GoldActor[] | unknown }>;
}

/** Codes the PLOVER records write differently from ISO-3166 alpha-3. */
const GOLD_ALIASES: Record<string, string> = { JAP: 'JPN', IGOEEU: 'IGOEUREEC' };

/** The country part of a predicted actor, or its IGO/NGO prefix. */
export function countryPart(actor: ActorMention['actor']): string | null {
  if (actor.country) return actor.country;
  return actor.code ? actor.code.slice(0, 3) : null;
}

/** True when a predicted actor's code agrees with a gold code (country, or IGO/NGO family). */
export function codeAgrees(gold: string, actor: ActorMention['actor']): boolean {
  const want = GOLD_ALIASES[gold] ?? gold;
  const code = actor.code ?? '';
  if (want.length > 3) return code.startsWith(want.slice(0, 5)) || code === want;
  return countryPart(actor) === want || code.startsWith(want);
}

function goldActors(value: unknown): GoldActor[] {
  return Array.isArray(value)
    ? value.filter((a): a is GoldActor => typeof a === 'object' && a !== null && 'code' in a && 'text' in a)
    : [];
}

/**
 * Actor recognition on the PLOVER gold records: each gold source or target actor is found in the
 * sentence by its text; it counts as recognised when a predicted mention overlaps it and its code
 * agrees on the country (or IGO/NGO). Precision is over predicted mentions with a country that
 * overlap a gold actor, so actors the gold leaves out (places, third parties) do not count against it. Sectors
 * (GOV, MIL ...) are compared where the gold gives one.
 */
export const actorsPlover: Scorer = {
  layer: 'actors',
  yardstick: 'PLOVER gold (plover-gsr-cameo.jsonl)',
  score(sharedDir): EvalResult {
    const records = readJsonLines<PloverRecord>(join(sharedDir, 'data', 'peers', 'plover-gsr-cameo.jsonl'));
    const engine = createEngine({ defaultDate: '2000-01-01' });
    let gold = 0;
    let found = 0;
    let overlapping = 0;
    let agreeing = 0;
    let sectorGold = 0;
    let sectorRight = 0;
    const misses = new MissLog();
    const miss = (cause: string, example: string) => misses.add(cause, `${example}   [${currentId}]`);
    let currentId = '';
    for (const record of records) {
      currentId = record.id;
      const doc = engine.process({
        origin: { source: record.id },
        format: 'text',
        content: record.text,
        title: record.id,
        date: '2000-01-01',
      });
      const actors = (doc.actors ?? []).filter((m) => m.actor.kind !== 'media');
      const text = doc.text ?? '';
      const golds = record.expected.flatMap((e) => [...goldActors(e.source), ...goldActors(e.target)]);
      const seen = new Set<ActorMention>();
      for (const g of golds) {
        const at = text.indexOf(g.text);
        if (at < 0) continue;
        gold++;
        const over = actors.filter((m) => m.start < at + g.text.length && m.end > at);
        over.forEach((m) => seen.add(m));
        const right = over.find((m) => codeAgrees(g.code, m.actor));
        if (right) {
          found++;
          if (g.sector && !/^(IGO|NGO)/.test(g.code)) {
            sectorGold++;
            if (right.actor.role === g.sector) sectorRight++;
            else miss('sector differs', `${g.text} → ${right.actor.code}, gold ${g.code}${g.sector}`);
          }
        } else if (over.length) {
          miss(
            'recognised with another code',
            `${g.text} → ${over.map((m) => m.actor.code).join(', ')}, gold ${g.code}`,
          );
        } else {
          miss(
            g.sector ? 'not recognised: role noun or unknown person' : 'not recognised: name',
            `${g.text} (${g.code}${g.sector ? ` ${g.sector}` : ''})`,
          );
        }
      }
      // A mention with no country asserts nothing to be right or wrong about; it only misses recall.
      for (const m of seen) {
        if (!countryPart(m.actor)) continue;
        overlapping++;
        if (golds.some((g) => codeAgrees(g.code, m.actor))) agreeing++;
      }
    }
    const row = (metric: string, value: number, n: number): EvalRow => ({
      layer: 'actors',
      yardstick: this.yardstick,
      metric,
      value,
      n,
    });
    const precision = overlapping ? agreeing / overlapping : 0;
    const recall = gold ? found / gold : 0;
    return {
      rows: [
        row('country precision', precision, overlapping),
        row('country recall', recall, gold),
        row('country F1', precision + recall ? (2 * precision * recall) / (precision + recall) : 0, gold),
        row('sector agreement (recognised)', sectorGold ? sectorRight / sectorGold : 0, sectorGold),
      ],
      misses: misses.list(),
    };
  },
};
