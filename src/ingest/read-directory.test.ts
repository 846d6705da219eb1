import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ingest } from '../store/ingest.js';
import { readInputs, type InputItem } from './read-inputs.js';

// Tests run as root here, for whom no folder is unreadable: a folder named `locked` answers
// `readdir` as a folder without read permission does.
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (path: string, options: unknown) => {
    if (basename(String(path)) === 'locked')
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    return (fs.readdir as (p: string, o: unknown) => Promise<unknown>)(path, options);
  }) as typeof fs.readdir;
  return { ...fs, default: { ...fs, readdir }, readdir };
});

async function collect(gen: AsyncGenerator<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

const story = (place: string) =>
  `Talks in ${place}\n\nThe United States imposed new sanctions on North ` +
  `Korea on Wednesday, officials in ${place} said.`;

/** A folder as users hand them over: articles beside a README and a LICENSE, links, a locked folder, a loop. */
function makeFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'dyad-folder-'));
  const dir = join(root, 'news');
  mkdirSync(join(dir, 'locked'), { recursive: true });
  mkdirSync(join(dir, 'more'));
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(dir, 'a.txt'), story('Seoul'));
  writeFileSync(join(dir, 'README.md'), 'These are the articles of the spring.');
  writeFileSync(join(dir, 'LICENSE'), 'Permission is granted to read these.');
  writeFileSync(join(dir, 'LICENSE.txt'), 'Permission is granted to read these.');
  writeFileSync(join(dir, 'more', 'b.txt'), story('Tokyo'));
  writeFileSync(join(dir, 'locked', 'hidden.txt'), story('Paris'));
  writeFileSync(join(root, 'elsewhere', 'c.txt'), story('Geneva'));
  writeFileSync(join(root, 'd.txt'), story('Oslo'));
  symlinkSync(join(root, 'elsewhere'), join(dir, 'linked-folder'));
  symlinkSync(join(root, 'd.txt'), join(dir, 'linked-file.txt'));
  symlinkSync(dir, join(dir, 'more', 'back-up'));
  symlinkSync(join(root, 'nowhere.txt'), join(dir, 'dangling.txt'));
  return dir;
}

describe('every input in a folder fails alone', () => {
  it(
    'follows links, reports a loop, a dangling link and a locked folder, and ' + 'counts README and LICENSE files',
    async () => {
      const dir = makeFolder();
      const items = await collect(readInputs([dir]));
      const rel = (source: string) => source.slice(dir.length + 1);
      expect(items.flatMap((i) => ('record' in i ? [rel(i.record.origin.source)] : []))).toEqual([
        'a.txt',
        'linked-file.txt',
        'linked-folder/c.txt',
        'more/b.txt',
      ]);
      expect(items.flatMap((i) => ('skipped' in i ? [`${i.skipped.kind} ${rel(i.skipped.source)}`] : []))).toEqual([
        'license LICENSE',
        'license LICENSE.txt',
        'readme README.md',
      ]);
      const failures = items.flatMap((i) =>
        'failure' in i ? [[i.failure.diagnostic.rule, i.failure.diagnostic.reason]] : [],
      );
      expect(failures).toEqual([
        ['ingest/broken-symlink', `${join(dir, 'dangling.txt')}: the link points nowhere`],
        ['ingest/unreadable-directory', `${join(dir, 'locked')}: the folder cannot be read (EACCES)`],
        [
          'ingest/symlink-loop',
          expect.stringContaining(`${join(dir, 'more', 'back-up')}: a symbolic link loops back to`),
        ],
      ]);
    },
  );

  it('an ingest stores the readable articles and records each failure', async () => {
    const dir = makeFolder();
    const result = await ingest([dir], { db: join(dir, '..', 'folder.duckdb'), workers: 0 });
    expect(result).toMatchObject({ added: 4, failed: 3, passedOver: { readme: 1, license: 2 } });
  });
});

describe('a feed item fails alone', () => {
  it('reads the items after a malformed one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-feed-'));
    const item = (n: number, body: string) =>
      `  <item><title>Story ${n}</title><link>https://news.example/${n}</link>` +
      `<description>${body}</description></item>`;
    const feed = [
      '<?xml version="1.0"?>',
      '<rss version="2.0"><channel><title>World</title>',
      item(1, '&lt;p&gt;Seoul said talks would resume.&lt;/p&gt;'),
      item(2, 'Prices & wages <b>rose'),
      item(3, '&lt;p&gt;Tokyo said talks had stalled.&lt;/p&gt;'),
      '</channel></rss>',
    ].join('\n');
    const file = join(dir, 'world.rss');
    writeFileSync(file, feed);
    const items = await collect(readInputs([file]));
    expect(
      items.map((i) => ('record' in i ? i.record.url : 'failure' in i ? i.failure.diagnostic.rule : 'skipped')),
    ).toEqual(['https://news.example/1', 'ingest/invalid-feed-item', 'https://news.example/3']);
    const bad = items[1] as { failure: { diagnostic: { reason: string } } };
    expect(bad.failure.diagnostic.reason).toMatch(new RegExp(`^${file}:4: feed item 2 is not well-formed XML`));
  });
});

describe('an id names one article', () => {
  it('reports a record that reuses an id for a different text, and stores the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-ids-'));
    const lines = [
      { id: 'x1', text: story('Seoul') },
      { id: 'x2', text: story('Tokyo') },
      { id: 'x1', text: story('Seoul') },
      { id: 'x1', text: story('Hanoi') },
    ];
    const file = join(dir, 'ids.jsonl');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const db = join(dir, 'ids.duckdb');
    const result = await ingest([file], { db, workers: 0 });
    // The same article twice is skipped; a different one under the same id is a failure.
    expect(result).toMatchObject({ added: 2, skipped: 1, failed: 1 });
    const { Store } = await import('../store/store.js');
    const store = await Store.open(db);
    try {
      const [failure] = await store.all('SELECT rule, reason FROM failures');
      expect(failure).toEqual({
        rule: 'ingest/duplicate-id',
        reason:
          `${file}:4: the id "x1" was already given to a different article (${file}:1); ` +
          `this one is not stored (give it an id of its own)`,
      });
    } finally {
      store.close();
    }
  });
});
