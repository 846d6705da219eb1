import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { articleFiles } from '../ingest/read-inputs.js';

import { DEFAULT_JOB_RECORDS, MAX_JOB_RECORDS } from './job-size.js';

/**
 * One unit of queued work: a whole input file (an article, a feed, a WARC file) or a byte range of
 * a JSON Lines file holding up to `MAX_JOB_RECORDS` records. Workers read the input themselves, so
 * every worker must see the file at the same absolute path (a shared or copied folder); the content
 * hash tells a worker when the file has changed since it was enqueued.
 */
export interface JobSpec {
  /** Derived from the path, the byte range and the content hash: the same input is one job. */
  id: string;
  /** The absolute path of the input file; also the `source` its articles are stored under. */
  file: string;
  /** `file`: read whole, as one-machine ingest reads it; `lines`: a byte range of JSON Lines. */
  kind: 'file' | 'lines';
  /** The byte range `[start, end)` (the whole file for `file`). */
  start: number;
  end: number;
  /** The number, in the file, of the range's first line (1 for a whole file). */
  firstLine: number;
  /** JSON Lines records in the range; 0 when unknown until read (a whole file). */
  records: number;
  /** SHA-256 of the bytes of the range, hex. */
  hash: string;
}

/** Derives a job's id: equal inputs give equal ids, so enqueuing an input twice adds one job. */
export function jobId(file: string, start: number, end: number, hash: string): string {
  return createHash('sha256').update(`${file}\0${start}\0${end}\0${hash}`).digest('hex').slice(0, 32);
}

const isJsonLines = (path: string) => ['.jsonl', '.ndjson'].includes(extname(path).toLowerCase());

/** A path that cannot be enqueued, and why. */
export class PlanError extends Error {}

/**
 * The jobs for a list of inputs, in the order one-machine ingest reads them (paths in order,
 * directories in name order, records in file order): their order is the order in which
 * near-duplicates are resolved, so both stores name the same first copy.
 */
export async function* planJobs(
  paths: readonly string[],
  recordsPerJob = DEFAULT_JOB_RECORDS,
): AsyncGenerator<JobSpec> {
  if (recordsPerJob < 1 || recordsPerJob > MAX_JOB_RECORDS)
    throw new PlanError(`records per job must be 1-${MAX_JOB_RECORDS}, not ${recordsPerJob}`);
  for (const path of paths) {
    if (path === '-')
      throw new PlanError(
        'standard input cannot be queued: workers read their inputs from files (write it to a file first)',
      );
    const info = await stat(path).catch(() => null);
    if (!info) throw new PlanError(`${path} does not exist`);
    if (info.isDirectory()) {
      for await (const found of articleFiles(path)) {
        // README and LICENSE files are passed over; an unreadable folder or a link loop is refused
        // before anything is enqueued, rather than leaving part of the tree out unsaid.
        if ('failure' in found) throw new PlanError(found.failure.diagnostic.reason);
        if ('file' in found) yield* planFile(resolve(found.file), recordsPerJob);
      }
    } else {
      yield* planFile(resolve(path), recordsPerJob);
    }
  }
}

async function* planFile(file: string, recordsPerJob: number): AsyncGenerator<JobSpec> {
  if (!isJsonLines(file)) {
    const hash = createHash('sha256');
    let end = 0;
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      end += (chunk as Buffer).length;
    }
    const digest = hash.digest('hex');
    yield {
      id: jobId(file, 0, end, digest),
      file,
      kind: 'file',
      start: 0,
      end,
      firstLine: 1,
      records: 0,
      hash: digest,
    };
    return;
  }
  yield* planJsonLines(file, recordsPerJob);
}

/** Cuts a JSON Lines file at line ends into ranges of `recordsPerJob` non-blank lines. */
async function* planJsonLines(file: string, recordsPerJob: number): AsyncGenerator<JobSpec> {
  let offset = 0;
  let line = 1;
  // The range being gathered.
  let start = 0;
  let firstLine = 1;
  let records = 0;
  let hash: Hash = createHash('sha256');
  let blank = true;
  const close = (end: number): JobSpec => {
    const digest = hash.digest('hex');
    const spec: JobSpec = {
      id: jobId(file, start, end, digest),
      file,
      kind: 'lines',
      start,
      end,
      firstLine,
      records,
      hash: digest,
    };
    start = end;
    firstLine = line;
    records = 0;
    hash = createHash('sha256');
    return spec;
  };
  for await (const data of createReadStream(file)) {
    const chunk = data as Buffer;
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte !== 0x0a) {
        // Spaces, tabs, CR and a byte-order mark's bytes do not make a line a record.
        if (blank && byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0xef && byte !== 0xbb && byte !== 0xbf)
          blank = false;
        continue;
      }
      if (!blank) records++;
      blank = true;
      line++;
      if (records === recordsPerJob) {
        hash.update(chunk.subarray(from, i + 1));
        from = i + 1;
        yield close(offset + i + 1);
      }
    }
    hash.update(chunk.subarray(from));
    offset += chunk.length;
  }
  if (!blank) records++;
  // The tail; a file of blank lines only (or an empty one) is one range, for the worker to report.
  if (records > 0 || start === 0) yield close(offset);
}
