import { InvalidArgumentError, type Command } from 'commander';
import { PlanError, DEFAULT_JOB_RECORDS, MAX_JOB_RECORDS } from '../queue/plan-jobs.js';
import { enqueue, queueStatus, type JobData } from '../queue/queue.js';

/** Parses `--job-records`: JSON Lines records per job. */
export function parseJobRecords(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_JOB_RECORDS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_JOB_RECORDS}`);
  return n;
}

const describeJob = (job: JobData) =>
  job.kind === 'file' ? `${job.file} (${job.end} bytes)` : `${job.file} lines ${job.firstLine}- (${job.records} records, bytes ${job.start}-${job.end})`;

/**
 * `dyad ingest PATH... --queue URL`: enqueues the inputs and prints each job it added; returns
 * the exit code. Enqueuing the same inputs again adds nothing.
 */
export async function enqueueInputs(paths: readonly string[], options: { queue: string; jobRecords?: number; quiet?: boolean }): Promise<number> {
  try {
    const result = await enqueue(options.queue, paths, options.jobRecords ?? DEFAULT_JOB_RECORDS, (job, added) => {
      if (!options.quiet && added) process.stdout.write(`queued ${job.id} ${describeJob(job)}\n`);
    });
    const records = result.added.reduce((n, job) => n + job.records, 0);
    const files = new Set(result.added.map((job) => job.file)).size;
    process.stdout.write(
      `${result.added.length} job${result.added.length === 1 ? '' : 's'} added (${files} file${files === 1 ? '' : 's'}` +
        `${records ? `, ${records} JSON Lines records` : ''}), ${result.existing} already queued, on ${options.queue}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof PlanError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** Registers `dyad status`. */
export function addStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show a queue: jobs waiting, active, completed and failed, and the rate over the last minute')
    .requiredOption('--queue <url>', 'the queue (redis://HOST:PORT)')
    .option('--json', 'one JSON object')
    .action(async (o: { queue: string; json?: boolean }) => {
      const status = await queueStatus(o.queue);
      if (o.json) {
        process.stdout.write(JSON.stringify(status) + '\n');
        return;
      }
      const { waiting, active, completed, failed, delayed, rate } = status;
      process.stdout.write(`waiting ${waiting}, active ${active}, completed ${completed}, failed ${failed}${delayed ? `, delayed (to retry) ${delayed}` : ''}\n`);
      process.stdout.write(`last ${rate.windowSeconds} s: ${(rate.jobsPerSecond * 60).toFixed(1)} jobs/min, ${rate.articlesPerSecond.toFixed(1)} articles/s\n`);
    });
}
