import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { fatal } from '../pipeline/errors.js';
import { planJobs, type JobSpec } from './plan-jobs.js';

/** The BullMQ queue every Dyad command names: one queue per Redis database. */
export const QUEUE_NAME = 'dyad';

/** What a job carries: its input, and its place in the input order. */
export interface JobData extends JobSpec {
  /** The job's position in the order the inputs were enqueued: near-duplicates resolve in it. */
  seq: number;
}

/** What a finished job returns (kept with the completed job, read by `dyad status`). */
export interface JobResult {
  articles: number;
  failures: number;
  skipped: number;
}

/**
 * Redis connection options from a `redis://[user:password@]host:port[/db]` URL. Commands wait
 * for Redis rather than fail while it restarts (`maxRetriesPerRequest: null`, as BullMQ's
 * workers require).
 */
export function redisConnection(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fatal('queue', 'queue/bad-url', `${url}: not a queue URL (expected redis://HOST:PORT)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw fatal('queue', 'queue/bad-url', `${url}: not a queue URL (expected redis://HOST:PORT)`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/**
 * Fails with a clear message when nothing answers at the URL within `waitMs`: the commands
 * themselves wait for Redis through restarts, which for a mistyped address would mean waiting
 * forever. A worker waits a little (it may start while Redis restarts); other commands do not.
 */
export async function checkReachable(url: string, waitMs = 0): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const client = new Redis({
      ...redisConnection(url),
      lazyConnect: true,
      retryStrategy: () => null,
      connectTimeout: 5000,
      maxRetriesPerRequest: 0,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw fatal('queue', 'queue/unreachable', `${url}: no Redis answers there (${(error as Error).message})`);
      }
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Options of every job: retried with a back-off when its processor throws; kept once done. */
const JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  // Kept, so that enqueuing a finished input again adds nothing (the id is still taken).
  removeOnComplete: false,
  removeOnFail: false,
} as const;

/** What one `enqueue` call did. */
export interface EnqueueResult {
  added: JobData[];
  /** Jobs already in the queue (waiting, running or done): enqueued before, not added again. */
  existing: number;
}

/** Jobs are added in groups of this many (one round trip to Redis each). */
const ADD_GROUP = 200;

/**
 * Enqueues the inputs as jobs: a job per file, per WARC file, or per range of JSON Lines records.
 * Jobs already in the queue are left as they are, so enqueuing twice adds nothing. Each new job
 * takes the next number of the queue's sequence, which orders inputs across enqueue runs.
 */
export async function enqueue(
  url: string,
  paths: readonly string[],
  recordsPerJob?: number,
  onJob?: (job: JobData, added: boolean) => void,
): Promise<EnqueueResult> {
  await checkReachable(url);
  const client = new Redis(redisConnection(url));
  const queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection: client });
  const result: EnqueueResult = { added: [], existing: 0 };
  try {
    let group: JobSpec[] = [];
    const flush = async () => {
      const specs = group;
      group = [];
      const known = await Promise.all(specs.map((spec) => queue.getJobState(spec.id)));
      const fresh = specs.filter((_, i) => known[i] === 'unknown');
      result.existing += specs.length - fresh.length;
      for (const spec of specs.filter((_, i) => known[i] !== 'unknown')) onJob?.({ ...spec, seq: -1 }, false);
      if (!fresh.length) return;
      const last = await client.incrby(`${queue.qualifiedName}:dyad-seq`, fresh.length);
      const jobs = fresh.map((spec, i) => ({ ...spec, seq: last - fresh.length + i + 1 }));
      await queue.addBulk(jobs.map((data) => ({ name: 'code', data, opts: { ...JOB_OPTIONS, jobId: data.id } })));
      for (const job of jobs) onJob?.(job, true);
      result.added.push(...jobs);
    };
    for await (const spec of planJobs(paths, recordsPerJob)) {
      group.push(spec);
      if (group.length >= ADD_GROUP) await flush();
    }
    await flush();
  } finally {
    await queue.close();
    await client.quit();
  }
  return result;
}

/** The queue's counts and its recent rate, for `dyad status`. */
export interface QueueStatus {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  /** Over the last minute: jobs and articles finished per second (0 when none finished). */
  rate: { jobsPerSecond: number; articlesPerSecond: number; windowSeconds: number };
}

/** How far back the rate looks. */
const RATE_WINDOW_S = 60;

/** Reads the queue's counts and the rate of the jobs finished in the last minute. */
export async function queueStatus(url: string): Promise<QueueStatus> {
  await checkReachable(url);
  const queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection: redisConnection(url) });
  try {
    const counts = await queue.getJobCounts(
      'waiting',
      'active',
      'completed',
      'failed',
      'delayed',
      'prioritized',
      'waiting-children',
    );
    const since = Date.now() - RATE_WINDOW_S * 1000;
    let jobs = 0;
    let articles = 0;
    // Completed jobs come newest first: read pages until one is older than the window.
    for (let from = 0; ; from += 100) {
      const page = await queue.getJobs(['completed'], from, from + 99, false);
      const recent = page.filter((job) => (job.finishedOn ?? 0) >= since);
      jobs += recent.length;
      for (const job of recent) articles += job.returnvalue?.articles ?? 0;
      if (page.length < 100 || recent.length < page.length) break;
    }
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts['waiting-children'] ?? 0),
      active: counts.active ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      delayed: counts.delayed ?? 0,
      rate: {
        jobsPerSecond: jobs / RATE_WINDOW_S,
        articlesPerSecond: articles / RATE_WINDOW_S,
        windowSeconds: RATE_WINDOW_S,
      },
    };
  } finally {
    await queue.close();
  }
}
