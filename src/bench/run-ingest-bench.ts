import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WARCRecord, WARCSerializer } from 'warcio';
import { queryEvents } from '../query/queries.js';
import { MinhashIndex, NEAR_DUPLICATE_SIMILARITY, SIGNATURE_SIZE, similarity } from '../store/minhash.js';
import { Store } from '../store/store.js';
import { generateCorpus } from './corpus.js';
import { fillSyntheticEvents } from './synthetic-events.js';

/**
 * `npm run bench` (second part): ingest of a generated corpus into a store with one and with two
 * worker threads, alternating, each run in its own process so its peak memory is its own; then
 * the latency of a dyad-by-month aggregation over a million stored events, the time to open a
 * large store, and near-duplicate lookups against a million stored signatures. Writes
 * `.bench/ingest.json`.
 */
const ARTICLES = Number(process.env.DYAD_BENCH_INGEST ?? 20_000);
const EVENTS = Number(process.env.DYAD_BENCH_EVENTS ?? 1_000_000);
const STORED_HASHES = Number(process.env.DYAD_BENCH_HASHES ?? 1_000_000);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repoRoot, 'dist', 'shells', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'dyad-bench-'));

async function writeCorpus(file: string): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (const [i, record] of generateCorpus(join(repoRoot, 'examples'), ARTICLES).entries()) {
    const line =
      JSON.stringify({
        id: `bench-${i}`,
        date: '2020-01-01',
        [record.format === 'html' ? 'html' : 'text']: record.content,
      }) + '\n';
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

/**
 * Writes the corpus as a WARC of HTML responses, each page padded with a script block of
 * `padBytes` (page weight that extraction throws away), so that two WARCs with the same articles
 * can differ tenfold in size.
 */
async function writeWarc(file: string, articles: number, padBytes: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const pad = `<script>/* ${'x'.repeat(padBytes)} */</script>`;
  for (const [i, record] of generateCorpus(join(repoRoot, 'examples'), articles).entries()) {
    const html =
      record.format === 'html'
        ? record.content.replace('</head>', `${pad}</head>`)
        : `<html><head>${pad}</head><body><article>${record.content
            .split(/\n\s*\n/)
            .map((p) => `<p>${p.replace(/</g, '&lt;')}</p>`)
            .join('')}</article></body></html>`;
    const warcRecord = WARCRecord.create(
      {
        url: `https://bench.example/${i}`,
        date: '2020-01-01T00:00:00Z',
        type: 'response',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
      },
      (async function* () {
        yield new TextEncoder().encode(html);
      })(),
    );
    const serialized = await WARCSerializer.serialize(warcRecord);
    bytes += serialized.length;
    if (!out.write(serialized)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

interface IngestRun {
  workers: number;
  seconds: number;
  articlesPerSecond: number;
  peakRssMiB: number;
  /** Resident memory of the process as the input went by: [articles read, MiB]. */
  rssTimeline: Array<[number, number]>;
}

/** Runs `dyad ingest` in a child process and reads its time and peak memory. */
function ingestRun(corpus: string, workers: number, articles = ARTICLES): IngestRun {
  const db = join(work, `w${workers}-${Date.now()}.duckdb`);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [cli, 'ingest', corpus, '--db', db, '--workers', String(workers), '--quiet'],
    { encoding: 'utf8', env: { ...process.env, DYAD_REPORT_RSS: '1' } },
  );
  const seconds = (performance.now() - started) / 1000;
  const kib = /peak RSS: (\d+) KiB/.exec(run.stderr ?? '');
  const rssTimeline = [...(run.stderr ?? '').matchAll(/rss after (\d+) articles: (\d+) KiB/g)].map(
    (m): [number, number] => [Number(m[1]), Math.round(Number(m[2]) / 1024)],
  );
  // Exit 1 means some articles failed (they are recorded); anything else is the run failing.
  if (run.status !== 0 && run.status !== 1) throw new Error(`ingest failed: ${run.stderr}`);
  return {
    workers,
    seconds,
    articlesPerSecond: articles / seconds,
    peakRssMiB: kib ? Number(kib[1]) / 1024 : NaN,
    rssTimeline,
  };
}

/** Fills a store with synthetic events (DuckDB generates them) and times the month-by-month dyad query. */
async function aggregationLatency(): Promise<{ events: number; milliseconds: number; months: number }> {
  const store = await Store.open(join(work, 'million.duckdb'));
  try {
    await fillSyntheticEvents(store, EVENTS);
    await queryEvents(store, { source: 'USA', target: 'PRK', by: 'month' }); // warm
    const rounds = 5;
    const started = performance.now();
    let months = 0;
    for (let i = 0; i < rounds; i++)
      months = (await queryEvents(store, { source: 'USA', target: 'PRK', by: 'month' })).rows.length;
    return { events: EVENTS, milliseconds: (performance.now() - started) / rounds, months };
  } finally {
    store.close();
  }
}

/**
 * Opening the same store again: for a query (which must not read every article id), and the ids
 * a writer reads before it can skip stored articles.
 */
async function storeOpening(): Promise<{ articles: number; openMilliseconds: number; loadStoredMilliseconds: number }> {
  let started = performance.now();
  const store = await Store.open(join(work, 'million.duckdb'));
  const openMilliseconds = performance.now() - started;
  try {
    started = performance.now();
    await store.loadStored();
    return { articles: Math.ceil(EVENTS / 10), openMilliseconds, loadStoredMilliseconds: performance.now() - started };
  } finally {
    store.close();
  }
}

/**
 * Near-duplicate lookup against a large store: the MinHash index holding a million articles'
 * signatures, against the baseline of comparing the new signature with every stored one (in the
 * same process).
 */
function nearDuplicateLookup(): {
  stored: number;
  indexMicroseconds: number;
  scanMicroseconds: number;
  agree: boolean;
} {
  let state = 0x2545f491;
  const random16 = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) & 0xffff;
  };
  const randomSignature = () => Uint16Array.from({ length: SIGNATURE_SIZE }, random16);
  const signatures = Array.from({ length: STORED_HASHES }, randomSignature);
  const index = new MinhashIndex();
  signatures.forEach((signature, i) => index.add(String(i), signature));
  // Half the probes are stored signatures with a quarter of their values changed (a copy with a
  // paragraph added: found), half are new (not found).
  const probes = Array.from({ length: 2000 }, (_, i) => {
    if (i % 2) return randomSignature();
    const copy = signatures[(i * 7919) % signatures.length]!.slice();
    for (let k = 0; k < SIGNATURE_SIZE / 4; k++) copy[(k * 5 + i) % SIGNATURE_SIZE] = random16();
    return copy;
  });
  let started = performance.now();
  const found = probes.map((probe) => index.find(probe) !== null);
  const indexMicroseconds = ((performance.now() - started) * 1000) / probes.length;
  const scanned = probes.slice(0, 100);
  started = performance.now();
  const foundByScan = scanned.map((probe) => signatures.some((s) => similarity(s, probe) >= NEAR_DUPLICATE_SIMILARITY));
  const scanMicroseconds = ((performance.now() - started) * 1000) / scanned.length;
  return {
    stored: STORED_HASHES,
    indexMicroseconds,
    scanMicroseconds,
    agree: foundByScan.every((f, i) => f === found[i]),
  };
}

/**
 * How much of two cores the host gives at this moment: the same arithmetic loop (no memory
 * traffic) on one thread, then on two at once, in a child process. A quiet host runs two within a
 * few percent of twice one; a busy one gives less than two cores' worth (1.80× was seen). Read
 * beside each round's speed-up, it tells part of the host's share from the code's; the host's
 * memory, shared with its other tenants, it does not measure.
 */
function hostTwoThreadScaling(): number {
  const script = `
    const { Worker } = require('node:worker_threads');
    const spin = "const { parentPort, workerData } = require('node:worker_threads'); let x = 1; " +
      "for (let i = 0; i < workerData; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; } parentPort.postMessage(x);";
    const timed = async (threads) => {
      const started = performance.now();
      const spinOnce = () =>
        new Promise((done) => new Worker(spin, { eval: true, workerData: 4e8 }).once('message', done));
      await Promise.all(Array.from({ length: threads }, spinOnce));
      return performance.now() - started;
    };
    (async () => { const one = await timed(1); const two = await timed(2); console.log((2 * one) / two); })();`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return Number(run.stdout.trim());
}

const corpus = join(work, 'corpus.jsonl');
const bytes = await writeCorpus(corpus);
console.log(
  `ingest corpus: ${ARTICLES} articles generated from examples/ as JSON Lines (${(bytes / 2 ** 20).toFixed(0)} MiB)`,
);
// The machine is shared and wall time is what a speed-up is about, so the two settings alternate
// and each keeps its best run: a busy moment of the host then slows one round, not one setting.
// The order alternates too (one worker first, then two workers first; four rounds, two of each):
// the host's speed drifts over minutes, and a fixed order would hand the drift to one setting.
const ROUNDS = Number(process.env.DYAD_BENCH_INGEST_ROUNDS ?? 4);
const runs: IngestRun[] = [];
const hostScaling: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  hostScaling.push(hostTwoThreadScaling());
  console.log(`host (round ${round + 1}): two threads of plain arithmetic ran ${hostScaling[round]!.toFixed(2)}× one`);
  for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
    const run = ingestRun(corpus, workers);
    runs.push(run);
    console.log(
      `ingest, ${workers} worker${workers > 1 ? 's' : ''} (round ${round + 1}): ${run.seconds.toFixed(1)} ` +
        `s, ${run.articlesPerSecond.toFixed(0)} articles/s, peak RSS ${run.peakRssMiB.toFixed(0)} ` +
        `MiB`,
    );
  }
}
const fastest = (workers: number) =>
  runs
    .filter((r) => r.workers === workers)
    .reduce<IngestRun | null>((a, b) => (a && a.seconds <= b.seconds ? a : b), null);
const one = fastest(1);
const two = fastest(2);
const speedup = one && two ? two.articlesPerSecond / one.articlesPerSecond : null;
if (speedup !== null) console.log(`speed-up 2 workers / 1 worker (best of ${ROUNDS} each): ${speedup.toFixed(2)}×`);
// Each round's own ratio, from two runs minutes apart, for comparison: the best runs of the two
// settings may come from different moments of the host, which swings 15-30% over minutes.
const roundRun = (round: number, workers: number) =>
  runs.slice(round * 2, round * 2 + 2).find((r) => r.workers === workers)!;
const roundRatios = Array.from(
  { length: ROUNDS },
  (_, round) => roundRun(round, 1).seconds / roundRun(round, 2).seconds,
);
const sortedRatios = [...roundRatios].sort((a, b) => a - b);
const medianRoundRatio = ROUNDS
  ? (sortedRatios[Math.floor((ROUNDS - 1) / 2)]! + sortedRatios[Math.floor(ROUNDS / 2)]!) / 2
  : null;
// All rounds together: one worker's total time over two workers' (each round's host moments
// weigh by how long they lasted).
const totalSeconds = (workers: number) =>
  runs.filter((r) => r.workers === workers).reduce((sum, r) => sum + r.seconds, 0);
const pooledRatio = ROUNDS ? totalSeconds(1) / totalSeconds(2) : null;
if (ROUNDS > 1)
  console.log(
    `  ratio in each round: ${roundRatios.map((r) => `${r.toFixed(2)}×`).join(', ')} ` +
      `(median ${medianRoundRatio?.toFixed(2)}×; all rounds pooled ${pooledRatio?.toFixed(2)}×)`,
  );
// Memory against input size: pages of the same weight in a WARC of ~100 MB and in one ten times
// longer (~1 GB), which must not take more memory; then the short WARC's pages ten times heavier,
// which shows what one page's weight costs.
const WARC_ARTICLES = Number(process.env.DYAD_BENCH_WARC_ARTICLES ?? 2000);
const memory: Array<{ mib: number; pages: number; padBytes: number; run: IngestRun }> = [];
for (const [pages, pad] of [
  [WARC_ARTICLES, 50_000],
  [WARC_ARTICLES * 10, 50_000],
  [WARC_ARTICLES, 500_000],
] as const) {
  const warc = join(work, `pad${pad}-${pages}.warc`);
  const size = await writeWarc(warc, pages, pad);
  const run = ingestRun(warc, 2, pages);
  memory.push({ mib: size / 2 ** 20, pages, padBytes: pad, run });
  console.log(
    `WARC of ${(size / 2 ** 20).toFixed(0)} MiB (${pages} pages padded with ${pad / 1000} ` +
      `kB), 2 workers: ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMiB.toFixed(0)} ` +
      `MiB`,
  );
  // Memory as the input goes by, at each tenth of it: flat once the heaps have reached their size.
  const tenths = run.rssTimeline.filter(
    ([n], k, all) => k === all.length - 1 || Math.floor((n * 10) / pages) !== Math.floor((all[k + 1]![0] * 10) / pages),
  );
  if (tenths.length > 1)
    console.log(`  resident memory along the input: ${tenths.map(([n, mib]) => `${n}: ${mib} MiB`).join(', ')}`);
  rmSync(warc, { force: true });
}
const aggregation = await aggregationLatency();
console.log(
  `dyad-by-month aggregation over ${aggregation.events.toLocaleString('en')} ` +
    `events: ${aggregation.milliseconds.toFixed(1)} ms (${aggregation.months} ` +
    `months)`,
);
const opening = await storeOpening();
console.log(
  `store of ${opening.articles.toLocaleString('en')} articles: opened for ` +
    `a query in ${opening.openMilliseconds.toFixed(0)} ms; its ids read for ` +
    `writing in ${opening.loadStoredMilliseconds.toFixed(0)} ms`,
);
const lookup = nearDuplicateLookup();
console.log(
  `near-duplicate lookup against ${lookup.stored.toLocaleString('en')} stored ` +
    `articles: ${lookup.indexMicroseconds.toFixed(1)} µs with the band index, ` +
    `${(lookup.scanMicroseconds / 1000).toFixed(1)} ` +
    `ms comparing with every signature (${(lookup.scanMicroseconds / lookup.indexMicroseconds).toFixed(0)}× ` +
    `faster${lookup.agree ? ', same answers' : '; ANSWERS DIFFER'})`,
);
mkdirSync(join(repoRoot, '.bench'), { recursive: true });
writeFileSync(
  join(repoRoot, '.bench', 'ingest.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      articles: ARTICLES,
      corpusMiB: bytes / 2 ** 20,
      runs,
      one,
      two,
      speedup,
      roundRatios,
      medianRoundRatio,
      pooledRatio,
      hostScaling,
      memory,
      aggregation,
      opening,
      lookup,
    },
    null,
    2,
  ) + '\n',
);
rmSync(work, { recursive: true, force: true });
