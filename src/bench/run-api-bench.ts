import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../shells/server/app.js';
import { Store } from '../store/store.js';
import { copySyntheticToPostgres } from './fill-postgres.js';
import { fillSyntheticEvents } from './synthetic-events.js';

/**
 * `npm run bench` (third part): latency of the HTTP API of `dyad serve` on a store of a million
 * synthetic events, over loopback: the timeline of one dyad by month, and the network of one
 * month, each requested 100 times one after another (after 5 warm-up requests). Target: p95
 * under 200 ms. With `DYAD_BENCH_POSTGRES=postgres://...` (an empty database), the same rows are
 * copied into a PostgreSQL store and the same requests asked of it, in the same run. Writes
 * `.bench/api.json`.
 */
const EVENTS = Number(process.env.DYAD_BENCH_EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.DYAD_BENCH_REQUESTS ?? 100);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'dyad-api-bench-'));

/** The `q`-th quantile (0–1) of sorted values, nearest rank. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

interface Latency {
  path: string;
  requests: number;
  rows: number;
  p50: number;
  p95: number;
  max: number;
  /** CPU time of this process (server and DuckDB threads) per request, which the host's load changes less. */
  cpuPerRequest: number;
}

/** Requests `path` over loopback `REQUESTS` times in a row and returns the latencies in ms. */
async function measure(base: string, path: string, rowsOf: (body: unknown) => number): Promise<Latency> {
  let rows = 0;
  for (let i = 0; i < 5; i++) await fetch(base + path).then((r) => r.json());
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(base + path);
    const body: unknown = await response.json();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    rows = rowsOf(body);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    path,
    requests: REQUESTS,
    rows,
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    max: round(times.at(-1)!),
    cpuPerRequest: round((used.user + used.system) / 1000 / REQUESTS),
  };
}

const db = join(work, 'million.duckdb');
let started = performance.now();
const store = await Store.open(db);
await fillSyntheticEvents(store, EVENTS);
const fillSeconds = (performance.now() - started) / 1000;
// With DYAD_BENCH_POSTGRES (the URL of an empty database), the same rows in a PostgreSQL store too.
const postgresUrl = process.env.DYAD_BENCH_POSTGRES;
let postgresFillSeconds = 0;
if (postgresUrl) {
  started = performance.now();
  await copySyntheticToPostgres(store, postgresUrl);
  postgresFillSeconds = (performance.now() - started) / 1000;
}
store.close();

/** The three requests of the benchmark, to a server on `storeDb`. */
async function measureStore(storeDb: string): Promise<Latency[]> {
  const app = await buildServer({ db: storeDb });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const latencies: Latency[] = [];
  try {
    const rowCount = (b: unknown) => (b as { rows: unknown[] }).rows.length;
    // As `dyad query events` matches actors: code, country or part of a name, one direction.
    latencies.push(await measure(base, '/api/timeline?source=USA&target=PRK&by=month', rowCount));
    // As the dashboard's Dyad view asks: both directions, by code or country only.
    latencies.push(
      await measure(base, '/api/timeline?source=USA&target=PRK&undirected=true&exact=true&by=month', rowCount),
    );
    latencies.push(
      await measure(
        base,
        '/api/network?from=2015-03&to=2015-03',
        (b) => (b as { edges: { rows: unknown[] } }).edges.rows.length,
      ),
    );
  } finally {
    await app.close();
  }
  return latencies;
}

let results: Latency[];
let postgresResults: Latency[] = [];
try {
  results = await measureStore(db);
  if (postgresUrl) postgresResults = await measureStore(postgresUrl);
} finally {
  rmSync(work, { recursive: true, force: true });
}
const tenths = (n: number) => Math.round(n * 10) / 10;
const report = {
  events: EVENTS,
  fillSeconds: tenths(fillSeconds),
  results,
  ...(postgresUrl ? { postgres: { fillSeconds: tenths(postgresFillSeconds), results: postgresResults } } : {}),
};
mkdirSync(join(repoRoot, '.bench'), { recursive: true });
writeFileSync(join(repoRoot, '.bench', 'api.json'), JSON.stringify(report, null, 2) + '\n');
for (const r of [...results, ...postgresResults]) {
  console.log(
    `${postgresResults.includes(r) ? 'PostgreSQL ' : ''}${r.path}: ${r.requests} requests, ${r.rows} rows, ` +
      `p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms, CPU ${r.cpuPerRequest} ms a request` +
      (r.p95 < 200 ? '' : '  (over the 200 ms target)'),
  );
}
