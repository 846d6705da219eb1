import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/shells/server/app.js';
import { StoreHandle } from '../src/shells/server/store-handle.js';
import { Store } from '../src/store/store.js';
import { CLI, REPO_ROOT } from './support/paths.js';
import { exampleStore, HOSTILE_ID, HOSTILE_TEXT } from './support/web-store.js';

let app: FastifyInstance;
let db: string;

beforeAll(async () => {
  db = await exampleStore();
  app = await buildServer({ db });
}, 120_000);
afterAll(async () => app?.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('dyad serve: HTTP API', () => {
  it.each([
    ['/api/events?limit=5000', 'limit'],
    ['/api/events?limit=0', 'limit'],
    ['/api/events?quad=7', 'quad'],
    ['/api/events?from=2018-13-01', 'from'],
    ['/api/events?code=abc', 'code'],
    ['/api/events?colour=red', 'colour'],
    ['/api/timeline?by=year', 'by'],
    ['/api/network?minWeight=0', 'minWeight'],
    ['/api/quotes?to=yesterday', 'to'],
    ['/api/actors?limit=many', 'limit'],
    ['/api/explain/x/first', 'sentence'],
  ])('%s is a 400 naming "%s"', async (url, parameter) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.parameter).toBe(parameter);
    expect(body.message).toContain(`"${parameter}"`);
    expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it.each([
    ['/api/articles/no-such-article', /no article "no-such-article"/],
    ['/api/explain/no-such-article/0', /no article "no-such-article"/],
    ['/api/nowhere', /no such API route/],
  ])('%s is a 404 with a message', async (url, message) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(message);
  });

  it('sends a no-inline-script CSP and nosniff on every response, errors included', async () => {
    for (const url of ['/api/events?limit=1', '/api/events?limit=0', '/api/nowhere']) {
      const response = await get(url);
      expect(response.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('filters events by dyad in both directions and pages them', async () => {
    // (The examples' Japan–South Korea article codes no dyad of the two since "Cooperation ... is
    // indispensable" is no event: the U.S. and South Korea requesting a meeting act both ways.)
    const both = (await get('/api/events?source=USA&target=KOR&undirected=true')).json();
    const one = (await get('/api/events?source=USA&target=KOR')).json();
    expect(one.total).toBeGreaterThan(0);
    expect(both.total).toBeGreaterThan(one.total);
    // Both directions: the U.S. as source in some rows, as target in others.
    expect(both.rows.some((r: { source: string }) => r.source.startsWith('USA'))).toBe(true);
    expect(both.rows.some((r: { target: string | null }) => r.target?.startsWith('USA'))).toBe(true);
    const page = (await get('/api/events?limit=2&offset=1')).json();
    const all = (await get('/api/events?limit=3')).json();
    expect(page.rows).toEqual(all.rows.slice(1, 3));
  });

  it('matches actors by code or country only with exact=true: KOR is South Korea, not "North Korea"', async () => {
    const loose = (await get('/api/events?source=JPN&target=KOR&undirected=true')).json();
    const exact = (await get('/api/events?source=JPN&target=KOR&undirected=true&exact=true')).json();
    const involvesPrk = (r: { source: string; target: string | null }) =>
      [r.source, r.target].some((c) => c?.startsWith('PRK'));
    expect(loose.rows.some(involvesPrk)).toBe(true);
    expect(exact.total).toBeLessThan(loose.total);
    expect(exact.rows.some(involvesPrk)).toBe(false);
    for (const r of exact.rows) expect([r.source.slice(0, 3), r.target.slice(0, 3)].sort()).toEqual(['JPN', 'KOR']);
    // A dyad the examples do code, exactly: its timeline counts the same events.
    const usKorea = (await get('/api/events?source=USA&target=KOR&undirected=true&exact=true')).json();
    expect(usKorea.total).toBeGreaterThan(0);
    for (const r of usKorea.rows) expect([r.source.slice(0, 3), r.target.slice(0, 3)].sort()).toEqual(['KOR', 'USA']);
    const timeline = (await get('/api/timeline?source=USA&target=KOR&undirected=true&exact=true')).json();
    expect(timeline.rows.reduce((n: number, r: { events: number }) => n + r.events, 0)).toBe(usKorea.total);
  });

  it('gives an event index that points at its evidence sentence in the article', async () => {
    const [event] = (await get('/api/events?source=JPN&target=KOR&limit=1')).json().rows;
    const article = (await get(`/api/articles/${event.article}`)).json();
    const coded = article.events[event.idx];
    expect(article.text.slice(coded.evidenceStart, coded.evidenceEnd)).toBe(event.evidence);
    expect(coded.code).toBe(event.code);
  });

  it('counts a timeline by QuadClass that adds up to the events listed', async () => {
    const timeline = (await get('/api/timeline?actor=RUSGOV&by=month')).json();
    const events = (await get('/api/events?actor=RUSGOV&limit=1000')).json();
    const monthly = events.rows.filter((r: { date: string | null }) => /^\d{4}-\d{2}/.test(r.date ?? '')).length;
    let sum = 0;
    for (const row of timeline.rows) {
      expect(row.verbal_coop + row.material_coop + row.verbal_conflict + row.material_conflict).toBe(row.events);
      sum += row.events;
    }
    expect(sum).toBe(monthly);
  });

  it('returns network edges at or above the minimum weight, with their nodes', async () => {
    const all = (await get('/api/network?minWeight=1')).json();
    const weights = all.edges.rows.map((e: { events: number }) => e.events);
    // The heaviest edge's weight as the minimum: only the edges that heavy are left.
    const heaviest = Math.max(...weights);
    const network = (await get(`/api/network?minWeight=${heaviest}`)).json();
    expect(network.edges.rows.length).toBe(weights.filter((w: number) => w >= heaviest).length);
    const heavier = (await get(`/api/network?minWeight=${heaviest + 1}`)).json();
    expect(heavier.edges.rows).toEqual([]);
    for (const edge of network.edges.rows) expect(edge.events).toBeGreaterThanOrEqual(heaviest);
    const ids = new Set(network.nodes.map((n: { id: string }) => n.id));
    for (const edge of network.edges.rows) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
  });

  it('answers CSV for ?format=csv and for Accept: text/csv', async () => {
    const byParam = await get('/api/actors?q=russia&format=csv');
    const byAccept = await get('/api/actors?q=russia', { accept: 'text/csv' });
    for (const response of [byParam, byAccept]) {
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, first] = response.body.split('\n');
      expect(header).toBe('code,name,kind,mentions,articles,as_source,as_target,quotes');
      expect(first).toMatch(/^RUS/);
    }
  });

  it('finds quotations by speaker', async () => {
    const quotes = (await get('/api/quotes?speaker=Putin')).json();
    expect(quotes.rows.length).toBeGreaterThan(0);
    for (const q of quotes.rows) expect(q.speaker).toBe('Vladimir Putin');
  });

  it('returns an article whose text holds markup verbatim, as JSON text', async () => {
    const response = await get(`/api/articles/${HOSTILE_ID}`);
    expect(response.statusCode).toBe(200);
    const article = response.json();
    expect(article.text).toContain('<script>window.__pwned = 1</script>');
    expect(article.text).toContain('<img src="x" onerror="window.__pwned = 2">');
    expect(HOSTILE_TEXT).toContain(article.text.slice(0, 30));
    expect(article.url).toBe('javascript:window.__pwned = 3');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('explains a stored sentence by coding its text again', async () => {
    const [event] = (await get('/api/events?source=JPN&target=KOR&limit=1')).json().rows;
    const article = (await get(`/api/articles/${event.article}`)).json();
    const sentence = article.events[event.idx].sentence;
    const explained = (await get(`/api/explain/${event.article}/${sentence}`)).json();
    expect(explained.text).toBe(event.evidence);
    expect(explained.explanation).toContain(`⇒ event ${event.code}`);
  });

  it('serves an OpenAPI 3.1 document listing every route', async () => {
    const doc = (await get('/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/events',
      '/api/timeline',
      '/api/network',
      '/api/quotes',
      '/api/actors',
      '/api/articles/{id}',
      '/api/explain/{article}/{sentence}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe('dyad serve: a store locked by a writer', () => {
  it('answers 503 with Retry-After while another process writes, in one sentence', async () => {
    // DuckDB locks across processes, so the writer is simulated by a handle whose open fails as DuckDB's does.
    const handle = new StoreHandle(db, 0, async () => {
      throw new Error(`IO Error: Could not set lock on file "${db}": Conflicting lock is held in node (PID 1)`);
    });
    expect(await handle.check()).toMatch(/is locked by another process/);
    const locked = await buildServer({ db, handle });
    try {
      const response = await locked.inject('/api/events');
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().message).toMatch(/locked by another process.*503 until it is done/);
    } finally {
      await locked.close();
    }
  });

  it('lets another process write once the server has been idle, and not before', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'dyad-idle-')), 'copy.duckdb');
    copyFileSync(db, copy);
    // DuckDB's lock is per process: the writer must be another one, as an ingest is.
    const storeModule = JSON.stringify(join(REPO_ROOT, 'dist', 'store', 'store.js'));
    const script =
      `const { Store } = await import(${storeModule}); ` + `(await Store.open(${JSON.stringify(copy)})).close();`;
    const write = () =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    const handle = new StoreHandle(copy, 300);
    try {
      // While a request is under way the store stays open, however long the writer takes to start.
      const during = await handle.use(async (store) => {
        await store.all('SELECT count(*) FROM events');
        return write();
      });
      expect(during.status).not.toBe(0);
      expect(during.stderr).toMatch(/lock/i);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(write().status).toBe(0);
    } finally {
      handle.close();
    }
  });

  it("opens the store read-only: a write through the server's connection fails", async () => {
    const store = await Store.openReadOnly(db);
    try {
      await expect(store.all('CREATE TABLE scratch (x INTEGER)')).rejects.toThrow(/read-only/i);
    } finally {
      store.close();
    }
  });
});

describe('dyad serve: the command', () => {
  it('refuses a store that does not exist in one sentence, with exit code 2', () => {
    const run = spawnSync(process.execPath, [CLI, 'serve', '--db', '/nonexistent/dyad.duckdb'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'dyad: no store at /nonexistent/dyad.duckdb (create one with: dyad ingest ... --db /nonexistent/dyad.duckdb)',
    );
  });
});
