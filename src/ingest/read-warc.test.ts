import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { ingest } from '../store/ingest.js';
import { readInputs, type InputItem } from './read-inputs.js';

const FETCHED = '2020-06-30T12:00:00Z';

/** A news page; `head` holds its own date, if any. */
const page = (title: string, head = '', lead = '') =>
  `<html><head><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${lead}` +
  `<p>The United States imposed new sanctions on North Korea on Wednesday ` +
  `in a move against its weapons programme.</p>` +
  `<p>Officials in Seoul said more measures would follow if the missile tests went on.</p></article></body></html>`;

type Part = {
  type: 'response' | 'request' | 'metadata' | 'warcinfo';
  url: string;
  status?: string;
  headers?: Record<string, string>;
  body: Uint8Array | string;
};

/** A crawl as real ones are: pages among requests, images, redirects, JSON, an error page and metadata. */
const CRAWL: Part[] = [
  { type: 'warcinfo', url: '', body: 'software: a crawler\r\nformat: WARC File Format 1.0\r\n' },
  { type: 'request', url: 'https://news.example/a', body: '' },
  {
    type: 'response',
    url: 'https://news.example/a',
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: page('Sanctions widen', '<meta property="article:published_time" content="2019-05-01T08:00:00Z">'),
  },
  {
    type: 'response',
    url: 'https://news.example/logo.png',
    headers: { 'Content-Type': 'image/png' },
    body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 4, 5]),
  },
  {
    type: 'response',
    url: 'https://news.example/old',
    status: '301 Moved Permanently',
    headers: { Location: 'https://news.example/a', 'Content-Type': 'text/html' },
    body: '<html><body>Moved</body></html>',
  },
  {
    type: 'response',
    url: 'https://news.example/gone',
    status: '404 Not Found',
    headers: { 'Content-Type': 'text/html' },
    body: page('Page not found'),
  },
  { type: 'metadata', url: 'https://news.example/a', body: 'outlinks: https://news.example/b\r\n' },
  {
    type: 'response',
    url: 'https://news.example/api',
    headers: { 'Content-Type': 'application/json' },
    body: '{"ok":true}',
  },
  {
    type: 'response',
    url: 'https://news.example/b',
    headers: { 'Content-Type': 'text/html' },
    body: page('Talks stall'),
  },
  {
    type: 'response',
    url: 'https://news.example/c',
    headers: { 'Content-Type': 'text/html' },
    body: page('Envoys meet', '', '<p>Published: March 3, 2018</p>'),
  },
  {
    type: 'response',
    url: 'https://news.example/d',
    headers: { 'Content-Type': 'text/html' },
    body: page(
      'Ministers talk',
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-11-20"}</script>',
    ),
  },
];

async function serialise(part: Part, gzip: boolean): Promise<Buffer> {
  const body = typeof part.body === 'string' ? new TextEncoder().encode(part.body) : part.body;
  const http =
    part.type === 'response'
      ? { httpHeaders: part.headers ?? {}, statusline: `HTTP/1.1 ${part.status ?? '200 OK'}` }
      : {};
  const record = WARCRecord.create(
    {
      url: part.url,
      date: FETCHED,
      type: part.type,
      ...http,
      ...(part.type === 'request'
        ? { httpHeaders: { Host: 'news.example' }, statusline: `GET ${part.url} HTTP/1.1` }
        : {}),
    },
    (async function* () {
      yield body;
    })(),
  );
  const bytes = Buffer.from(await WARCSerializer.serialize(record));
  return gzip ? gzipSync(bytes) : bytes;
}

/** The crawl, then a last page cut off halfway, as a crawl killed while writing leaves it. */
async function writeCrawl(dir: string, gzip: boolean): Promise<string> {
  const records = await Promise.all(CRAWL.map((p) => serialise(p, gzip)));
  const last = await serialise(
    {
      type: 'response',
      url: 'https://news.example/cut',
      headers: { 'Content-Type': 'text/html' },
      body: page('Cut short'),
    },
    gzip,
  );
  const file = join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
  writeFileSync(file, Buffer.concat([...records, last.subarray(0, last.length - 200)]));
  return file;
}

async function collect(items: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('WARC files as crawls really are', () => {
  for (const gzip of [false, true]) {
    const kind = gzip ? '.warc.gz' : '.warc';
    it(`${kind}: skips and counts what is not a page, fails the truncated record only`, async () => {
      const file = await writeCrawl(mkdtempSync(join(tmpdir(), 'dyad-warc-')), gzip);
      const items = await collect(readInputs([file]));
      const pages = items.flatMap((i) => ('record' in i ? [i.record.url] : []));
      expect(pages).toEqual([
        'https://news.example/a',
        'https://news.example/b',
        'https://news.example/c',
        'https://news.example/d',
      ]);
      const skipped = items.flatMap((i) => ('skipped' in i ? [i.skipped.kind] : []));
      expect(skipped.sort()).toEqual([
        'error-status',
        'metadata',
        'metadata',
        'not-html',
        'not-html',
        'redirect',
        'request',
      ]);
      const failures = items.flatMap((i) => ('failure' in i ? [i.failure.diagnostic] : []));
      expect(failures).toHaveLength(1);
      expect(failures[0]!.rule).toMatch(/^ingest\/(truncated-record|corrupt-warc)$/);
      expect(failures[0]!.reason).toMatch(/truncated/);
    });
  }

  it('the page states its publication date; the fetch date is only the fallback, with its provenance', async () => {
    const file = await writeCrawl(mkdtempSync(join(tmpdir(), 'dyad-warc-')), false);
    const engine = createEngine();
    const dates = new Map<string, [string | null, string | undefined]>();
    for await (const result of engine.processInputs([file])) {
      if (result.ok)
        dates.set(result.doc.meta!.url!, [result.doc.meta!.published, result.doc.meta!.provenance.published]);
    }
    expect(dates.get('https://news.example/a')).toEqual(['2019-05-01T08:00:00Z', 'html-meta']);
    expect(dates.get('https://news.example/b')).toEqual([FETCHED, 'fetch-date']);
    expect(dates.get('https://news.example/c')?.[0]).toMatch(/^2018-03-03/);
    expect(dates.get('https://news.example/c')?.[1]).toBe('text');
    expect(dates.get('https://news.example/d')?.[0]).toMatch(/^2017-11-20/);
  });

  it(
    'refuses a WARC.gz that inflates without bound, keeps the page before it ' + 'and goes on with the next input',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dyad-warc-'));
      const good = await serialise(CRAWL[2]!, true);
      // One record declaring 512 MB of zeros, as gzip members of 1 MB each: a few hundred KB on disk.
      const size = 512 * 1024 * 1024;
      const head =
        `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/bomb\r\nWARC-Date: ${FETCHED}\r\n` +
        `Content-Length: ${size}\r\n\r\n`;
      const zeros = gzipSync(Buffer.alloc(1024 * 1024));
      const bomb = Buffer.concat([good, gzipSync(Buffer.from(head)), ...Array.from({ length: 512 }, () => zeros)]);
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      writeFileSync(join(dir, 'a-bomb.warc.gz'), bomb);
      writeFileSync(join(dir, 'b-page.html'), page('After the bomb'));
      const items = await collect(readInputs([dir]));
      expect(items.flatMap((i) => ('record' in i ? [i.record.url ?? i.record.origin.source] : []))).toEqual([
        'https://news.example/a',
        join(dir, 'b-page.html'),
      ]);
      const failures = items.flatMap((i) => ('failure' in i ? [i.failure.diagnostic] : []));
      expect(failures).toHaveLength(1);
      expect(failures[0]!.rule).toBe('ingest/inflate-limit');
      expect(failures[0]!.reason).toMatch(/inflates to over 200 times its size .*refused as a decompression bomb/);
    },
  );

  it('an ingest stores every page, records the truncated one and counts what it passed over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-warc-'));
    const file = await writeCrawl(dir, true);
    const result = await ingest([file], { db: join(dir, 'crawl.duckdb'), workers: 0 });
    expect(result).toMatchObject({ added: 4, failed: 1 });
    expect(result.passedOver).toEqual({ request: 1, metadata: 2, redirect: 1, 'error-status': 1, 'not-html': 2 });
  });
});
