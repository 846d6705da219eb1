import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { WARCRecord, WARCSerializer } from 'warcio';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/bench/corpus.js';
import { exportTable } from '../src/query/export.js';
import { queryArticle, queryEvents, queryQuotes } from '../src/query/queries.js';
import { ingest } from '../src/store/ingest.js';
import { Store } from '../src/store/store.js';
import { CLI, REPO_ROOT } from './support/paths.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'dyad-store-'));

/** Articles whose answer the tests know: US–North Korea relations over three months. */
function corpus(dir: string): string {
  const lines = [
    {
      id: 'a1',
      date: '2018-01-10',
      text:
        'Washington talks resume\n\nThe United States imposed new sanctions on North ' +
        'Korea on Wednesday. “The pressure will continue,” Mike Pence said.',
    },
    {
      id: 'a2',
      date: '2018-01-20',
      text:
        'More sanctions\n\nThe United States imposed sanctions on North Korea again. ' +
        'Mike Pence said sanctions would stay until talks begin.',
    },
    {
      id: 'a3',
      date: '2018-02-12',
      text: 'A visit\n\nMike Pence visited South Korea. The United States imposed sanctions on North Korea.',
    },
    { id: 'a4', date: '2018-03-05', text: 'An attack\n\nNorth Korea attacked South Korea on Monday, officials said.' },
  ];
  const file = join(dir, 'corpus.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

/** `count` articles generated from `examples/` (as the bench makes them), as JSON Lines with ids `prefix0`…. */
function generatedCorpus(dir: string, count: number, prefix: string): string {
  const file = join(dir, 'generated.jsonl');
  const lines = generateCorpus(join(REPO_ROOT, 'examples'), count).map((r, i) =>
    JSON.stringify({ id: `${prefix}${i}`, date: '2020-01-01', [r.format === 'html' ? 'html' : 'text']: r.content }),
  );
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('the store', () => {
  it('ingests a corpus, and a second ingest adds nothing', async () => {
    const dir = tmp();
    const db = join(dir, 'test.duckdb');
    const first = await ingest([corpus(dir)], { db, workers: 0 });
    expect(first).toMatchObject({ added: 4, skipped: 0, failed: 0 });
    const again = await ingest([corpus(dir)], { db, workers: 0 });
    expect(again).toMatchObject({ added: 0, skipped: 4 });
    const store = await Store.open(db);
    expect((await store.all('SELECT count(*) AS n FROM articles'))[0]!.n).toBe(4);
    // The stored record (gzip-compressed) reads back whole, with every layer.
    const article = await queryArticle(store, 'a1');
    expect(article).toMatchObject({ schema: 'dyad/1', id: 'a1', duplicateOf: null });
    expect((article!.events as unknown[]).length).toBeGreaterThan(0);
    expect(String(article!.text)).toContain('imposed new sanctions on North Korea');
    store.close();
  });

  it('records the articles of a worker that cannot run as failures, one per article, and finishes', async () => {
    const dir = tmp();
    const db = join(dir, 'test.duckdb');
    const file = corpus(dir);
    // An old generation of 4 MB cannot hold the language model: every worker dies before coding.
    const starved = spawnSync(
      process.execPath,
      [CLI, 'ingest', file, '--db', db, '--workers', '1', '--worker-memory', '4', '--quiet'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(starved.status).toBe(1);
    const store = await Store.open(db);
    const failures = await store.all('SELECT source, line, rule, reason FROM failures ORDER BY line');
    expect(failures.map((f) => [f.line, f.rule])).toEqual([1, 2, 3, 4].map((line) => [line, 'ingest/worker-died']));
    expect(String(failures[0]!.reason)).toMatch(
      /corpus\.jsonl:1: the worker coding it stopped \(.*memory.*\); the next run codes it again/,
    );
    expect((await store.all('SELECT count(*) AS n FROM articles'))[0]!.n).toBe(0);
    store.close();
    // The next run, with room to work, codes them all.
    const next = spawnSync(process.execPath, [CLI, 'ingest', file, '--db', db, '--workers', '1', '--quiet'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(next.status).toBe(0);
    const reopened = await Store.open(db);
    expect((await reopened.all('SELECT count(*) AS n FROM articles'))[0]!.n).toBe(4);
    reopened.close();
  });

  it.each([
    ['3', 'simhash UBIGINT', /simhash\.duckdb: the store has layout version 3 \(its near-duplicate keys are SimHashes/],
    ['4', 'minhash BLOB', /simhash\.duckdb: the store has layout version 4 \(its events carry no historical mark/],
  ])('refuses a version %s store (%s), saying why it cannot be read', async (version, column, reason) => {
    // Version 3 kept SimHash keys that no longer compare; version 4 never marked historical events.
    const db = join(tmp(), 'simhash.duckdb');
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE articles (id VARCHAR PRIMARY KEY, ${column})`);
    await connection.run('CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR)');
    await connection.run(`INSERT INTO store_info VALUES ('version', '${version}')`);
    connection.closeSync();
    instance.closeSync();
    await expect(Store.open(db)).rejects.toThrow(reason);
  });

  it('refuses a store written in another layout, naming the file, and leaves it untouched', async () => {
    const db = join(tmp(), 'old.duckdb');
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE articles (id VARCHAR PRIMARY KEY, record VARCHAR)');
    await connection.run("INSERT INTO articles VALUES ('x', '{}')");
    connection.closeSync();
    instance.closeSync();
    await expect(Store.open(db)).rejects.toThrow(
      /old\.duckdb: the store has layout version 1; this Dyad reads and writes version 5/,
    );
    // Ingest starts its workers before it opens the store: refused, it must stop them and exit.
    const refused = spawnSync(
      process.execPath,
      [CLI, 'ingest', corpus(tmp()), '--db', db, '--workers', '1', '--quiet'],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expect(refused.signal).toBeNull();
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/old\.duckdb: the store has layout version 1/);
    const reopened = await (await DuckDBInstance.create(db)).connect();
    expect((await reopened.runAndReadAll('SELECT count(*) FROM articles')).getRows()[0]![0]).toBe(1n);
    expect(
      (
        await reopened.runAndReadAll("SELECT count(*) FROM information_schema.tables WHERE table_name = 'store_info'")
      ).getRows()[0]![0],
    ).toBe(0n);
    reopened.closeSync();
  });

  it('answers a dyad-by-month table and a quote search with the known answer', async () => {
    const dir = tmp();
    const db = join(dir, 'test.duckdb');
    await ingest([corpus(dir)], { db, workers: 0 });
    const store = await Store.open(db);
    try {
      const months = await queryEvents(store, { source: 'USA', target: 'PRK', by: 'month' });
      expect(months.rows.map((r) => [r.period, r.events, r.material_conflict])).toEqual([
        ['2018-01', 2, 1],
        ['2018-02', 1, 1],
      ]);
      const quotes = await queryQuotes(store, { speaker: 'Pence', text: 'pressure' });
      expect(quotes.rows.map((r) => [r.speaker, r.text])).toEqual([['Mike Pence', 'The pressure will continue,']]);
    } finally {
      store.close();
    }
  });

  it('links a near-duplicate article to the first copy and leaves it out of counts', async () => {
    const dir = tmp();
    const db = join(dir, 'test.duckdb');
    const body = [
      'The United States imposed new sanctions on North Korea on Wednesday, officials ' +
        'in Washington said, in a move aimed at its missile programme and its trade ' +
        'with China.',
      'The measures target shipping companies, banks and traders that officials ' +
        'said had helped Pyongyang evade earlier restrictions agreed at the United Nations.',
      'South Korea welcomed the step and said it would keep working with its allies ' +
        'to bring the North back to talks on its nuclear weapons.',
      'China, the North’s main trading partner, said it opposed sanctions imposed ' +
        'by one country alone and called for calm on the Korean peninsula.',
    ].join('\n\n');
    const text = `Sanctions\n\n${body}`;
    writeFileSync(
      join(dir, 'copies.jsonl'),
      [
        JSON.stringify({ id: 'w1', date: '2018-01-10', text }),
        JSON.stringify({ id: 'w2', date: '2018-01-10', text: text.replace('Wednesday', 'Wednesday afternoon') }),
      ].join('\n'),
    );
    const result = await ingest([join(dir, 'copies.jsonl')], { db, workers: 0 });
    expect(result.duplicates).toBe(1);
    const store = await Store.open(db);
    try {
      expect(await store.all('SELECT id, dup_of FROM articles ORDER BY id')).toEqual([
        { id: 'w1', dup_of: null },
        { id: 'w2', dup_of: 'w1' },
      ]);
      expect((await queryEvents(store, { source: 'USA', code: '163', by: 'month' })).rows[0]).toMatchObject({
        events: 1,
      });
    } finally {
      store.close();
    }
    // A later run reads the stored hashes back and links a third copy to the first, not the second.
    writeFileSync(
      join(dir, 'later.jsonl'),
      JSON.stringify({ id: 'w3', date: '2018-01-11', text: text.replace('in a move', 'in a step') }) + '\n',
    );
    expect(await ingest([join(dir, 'later.jsonl')], { db, workers: 0 })).toMatchObject({ added: 1, duplicates: 1 });
    const reopened = await Store.open(db);
    try {
      expect(await reopened.all("SELECT dup_of FROM articles WHERE id = 'w3'")).toEqual([{ dup_of: 'w1' }]);
    } finally {
      reopened.close();
    }
  });

  it('exports Parquet that reads back with the same rows, and a GDELT table with its 61 columns', async () => {
    const dir = tmp();
    const db = join(dir, 'test.duckdb');
    await ingest([corpus(dir)], { db, workers: 0 });
    const store = await Store.open(db);
    try {
      const out = join(dir, 'events.parquet');
      const n = await exportTable(store, 'events', 'parquet', out);
      const back = await store.all(`SELECT * FROM read_parquet('${out}') ORDER BY article_id, idx`);
      const rows = await store.all('SELECT * FROM events ORDER BY article_id, idx');
      expect(back).toEqual(rows);
      expect(n).toBe(rows.length);
      const gdelt = join(dir, 'events.tsv');
      await exportTable(store, 'events', 'gdelt', gdelt);
      const lines = (await import('node:fs')).readFileSync(gdelt, 'utf8').trim().split('\n');
      expect(lines.every((l) => l.split('\t').length === 61)).toBe(true);
      const sanctions = lines.map((l) => l.split('\t')).find((c) => c[26] === '163' && c[5] === 'USA');
      expect(sanctions?.slice(1, 4)).toEqual(['20180110', '201801', '2018']);
    } finally {
      store.close();
    }
  });

  it('reports a corrupt WARC record and a bad file, and ingests the rest', async () => {
    const dir = tmp();
    const page = (title: string) =>
      `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>The ` +
      `United States imposed new sanctions on North Korea on Wednesday in a move ` +
      `against its weapons programme.</p><p>Officials said more measures would ` +
      `follow if the tests went on.</p></article></body></html>`;
    const records: Uint8Array[] = [];
    for (const [i, title] of ['First story', 'Second story'].entries()) {
      const record = WARCRecord.create(
        {
          url: `https://news.example/${i}`,
          date: '2018-01-10T00:00:00Z',
          type: 'response',
          httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        },
        (async function* () {
          yield new TextEncoder().encode(page(title));
        })(),
      );
      records.push(await WARCSerializer.serialize(record));
    }
    const warc = join(dir, 'crawl.warc');
    writeFileSync(
      warc,
      Buffer.concat([
        ...records.map((r) => Buffer.from(r)),
        Buffer.from('WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ngarbage'),
      ]),
    );
    writeFileSync(join(dir, 'broken.html'), '<html><body><nav>menu</nav></body></html>');
    const db = join(dir, 'test.duckdb');
    const result = await ingest([dir], { db, workers: 0 });
    expect(result.added).toBe(2);
    expect(result.failed).toBe(2);
    const store = await Store.open(db);
    try {
      const failures = await store.all('SELECT rule FROM failures ORDER BY rule');
      expect(failures.map((f) => f.rule)).toEqual(['extract/no-article-body', 'ingest/truncated-record']);
      expect((await store.all('SELECT url FROM articles ORDER BY url')).map((r) => r.url)).toEqual([
        'https://news.example/0',
        'https://news.example/1',
      ]);
    } finally {
      store.close();
    }
  });

  it('stops with a clear error when a batch cannot be written, and keeps what was stored', {
    timeout: 60_000,
  }, async () => {
    const dir = tmp();
    const db = join(dir, 'test.duckdb');
    await ingest([corpus(dir)], { db, workers: 0 });
    // A column the writer does not fill: every later batch fails to append.
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    await connection.run('ALTER TABLE events ADD COLUMN extra INTEGER');
    connection.closeSync();
    instance.closeSync();
    const more = join(dir, 'more.jsonl');
    writeFileSync(
      more,
      JSON.stringify({
        id: 'b1',
        date: '2018-04-01',
        text: 'Sanctions\n\nThe United States imposed sanctions on Iran on Monday.',
      }) + '\n',
    );
    const run = spawnSync(process.execPath, [CLI, 'ingest', more, '--db', db, '--workers', '1', '--quiet'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        String.raw`test\.duckdb: a batch of 1 article could not be written \(.+\); ` +
          String.raw`it was rolled back, and what was stored before is intact \[store\/write-failed\]`,
      ),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const reopened = await (await DuckDBInstance.create(db)).connect();
    expect((await reopened.runAndReadAll('SELECT count(*) FROM articles')).getRows()[0]![0]).toBe(4n);
    reopened.closeSync();
  });

  it('codes a small input on one worker, and a longer one on two with the rows of one thread', {
    timeout: 120_000,
  }, async () => {
    const dir = tmp();
    // Four articles: a second worker's start-up would cost more than it saves.
    const small = spawnSync(process.execPath, [CLI, 'ingest', corpus(dir), '--db', join(dir, 'small.duckdb')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(small.status).toBe(0);
    expect(small.stderr).toMatch(/^4 articles stored .* · coded on 1 worker thread$/m);
    const file = generatedCorpus(dir, 150, 'g');
    const ingestWith = async (workers: number) => {
      const db = join(dir, `workers-${workers}.duckdb`);
      const run = spawnSync(process.execPath, [CLI, 'ingest', file, '--db', db, '--workers', String(workers)], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 90_000,
      });
      expect(run.status).toBe(0);
      const store = await Store.open(db);
      try {
        const rows = async (table: string) => store.all(`SELECT * FROM ${table} ORDER BY ALL`);
        return {
          stderr: run.stderr,
          events: await rows('events'),
          quotes: await rows('quotes'),
          actors: await rows('actors'),
        };
      } finally {
        store.close();
      }
    };
    const inThread = await ingestWith(0);
    const onWorkers = await ingestWith(2);
    expect(inThread.stderr).toMatch(/^150 articles stored .*s$/m);
    expect(onWorkers.stderr).toMatch(/^150 articles stored .* · coded on 2 worker threads$/m);
    expect(inThread.events.length).toBeGreaterThan(150);
    expect(inThread.quotes.length).toBeGreaterThan(150);
    expect(onWorkers.events).toEqual(inThread.events);
    expect(onWorkers.quotes).toEqual(inThread.quotes);
    expect(onWorkers.actors).toEqual(inThread.actors);
  });

  it('shows a bar with the share done and the time left on a terminal', { timeout: 120_000 }, async (context) => {
    // `script` (util-linux) runs the command on a pseudo-terminal, as a user's shell would.
    if (spawnSync('script', ['--version']).error) context.skip();
    const dir = tmp();
    const file = generatedCorpus(dir, 600, 't');
    const command = [process.execPath, CLI, 'ingest', file, '--db', join(dir, 'tty.duckdb'), '--workers', '1'].join(
      ' ',
    );
    const run = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(run.status).toBe(0);
    // A frame of the bar: filled and empty cells, the share, then the line with the time left.
    expect(run.stdout).toMatch(/[█░]{20} \d+% · \d+ articles stored · \d+\/s · ETA (\d+m )?\d+s · 0 already stored/);
    expect(run.stdout).toMatch(
      new RegExp(
        String.raw`600 articles stored · \d+\/s · 0 already stored · \d+ near-duplicates · ` +
          String.raw`0 failed · [\d.]+s · coded on 1 worker thread`,
      ),
    );
  });

  it('resumes a killed ingest without loss or duplicates', { timeout: 120_000 }, async () => {
    const dir = tmp();
    const file = join(dir, 'many.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        id: `k${i}`,
        date: '2018-01-10',
        text:
          `Story ${i}\n\nThe United States imposed sanctions on North Korea, number ${i}. ` +
          `Mike Pence visited Seoul on day ${i} and said talks would resume.`,
      }),
    );
    writeFileSync(file, lines.join('\n'));
    const db = join(dir, 'test.duckdb');
    // Killed once the first thousand articles are through, as the run reports it (the benchmark's
    // memory line), not after a fixed time: on a loaded machine a fixed time could land anywhere.
    const child = spawn(process.execPath, [CLI, 'ingest', file, '--db', db, '--workers', '1', '--quiet'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DYAD_REPORT_RSS: '1' },
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let progress = '';
    child.stderr.on('data', (chunk: Buffer) => {
      progress += chunk.toString();
      if (/^rss after \d+ articles/m.test(progress)) child.kill('SIGKILL');
    });
    await exited;
    // The kill must land mid-run, or this would test nothing: some batches stored, not all.
    expect(child.signalCode).toBe('SIGKILL');
    const before = await DuckDBInstance.create(db);
    const beforeConnection = await before.connect();
    const [[storedAtKill]] = (await beforeConnection.runAndReadAll('SELECT count(*) FROM articles')).getRows() as [
      [bigint],
    ];
    beforeConnection.closeSync();
    before.closeSync();
    expect(Number(storedAtKill)).toBeGreaterThan(0);
    expect(Number(storedAtKill)).toBeLessThan(3000);
    const resumed = spawnSync(process.execPath, [CLI, 'ingest', file, '--db', db, '--workers', '1', '--quiet'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(resumed.status).toBe(0);
    const instance = await DuckDBInstance.create(db);
    const connection = await instance.connect();
    const [[articles, distinct], [inconsistent]] = [
      (await connection.runAndReadAll('SELECT count(*), count(DISTINCT id) FROM articles')).getRows()[0]!,
      (
        await connection.runAndReadAll(
          'SELECT count(*) FROM articles a WHERE a.n_events <> (SELECT count(*) FROM ' +
            'events e WHERE e.article_id = a.id)',
        )
      ).getRows()[0]!,
    ];
    connection.closeSync();
    instance.closeSync();
    expect([Number(articles), Number(distinct), Number(inconsistent)]).toEqual([3000, 3000, 0]);
  });
});
