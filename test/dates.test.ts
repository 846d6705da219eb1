import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from './support/paths.js';

function dyad(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

describe('dates given on the command line and in actor files', () => {
  it.each([
    [
      '2018-02-30',
      "option '--date <YYYY-MM-DD>' argument '2018-02-30' is invalid. 2018-02-30 " +
        'is not a date of the calendar (no such month or day)',
    ],
    [
      '2018-13-45',
      "option '--date <YYYY-MM-DD>' argument '2018-13-45' is invalid. 2018-13-45 " +
        'is not a date of the calendar (no such month or day)',
    ],
    ['next Tuesday', "option '--date <YYYY-MM-DD>' argument 'next Tuesday' is invalid. expected a date as YYYY-MM-DD"],
  ])('code --date %s is a usage error', (date, message) => {
    const run = dyad(['code', '--date', date, 'x.txt']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('a query bound must be a date of the calendar', () => {
    const run = dyad(['query', 'events', '--from', '2018-02-30']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "argument '2018-02-30' is invalid. expected a date as YYYY, YYYY-MM or YYYY-MM-DD, of the calendar",
    );
  });

  it.each([['code'], ['ingest']])(
    '%s: a malformed --actors file stops the command once, with file:line: reason',
    (command) => {
      const dir = mkdtempSync(join(tmpdir(), 'dyad-actors-'));
      const actors = join(dir, 'mine.txt');
      writeFileSync(
        actors,
        '# my actors\nperson: Ana Example\n  names: Ana Example\n  role: USAGOV 2018-13-45.. Envoy\n',
      );
      for (const n of [1, 2, 3])
        writeFileSync(join(dir, `a${n}.txt`), `Story ${n}\n\nAna Example met officials in Seoul on Monday.`);
      const args =
        command === 'code'
          ? ['code', '--actors', actors, dir]
          : ['ingest', dir, '--db', join(dir, 's.duckdb'), '--actors', actors, '--quiet'];
      const run = dyad(args);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`dyad: ${actors}:4: "2018-13-45" is not a date of the calendar (no such month or day)\n`);
      expect(run.stdout).toBe('');
    },
  );

  it('ingest --actors codes with the user’s actors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-actors-'));
    const actors = join(dir, 'mine.txt');
    writeFileSync(actors, 'person: Ana Example\n  names: Ana Example\n  role: USAGOV 2010.. Special Envoy\n');
    writeFileSync(join(dir, 'a.txt'), 'Envoy visit\n\nAna Example met officials in Seoul on Monday.');
    const db = join(dir, 's.duckdb');
    expect(
      dyad(['ingest', join(dir, 'a.txt'), '--db', db, '--actors', actors, '--date', '2018-02-12', '--quiet']).status,
    ).toBe(0);
    const run = dyad(['query', 'actors', '--db', db, '--csv']);
    expect(run.stdout).toContain('USAGOV');
  });

  it('explain --actors explains with the user’s actors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-actors-'));
    const actors = join(dir, 'mine.txt');
    writeFileSync(actors, 'person: Ana Example\n  names: Ana Example\n  role: USAGOV 2010.. Special Envoy\n');
    writeFileSync(join(dir, 'a.txt'), 'Envoy visit\n\nAna Example met officials in Seoul on Monday.');
    const run = dyad(['explain', join(dir, 'a.txt'), '--actors', actors, '--date', '2018-02-12']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('USAGOV');
  });
});
