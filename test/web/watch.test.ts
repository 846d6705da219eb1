import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/shells/server/app.js';
import { browserSkipReason, launchBrowser } from './browser.js';

// The tests code in this thread (`watchWorkers: 0`): ingest's worker script exists only in dist/.

const ARTICLES = [
  {
    id: 'live-1',
    title: 'Talks',
    date: '2021-06-07',
    text: 'The Russian government condemned Ukraine on Monday over the border incident.',
  },
  { id: 'live-2', title: 'Aid', date: '2021-06-08', text: 'Japan sent aid to Nepal on Tuesday after the floods.' },
];

/** Polls `check` every 200 ms until it returns a value, for at most `ms`. */
async function until<T>(check: () => Promise<T | undefined>, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`not seen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Writes a JSON Lines file into the folder the way a downloader would: a temporary name, then a rename. */
function drop(dir: string, name: string): void {
  writeFileSync(join(dir, `.${name}.tmp`), ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  renameSync(join(dir, `.${name}.tmp`), join(dir, name));
}

describe('dyad serve --watch', () => {
  let app: FastifyInstance | null = null;
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  const health = async () => (await app!.inject('/api/health')).json();
  const total = async () => (await app!.inject('/api/events?limit=1')).json().total as number;

  it('ingests a file dropped into the folder, and codes nothing twice after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-watch-'));
    const db = join(dir, 'live.duckdb');
    const inbox = join(dir, 'inbox');
    app = await buildServer({ db, watch: inbox, watchWorkers: 0 });
    expect(await total()).toBe(0);
    drop(inbox, 'batch.jsonl');
    const events = await until(async () => ((await total()) > 0 ? total() : undefined));
    const ids = (await app.inject('/api/events?limit=100')).json().rows.map((r: { article: string }) => r.article);
    expect(new Set(ids)).toEqual(new Set(['live-1', 'live-2']));
    expect((await health()).watching).toMatchObject({ added: 2, failed: 0 });
    await app.close();

    // A restart reads the folder again: both articles are stored already, so both are skipped.
    app = await buildServer({ db, watch: inbox, watchWorkers: 0 });
    const again = await until(async () => ((await health()).watching.runs > 0 ? (await health()).watching : undefined));
    expect(again).toMatchObject({ added: 0, skipped: 2 });
    expect(await total()).toBe(events);
  });

  const skip = browserSkipReason();
  it.skipIf(skip !== null)('shows the new events on the overview page as they are stored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-watch-page-'));
    const inbox = join(dir, 'inbox');
    app = await buildServer({ db: join(dir, 'live.duckdb'), watch: inbox, watchWorkers: 0 });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const { context, close } = await launchBrowser();
    try {
      const page = await context.newPage();
      await page.goto(`${base}/#/overview`);
      const events = page.locator('[data-total="events"]');
      await events.waitFor();
      expect(await events.textContent()).toBe('0');
      drop(inbox, 'batch.jsonl');
      await until(async () => ((await events.textContent()) !== '0' ? true : undefined));
      expect(Number(await events.textContent())).toBe(await total());
    } finally {
      await close();
    }
  });
});
