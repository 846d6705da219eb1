import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DyadRecord } from '../src/index.js';
import { CLI, REPO_ROOT } from './support/paths.js';

function dyad(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, input, encoding: 'utf8' });
  const records = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as DyadRecord);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, records };
}

describe('dyad code', () => {
  it('prints one dyad/1 record per article, with exit code 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-cli-'));
    writeFileSync(join(dir, 'one.txt'), 'First Story Title\n\nMarch 3, 2019\n\nOfficials met in Seoul. They talked.');
    writeFileSync(join(dir, 'two.txt'), 'Second Story Title\n\nRebels attacked the town on Monday.');
    const { status, records } = dyad(['code', dir]);
    expect(status).toBe(0);
    expect(records.map((r) => [r.schema, r.meta.title, r.meta.published])).toEqual([
      ['dyad/1', 'First Story Title', '2019-03-03'],
      ['dyad/1', 'Second Story Title', null],
    ]);
    expect(records[0]!.sentences.map((s) => s.text)).toEqual(['Officials met in Seoul.', 'They talked.']);
  });

  it('reports binary, empty, oversized and malformed inputs each with its own error, and still codes the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-bad-'));
    const good = join(dir, 'good.txt');
    const binary = join(dir, 'photo.txt');
    const empty = join(dir, 'empty.txt');
    const big = join(dir, 'big.txt');
    const lines = join(dir, 'feed.jsonl');
    const page = join(dir, 'page.html');
    writeFileSync(good, 'Good Title\n\nThe army said Vladimir Putin had repelled the attack.');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    writeFileSync(empty, '');
    writeFileSync(big, `Big Title\n\n${'Words and more words. '.repeat(100)}`);
    writeFileSync(lines, '{"id":"ok-1","text":"A line that codes."}\n{"id": broken\n');
    writeFileSync(page, '<html><head><title>Menu</title></head><body><nav><a href="/">Home</a></nav></body></html>');
    const { status, stderr, records } = dyad(['code', '--max-bytes', '1000', good, binary, empty, big, lines, page]);
    expect(status).toBe(1);
    expect(records.map((r) => r.meta.title ?? r.id)).toEqual(['Good Title', 'ok-1']);
    const errors = stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes(': error: '));
    // An undated article naming a person gets a warning in the same format, and is still coded.
    expect(stderr).toContain(
      `${good}:1:1: warning: the article has no publication date, so people are ` +
        `coded by the latest office they held (give one with --date) [actors/no-date]`,
    );
    expect(errors).toEqual([
      `${binary}:1:1: error: ${binary} is not text: it looks like PNG image [ingest/binary-input]`,
      `${empty}:1:1: error: ${empty} is empty [ingest/empty-input]`,
      expect.stringMatching(
        new RegExp(`^${big}:1:1: error: .* over the limit of 1000 bytes .*\\[ingest/too-large\\]$`),
      ),
      expect.stringMatching(new RegExp(`^${lines}:2:1: error: ${lines}:2: invalid JSON .*\\[ingest/invalid-json\\]$`)),
      `${page}:1:1: error: ${page}: the HTML page has no article body [extract/no-article-body]`,
    ]);
  });

  it('reads JSON Lines from standard input and applies --date to undated articles', () => {
    const { status, records } = dyad(
      ['code', '--date', '2018-02-12', '-'],
      '{"id":"a","text":"Seoul said talks would resume."}\n',
    );
    expect(status).toBe(0);
    expect(records[0]).toMatchObject({
      id: 'a',
      meta: { published: '2018-02-12', provenance: { published: 'option' } },
    });
  });

  it('fails a JSON Lines record whose date cannot be read, naming it, and codes the rest', () => {
    const input =
      '{"id":"a","date":"next Tuesday","text":"Seoul said talks would resume."}\n' +
      '{"id":"b","date":"02-12-2018","text":"Seoul ' +
      'said talks would resume."}\n';
    const { status, stderr, records } = dyad(['code', '-'], input);
    expect(status).toBe(1);
    expect(stderr).toContain(
      '-:1:1: error: - (record "a"): the record\'s date "next Tuesday" is not ' +
        'a date Dyad can read; give it as YYYY-MM-DD [clean/unreadable-date]',
    );
    expect(records.map((r) => [r.id, r.meta.published])).toEqual([['b', '2018-02-12']]);
  });

  it('stops after the stage named by --until', () => {
    const { records } = dyad(['code', '--until', 'clean', '-'], '{"text":"One. Two."}\n');
    expect(records[0]!.text).toBe('One. Two.');
    expect(records[0]!.sentences).toEqual([]);
    expect(records[0]!.provenance.stages.map((s) => s.stage)).toEqual(['extract', 'clean']);
  });

  it.each([
    [['code'], /missing required argument 'inputs'/],
    [['code', '--date', '12/02/2018', 'x.txt'], /expected a date as YYYY-MM-DD/],
    [['code', '--until', 'nowhere', 'x.txt'], /unknown stage "nowhere"/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 for the usage error in %j', (args, message) => {
    const { status, stderr } = dyad(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
