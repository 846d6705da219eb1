import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/shells/server/app.js';
import { BACKGROUND_ARTICLE } from './support/background-article.js';
import { CLI, REPO_ROOT } from './support/paths.js';

/**
 * Background acts (dated well before their article: "In 2014, Russia annexed Crimea" in a 2024
 * story) are stored, marked historical, and left out of every count, listing and export unless
 * asked for with `--all` (`all=true` on the API).
 */

function dyad(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

/** The JSON Lines of a CLI run, parsed. */
const jsonLines = (text: string): Array<Record<string, unknown>> =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('historical events on the embedded store', () => {
  let dir: string;
  let db: string;
  let ingestOutput: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dyad-historical-'));
    db = join(dir, 'store.duckdb');
    const input = join(dir, 'story.jsonl');
    writeFileSync(input, JSON.stringify(BACKGROUND_ARTICLE) + '\n');
    const ingested = dyad(['ingest', input, '--db', db, '--workers', '0']);
    expect(ingested.status, ingested.stderr).toBe(0);
    ingestOutput = ingested.stdout;
    app = await buildServer({ db, webRoot: join(dir, 'no-web') });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the current acts only, and the background ones too with --all', () => {
    const news = jsonLines(dyad(['query', 'events', '--db', db, '--json']).stdout);
    expect(news.map((e) => [e.date, e.code, e.source, e.target])).toEqual([
      ['2024-03-11', '194', 'RUS', null],
      ['2024-03-12', '112', 'UKR', 'RUS'],
    ]);
    const all = jsonLines(dyad(['query', 'events', '--db', db, '--json', '--all']).stdout);
    expect(all.map((e) => [e.date, e.code, e.source, e.target])).toEqual([
      ['2014', '192', 'RUS', 'UKR'],
      ['2014-03-01', '192', 'RUS', 'UKR'],
      ['2024-03-11', '194', 'RUS', null],
      ['2024-03-12', '112', 'UKR', 'RUS'],
    ]);
  });

  it('counts per period and draws the network without the background acts, unless --all', () => {
    const periods = (extra: string[]) =>
      jsonLines(dyad(['query', 'events', '--by', 'month', '--db', db, '--json', ...extra]).stdout).map((r) => [
        r.period,
        Number(r.events),
      ]);
    expect(periods([])).toEqual([['2024-03', 2]]);
    expect(periods(['--all'])).toEqual([
      ['2014-03', 1],
      ['2024-03', 2],
    ]);
    const edges = (extra: string[]) =>
      jsonLines(dyad(['query', 'network', '--db', db, '--json', ...extra]).stdout).map((r) => [r.source, r.target]);
    expect(edges([])).toEqual([['UKR', 'RUS']]);
    expect(edges(['--all'])).toEqual([
      ['RUS', 'UKR'],
      ['UKR', 'RUS'],
    ]);
    const asSource = (extra: string[]) =>
      Number(
        jsonLines(dyad(['query', 'actors', '--db', db, '--json', ...extra]).stdout).find((r) => r.code === 'RUS')
          ?.as_source,
      );
    expect([asSource([]), asSource(['--all'])]).toEqual([1, 3]);
  });

  it('says in the ingest summary how many historical events its counts left out', () => {
    expect(ingestOutput).toMatch(/2 events \(2 historical left out/);
    expect(ingestOutput).not.toMatch(/\b192\b/);
  });

  it('exports the current acts in every format, and the background ones with --all', () => {
    const exported = (format: string, extra: string[] = []) => {
      const out = join(dir, `events-${format}-${extra.length}`);
      const run = dyad(['export', 'events', '--format', format, '--out', out, '--db', db, ...extra]);
      expect(run.status, run.stderr).toBe(0);
      return { out, rows: Number(/^(\d+) rows/.exec(run.stderr)?.[1]) };
    };
    const codes = (out: string) => jsonLines(readFileSync(out, 'utf8')).map((e) => [e.code, e.historical]);
    expect(codes(exported('jsonl').out)).toEqual([
      ['112', false],
      ['194', false],
    ]);
    expect(codes(exported('jsonl', ['--all']).out)).toEqual([
      ['112', false],
      ['194', false],
      ['192', true],
      ['192', true],
    ]);
    expect(readFileSync(exported('csv').out, 'utf8')).not.toMatch(/annexed|invaded/);
    expect(readFileSync(exported('csv', ['--all']).out, 'utf8')).toMatch(/annexed[\s\S]*invaded/);
    expect([exported('parquet').rows, exported('parquet', ['--all']).rows]).toEqual([2, 4]);
    // GDELT rows need a whole date: the invasion of March 1, 2014 is there with --all only.
    const gdeltCodes = (out: string) =>
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split('\t').slice(1, 2).concat(line.split('\t')[26]!));
    expect(gdeltCodes(exported('gdelt').out)).toEqual([
      ['20240311', '194'],
      ['20240312', '112'],
    ]);
    expect(gdeltCodes(exported('gdelt', ['--all']).out)).toEqual([
      ['20140301', '192'],
      ['20240311', '194'],
      ['20240312', '112'],
    ]);
  });

  it.each([
    ['/api/events', 2, 4],
    ['/api/timeline?by=month', 1, 2],
    ['/api/network', 1, 2],
  ])('%s leaves the background acts out, and all=true keeps them', async (url, news, all) => {
    const rows = async (query: string) => {
      const body = (await app.inject(query)).json() as { rows?: unknown[]; edges?: { rows: unknown[] } };
      return (body.rows ?? body.edges?.rows ?? []).length;
    };
    expect(await rows(url)).toBe(news);
    expect(await rows(`${url}${url.includes('?') ? '&' : '?'}all=true`)).toBe(all);
  });

  it('counts the news only in the overview and the actors, and everything with all=true', async () => {
    const totals = async (query: string) => ((await app.inject(query)).json() as { totals: { events: number } }).totals;
    expect((await totals('/api/overview')).events).toBe(2);
    expect((await totals('/api/overview?all=true')).events).toBe(4);
    const russia = async (query: string) =>
      ((await app.inject(query)).json() as { rows: Array<{ code: string; as_source: number }> }).rows.find(
        (r) => r.code === 'RUS',
      )?.as_source;
    expect(await russia('/api/actors?q=RUS')).toBe(1);
    expect(await russia('/api/actors?q=RUS&all=true')).toBe(3);
  });
});
