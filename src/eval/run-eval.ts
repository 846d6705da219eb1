import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvalRow, Scorer } from './scorer.js';
import { actorsPetrarch } from './scorers/actors-petrarch.js';
import { actorsPlover } from './scorers/actors-plover.js';
import { eventsPetrarch, eventsPlover } from './scorers/events.js';
import { eventsHandRecall } from './scorers/events-hand.js';
import { extractionTrafilatura } from './scorers/extraction-trafilatura.js';
import { nearDuplicatesWikinews } from './scorers/near-duplicates.js';
import { quotesMeantime } from './scorers/quotes-meantime.js';
import { sentencesMeantime } from './scorers/sentences-meantime.js';
import { syntaxEwt } from './scorers/syntax-ewt.js';
import { timesMeantime } from './scorers/times-meantime.js';
import { findSharedDir } from './shared-data.js';

/** Every scorer, layer by layer, in pipeline order. Later stages add theirs here. */
const SCORERS: readonly Scorer[] = [
  extractionTrafilatura,
  sentencesMeantime,
  syntaxEwt,
  actorsPlover,
  actorsPetrarch,
  timesMeantime,
  quotesMeantime,
  eventsPlover,
  eventsPetrarch,
  eventsHandRecall,
  // The store's near-duplicate index, over the cleaned text the pipeline gives it.
  nearDuplicatesWikinews,
];

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function printTable(rows: readonly EvalRow[]): void {
  const header = ['layer', 'yardstick', 'metric', 'value', 'n', 'reference'];
  const value = (r: EvalRow) => (r.unit === 'count' ? String(r.value) : pct(r.value));
  const cells = rows.map((r) => [r.layer, r.yardstick, r.metric, value(r), String(r.n), r.reference ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const shared = findSharedDir();
  if (!shared) {
    console.log(
      'dyad eval: ../shared (or DYAD_SHARED) not found; the yardsticks live there, ' +
        'so there is nothing to score. Skipping.',
    );
    return;
  }
  const rows: EvalRow[] = [];
  const missLines: string[] = [];
  // `npm run eval -- extraction` scores only the layers named, for a quicker loop while working on one.
  const only = process.argv.slice(2);
  for (const scorer of SCORERS.filter((s) => !only.length || only.includes(s.layer))) {
    const started = performance.now();
    const result = await scorer.score(shared);
    rows.push(...result.rows);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`scored ${scorer.layer} on ${scorer.yardstick} in ${seconds}s`);
    for (const miss of result.misses ?? [])
      console.error(`  miss: ${miss.cause} ×${miss.count} — e.g. ${miss.examples[0]}`);
    missLines.push(
      `## ${scorer.layer} — ${scorer.yardstick}`,
      ...(result.misses ?? []).flatMap((m) => [`### ${m.cause} (${m.count})`, ...m.examples.map((e) => `- ${e}`)]),
      '',
    );
  }
  printTable(rows);
  const dir = join(REPO_ROOT, '.eval');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'misses.md'), missLines.join('\n') + '\n');
  console.error(`every miss, by cause: ${join('.eval', 'misses.md')}`);
}

await main();
