import { mkdtempSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { inputBytes, readInputs, ReadProgress, type InputItem } from './read-inputs.js';

async function collect(gen: AsyncGenerator<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

function makeTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-read-'));
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), 'Title\n\nBody one.');
  writeFileSync(join(dir, 'nested', 'b.html'), '<html><body><article><p>Body two.</p></article></body></html>');
  writeFileSync(
    join(dir, 'nested', 'deeper', 'c.jsonl'),
    '{"id":"c1","text":"Body three."}\n{"id":"c2","html":"<p>x</p>","date":"2020-01-01"}\n',
  );
  writeFileSync(join(dir, 'nested', 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dir, 'README.md'), 'about this folder');
  return dir;
}

describe('readInputs', () => {
  it('reads a directory recursively, in name order, skipping non-article files', async () => {
    const dir = makeTree();
    const items = await collect(readInputs([dir]));
    const records = items.flatMap((i) => ('record' in i ? [i.record] : []));
    expect(records.map((r) => [r.origin.source.slice(dir.length + 1), r.format, r.id ?? null])).toEqual([
      ['a.txt', 'text', null],
      ['nested/b.html', 'html', null],
      ['nested/deeper/c.jsonl', 'text', 'c1'],
      ['nested/deeper/c.jsonl', 'html', 'c2'],
    ]);
    expect(records[3]).toMatchObject({ date: '2020-01-01', origin: { line: 2 } });
    expect(items.filter((i) => 'failure' in i)).toEqual([]);
  });

  it('reports bad JSON lines by line number and goes on with the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-jsonl-'));
    const file = join(dir, 'feed.jsonl');
    writeFileSync(
      file,
      ['{"text":"one"}', '{not json', '', '[1,2]', '{"title":"no body"}', '{"text":"five"}'].join('\n'),
    );
    const items = await collect(readInputs([file]));
    const summary = items.map((i) =>
      'record' in i
        ? `ok:${i.record.origin.line}`
        : 'failure' in i
          ? `${i.failure.diagnostic.rule}:${i.failure.origin.line}`
          : 'skipped',
    );
    expect(summary).toEqual([
      'ok:1',
      'ingest/invalid-json:2',
      'ingest/jsonl-not-object:4',
      'ingest/jsonl-missing-content:5',
      'ok:6',
    ]);
    const bad = items[1] as { failure: { diagnostic: { reason: string } } };
    expect(bad.failure.diagnostic.reason).toContain(`${file}:2: invalid JSON`);
  });

  it('reads JSON Lines from standard input for -', async () => {
    const stdin = Readable.from(['{"id":"s1","text":"From stdin."}\n']);
    const items = await collect(readInputs(['-'], { stdin }));
    expect(items).toEqual([
      { record: expect.objectContaining({ id: 's1', content: 'From stdin.', origin: { source: '-', line: 1 } }) },
    ]);
  });

  it('rejects a file over the size limit and a missing path, each with its own rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-size-'));
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(2000));
    const items = await collect(readInputs([big, join(dir, 'missing.txt')], { maxBytes: 1000 }));
    expect(items.map((i) => ('failure' in i ? i.failure.diagnostic.rule : 'ok'))).toEqual([
      'ingest/too-large',
      'ingest/not-found',
    ]);
    expect((items[0] as { failure: { diagnostic: { reason: string } } }).failure.diagnostic.reason).toBe(
      `${big} is 2000 bytes, over the limit of 1000 bytes (raise it with --max-bytes)`,
    );
  });

  it('knows the bytes it will read beforehand, and counts them as it reads', async () => {
    const dir = makeTree();
    const files = ['a.txt', 'nested/b.html', 'nested/deeper/c.jsonl'].map((f) => statSync(join(dir, f)).size);
    const total = files.reduce((a, b) => a + b, 0);
    // The picture and the README are not read, so they do not count.
    expect(await inputBytes([dir])).toBe(total);
    expect(await inputBytes([dir, join(dir, 'a.txt'), join(dir, 'missing.txt')])).toBe(total + files[0]!);
    expect(await inputBytes([dir, '-'])).toBeNull();
    const progress = new ReadProgress();
    const seen: number[] = [];
    for await (const item of readInputs([dir], { progress })) if ('record' in item) seen.push(progress.bytesRead);
    // Whole files count once read; a JSON Lines file by the lines handed on.
    const firstLine = Buffer.byteLength('{"id":"c1","text":"Body three."}\n');
    expect(seen).toEqual([0, files[0], files[0]! + files[1]! + firstLine, files[0]! + files[1]! + files[2]!]);
    expect(progress.bytesRead).toBe(total);
  });
});
