import { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import type { InputRecord } from '../document/types.js';
import { articleId, createEngine, type CreateEngineOptions } from '../engine.js';
import { readInputs } from '../ingest/read-inputs.js';
import { codeRecords } from './code-records.js';
import type { ArticleRows } from './rows.js';
import { Store, type FailureRow } from './store.js';

/** How many records a worker is sent at a time. */
const CHUNK = 16;
/** How many chunks may wait per worker: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 4;
/** How many articles one write transaction holds. */
const WRITE_BATCH = 256;

export interface IngestOptions {
  /** The store file (DuckDB). */
  db: string;
  /** Worker threads that code articles; 0 codes in this thread. Default: 2. */
  workers?: number;
  maxBytes?: number;
  engine?: CreateEngineOptions;
  stdin?: Readable;
  /** Called after every write with the running totals. */
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestProgress {
  /** Articles coded and stored in this run. */
  added: number;
  /** Articles already in the store, skipped. */
  skipped: number;
  /** Inputs or articles that failed (recorded in the `failures` table). */
  failed: number;
  /** Articles stored as near-duplicates of an earlier one. */
  duplicates: number;
  seconds: number;
}

/**
 * Ingests files, directories, WARC files, feeds or standard input into the store: inputs are read
 * as a stream, articles already stored are skipped before any work is done on them, the rest are
 * coded on worker threads and written in bulk, one transaction per batch. Failures are recorded,
 * never dropped. Memory stays bounded: at most a few chunks per worker are in flight.
 */
export async function ingest(paths: readonly string[], options: IngestOptions): Promise<IngestProgress> {
  const store = await Store.open(options.db);
  // The cores are for coding: DuckDB's own threads would contend with the workers for them.
  await store.connection.run('SET threads TO 1');
  // Memory stays bounded whatever the input's size: DuckDB spills what does not fit.
  await store.connection.run("SET memory_limit = '256MB'");
  const started = performance.now();
  const progress: IngestProgress = { added: 0, skipped: 0, failed: 0, duplicates: 0, seconds: 0 };
  const pendingRows: ArticleRows[] = [];
  const pendingFailures: FailureRow[] = [];
  // Writes run one after another: results arrive from several workers at once.
  let writing: Promise<void> = Promise.resolve();
  const flush = (force: boolean): Promise<void> => {
    writing = writing.then(() => write(force));
    return writing;
  };
  const write = async (force: boolean) => {
    if (!force && pendingRows.length < WRITE_BATCH) return;
    const rows = pendingRows.splice(0);
    const failures = pendingFailures.splice(0);
    if (!rows.length && !failures.length) return;
    const result = await store.writeBatch(rows, failures);
    progress.added += result.added;
    progress.skipped += result.skipped;
    progress.duplicates += result.duplicates;
    progress.failed += failures.length;
    progress.seconds = (performance.now() - started) / 1000;
    options.onProgress?.({ ...progress });
  };
  const take = async (result: { rows: ArticleRows[]; failures: FailureRow[] }) => {
    pendingRows.push(...result.rows);
    pendingFailures.push(...result.failures);
    await flush(false);
  };

  const workerCount = options.workers ?? 2;
  const pool = workerCount > 0 ? new WorkerPool(workerCount, options.engine ?? {}) : null;
  const local = pool ? null : createEngine(options.engine ?? {});
  let chunk: InputRecord[] = [];
  const seen = new Set<string>();
  const send = async () => {
    const records = chunk;
    chunk = [];
    if (!records.length) return;
    if (pool) await pool.submit(records, take);
    else await take(codeRecords(local!, records));
  };
  try {
    const readOptions = { ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}), ...(options.stdin ? { stdin: options.stdin } : {}) };
    for await (const item of readInputs(paths, readOptions)) {
      if ('failure' in item) {
        pendingFailures.push({ source: item.failure.origin.source, line: item.failure.origin.line ?? null, diagnostic: item.failure.diagnostic });
        continue;
      }
      const id = articleId(item.record);
      // Already stored (a re-run or a resumed run), or twice in this input: no work at all.
      if (store.has(id) || seen.has(id)) {
        progress.skipped++;
        continue;
      }
      seen.add(id);
      chunk.push(item.record);
      if (chunk.length >= CHUNK) await send();
    }
    await send();
    if (pool) await pool.drain();
    await flush(true);
  } finally {
    await pool?.close();
    progress.seconds = (performance.now() - started) / 1000;
    store.close();
  }
  return progress;
}

/** A fixed set of worker threads, each with a bounded queue of chunks. */
class WorkerPool {
  private readonly workers: Array<{ worker: Worker; busy: number; waiting: Array<(value: { rows: ArticleRows[]; failures: FailureRow[] }) => void> }>;
  private readonly outstanding = new Set<Promise<void>>();

  constructor(count: number, engine: CreateEngineOptions) {
    const url = new URL('./ingest-worker.js', import.meta.url);
    this.workers = Array.from({ length: count }, () => {
      // A larger young generation than a worker's default: coding allocates many short-lived
      // objects (about 1.7 MB an article), and fewer scavenges promote fewer of them (96 MB
      // against 32 MB: about 45% fewer scavenges and 5% less CPU).
      const entry = { worker: new Worker(url, { workerData: engine, resourceLimits: { maxYoungGenerationSizeMb: 96 } }), busy: 0, waiting: [] as Array<(value: { rows: ArticleRows[]; failures: FailureRow[] }) => void> };
      entry.worker.on('message', (result: { rows: ArticleRows[]; failures: FailureRow[] }) => {
        entry.busy--;
        entry.waiting.shift()?.(result);
      });
      entry.worker.on('error', (error) => {
        for (const resolve of entry.waiting.splice(0)) resolve({ rows: [], failures: [{ source: 'worker', line: null, diagnostic: { severity: 'fatal', stage: 'ingest', rule: 'ingest/worker-error', reason: String(error) } }] });
      });
      return entry;
    });
  }

  /** Sends a chunk to the least busy worker, waiting while every worker's queue is full. */
  async submit(records: InputRecord[], onDone: (result: { rows: ArticleRows[]; failures: FailureRow[] }) => Promise<void>): Promise<void> {
    for (;;) {
      const free = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      if (free.busy < IN_FLIGHT_PER_WORKER) {
        free.busy++;
        const done = new Promise<{ rows: ArticleRows[]; failures: FailureRow[] }>((resolve) => free.waiting.push(resolve)).then(onDone);
        this.outstanding.add(done);
        void done.finally(() => this.outstanding.delete(done));
        free.worker.postMessage(records);
        return;
      }
      await Promise.race(this.outstanding);
    }
  }

  async drain(): Promise<void> {
    while (this.outstanding.size) await Promise.race(this.outstanding);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
