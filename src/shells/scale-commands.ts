import { InvalidArgumentError, type Command } from 'commander';
import type { ExportPartition } from '../query/export.js';
import { DEFAULT_JOB_RECORDS, MAX_JOB_RECORDS } from '../queue/job-size.js';
import { fatal } from '../pipeline/errors.js';
import type { JobData } from '../queue/queue.js';

/*
 * The queue and PostgreSQL clients are imported by the commands that use them, so that every
 * other command starts without loading them.
 */

/** Checks `--partition`: by month, for a Parquet export of events or quotes. */
export function checkPartition(
  table: string,
  format: string,
  partition: string | undefined,
): ExportPartition | undefined {
  if (partition === undefined) return undefined;
  // Errors of the command's own checks are DyadErrors: the CLI prints them (an InvalidArgumentError
  // thrown by an action, not an option parser, is swallowed by commander's exit override).
  const bad = (reason: string) => fatal('export', 'export/bad-partition', reason);
  if (partition !== 'month') throw bad(`unknown partition "${partition}" (month)`);
  if (format !== 'parquet') throw bad('--partition month is for --format parquet');
  if (table === 'actors') throw bad('--partition month is for events and quotes (actors have no date)');
  return partition;
}

/** Parses `--job-records`: JSON Lines records per job. */
export function parseJobRecords(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_JOB_RECORDS)
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_JOB_RECORDS}`);
  return n;
}

const describeJob = (job: JobData) =>
  job.kind === 'file'
    ? `${job.file} (${job.end} bytes)`
    : `${job.file} lines ${job.firstLine}- (${job.records} records, bytes ${job.start}-${job.end})`;

/**
 * `dyad ingest PATH... --queue URL`: enqueues the inputs and prints each job it added; returns
 * the exit code. Enqueuing the same inputs again adds nothing.
 */
export async function enqueueInputs(
  paths: readonly string[],
  options: { queue: string; jobRecords?: number; quiet?: boolean },
): Promise<number> {
  const { enqueue } = await import('../queue/queue.js');
  const { PlanError } = await import('../queue/plan-jobs.js');
  try {
    const result = await enqueue(options.queue, paths, options.jobRecords ?? DEFAULT_JOB_RECORDS, (job, added) => {
      if (!options.quiet && added) process.stdout.write(`queued ${job.id} ${describeJob(job)}\n`);
    });
    const records = result.added.reduce((n, job) => n + job.records, 0);
    const files = new Set(result.added.map((job) => job.file)).size;
    process.stdout.write(
      `${result.added.length} job${result.added.length === 1 ? '' : 's'} added ` +
        `(${files} file${files === 1 ? '' : 's'}${records ? `, ${records} JSON Lines records` : ''}), ` +
        `${result.existing} already queued, on ${options.queue}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PlanError) throw fatal('queue', 'queue/bad-input', error.message);
    throw error;
  }
}

const parsePositive = (value: string): number => {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
};

/** Registers `dyad status`, `dyad worker` and `dyad init`: the commands of a queue and a shared store. */
export function addScaleCommands(program: Command): void {
  program
    .command('init')
    .description('create the tables, monthly partitions and indexes of a PostgreSQL store (safe to run again)')
    .requiredOption('--store <url>', 'the database (postgres://USER@HOST:PORT/DB)')
    .action(async (o: { store: string }) => {
      const { PgStore, redact } = await import('../store/postgres/pg-store.js');
      const store = await PgStore.connect(o.store, { create: true });
      await store.close();
      process.stdout.write(`store ready at ${redact(o.store)}\n`);
    });
  program
    .command('worker')
    .description(
      'code queued jobs into a PostgreSQL store until stopped ' +
        '(SIGTERM or Ctrl-C: finish the jobs in hand, take no new ones)',
    )
    .requiredOption('--queue <url>', 'the queue (redis://HOST:PORT)')
    .requiredOption('--store <url>', 'the store (postgres://...), created with dyad init')
    .option('--concurrency <n>', 'jobs in hand at once (default 2)', parsePositive)
    .option('--threads <n>', 'worker threads that code (default: one per core, at most 4)', parsePositive)
    .option('--quiet', 'no line per job')
    .action(async (o: { queue: string; store: string; concurrency?: number; threads?: number; quiet?: boolean }) => {
      const log = (line: string) => {
        if (!o.quiet) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
      };
      const { startWorker } = await import('../queue/run-worker.js');
      const worker = await startWorker({
        queue: o.queue,
        store: o.store,
        ...(o.concurrency ? { concurrency: o.concurrency } : {}),
        ...(o.threads ? { threads: o.threads } : {}),
        log,
      });
      log(`worker ${process.pid} taking jobs from ${o.queue}`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: finishing the jobs in hand, taking no new ones`);
          void worker.close().then(resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      log('worker stopped');
    });
  program
    .command('status')
    .description('show a queue: jobs waiting, active, completed and failed, and the rate over the last minute')
    .requiredOption('--queue <url>', 'the queue (redis://HOST:PORT)')
    .option('--json', 'one JSON object')
    .action(async (o: { queue: string; json?: boolean }) => {
      const { queueStatus } = await import('../queue/queue.js');
      const status = await queueStatus(o.queue);
      if (o.json) {
        process.stdout.write(JSON.stringify(status) + '\n');
        return;
      }
      const { waiting, active, completed, failed, delayed, rate } = status;
      process.stdout.write(
        `waiting ${waiting}, active ${active}, completed ${completed}, failed ${failed}` +
          `${delayed ? `, delayed (to retry) ${delayed}` : ''}\n`,
      );
      process.stdout.write(
        `last ${rate.windowSeconds} s: ${(rate.jobsPerSecond * 60).toFixed(1)} jobs/min, ` +
          `${rate.articlesPerSecond.toFixed(1)} articles/s\n`,
      );
    });
}
