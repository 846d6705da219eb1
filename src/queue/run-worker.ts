import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Queue, Worker } from 'bullmq';
import type { InputRecord } from '../document/types.js';
import { articleId } from '../document/article-id.js';
import type { CreateEngineOptions } from '../engine.js';
import { DEFAULT_MAX_BYTES, readInputs, readJsonLines, type InputItem } from '../ingest/read-inputs.js';
import type { CodedBatch } from '../store/code-records.js';
import {
  CHUNK,
  DEFAULT_ARTICLE_TIMEOUT_MS,
  DEFAULT_WORKER_MEMORY_MB,
  DEFAULT_WORKERS,
  WorkerPool,
} from '../store/ingest.js';
import { PgStore, type PlacedArticle } from '../store/postgres/pg-store.js';
import type { FailureRow } from '../store/store.js';
import { checkReachable, QUEUE_NAME, redisConnection, type JobData, type JobResult } from './queue.js';

/**
 * How long a job's lock lasts without renewal. The worker renews it every half of this from its
 * event loop (coding runs on worker threads, so the loop is free); a killed worker stops renewing,
 * and its job is taken back by the next stalled-job check: within LOCK + STALLED_CHECK ≈ 15 s.
 */
export const LOCK_DURATION_MS = 10_000;
export const STALLED_CHECK_MS = 5_000;
/** Times a job may be taken back from a dead worker before it is failed (each run rewrites it whole). */
const MAX_STALLED = 10;

export interface WorkerOptions {
  /** The queue (redis://HOST:PORT). */
  queue: string;
  /** The PostgreSQL store (postgres://...), created with `dyad init`. */
  store: string;
  /** Jobs in hand at once (default 2: one is written while the other is coded). */
  concurrency?: number;
  /** Worker threads that code (default: one per core, at most four). */
  threads?: number;
  workerMemoryMb?: number;
  maxBytes?: number;
  engine?: CreateEngineOptions;
  /** One line per job done or failed, and per resolution of near-duplicates. */
  log?: (line: string) => void;
}

/** A running worker process's queue consumer. */
export interface RunningWorker {
  /** Finishes the jobs in hand, takes no new ones, then releases everything. */
  close(): Promise<void>;
}

/** SHA-256 of a file's bytes `[start, end)`, or null when the file cannot be read. */
async function hashRange(file: string, start: number, end: number): Promise<string | null> {
  try {
    const hash = createHash('sha256');
    if (end > start)
      for await (const chunk of createReadStream(file, { start, end: end - 1 })) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return null;
  }
}

/** The items of a job's input: the whole file read as one-machine ingest reads it, or a range of its lines. */
async function* readJob(job: JobData, maxBytes: number): AsyncGenerator<InputItem> {
  const size = (await stat(job.file)).size;
  if (job.kind === 'file' || (job.start === 0 && job.end === size)) yield* readInputs([job.file], { maxBytes });
  else
    yield* readJsonLines(
      createReadStream(job.file, { start: job.start, end: job.end - 1 }),
      job.file,
      maxBytes,
      undefined,
      job.firstLine,
    );
}

/** Codes one job on the pool's threads and writes its rows to the store in one transaction. */
async function processJob(job: JobData, pool: WorkerPool, store: PgStore, maxBytes: number): Promise<JobResult> {
  const failures: FailureRow[] = [];
  const hash = await hashRange(job.file, job.start, job.end);
  if (hash !== job.hash) {
    // Retrying cannot help: the failure is recorded against the job, and the job is done.
    const reason =
      hash === null
        ? `${job.file} cannot be read by this worker`
        : `${job.file} has changed since it was enqueued (bytes ${job.start}-${job.end})`;
    failures.push({
      source: job.file,
      line: null,
      diagnostic: {
        severity: 'fatal',
        stage: 'queue',
        rule: hash === null ? 'queue/input-missing' : 'queue/input-changed',
        reason,
      },
    });
    const written = await store.writeJob(job.id, job.seq, [], failures);
    return { articles: 0, failures: written.failures, skipped: 0 };
  }
  const positions = new Map<string, number>();
  let skipped = 0;
  const coded: Array<Promise<CodedBatch>> = [];
  let chunk: InputRecord[] = [];
  const send = async () => {
    const records = chunk;
    chunk = [];
    if (!records.length) return;
    let done!: (result: CodedBatch) => void;
    coded.push(new Promise<CodedBatch>((resolve) => (done = resolve)));
    await pool.submit(records, async (result) => done(result));
  };
  for await (const item of readJob(job, maxBytes)) {
    if ('failure' in item) {
      failures.push({
        source: item.failure.origin.source,
        line: item.failure.origin.line ?? null,
        diagnostic: item.failure.diagnostic,
      });
      continue;
    }
    // Not an article (a WARC request, an image, a README): passed over, as one-machine ingest does.
    if ('skipped' in item) continue;
    const id = articleId(item.record);
    // Twice in one input: the first is kept, as one-machine ingest keeps it.
    if (positions.has(id)) {
      skipped++;
      continue;
    }
    positions.set(id, positions.size);
    chunk.push(item.record);
    if (chunk.length >= CHUNK) await send();
  }
  await send();
  const articles: PlacedArticle[] = [];
  for (const batch of await Promise.all(coded)) {
    for (const rows of batch.rows) articles.push({ ...rows, pos: positions.get(rows.id)! });
    failures.push(...batch.failures);
  }
  const written = await store.writeJob(job.id, job.seq, articles, failures);
  return { articles: written.articles, failures: written.failures, skipped: skipped + written.skipped };
}

/** How long a worker waits at start for Redis to answer. */
const REDIS_START_WAIT_MS = 15_000;

/**
 * Starts a queue consumer: BullMQ takes jobs (`concurrency` at a time), each is coded on worker
 * threads and written to the PostgreSQL store in one transaction before it is acknowledged. When
 * the queue has drained, near-duplicates are linked over the whole store, in input order.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  // Started while Redis restarts (from its AOF, a few seconds), a worker waits for it.
  await checkReachable(options.queue, REDIS_START_WAIT_MS);
  const store = await PgStore.connect(options.store);
  const pool = new WorkerPool(
    options.threads ?? DEFAULT_WORKERS,
    options.engine ?? {},
    options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB,
    DEFAULT_ARTICLE_TIMEOUT_MS,
  );
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const log = options.log ?? (() => undefined);
  const connection = redisConnection(options.queue);
  const queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection });
  const worker = new Worker<JobData, JobResult>(
    QUEUE_NAME,
    async (job) => {
      log(`job ${job.id} started (run ${job.attemptsMade + job.stalledCounter + 1})`);
      const started = performance.now();
      const result = await processJob(job.data, pool, store, maxBytes);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(
        `job ${job.id} done: ${result.articles} articles, ${result.failures} failures, ` +
          `${result.skipped} skipped, ${seconds} s`,
      );
      return result;
    },
    {
      connection,
      concurrency: options.concurrency ?? 2,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: MAX_STALLED,
    },
  );
  worker.on('failed', (job, error) =>
    log(`job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`),
  );
  // Redis restarting: BullMQ reconnects by itself; the error is only reported.
  worker.on('error', (error) => log(`queue connection: ${error.message}`));
  // Near-duplicates are linked once no job is waiting or running: the last job acknowledged (by
  // any worker) finds the queue empty, so every job's rows are in the store by then.
  let resolving: Promise<void> = Promise.resolve();
  worker.on('completed', () => {
    resolving = resolving.then(async () => {
      try {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) return;
        const changed = await store.resolveDuplicates();
        log(`queue drained: near-duplicates linked in input order (${changed} links changed)`);
      } catch (error) {
        log(`linking near-duplicates failed: ${(error as Error).message}`);
      }
    });
  });
  return {
    async close() {
      await worker.close();
      await resolving;
      await queue.close();
      await pool.close();
      await store.close();
    },
  };
}
