import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../src/shells/progress.js';
import { ingest } from '../src/store/ingest.js';
import { CLI, REPO_ROOT } from './support/paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'dyad-store-cli-'));

function dyad(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

/** A small store: sanctions and an attack, one event dated only to its month, and one article that fails. */
async function smallStore(dir: string): Promise<string> {
  const lines = [
    {
      id: 's1',
      date: '2018-01-10',
      text: 'Sanctions\n\nThe United States imposed new sanctions on North Korea on Wednesday.',
    },
    {
      id: 's2',
      date: '2018-01-20',
      text: 'More sanctions\n\nThe United States imposed sanctions on North Korea again on Saturday.',
    },
    {
      id: 's3',
      date: '2018-03-05',
      text: 'An attack\n\nNorth Korea attacked South Korea in February 2018, officials said.',
    },
    { id: 's4', html: '<html><body><nav>menu</nav></body></html>' },
  ];
  const file = join(dir, 'corpus.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const db = join(dir, 'small.duckdb');
  await ingest([file], { db, workers: 0 });
  return db;
}

describe('the store, honestly', () => {
  it('queries and exports open the store read-only: the file is not touched', async () => {
    const dir = tmp();
    const db = await smallStore(dir);
    const before = { bytes: readFileSync(db), mtime: statSync(db).mtimeMs };
    const query = dyad(['query', 'events', '--db', db, '--csv']);
    expect(query.status).toBe(0);
    expect(query.stdout).toContain('USA,PRK,163');
    expect(dyad(['export', 'events', '--format', 'csv', '--out', join(dir, 'events.csv'), '--db', db]).status).toBe(0);
    expect(readFileSync(db).equals(before.bytes)).toBe(true);
    expect(statSync(db).mtimeMs).toBe(before.mtime);
  });

  it('a store held by a running ingest gives one clear sentence', async () => {
    const dir = tmp();
    const db = await smallStore(dir);
    // Another process holds the store for writing, as an ingest does.
    const holder: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => { await ` +
          `DuckDBInstance.create(${JSON.stringify(db)}); console.log('held'); setInterval(() ` +
          `=> {}, 1000); })`,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.on('data', () => resolve()));
      const run = dyad(['query', 'events', '--db', db]);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        `dyad: ${db} is in use by process ${holder.pid} (an ingest still running?): ` +
          `wait for it to finish, then try again [store/locked]\n`,
      );
    } finally {
      holder.kill();
    }
  });

  it('--db on a file that is not a Dyad store says so, without a stack trace', async () => {
    const dir = tmp();
    const text = join(dir, 'notes.duckdb');
    writeFileSync(text, 'These are my notes, not a database.\n'.repeat(200));
    const other = join(dir, 'other.duckdb');
    const instance = await DuckDBInstance.create(other);
    (await instance.connect()).closeSync();
    instance.closeSync();
    const a = dyad(['query', 'quotes', '--db', text]);
    expect([a.status, a.stderr]).toEqual([
      1,
      `dyad: ${text} is not a Dyad store (not a DuckDB database file) [store/not-a-store]\n`,
    ]);
    const b = dyad(['export', 'events', '--format', 'csv', '--out', join(dir, 'x.csv'), '--db', other]);
    expect([b.status, b.stderr]).toEqual([
      1,
      `dyad: ${other} is a DuckDB database but not a Dyad store (it has no articles ` +
        `and events tables) [store/not-a-store]\n`,
    ]);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('an export that cannot be written leaves no partial file', async () => {
    const dir = tmp();
    const db = await smallStore(dir);
    const out = join(dir, 'no-such-folder', 'events.csv');
    const run = dyad(['export', 'events', '--format', 'csv', '--out', out, '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^dyad: ${out} cannot be written \\(.*\\); nothing was written \\[export/write-failed\\]\\n$`),
    );
  });

  it('a full disk says "no space left on device" and leaves no partial export', async (context) => {
    const dir = tmp();
    const db = await smallStore(dir);
    const full = join(dir, 'full');
    mkdirSync(full);
    // A 16 KB file system stands for a full disk; it needs root, as the tests have here.
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', full]).status !== 0) {
      console.warn('[dyad tests] cannot mount a small tmpfs (not root?): the disk-full export test is skipped.');
      context.skip();
    }
    try {
      // The file system filled to the last byte.
      writeFileSync(join(full, 'filler'), Buffer.alloc(16 * 1024));
      const out = join(full, 'events.jsonl');
      const run = dyad(['export', 'events', '--format', 'jsonl', '--out', out, '--db', db]);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`dyad: no space left on device writing ${out}; nothing was written [export/disk-full]\n`);
      expect(readdirSync(full)).toEqual(['filler']);
    } finally {
      spawnSync('umount', [full]);
    }
  });

  it('dyad query failures lists what failed and why', async () => {
    const db = await smallStore(tmp());
    const run = dyad(['query', 'failures', '--db', db, '--csv']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/corpus\.jsonl,4,extract\/no-article-body,.*the HTML page has no article body/);
  });

  it('Ctrl-C gives the terminal back and says what was stored', () => {
    const writes: string[] = [];
    const stream = { isTTY: true, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
    const printer = progressPrinter(false, stream);
    const p = {
      added: 1,
      skipped: 0,
      failed: 0,
      duplicates: 0,
      passedOver: {},
      workers: 1,
      estimate: { share: 0.5, etaSeconds: 3 },
      seconds: 1,
    };
    printer.update(p);
    printer.interrupted(p);
    const out = writes.join('');
    expect(out).toContain('\x1b[?25h');
    expect(out).toContain('\x1b[?7h');
    expect(
      out.endsWith(
        'interrupted: 1 article stored, 0 failed in this run; run the same command again to go on where it stopped\n',
      ),
    ).toBe(true);
  });
});

describe('no silent truncation in the CLI', () => {
  it('says on standard error when a query cuts rows at its limit', async () => {
    const db = await smallStore(tmp());
    const run = dyad(['query', 'events', '--db', db, '--limit', '1', '--csv']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
    expect(run.stderr).toBe('dyad: showing 1 of 3 rows (use --limit)\n');
  });

  it('--by day says how many events it left out for being dated to a month only', async () => {
    const db = await smallStore(tmp());
    const day = dyad(['query', 'events', '--db', db, '--by', 'day', '--csv']);
    expect(day.stderr).toBe(
      'dyad: 1 matching event is dated less precisely than a day (a month or a ' +
        'year) and left out of these counts (--by month counts those dated to a month)\n',
    );
    const month = dyad(['query', 'events', '--db', db, '--by', 'month', '--csv']);
    expect(month.stdout).toContain('2018-02,1');
    expect(month.stderr).toBe('');
  });

  it.each([
    [
      ['export', 'quotes', '--format', 'gdelt', '--out', 'x.tsv'],
      'dyad: the GDELT format is for events only, not quotes (use csv, jsonl or parquet)\n',
    ],
    [
      ['export', 'events', '--format', 'xml', '--out', 'x.xml'],
      'dyad: unknown format "xml" (csv, jsonl, parquet or gdelt)\n',
    ],
    [
      ['export', 'people', '--format', 'csv', '--out', 'x.csv'],
      'dyad: unknown table "people" (events, quotes or actors)\n',
    ],
  ])('dyad %j is a usage error with a message, not a stack trace', (args, message) => {
    const run = dyad(args);
    expect([run.status, run.stderr]).toEqual([2, message]);
  });

  it('an unknown subcommand gets a message', () => {
    const run = dyad(['query', 'speakers']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error: unknown command 'speakers'");
  });

  it('reports progress while no batch has been written yet, for the log line every five seconds', async () => {
    const dir = tmp();
    const line =
      JSON.stringify({ id: 'slow-1', text: 'Talks\n\nJapan and South Korea agreed to resume talks on Monday.' }) + '\n';
    // Standard input that gives one article, then waits, as a slow feed does.
    const stdin = Readable.from(
      (async function* () {
        yield line;
        await new Promise((resolve) => setTimeout(resolve, 2500));
      })(),
    );
    const seen: number[] = [];
    const result = await ingest(['-'], {
      db: join(dir, 'slow.duckdb'),
      workers: 0,
      stdin,
      onProgress: (p) => seen.push(p.added),
    });
    expect(result.added).toBe(1);
    // Heartbeats before the only write, which comes at the end.
    expect(seen.filter((added) => added === 0).length).toBeGreaterThanOrEqual(1);
  });
});
