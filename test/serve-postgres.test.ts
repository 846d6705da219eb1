import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { generateCorpus } from '../src/bench/corpus.js';
import { POSTGRES } from '../src/query/dialect.js';
import { queryFailures, queryQuotes, type QueryResult, wholeWordsPattern } from '../src/query/queries.js';
import { openPostgresSource, type QuerySource } from '../src/query/source.js';
import { buildServer } from '../src/shells/server/app.js';
import { ingest } from '../src/store/ingest.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { Store } from '../src/store/store.js';
import { BACKGROUND_ARTICLE } from './support/background-article.js';
import { CLI, REPO_ROOT } from './support/paths.js';
import { freePort, HAVE_SERVICES, PostgresServer, RedisServer, SERVICES_MISSING } from './support/services.js';

/**
 * `dyad serve --db postgres://...`: the same input coded into a DuckDB file (one machine) and into
 * a PostgreSQL store (through the queue and a worker), then every API route asked of both servers:
 * the answers must be the same JSON, and not empty (two empty answers would prove nothing).
 */

if (!HAVE_SERVICES) console.warn(SERVICES_MISSING);

/** Generated articles beside the examples: enough dates, actors and ties to tell two stores apart. */
const GENERATED = 150;

/**
 * Articles of our own: quotations to search by words, a near-duplicate (left out of every count),
 * and a story with background acts (historical: left out unless asked for).
 */
const OWN_ARTICLES = [
  BACKGROUND_ARTICLE,
  {
    id: 'own-envoy',
    date: '2019-05-06',
    text:
      'Envoy vows pressure\n\nThe United States envoy said on Monday that "we will keep up the maximum pressure ' +
      'campaign until North Korea talks." The U.S. would not back down, she told reporters in Seoul.',
  },
  {
    id: 'own-envoy-copy',
    date: '2019-05-06',
    text:
      'Envoy vows pressure\n\nThe United States envoy said on Monday that "we will keep up the maximum pressure ' +
      'campaign until North Korea talks." The U.S. would not back down, she told reporters in Seoul today.',
  },
  {
    id: 'own-minister',
    date: '2019-06-11',
    text:
      'Minister answers\n\nJapan condemned North Korea on Tuesday. "Pressured nations do not bend," the Japanese ' +
      'foreign minister said, adding that Tokyo would coordinate with the U.S. and South Korea.',
  },
];

function cli(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** Runs one `dyad worker` until the queue has drained and near-duplicates are linked, then stops it. */
async function runWorkerToDrain(queue: string, store: string): Promise<void> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'worker', '--queue', queue, '--store', store, '--threads', '1', '--concurrency', '2'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('queue drained:')) resolve();
    });
    void exited.then(() => reject(new Error(`the worker exited before the queue drained:\n${output}`)));
  });
  process.kill(child.pid!, 'SIGTERM');
  expect(await exited, output).toBe(0);
  expect(output).not.toMatch(/ failed/);
}

describe.runIf(HAVE_SERVICES)('dyad serve on a PostgreSQL store answers as on DuckDB', () => {
  let redis: RedisServer;
  let postgres: PostgresServer;
  let dir: string;
  let pgUrl: string;
  let duckPath: string;
  let duckFailures: QueryResult;
  let onDuck: FastifyInstance;
  let onPg: FastifyInstance;
  let articleIds: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dyad-serve-pg-'));
    redis = await RedisServer.start();
    postgres = await PostgresServer.start();
    const generated = join(dir, 'generated.jsonl');
    const records = generateCorpus(join(REPO_ROOT, 'examples'), GENERATED, 7).map((r, i) =>
      JSON.stringify({ id: `g${i}`, [r.format === 'html' ? 'html' : 'text']: r.content }),
    );
    writeFileSync(generated, records.join('\n') + '\n');
    const own = join(dir, 'own.jsonl');
    // And a record without content: a failure in both stores.
    writeFileSync(own, [...OWN_ARTICLES, { id: 'own-empty' }].map((a) => JSON.stringify(a)).join('\n') + '\n');
    const inputs = [join(REPO_ROOT, 'examples'), generated, own];

    duckPath = join(dir, 'one.duckdb');
    await ingest(inputs, { db: duckPath, workers: 0 });
    // Read now: the server holds the file open later.
    const duck = await Store.openReadOnly(duckPath);
    duckFailures = await queryFailures(duck);
    duck.close();
    pgUrl = await postgres.createDatabase('served');
    const init = cli(['init', '--store', pgUrl]);
    expect(init.status, init.stderr).toBe(0);
    const enqueued = cli(['ingest', ...inputs, '--queue', redis.url, '--job-records', '50']);
    expect(enqueued.status, enqueued.stderr).toBe(0);
    await runWorkerToDrain(redis.url, pgUrl);

    onDuck = await buildServer({ db: duckPath, webRoot: join(dir, 'no-web') });
    onPg = await buildServer({ db: pgUrl, webRoot: join(dir, 'no-web') });
    const store = await PgStore.connect(pgUrl);
    try {
      articleIds = (await store.all('SELECT id FROM articles ORDER BY id')).map((r) => String(r.id));
    } finally {
      await store.close();
    }
  }, 600_000);

  afterAll(async () => {
    await onDuck?.close();
    await onPg?.close();
    await redis?.stop();
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Both servers' answers to one request: status, type and body, the JSON parsed. */
  async function both(url: string) {
    const answer = async (app: FastifyInstance) => {
      const response = await app.inject(url);
      const type = String(response.headers['content-type']);
      return {
        status: response.statusCode,
        type,
        body: type.startsWith('application/json') ? response.json() : response.body,
      };
    };
    return { duck: await answer(onDuck), pg: await answer(onPg) };
  }

  /** What a route's answer must hold, so that two empty answers fail. */
  const rowsOf = (body: { rows?: unknown[]; edges?: { rows: unknown[] } }) => body.rows ?? body.edges?.rows ?? [];

  it('stored the same articles in both stores, the near-duplicate marked in both', async () => {
    expect(articleIds.length).toBe(10 + GENERATED + OWN_ARTICLES.length);
    const copy = await both('/api/articles/own-envoy-copy');
    expect(copy.duck.body.duplicateOf).toBe('own-envoy');
    expect(copy.pg).toEqual(copy.duck);
  });

  it.each([
    '/api/overview',
    '/api/overview?from=2018-01-01&to=2019-12-31',
    '/api/events?limit=1000',
    '/api/events?limit=7&offset=5',
    '/api/events?source=korea',
    '/api/events?actor=PRK',
    '/api/events?root=19',
    '/api/events?code=05',
    '/api/events?quad=4&from=2015-01-01&to=2019-12',
    '/api/events?text=sanctions',
    '/api/events?limit=20&format=csv',
    '/api/timeline',
    '/api/timeline?by=day',
    '/api/timeline?by=week',
    '/api/timeline?by=month&actor=USA',
    '/api/timeline?by=week&format=csv',
    '/api/network',
    '/api/network?minWeight=1',
    '/api/network?from=2018-01-01&to=2020-12-31',
    '/api/network?format=csv',
    '/api/quotes?limit=1000',
    '/api/quotes?speaker=Modi',
    '/api/quotes?text=maximum%20pressure',
    '/api/quotes?text=U.S.',
    '/api/quotes?text=pressure&format=csv',
    '/api/actors',
    '/api/actors?limit=100',
    '/api/actors?q=korea',
    '/api/actors?q=GOV&format=csv',
    '/api/overview?all=true',
    '/api/events?limit=1000&all=true',
    '/api/timeline?by=month&all=true',
    '/api/network?all=true',
    '/api/actors?limit=100&all=true',
  ])('%s', async (url) => {
    const { duck, pg } = await both(url);
    expect(duck.status).toBe(200);
    if (typeof duck.body === 'string') expect(duck.body.trim().split('\n').length).toBeGreaterThan(1);
    else if (url.startsWith('/api/overview')) expect(duck.body.totals.events).toBeGreaterThan(0);
    else expect(rowsOf(duck.body).length).toBeGreaterThan(0);
    expect(pg).toEqual(duck);
  });

  it('lists the events and the timeline of the busiest dyad alike, by code, by name, one way or both', async () => {
    const { duck } = await both('/api/network?limit=1');
    const { source, target } = duck.body.edges.rows[0] as { source: string; target: string };
    // The name the events give the source (an actor's most mentioned name may be one no event of the dyad carries).
    const [sourceName] = (await both(`/api/events?source=${source}&target=${target}&limit=1`)).duck.body.rows.map(
      (r: { source_name: string }) => r.source_name,
    );
    for (const url of [
      `/api/events?source=${source}&target=${target}`,
      `/api/events?source=${target}&target=${source}&undirected=true`,
      `/api/events?source=${source}&target=${target}&exact=true&undirected=true`,
      `/api/events?source=${encodeURIComponent(sourceName)}`,
      `/api/timeline?by=day&source=${source}&target=${target}&undirected=true`,
    ]) {
      const answers = await both(url);
      expect(answers.duck.body.rows.length, url).toBeGreaterThan(0);
      expect(answers.pg, url).toEqual(answers.duck);
    }
  });

  it('leaves background acts out of events, overview and exports on both stores; keeps them when asked', async () => {
    const annexed = await both('/api/events?text=annexed');
    expect(annexed.duck.body.rows).toEqual([]);
    expect(annexed.pg).toEqual(annexed.duck);
    const kept = await both('/api/events?text=annexed&all=true');
    expect(kept.duck.body.rows.map((r: { code: string; date: string }) => [r.date, r.code])).toEqual([['2014', '192']]);
    expect(kept.pg).toEqual(kept.duck);
    const news = await both('/api/overview');
    const all = await both('/api/overview?all=true');
    expect(all.duck.body.totals.events - news.duck.body.totals.events).toBeGreaterThanOrEqual(2);
    expect([news.pg.body.totals, all.pg.body.totals]).toEqual([news.duck.body.totals, all.duck.body.totals]);
    for (const extra of [[], ['--all']]) {
      const exported = (db: string, name: string) => {
        const out = join(dir, `${name}${extra.length}.jsonl`);
        const run = cli(['export', 'events', '--format', 'jsonl', '--out', out, '--db', db, ...extra]);
        expect(run.status, run.stderr).toBe(0);
        return readFileSync(out, 'utf8');
      };
      const fromDuck = exported(duckPath, 'duck');
      expect(fromDuck.includes('Russia annexed Crimea'), `with ${extra}`).toBe(extra.length > 0);
      expect(exported(pgUrl, 'pg'), `with ${extra}`).toBe(fromDuck);
    }
  });

  it('finds quotations by whole words: "pressure" is not "Pressured", in both stores', async () => {
    const { duck, pg } = await both('/api/quotes?text=pressure');
    const texts = duck.body.rows.map((r: { text: string }) => r.text);
    expect(texts.some((t: string) => t.includes('maximum pressure campaign'))).toBe(true);
    expect(texts.some((t: string) => t.includes('Pressured'))).toBe(false);
    expect(pg).toEqual(duck);
    const partial = await both('/api/quotes?text=pressur');
    expect(partial.duck.body.rows).toEqual([]);
    expect(partial.pg).toEqual(partial.duck);
  });

  it('shows every article, and explains a sentence, the same on both stores', async () => {
    for (const id of articleIds) {
      const { duck, pg } = await both(`/api/articles/${encodeURIComponent(id)}`);
      expect(duck.status, id).toBe(200);
      expect(pg, id).toEqual(duck);
    }
    const missing = await both('/api/articles/no-such-article');
    expect(missing.duck.status).toBe(404);
    expect(missing.pg).toEqual(missing.duck);
    const explained = await both('/api/explain/own-minister/1');
    expect(explained.duck.status).toBe(200);
    expect(explained.pg).toEqual(explained.duck);
  }, 120_000);

  it('lists the failures with the same columns, the time of failing written alike', async () => {
    const store = await openPostgresSource(pgUrl);
    try {
      const withoutTime = (result: QueryResult) => {
        for (const row of result.rows) expect(String(row.failed_at)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        return { ...result, rows: result.rows.map(({ failed_at: _, ...rest }) => rest) };
      };
      const expected = withoutTime(duckFailures);
      expect(expected.rows).toEqual([expect.objectContaining({ rule: 'ingest/jsonl-missing-content' })]);
      expect(withoutTime(await queryFailures(store))).toEqual(expected);
    } finally {
      await store.close();
    }
  });

  it('reports its health without the store address differing in anything else, and no password', async () => {
    const { duck, pg } = await both('/api/health');
    expect(pg.status).toBe(200);
    expect({ ...pg.body, store: '' }).toEqual({ ...duck.body, store: '' });
    const withPassword = await buildServer({
      db: pgUrl.replace('dyad@', 'dyad:secret@'),
      webRoot: join(dir, 'no-web'),
    });
    try {
      const health = (await withPassword.inject('/api/health')).json();
      expect(health.store).toContain('dyad:***@');
      expect(JSON.stringify(health)).not.toContain('secret');
    } finally {
      await withPassword.close();
    }
  });

  it('reads the words of a search as DuckDB does, but for a word inside what its parser keeps whole', async () => {
    const store = await PgStore.connect(pgUrl);
    const rows: Array<[search: string, quotation: string, found: boolean]> = [
      ['pressure', 'Pressured nations do not bend', false],
      ['maximum pressure', 'the maximum  pressure campaign', true],
      ['U.S.', 'the U.S., he said', true],
      ['jong', 'Kim Jong-un met him', true],
      ['won', "we won't back down", true],
      ['caf', 'they met at a café', false],
      ['café', 'they met at a café', true],
      ['3.5', 'growth of 3.5 percent', true],
      // The limit docs/scale-out.md states: PostgreSQL's parser reads "3.5" as one word.
      ['5', 'growth of 3.5 percent', false],
    ];
    try {
      for (const [search, quotation, found] of rows) {
        const text = 'CAST(? AS text)';
        const [row] = await store.all(
          `SELECT ${POSTGRES.quoteWordsIndexed(text)} AND ${POSTGRES.matchesParameter(text)} AS found`,
          [quotation, search, quotation, wholeWordsPattern(search)!],
        );
        expect(row?.found, `${search} in "${quotation}"`).toBe(found);
      }
    } finally {
      await store.close();
    }
  });

  it("searches quotations through the store's full-text index", async () => {
    // The words' condition is in the search's SQL...
    const clause = POSTGRES.quoteWordsIndexed('q.text')!;
    let searched = '';
    const capturing: QuerySource = { dialect: POSTGRES, all: async (sql) => ((searched += sql), []) };
    await queryQuotes(capturing, { text: 'maximum pressure' });
    expect(searched).toContain(clause);
    // ...and the index answers it (the table is small, so the planner would scan it: the scan is forbidden).
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN SELECT q.text FROM quotes q WHERE ${clause.replace('?', '$1')}`, [
        'maximum pressure',
      ]);
      expect(rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toContain('quotes_text');
    } finally {
      await client.end();
    }
  });
});

describe('dyad serve on a PostgreSQL store: what it refuses, and an unreachable server', () => {
  it('answers 503 with Retry-After while PostgreSQL cannot be reached, in one sentence', async () => {
    const url = `postgres://dyad@127.0.0.1:${await freePort()}/dyad`;
    const app = await buildServer({ db: url, webRoot: join(tmpdir(), 'dyad-no-web') });
    try {
      const response = await app.inject('/api/events');
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().message).toBe(
        `the PostgreSQL store at ${url} cannot be reached; the API answers 503 until it can`,
      );
    } finally {
      await app.close();
    }
  });

  it('refuses --watch with a PostgreSQL store, saying how to ingest into one', () => {
    const run = cli(['serve', '--db', 'postgres://dyad@127.0.0.1:1/dyad', '--watch', join(tmpdir(), 'inbox')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^dyad: --watch ingests into a DuckDB store; .*dyad worker --queue/);
  });
});
