import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingest } from '../store/ingest.js';
import { generateCorpus } from './corpus.js';

/**
 * `npm run bench`, last part: how long the command line takes to start and answer, against bare
 * Node (`node -e 0`) and against a bare Node script that runs the same SQL as `dyad query events`
 * on the same store. Each is run `RUNS` times; the median wall time is kept. Writes
 * `.bench/start.json`.
 */
const RUNS = 7;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repoRoot, 'dist', 'shells', 'cli.js');

const dir = mkdtempSync(join(tmpdir(), 'dyad-start-bench-'));
const corpus = join(dir, 'corpus.jsonl');
writeFileSync(
  corpus,
  generateCorpus(join(repoRoot, 'examples'), 50)
    .map((r, i) =>
      JSON.stringify({ id: `b${i}`, date: '2020-01-01', [r.format === 'html' ? 'html' : 'text']: r.content }),
    )
    .join('\n') + '\n',
);
const db = join(dir, 'start.duckdb');
await ingest([corpus], { db, workers: 0 });

// The SQL of `dyad query events` with no filter, run by a script that loads nothing else.
const duckdbModule = JSON.stringify(join(repoRoot, 'node_modules', '@duckdb', 'node-api', 'lib', 'index.js'));
const bareQuery = `
const { DuckDBInstance } = await import(${duckdbModule});
const instance = await DuckDBInstance.create(${JSON.stringify(db)}, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(\`SELECT e.date, e.source_code, e.target_code, e.code, e.name,
  e.goldstein, e.quad_class, e.negated, e.intent,
  e.mentions, e.place_name, e.article_id,
    e.evidence FROM events e JOIN articles a ON a.id = e.article_id WHERE a.dup_of IS NULL
  ORDER BY e.date, e.article_id, e.idx LIMIT 101\`);
process.stdout.write(reader.getRowObjectsJson().length + '\\n');
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(args: string[]): number {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    runs.push(performance.now() - started);
  }
  return median(runs);
}

const rows = [
  { name: 'node -e 0', ms: time(['-e', '0']) },
  { name: 'dyad --version', ms: time([cli, '--version']) },
  { name: 'dyad --help', ms: time([cli, '--help']) },
  { name: 'bare node + DuckDB, the events SQL', ms: time(['--input-type=module', '-e', bareQuery]) },
  { name: 'dyad query events', ms: time([cli, 'query', 'events', '--db', db]) },
];
for (const row of rows) console.log(`${row.name.padEnd(40)} ${row.ms.toFixed(0).padStart(6)} ms (median of ${RUNS})`);
const out = join(repoRoot, '.bench', 'start.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ runs: RUNS, rows }, null, 2));
