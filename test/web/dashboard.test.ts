import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/shells/server/app.js';
import { REPO_ROOT } from '../support/paths.js';
import { exampleStore, HOSTILE_ID } from '../support/web-store.js';
import { browserSkipReason, launchBrowser, parseCsv } from './browser.js';

const skip = browserSkipReason();
if (skip) console.warn(`[dyad tests] ${skip}`);

/** `DYAD_SCREENSHOTS=1 npx vitest run test/web` rewrites docs/screenshots/ (the README shows them). */
const SCREENSHOTS = process.env.DYAD_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : null;

describe.skipIf(skip !== null)('dashboard in a browser', () => {
  let app: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await buildServer({ db: await exampleStore() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ context, close } = await launchBrowser());
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await app?.close();
  });

  const open = async (hash: string, ready: string) => {
    await page.goto(`${base}/${hash}`);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
  };
  const seriousViolations = async () => {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join('; ')})`,
      );
  };
  const shoot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };

  it.each([
    ['overview', '#/overview', '[data-total="events"]'],
    ['dyad', '#/dyad?a=USA&b=KOR', 'a.evidence'],
    ['network', '#/network', '.graph[data-nodes]'],
    ['quotes', '#/quotes', 'blockquote'],
    ['article', '#/article?id=4fd2df636f232935&event=2', '.selected'],
  ])('loads the %s view with no serious or critical accessibility violation', async (name, hash, ready) => {
    await open(hash, ready);
    await page.waitForTimeout(300);
    expect(await seriousViolations()).toEqual([]);
    expect(pageErrors).toEqual([]);
    await shoot(name);
  });

  it('goes from a top dyad to its events, and from an event to its highlighted evidence sentence', async () => {
    await open('#/overview', 'a[href*="#/dyad"]');
    // The top dyad, whichever it is: which dyads lead depends on the coder, not on the dashboard.
    await page.locator('a[href*="#/dyad"]', { hasText: '→' }).first().click();
    const evidence = page.locator('a.evidence').first();
    await evidence.waitFor();
    const sentence = (await evidence.textContent())!.trim();
    await evidence.click();
    await page.locator('.selected').first().waitFor();
    const highlighted = (await page.locator('.selected').allTextContents()).join('');
    expect(highlighted).toBe(sentence);
    expect(page.url()).toMatch(/#\/article\?id=.+&event=\d+/);
  });

  it('counts the background acts of the examples only when the box asks for them', async () => {
    await open('#/overview', '[data-total="events"]');
    const total = async () => Number(await page.locator('[data-total="events"]').textContent());
    const news = await total();
    await page.getByLabel('Background acts too').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/all=true/);
    // Two acts of the examples are dated well before their article (historical).
    await expect.poll(total, { timeout: 20_000 }).toBe(news + 2);
  });

  it('goes from a quotation to its article with the quotation highlighted', async () => {
    await open('#/quotes?speaker=Putin', 'blockquote');
    const words = (await page.locator('blockquote').first().textContent())!;
    await page.getByRole('link', { name: 'article', exact: true }).first().click();
    await page.locator('.selected').first().waitFor();
    expect((await page.locator('.selected').allTextContents()).join('')).toBe(words);
  });

  it('draws the network with sigma: nodes in the graph and labels on its canvas', async () => {
    await open('#/network', '.graph[data-nodes]');
    const nodes = Number(await page.locator('.graph').getAttribute('data-nodes'));
    expect(nodes).toBeGreaterThan(5);
    // Sigma draws node labels on a 2D canvas beside its WebGL ones: count its painted pixels.
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.graph canvas.sigma-labels');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return -1;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(100);
    await page.getByRole('link', { name: 'JPN' }).first().click();
    await page.getByRole('heading', { name: 'Events of JPN' }).waitFor();
  });

  it('downloads tables as CSV that parse, with the rows shown', async () => {
    await open('#/dyad?a=USA&b=KOR', 'a.evidence');
    const shown = await page.locator('table tbody tr').count();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download CSV/ }).click(),
    ]);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(rows[0]).toContain('evidence');
    expect(rows.length - 1).toBe(shown);
    for (const row of rows) expect(row.length).toBe(rows[0]!.length);

    await open('#/overview', 'a[href*="#/quotes"]');
    const [speakers] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download CSV of top speakers/ }).click(),
    ]);
    const table = parseCsv(readFileSync((await speakers.path())!, 'utf8'));
    expect(table[0]).toEqual(['speaker', 'code', 'quotes']);
    expect(table[1]![0]).toBe('Vladimir Putin');
  });

  it('shows markup inside an article as text: no script runs, no image is made', async () => {
    await open(`#/article?id=${HOSTILE_ID}`, '[data-testid="article-text"]');
    const text = await page.locator('[data-testid="article-text"]').textContent();
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('<img src="x" onerror="window.__pwned = 2">');
    expect(await page.locator('[data-testid="article-text"] img, [data-testid="article-text"] script').count()).toBe(0);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('says what to do when an article is missing or a search finds nothing', async () => {
    await open('#/article?id=no-such-article', '.message-error');
    expect(await page.locator('.message-error').textContent()).toMatch(
      /no article "no-such-article".*go back to the overview/,
    );
    await open('#/quotes?text=zzzzqqq', '.message-empty');
    expect(await page.locator('.message-empty').textContent()).toMatch(/No quotation matches: try fewer words/);
  });
});
