import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DyadRecord } from '../src/index.js';
import { Store } from '../src/store/store.js';
import { CLI, REPO_ROOT } from './support/paths.js';

function dyad(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  const records = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as DyadRecord);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, records };
}

/** A folder with a page of 100,000 nested `<div>`s (it runs for minutes) between two good articles. */
function folderWithDeepPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-limits-'));
  const para = '<p>The United States imposed new sanctions on North Korea on Wednesday, officials in Seoul said.</p>';
  writeFileSync(
    join(dir, 'a.txt'),
    'Talks resume\n\nJapan and South Korea agreed on Monday to resume talks, the ministry said.',
  );
  writeFileSync(
    join(dir, 'b-deep.html'),
    `<html><body>${'<div>'.repeat(100_000)}${para}${'</div>'.repeat(100_000)}</body></html>`,
  );
  writeFileSync(
    join(dir, 'c.txt'),
    'Sanctions\n\nThe United States imposed new sanctions on North Korea on Wednesday.',
  );
  return dir;
}

describe('each article within a time budget', () => {
  it('a 19 MB JSON Lines record is coded or stopped with a named error, and the records around it are coded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-limits-'));
    const sentence = 'The United States imposed new sanctions on North Korea on Wednesday, officials in Seoul said. ';
    const huge = 'Sanctions again\n\n' + sentence.repeat(Math.ceil((19 * 2 ** 20) / sentence.length));
    const lines = [
      { id: 'a', date: '2018-02-12', text: 'Talks resume\n\nJapan and South Korea agreed on Monday to resume talks.' },
      { id: 'huge', date: '2018-02-12', text: huge },
      { id: 'c', date: '2018-02-12', text: 'Sanctions\n\nThe United States imposed new sanctions on North Korea.' },
    ];
    const file = join(dir, 'long-line.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const { stderr, records } = dyad(['code', '--article-timeout', '3', file]);
    const titles = records.map((r) => r.meta.title);
    expect(titles).toEqual(expect.arrayContaining(['Talks resume', 'Sanctions']));
    // Coded whole, or left out with an error that names the record's line and why.
    if (!titles.includes('Sanctions again'))
      expect(stderr).toMatch(/long-line\.jsonl:2:1: error: .*\[[a-z]+\/[a-z-]+\]/);
  }, 90_000);

  it('a 60 MB page is refused by name, and the article beside it is coded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-limits-'));
    const para = '<p>The United States imposed new sanctions on North Korea on Wednesday, officials in Seoul said.</p>';
    writeFileSync(join(dir, 'a.txt'), 'Talks resume\n\nJapan and South Korea agreed on Monday to resume talks.');
    const page = join(dir, 'b-huge.html');
    writeFileSync(page, `<html><body>${para.repeat(Math.ceil((60 * 2 ** 20) / para.length))}</body></html>`);
    const { status, stderr, records } = dyad(['code', dir]);
    expect(status).toBe(1);
    expect(records.map((r) => r.meta.title)).toEqual(['Talks resume']);
    expect(stderr).toMatch(new RegExp(`${page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*error: .*\\[[a-z]+/[a-z-]+\\]`));
  }, 90_000);

  it('dyad code stops an article past --article-timeout with a named error and codes the others', () => {
    const dir = folderWithDeepPage();
    const { status, stderr, records } = dyad(['code', '--article-timeout', '3', dir]);
    expect(status).toBe(1);
    expect(records.map((r) => r.meta.title)).toEqual(['Talks resume', 'Sanctions']);
    const deep = join(dir, 'b-deep.html');
    expect(stderr).toContain(
      `${deep}:1:1: error: ${deep}: coding stopped after 3 s, the time budget ` +
        `of one article (--article-timeout); the article is left out [engine/article-timeout]`,
    );
  }, 60_000);

  it('dyad ingest stops the worker of an article past its budget, records it, and stores the others', async () => {
    const dir = folderWithDeepPage();
    const db = join(dir, 'limits.duckdb');
    const run = spawnSync(
      process.execPath,
      [CLI, 'ingest', dir, '--db', db, '--workers', '1', '--article-timeout', '3', '--quiet'],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    const store = await Store.open(db);
    try {
      expect((await store.all('SELECT title FROM articles ORDER BY title')).map((r) => r.title)).toEqual([
        'Sanctions',
        'Talks resume',
      ]);
      const failures = await store.all('SELECT rule, reason FROM failures');
      expect(failures).toEqual([
        {
          rule: 'ingest/article-timeout',
          reason: expect.stringContaining(`${join(dir, 'b-deep.html')}: coding stopped after 3 s`),
        },
      ]);
    } finally {
      store.close();
    }
  }, 60_000);

  it('refuses a time budget that is not a positive number', () => {
    const { status, stderr } = dyad(['code', '--article-timeout', 'soon', '-']);
    expect(status).toBe(2);
    expect(stderr).toContain(
      "option '--article-timeout <seconds>' argument 'soon' is invalid. expected a number of seconds above 0",
    );
  });
});

describe('text decoding', () => {
  it('codes every file of a folder whose bytes needed mending, each with a warning that says what was mended', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-decode-'));
    const stray = join(dir, 'a-stray.txt');
    const nul = join(dir, 'b-nul.txt');
    const wide = join(dir, 'c-wide.txt');
    writeFileSync(
      stray,
      Buffer.concat([
        Buffer.from('Merkel’s visit\n\nChancellor Angela Merkel met French officials in Paris on Monday'),
        Buffer.from([0x92]),
        Buffer.from('.'),
      ]),
    );
    writeFileSync(
      nul,
      Buffer.concat([
        Buffer.from('Talks\n\nJapan and South Korea agreed to resume talks.'),
        Buffer.from([0]),
        Buffer.from(' The ministry said so.'),
      ]),
    );
    writeFileSync(
      wide,
      Buffer.from('Sanctions\n\nThe United States imposed new sanctions on North Korea on Wednesday.', 'utf16le'),
    );
    const { status, stderr, records } = dyad(['code', '--date', '2018-02-12', dir]);
    expect(status).toBe(0);
    expect(records.map((r) => r.meta.title)).toEqual(['Merkel’s visit', 'Talks', 'Sanctions']);
    expect(records[0]!.text).toBe('Chancellor Angela Merkel met French officials in Paris on Monday\uFFFD.');
    expect(records[2]!.source.encoding).toBe('UTF-16LE');
    expect(stderr).toContain(
      `${stray}:1:1: warning: ${stray}: 1 byte is not valid UTF-8 and became U+FFFD (�) [ingest/invalid-utf8]`,
    );
    expect(stderr).toContain(`${nul}:1:1: warning: ${nul}: 1 NUL byte dropped [ingest/nul-bytes]`);
  }, 60_000);

  it('dyad code counts the inputs it passes over as not news', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-skip-'));
    writeFileSync(
      join(dir, 'a.txt'),
      'Sanctions\n\nThe United States imposed new sanctions on North Korea on Wednesday.',
    );
    writeFileSync(join(dir, 'README.md'), 'What this folder holds.');
    writeFileSync(join(dir, 'LICENSE'), 'Permission granted.');
    const { status, stderr, records } = dyad(['code', '--date', '2018-02-12', dir]);
    expect(status).toBe(0);
    expect(records).toHaveLength(1);
    expect(stderr).toContain('dyad: 2 inputs passed over as not news (1 license, 1 readme)\n');
  }, 60_000);
});
