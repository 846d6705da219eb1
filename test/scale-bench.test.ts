import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/bench/corpus.js';
import { QUEUE_NAME, redisConnection } from '../src/queue/queue.js';
import { CLI, REPO_ROOT } from './support/paths.js';
import { HAVE_SERVICES, PostgresServer, RedisServer } from './support/services.js';

/**
 * The scale-out throughput bench (BENCHMARKS.md): the same articles through the queue with one
 * `dyad worker` process and with two (one coding thread each), in alternating rounds so that a
 * change in the shared machine's load falls on both settings. Timed from the workers' start to the
 * last job done (start-up included, as it is for a real run). Runs only with DYAD_SCALE_BENCH=1.
 */
const RUN = process.env.DYAD_SCALE_BENCH === '1';
const ARTICLES = Number(process.env.DYAD_SCALE_BENCH_ARTICLES ?? 3000);
const JOB_RECORDS = 250;
const ORDER = [1, 2, 2, 1];

describe.runIf(RUN && HAVE_SERVICES)('scale-out throughput', () => {
  it('codes the same articles with one worker process and with two', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-scale-bench-'));
    const redis = await RedisServer.start();
    const postgres = await PostgresServer.start();
    try {
      const corpus = join(dir, 'bench.jsonl');
      const lines = generateCorpus(join(REPO_ROOT, 'examples'), ARTICLES).map((r, i) =>
        JSON.stringify({ id: `b${i}`, [r.format === 'html' ? 'html' : 'text']: r.content }),
      );
      writeFileSync(corpus, lines.join('\n') + '\n');
      const results: string[] = [];
      for (const [round, count] of ORDER.entries()) {
        const flush = new Redis(redisConnection(redis.url));
        await flush.flushall();
        await flush.quit();
        const store = await postgres.createDatabase(`round${round}`);
        expect(spawnSync(process.execPath, [CLI, 'init', '--store', store]).status).toBe(0);
        expect(
          spawnSync(process.execPath, [
            CLI,
            'ingest',
            corpus,
            '--queue',
            redis.url,
            '--job-records',
            String(JOB_RECORDS),
          ]).status,
        ).toBe(0);
        const jobs = Math.ceil(ARTICLES / JOB_RECORDS);
        const queue = new Queue(QUEUE_NAME, { connection: redisConnection(redis.url) });
        const started = performance.now();
        const children = Array.from({ length: count }, () =>
          spawn(
            process.execPath,
            [CLI, 'worker', '--queue', redis.url, '--store', store, '--threads', '1', '--quiet'],
            { stdio: 'ignore' },
          ),
        );
        while ((await queue.getCompletedCount()) < jobs) await new Promise((r) => setTimeout(r, 200));
        const seconds = (performance.now() - started) / 1000;
        await Promise.all(
          children.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')))),
        );
        await queue.close();
        results.push(
          `round ${round + 1}, ${count} worker${count > 1 ? 's' : ''}: ${seconds.toFixed(1)} s, ` +
            `${(ARTICLES / seconds).toFixed(1)} articles/s`,
        );
        console.log(`[scale-bench] ${results.at(-1)}`);
      }
    } finally {
      await redis.stop();
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 3_600_000);
});
