import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJobs, PlanError, type JobSpec } from './plan-jobs.js';

async function plan(paths: string[], records?: number): Promise<JobSpec[]> {
  const jobs: JobSpec[] = [];
  for await (const job of planJobs(paths, records)) jobs.push(job);
  return jobs;
}

const line = (n: number) => JSON.stringify({ id: `r${n}`, text: `Story number ${n}.` });

describe('planning queue jobs', () => {
  it('cuts JSON Lines at line ends into ranges of the given number of records, blank lines not counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-plan-'));
    const file = join(dir, 'a.jsonl');
    // Seven records, with a blank line and a CRLF line among them.
    const text = [line(1), line(2), '', line(3) + '\r', line(4), line(5), '   ', line(6), line(7)].join('\n') + '\n';
    writeFileSync(file, text);
    const jobs = await plan([file], 3);
    expect(jobs.map((j) => [j.records, j.firstLine])).toEqual([
      [3, 1],
      [3, 5],
      [1, 9],
    ]);
    // The ranges tile the file, each ends at a line end, and each range's first line is its record.
    expect(jobs[0]!.start).toBe(0);
    expect(jobs.at(-1)!.end).toBe(Buffer.byteLength(text));
    const bytes = readFileSync(file);
    for (const [i, job] of jobs.entries()) {
      if (i > 0) expect(job.start).toBe(jobs[i - 1]!.end);
      expect(bytes[job.end - 1]).toBe(0x0a);
      const firstLine = text.split('\n')[job.firstLine - 1]!;
      expect(bytes.subarray(job.start, job.end).toString().startsWith(firstLine)).toBe(true);
    }
  });

  it('gives the same ids for the same inputs, and new ids when a file changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-plan-'));
    const file = join(dir, 'a.jsonl');
    writeFileSync(file, [line(1), line(2), line(3)].join('\n'));
    const first = await plan([file], 2);
    expect((await plan([file], 2)).map((j) => j.id)).toEqual(first.map((j) => j.id));
    writeFileSync(file, [line(1), line(2), line(4)].join('\n'));
    const changed = await plan([file], 2);
    expect(changed[0]!.id).toBe(first[0]!.id);
    expect(changed[1]!.id).not.toBe(first[1]!.id);
  });

  it('makes one job per other file, in the order one-machine ingest reads a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-plan-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'b.txt'), 'Second\n\nText.');
    writeFileSync(join(dir, 'a.html'), '<html><body><p>First.</p></body></html>');
    writeFileSync(join(dir, 'sub', 'c.txt'), 'Third\n\nText.');
    writeFileSync(join(dir, 'README.md'), 'Not an article.');
    const jobs = await plan([dir]);
    expect(jobs.map((j) => [j.file.slice(dir.length), j.kind])).toEqual([
      ['/a.html', 'file'],
      ['/b.txt', 'file'],
      ['/sub/c.txt', 'file'],
    ]);
  });

  it.each([
    [['-'], 'standard input cannot be queued'],
    [['/no/such/path.jsonl'], '/no/such/path.jsonl does not exist'],
  ])('refuses %j: %s', async (paths, message) => {
    await expect(plan(paths)).rejects.toThrow(PlanError);
    await expect(plan(paths)).rejects.toThrow(message);
  });
});
