import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/bench/corpus.js';
import { queryActors, queryEvents, queryNetwork, queryQuotes } from '../src/query/queries.js';
import { formatJsonLines } from '../src/shells/table.js';
import { openPostgresSource, type OpenQuerySource } from '../src/query/source.js';
import { QUEUE_NAME, redisConnection } from '../src/queue/queue.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { Store } from '../src/store/store.js';
import { CLI, REPO_ROOT } from './support/paths.js';
import { HAVE_SERVICES, PostgresServer, RedisServer, SERVICES_MISSING } from './support/services.js';
import { storeDigest } from './support/store-digest.js';

/**
 * Scale-out end to end: generated articles through a BullMQ queue on a private Redis into a
 * private PostgreSQL, with a second worker added mid-run, one worker killed with SIGKILL and
 * Redis killed and restarted from its append-only file; the store must end with exactly the rows
 * of a one-machine ingest of the same input. `DYAD_SCALE_ARTICLES` (default 1,500) and
 * `DYAD_SCALE_JOB_RECORDS` (default 100) size it; the recorded run (BENCHMARKS.md) used 20,000 and
 * 500. The rates and the recovery time are printed.
 */
const ARTICLES = Number(process.env.DYAD_SCALE_ARTICLES ?? 1500);
const JOB_RECORDS = Number(process.env.DYAD_SCALE_JOB_RECORDS ?? 100);

if (!HAVE_SERVICES) console.warn(SERVICES_MISSING);

/** Articles of our own whose answer is known: a United States–North Korea dyad over three months. */
const DYAD_ARTICLES = [
  {
    id: 'k1',
    date: '2018-01-09',
    text: 'Sanctions tighten\n\nThe United States imposed fresh sanctions on North Korea on Tuesday.',
  },
  {
    id: 'k2',
    date: '2018-02-14',
    text: 'Talks offered\n\nThe United States offered talks to North Korea, a spokesman said on Wednesday.',
  },
  {
    id: 'k3',
    date: '2018-03-21',
    text: 'Warning issued\n\nThe United States warned North Korea over its missile tests on Wednesday.',
  },
];

function cli(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** A `dyad worker` process, its output kept for the test's messages. */
class WorkerProcess {
  readonly child: ChildProcess;
  output = '';

  constructor(queue: string, store: string) {
    this.child = spawn(
      process.execPath,
      [CLI, 'worker', '--queue', queue, '--store', store, '--threads', '1', '--concurrency', '2'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    this.child.stderr!.on('data', (data: Buffer) => (this.output += data.toString()));
  }

  get exited(): Promise<void> {
    return this.child.exitCode !== null || this.child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const exited = this.exited;
    if (this.child.exitCode === null && this.child.signalCode === null) process.kill(this.child.pid!, signal);
    await exited;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(HAVE_SERVICES)('scale-out through a queue into PostgreSQL', () => {
  let redis: RedisServer;
  let postgres: PostgresServer;
  let dir: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dyad-scale-'));
    redis = await RedisServer.start();
    postgres = await PostgresServer.start();
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await redis?.stop();
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    `codes ${ARTICLES} articles with workers added, killed and Redis restarted, ` +
      'into exactly the rows of a one-machine ingest',
    async () => {
      const corpus = join(dir, 'generated.jsonl');
      const lines = generateCorpus(join(REPO_ROOT, 'examples'), ARTICLES).map((r, i) =>
        JSON.stringify({ id: `g${i}`, [r.format === 'html' ? 'html' : 'text']: r.content }),
      );
      writeFileSync(corpus, lines.join('\n') + '\n');
      const dyads = join(dir, 'dyads.jsonl');
      // And a record without content: a failure on both stores, with its job on the shared one.
      writeFileSync(dyads, [...DYAD_ARTICLES, { id: 'k4' }].map((a) => JSON.stringify(a)).join('\n') + '\n');
      const inputs = [corpus, dyads];

      // The reference: one machine, one worker thread (articles stored in input order).
      const oneMachine = join(dir, 'one.duckdb');
      let started = performance.now();
      const plain = cli(['ingest', ...inputs, '--db', oneMachine, '--workers', '1', '--quiet']);
      const plainSeconds = (performance.now() - started) / 1000;
      expect(plain.status, plain.stderr).toBe(1);

      const store = await postgres.createDatabase('scale');
      expect(cli(['init', '--store', store]).status).toBe(0);

      // Enqueuing twice adds nothing the second time.
      const first = cli(['ingest', ...inputs, '--queue', redis.url, '--job-records', String(JOB_RECORDS)]);
      expect(first.status, first.stderr).toBe(0);
      const jobs = Math.ceil(ARTICLES / JOB_RECORDS) + 1;
      expect(first.stdout).toContain(`${jobs} jobs added`);
      const second = cli(['ingest', ...inputs, '--queue', redis.url, '--job-records', String(JOB_RECORDS)]);
      expect(second.stdout).toContain(`0 jobs added (0 files), ${jobs} already queued`);

      // The test's own view of the queue: it reconnects by itself while Redis restarts.
      const queue = new Queue(QUEUE_NAME, { connection: redisConnection(redis.url) });
      queue.on('error', () => undefined);
      const completed = async () => {
        try {
          return await queue.getCompletedCount();
        } catch {
          return -1;
        }
      };
      const waitFor = async (done: number) => {
        while ((await completed()) < done) await sleep(250);
        return performance.now();
      };
      const rate = (jobsDone: number, ms: number) => ((jobsDone * JOB_RECORDS) / ms) * 1000;

      try {
        // One worker, then a second added mid-run: the rate of each, after start-up.
        started = performance.now();
        workers.push(new WorkerProcess(redis.url, store));
        const q = (share: number) => Math.max(1, Math.round(jobs * share));
        const a0 = await waitFor(q(0.1));
        const a1 = await waitFor(q(0.25));
        const oneWorker = rate(q(0.25) - q(0.1), a1 - a0);
        const added = new WorkerProcess(redis.url, store);
        workers.push(added);
        // Timed from the second worker's first job done (its start-up is not throughput).
        while (!added.output.includes(' done: ')) await sleep(250);
        const b = await completed();
        const b0 = performance.now();
        const b1 = await waitFor(b + q(0.2));
        const twoWorkers = rate(q(0.2), b1 - b0);

        // A worker killed mid-job: its jobs go back to the queue once their locks lapse.
        const killedAt = performance.now();
        await workers[0]!.stop('SIGKILL');
        // The jobs the killed worker held: started, not done, by its own log.
        const log = workers[0]!.output;
        const inHand = [...log.matchAll(/job (\w+) started/g)]
          .map((m) => m[1]!)
          .filter((id) => !log.includes(`job ${id} done`));
        expect(inHand.length).toBeGreaterThan(0);
        workers.push(new WorkerProcess(redis.url, store));
        // When every job the killed worker held is taken back (found stalled, handed out again),
        // and when all of them are done.
        let takenBack = 0;
        const recovered = (async () => {
          for (;;) {
            const found = await Promise.all(inHand.map((id) => queue.getJob(id).catch(() => undefined)));
            const states = await Promise.all(inHand.map((id) => queue.getJobState(id).catch(() => 'unknown')));
            const back = found.every((job) => (job?.stalledCounter ?? 0) > 0);
            if (back && !takenBack) takenBack = (performance.now() - killedAt) / 1000;
            if (states.every((s) => s === 'completed')) return (performance.now() - killedAt) / 1000;
            await sleep(250);
          }
        })();

        // Redis killed and restarted from its append-only file, mid-run.
        await waitFor(q(0.7));
        await redis.kill9();
        await sleep(1000);
        await redis.launch();

        await waitFor(jobs);
        const recovery = await recovered;
        const totalSeconds = (performance.now() - started) / 1000;
        // SIGTERM drains: the workers finish what they hold (the linking of near-duplicates too).
        await sleep(1000);
        for (const worker of workers) await worker.stop('SIGTERM');
        for (const worker of workers.slice(1)) {
          expect(worker.output).toContain('SIGTERM: finishing the jobs in hand');
          expect(worker.child.exitCode, worker.output).toBe(0);
        }
        expect(await queue.getFailedCount()).toBe(0);
        console.log(
          `[scale-out] ${ARTICLES} articles in ${jobs} jobs: one machine ${plainSeconds.toFixed(1)} s ` +
            `(${(ARTICLES / plainSeconds).toFixed(1)} articles/s); queue ${totalSeconds.toFixed(1)} s; ` +
            `1 worker ${oneWorker.toFixed(1)} articles/s, 2 workers ${twoWorkers.toFixed(1)} articles/s; ` +
            `jobs of the killed worker (${inHand.length}) taken back ${takenBack.toFixed(1)} s ` +
            `and done ${recovery.toFixed(1)} s after it`,
        );

        // Exactly the rows of the one-machine store: counts, checksums, nothing repeated.
        const duck = await Store.open(oneMachine);
        const pg = await PgStore.connect(store);
        try {
          const expected = await storeDigest(duck);
          const actual = await storeDigest(pg);
          expect(expected.counts.articles).toBe(ARTICLES + DYAD_ARTICLES.length);
          expect(actual).toEqual(expected);
          expect(Object.values(actual.repeated)).toEqual([0, 0, 0, 0]);
          const failures = 'SELECT source, line, rule, reason FROM failures ORDER BY source, line';
          expect(await pg.all(failures)).toEqual(await duck.all(failures));
          const [failed] = await pg.all('SELECT rule, batch FROM failures');
          expect(failed).toEqual({
            rule: 'ingest/jsonl-missing-content',
            batch: expect.stringMatching(/^[0-9a-f]{32}$/),
          });

          // A finished job run again rewrites the same rows.
          const rerun = (await queue.getCompleted(0, 0))[0]!;
          await rerun.retry('completed');
          const again = new WorkerProcess(redis.url, store);
          workers.push(again);
          await waitFor(jobs);
          await sleep(1000);
          await again.stop('SIGTERM');
          expect(again.output).toContain(`job ${rerun.id} done`);
          expect(await storeDigest(pg)).toEqual(expected);
        } finally {
          duck.close();
          await pg.close();
        }
      } finally {
        await queue.close();
      }
    },
    Math.max(300_000, ARTICLES * 400),
  );

  it('answers queries with the rows of the DuckDB store, and exports a Parquet tree DuckDB reads back', async () => {
    const oneMachine = join(dir, 'one.duckdb');
    const store = postgres.url('scale');
    const duck = await Store.open(oneMachine);
    let pg: OpenQuerySource | null = null;
    try {
      pg = await openPostgresSource(store);
      const dyad = await queryEvents(duck, { source: 'USA', target: 'PRK', by: 'month' });
      expect(dyad.rows.length).toBeGreaterThanOrEqual(2);
      expect(await queryEvents(pg, { source: 'USA', target: 'PRK', by: 'month' })).toEqual(dyad);
      for (const by of ['day', 'week', 'month'] as const)
        expect(await queryEvents(pg, { by })).toEqual(await queryEvents(duck, { by }));
      expect(await queryEvents(pg, { limit: 500 })).toEqual(await queryEvents(duck, { limit: 500 }));
      expect(await queryQuotes(pg, { limit: 500 })).toEqual(await queryQuotes(duck, { limit: 500 }));
      expect(await queryNetwork(pg, {})).toEqual(await queryNetwork(duck, {}));
      expect(await queryEvents(pg, { by: 'month', all: true })).toEqual(
        await queryEvents(duck, { by: 'month', all: true }),
      );
      // Through the command line as well (the DuckDB file is open here, so its answer is read in-process).
      const actors = cli(['query', 'actors', '--limit', '50', '--json', '--db', store]);
      expect(actors.stdout).toBe(formatJsonLines(await queryActors(duck, 50)) + '\n');

      const tree = join(dir, 'events-parquet');
      const exported = cli([
        'export',
        'events',
        '--format',
        'parquet',
        '--partition',
        'month',
        '--out',
        tree,
        '--db',
        store,
      ]);
      expect(exported.status, exported.stderr).toBe(0);
      expect(readdirSync(tree).some((name) => /^month=\d{4}-\d{2}$/.test(name))).toBe(true);
      const [row] = await duck.all(
        `SELECT count(*) AS n FROM read_parquet('${tree}/**/*.parquet', hive_partitioning = true)`,
      );
      // Historical events (background acts) are left out of an export by default.
      const [stored] = await duck.all('SELECT count(*) AS n FROM events WHERE NOT historical');
      expect(row!.n).toBe(stored!.n);
    } finally {
      duck.close();
      await pg?.close();
    }
  });
});
