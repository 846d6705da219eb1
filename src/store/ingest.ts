import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import type { InputRecord } from '../document/types.js';
import { articleId } from '../document/article-id.js';
import type { CreateEngineOptions } from '../engine.js';
import { inputBytes, readInputs, ReadProgress, type SkipKind } from '../ingest/read-inputs.js';
import { fatal } from '../pipeline/errors.js';
import { DEFAULT_ARTICLE_TIMEOUT_MS, DEFAULT_WORKER_MEMORY_MB, DEFAULT_WORKERS } from './defaults.js';
import { codeRecords, type CodedBatch } from './code-records.js';
import { ProgressEstimator, type RunEstimate } from './estimate.js';
import type { ArticleRows } from './rows.js';
import { Store, type BatchResult, type FailureRow } from './store.js';

/** How many records a worker is sent at a time. */
export const CHUNK = 16;
/** How many chunks may wait per worker: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 4;
/** How much write-ahead log DuckDB gathers before it checkpoints (about 18,000 articles). */
const CHECKPOINT_MB = 256;
/** How many articles one write transaction holds. */
const WRITE_BATCH = 256;
/**
 * How many coded articles may wait for the writer before no more are sent to the workers. Coding
 * goes on during a long write (DuckDB's checkpoint takes a second or more), up to this bound.
 */
const MAX_WAITING_TO_WRITE = 4 * WRITE_BATCH;

export { DEFAULT_ARTICLE_TIMEOUT_MS, DEFAULT_WORKER_MEMORY_MB, DEFAULT_WORKERS };

export interface IngestOptions {
  /** The store file (DuckDB). */
  db: string;
  /** Worker threads that code articles; 0 codes in this thread. Default: `DEFAULT_WORKERS`. */
  workers?: number;
  /** The largest old-generation heap of a worker, in MB. Default: `DEFAULT_WORKER_MEMORY_MB`. */
  workerMemoryMb?: number;
  maxBytes?: number;
  engine?: CreateEngineOptions;
  stdin?: Readable;
  /**
   * The time budget of one article, in milliseconds (default `DEFAULT_ARTICLE_TIMEOUT_MS`): past
   * it, the worker coding it is stopped and replaced, the article recorded as a failure, and the
   * run goes on. Applies on worker threads only (with `workers: 0` nothing can stop a hung article).
   */
  articleTimeoutMs?: number;
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
  /** Inputs passed over as not news (a crawl's images and redirects, README files), by kind. */
  passedOver: Partial<Record<SkipKind, number>>;
  /** Worker threads started to code (0: coded in this thread); a small input needs only one. */
  workers: number;
  /**
   * Share done and time left, estimated from the bytes read; null when the input's size is
   * unknown (standard input) or before any article is sent.
   */
  estimate: RunEstimate | null;
  seconds: number;
}

/**
 * Ingests files, directories, WARC files, feeds or standard input into the store: inputs are read
 * as a stream, articles already stored are skipped before any work is done on them, the rest are
 * coded on worker threads and written in bulk, one transaction per batch. Failures are recorded,
 * never dropped. Memory stays bounded: at most a few chunks per worker are in flight, and at most
 * `MAX_WAITING_TO_WRITE` coded articles wait for the writer.
 */
export async function ingest(paths: readonly string[], options: IngestOptions): Promise<IngestProgress> {
  const workerCount = options.workers ?? DEFAULT_WORKERS;
  // The first worker loads its dictionaries and models (about 1.5 s) while the store opens and its
  // ids are read (seconds on a large store), rather than after; the others start once the input
  // proves long enough to keep more than one busy.
  const pool =
    workerCount > 0
      ? new WorkerPool(
          workerCount,
          options.engine ?? {},
          options.workerMemoryMb ?? DEFAULT_WORKER_MEMORY_MB,
          options.articleTimeoutMs ?? DEFAULT_ARTICLE_TIMEOUT_MS,
        )
      : null;
  // The input's size, for the share done and the time left, is found while the store opens.
  const totalBytes = inputBytes(paths);
  let store: Store;
  try {
    store = await openForWriting(options.db);
  } catch (error) {
    await pool?.close();
    throw error;
  }
  const total = await totalBytes;
  const started = performance.now();
  const progress: IngestProgress = {
    added: 0,
    skipped: 0,
    failed: 0,
    duplicates: 0,
    passedOver: {},
    workers: 0,
    estimate: null,
    seconds: 0,
  };
  const reading = new ReadProgress();
  const estimator = new ProgressEstimator();
  let sent = 0;
  let coded = 0;
  const pendingRows: ArticleRows[] = [];
  const pendingFailures: FailureRow[] = [];
  // Writes run one after another: results arrive from several workers at once.
  let writing: Promise<void> = Promise.resolve();
  // The first write that failed: the run stops at the next chunk instead of coding on for nothing.
  let writeFailure: unknown = null;
  const flush = (force: boolean): Promise<void> => {
    writing = writing.then(() => write(force));
    return writing;
  };
  const write = async (force: boolean) => {
    if (!force && pendingRows.length < WRITE_BATCH) return;
    const rows = pendingRows.splice(0);
    const failures = pendingFailures.splice(0);
    if (!rows.length && !failures.length) return;
    let result: BatchResult;
    try {
      result = await store.writeBatch(rows, failures);
    } catch (error) {
      writeFailure ??= error;
      throw error;
    }
    progress.added += result.added;
    progress.skipped += result.skipped;
    progress.duplicates += result.duplicates;
    progress.failed += failures.length;
    progress.workers = pool?.started ?? 0;
    progress.seconds = (performance.now() - started) / 1000;
    progress.estimate = estimator.update(sent, coded, total ? reading.bytesRead / total : null, progress.seconds);
    options.onProgress?.({ ...progress, passedOver: { ...progress.passedOver } });
  };
  const take = async (result: CodedBatch) => {
    coded += result.rows.length + result.failures.length;
    pendingRows.push(...result.rows);
    pendingFailures.push(...result.failures);
    await flush(false);
  };
  // Results are taken in the order their chunks were read, whichever worker answers first: the
  // first copy of a near-duplicate pair then follows the input, the same on any number of workers
  // (one worker's later chunk may be done before another's earlier one).
  let nextChunk = 0;
  let nextTaken = 0;
  const answered = new Map<number, CodedBatch>();
  const takeInOrder = async (index: number, result: CodedBatch) => {
    answered.set(index, result);
    while (answered.has(nextTaken)) {
      const next = answered.get(nextTaken)!;
      answered.delete(nextTaken);
      nextTaken++;
      await take(next);
    }
  };

  // A heartbeat between writes: a log shows the run is alive (and its time left) even while a
  // batch fills slowly, instead of falling silent until the first write.
  const heartbeat = setInterval(() => {
    progress.seconds = (performance.now() - started) / 1000;
    progress.estimate = estimator.update(sent, coded, total ? reading.bytesRead / total : null, progress.seconds);
    options.onProgress?.({ ...progress, passedOver: { ...progress.passedOver } });
  }, 1000);
  heartbeat.unref();

  // The pipeline is loaded here only to code in this thread: workers load their own.
  const local = pool ? null : (await import('../engine.js')).createEngine(options.engine ?? {});
  let chunk: InputRecord[] = [];
  // The articles of this run by id: a hash of the text and where it was read, to tell a
  // repeated article (skipped) from a different one reusing its id (reported, not stored).
  const seen = new Map<string, { hash: string; where: string }>();
  const send = async () => {
    const records = chunk;
    chunk = [];
    if (!records.length) return;
    if (writeFailure) throw writeFailure;
    sent += records.length;
    while (pendingRows.length >= MAX_WAITING_TO_WRITE) await writing;
    const index = nextChunk++;
    if (pool) await pool.submit(records, (result) => takeInOrder(index, result));
    else await takeInOrder(index, codeRecords(local!, records));
  };
  try {
    const readOptions = {
      progress: reading,
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.stdin ? { stdin: options.stdin } : {}),
    };
    for await (const item of readInputs(paths, readOptions)) {
      if ('failure' in item) {
        pendingFailures.push({
          source: item.failure.origin.source,
          line: item.failure.origin.line ?? null,
          diagnostic: item.failure.diagnostic,
        });
        continue;
      }
      if ('skipped' in item) {
        progress.passedOver[item.skipped.kind] = (progress.passedOver[item.skipped.kind] ?? 0) + 1;
        continue;
      }
      const id = articleId(item.record);
      const where = `${item.record.origin.source}${item.record.origin.line ? `:${item.record.origin.line}` : ''}`;
      const hash = createHash('sha1').update(item.record.content).digest('base64');
      const first = seen.get(id);
      if (first && first.hash !== hash) {
        const reason =
          `${where}: the id "${id}" was already given to a different article (${first.where}); ` +
          `this one is not stored (give it an id of its own)`;
        pendingFailures.push({
          source: item.record.origin.source,
          line: item.record.origin.line ?? null,
          diagnostic: fatal('ingest', 'ingest/duplicate-id', reason).diagnostic,
        });
        continue;
      }
      // Already stored (a re-run or a resumed run: the stored version stands), or twice in this
      // input with the same text: no work at all.
      if (store.has(id) || first) {
        progress.skipped++;
        continue;
      }
      seen.set(id, { hash, where });
      chunk.push(item.record);
      if (chunk.length >= CHUNK) await send();
    }
    await send();
    if (pool) await pool.drain();
    // A chunk that never came back (its worker gave up) must not hold back those after it.
    for (const index of [...answered.keys()].sort((a, b) => a - b)) await take(answered.get(index)!);
    answered.clear();
    await flush(true);
  } finally {
    clearInterval(heartbeat);
    await pool?.close();
    progress.workers = pool?.started ?? 0;
    progress.seconds = (performance.now() - started) / 1000;
    store.close();
  }
  return progress;
}

/** Opens the store for an ingest: DuckDB's limits set, then what is stored already read. */
async function openForWriting(db: string): Promise<Store> {
  const store = await Store.open(db);
  try {
    // The cores are for coding: DuckDB's own threads would contend with the workers for them.
    await store.connection.run('SET threads TO 1');
    // Memory stays bounded whatever the input's size: DuckDB spills what does not fit.
    await store.connection.run("SET memory_limit = '256MB'");
    // DuckDB checkpoints every 16 MB of log by default, and each checkpoint compresses again the
    // row groups still filling: over 20,000 articles that was 40% of the store's CPU. Fewer,
    // larger checkpoints do the same work once (the log is replayed if a run is killed, as before).
    await store.connection.run(`SET checkpoint_threshold = '${CHECKPOINT_MB}MB'`);
    // What is stored already, read under the limits above: ids to skip, hashes to link copies to.
    await store.loadStored();
    return store;
  } catch (error) {
    store.close();
    throw error;
  }
}

/** The articles a dead worker held, as failures that name each one. */
function workerFailures(records: readonly InputRecord[], reason: string): CodedBatch {
  return {
    rows: [],
    failures: records.map((r) => ({
      source: r.origin.source,
      line: r.origin.line ?? null,
      diagnostic: {
        severity: 'fatal',
        stage: 'ingest',
        rule: 'ingest/worker-died',
        reason:
          `${r.origin.source}${r.origin.line ? `:${r.origin.line}` : ''}: the worker ` +
          `coding it stopped (${reason}); the next run codes it again`,
      },
    })),
  };
}

/** An article stopped past its time budget, as a failure that names it. */
function timeoutFailure(record: InputRecord, timeoutMs: number): CodedBatch {
  const where = `${record.origin.source}${record.origin.line ? `:${record.origin.line}` : ''}`;
  const reason =
    `${where}: coding stopped after ${timeoutMs / 1000} s, the time budget ` +
    `of one article (--article-timeout); the article is left out`;
  return {
    rows: [],
    failures: [
      {
        source: record.origin.source,
        line: record.origin.line ?? null,
        diagnostic: fatal('ingest', 'ingest/article-timeout', reason).diagnostic,
      },
    ],
  };
}

/** One worker thread and the chunks it has been sent, oldest first. */
interface PoolWorker {
  worker: Worker;
  waiting: Array<{ records: InputRecord[]; resolve: (result: CodedBatch) => void }>;
}

/**
 * Up to `capacity` worker threads, each with a bounded queue of chunks. One starts at once; each
 * other starts when the queues of those running are full, so that a small input (a few dozen
 * articles) is coded by one worker instead of paying a second one's start-up (about 1.5 s of CPU
 * on a core the first needs). A worker that dies (out of memory, or an internal error) is replaced
 * and the chunks it held are sent again, so that only an article that kills a worker is recorded
 * as a failure (the next run tries it again); the rest of the run goes on.
 */
export class WorkerPool {
  private readonly workers: PoolWorker[];
  private readonly outstanding = new Set<Promise<void>>();
  private closing = false;
  /** Workers that died in a row before coding anything; past a few, none is started again. */
  private deathsWithoutWork = 0;
  private broken: string | null = null;
  /** Submitters waiting for a worker's queue to have room. */
  private readonly waitingForRoom: Array<() => void> = [];

  constructor(
    private readonly capacity: number,
    private readonly engine: CreateEngineOptions,
    private readonly memoryMb: number,
    private readonly timeoutMs: number,
  ) {
    this.workers = [this.spawn()];
  }

  /** Worker threads started so far (a replacement for a dead one not counted): at most `capacity`. */
  get started(): number {
    return this.workers.length;
  }

  private spawn(): PoolWorker {
    const url = new URL('./ingest-worker.js', import.meta.url);
    // A larger young generation than a worker's default: coding allocates many short-lived
    // objects (about 1.7 MB an article), and fewer scavenges promote fewer of them (96 MB
    // against 32 MB: about 45% fewer scavenges and 5% less CPU). The old generation is capped so
    // that V8 collects before a worker's heap grows past its working size.
    const worker = new Worker(url, {
      workerData: this.engine,
      resourceLimits: { maxYoungGenerationSizeMb: 96, maxOldGenerationSizeMb: this.memoryMb },
    });
    const entry: PoolWorker = { worker, waiting: [] };
    let coded = false;
    // The article in hand is timed from the moment the worker says it starts it.
    let timer: NodeJS.Timeout | undefined;
    worker.on('message', (message: CodedBatch | { started: number }) => {
      clearTimeout(timer);
      if ('started' in message) {
        const index = message.started;
        timer = setTimeout(() => fail(`it took over ${this.timeoutMs / 1000} s`, index), this.timeoutMs);
        return;
      }
      coded = true;
      this.deathsWithoutWork = 0;
      entry.waiting.shift()?.resolve(message);
      this.wakeSubmitters();
    });
    let failed = false;
    const fail = (reason: string, hung?: number) => {
      clearTimeout(timer);
      if (failed || this.closing) return;
      failed = true;
      const held = entry.waiting.splice(0);
      // An article over its time budget fails alone; the rest of its chunk goes again.
      const inHand = hung !== undefined ? held.shift() : undefined;
      // A worker stopped for a slow article did not die on its own: it does not count as broken.
      if (!coded && !inHand && ++this.deathsWithoutWork >= 3) this.broken = reason;
      if (!this.broken) this.workers[this.workers.indexOf(entry)] = this.spawn();
      void worker.terminate();
      if (inHand) {
        const records = inHand.records;
        const others = records.filter((_, k) => k !== hung);
        void (others.length ? this.dispatch(others) : Promise.resolve({ rows: [], failures: [] })).then(
          (result: CodedBatch) =>
            inHand.resolve({
              rows: result.rows,
              failures: [...result.failures, ...timeoutFailure(records[hung!]!, this.timeoutMs).failures],
            }),
        );
      }
      // A worker codes its chunks in order: the first was in hand when it died, the rest had not
      // started and go again whole; the one in hand goes again an article at a time, so that only
      // an article that kills a worker on its own is recorded as a failure.
      held.forEach(({ records, resolve }, k) => {
        if (this.broken || (k === 0 && !inHand && records.length === 1)) resolve(workerFailures(records, reason));
        else if (k > 0 || inHand) void this.dispatch(records).then(resolve);
        else
          void Promise.all(records.map((record) => this.dispatch([record]))).then((results) =>
            resolve({ rows: results.flatMap((r) => r.rows), failures: results.flatMap((r) => r.failures) }),
          );
      });
      // A new worker has an empty queue; a broken pool answers every submitter at once.
      this.wakeSubmitters();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return entry;
  }

  /**
   * Sends a chunk to the least busy worker; when every queue is full, starts another worker if
   * there is room for one, else waits. A queue has room again as soon as its worker answers,
   * whether or not the answer has been written yet: waiting for the write instead left the
   * workers idle through every long write.
   */
  async submit(records: InputRecord[], onDone: (result: CodedBatch) => Promise<void>): Promise<void> {
    for (;;) {
      if (this.broken) return onDone(workerFailures(records, this.broken));
      let free = this.leastBusy();
      if (free.waiting.length >= IN_FLIGHT_PER_WORKER && this.workers.length < this.capacity) {
        free = this.spawn();
        this.workers.push(free);
      }
      if (free.waiting.length < IN_FLIGHT_PER_WORKER) {
        const done = this.dispatch(records, free).then(onDone);
        this.outstanding.add(done);
        // A chunk whose write failed stays in `outstanding`, for `drain` to throw its error.
        done.then(
          () => this.outstanding.delete(done),
          () => undefined,
        );
        return;
      }
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    }
  }

  private wakeSubmitters(): void {
    for (const wake of this.waitingForRoom.splice(0)) wake();
  }

  private leastBusy(): PoolWorker {
    return this.workers.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
  }

  /** Sends records to a worker (the least busy unless given) and resolves with its rows. */
  private dispatch(records: InputRecord[], to?: PoolWorker): Promise<CodedBatch> {
    if (this.broken) return Promise.resolve(workerFailures(records, this.broken));
    const target = to ?? this.leastBusy();
    return new Promise<CodedBatch>((resolve) => {
      target.waiting.push({ records, resolve });
      target.worker.postMessage(records);
    });
  }

  async drain(): Promise<void> {
    while (this.outstanding.size) await Promise.race(this.outstanding);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
