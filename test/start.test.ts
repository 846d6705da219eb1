import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/store/ingest.js';
import { CLI, REPO_ROOT } from './support/paths.js';

/**
 * What a command loads, by module resolution: a loader hook logs every module resolved. Speed
 * itself is measured in `npm run bench`; this pins the cause of a slow start, the modules.
 */
function loadedBy(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-start-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
  return result;
}`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\n` +
      `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const HEAVY = [
  /node_modules\/wink-/,
  /node_modules\/@duckdb\//,
  /dist\/engine\.js$/,
  /dist\/knowledge\/load\.js$/,
  /dist\/store\/store\.js$/,
  /node_modules\/cli-progress\//,
];

describe('the command line starts fast', () => {
  it.each([[['--version']], [['--help']], [['code', '--date', '2018-02-30', 'x.txt']], [['export', 'quotes']]])(
    'dyad %j loads neither the NLP engine, the knowledge base nor DuckDB',
    (args) => {
      const loaded = loadedBy(args);
      expect(loaded.some((url) => url.endsWith('dist/shells/cli.js'))).toBe(true);
      for (const heavy of HEAVY) expect(loaded.filter((url) => heavy.test(url))).toEqual([]);
    },
  );

  it('a query loads DuckDB and the query layer, not the NLP engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-start-'));
    const file = join(dir, 'c.jsonl');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'q1',
        date: '2018-01-10',
        text: 'Sanctions\n\nThe United States imposed new sanctions on North Korea.',
      }) + '\n',
    );
    const db = join(dir, 'q.duckdb');
    await ingest([file], { db, workers: 0 });
    const loaded = loadedBy(['query', 'events', '--db', db]);
    expect(loaded.some((url) => /node_modules\/@duckdb\//.test(url))).toBe(true);
    expect(loaded.some((url) => url.endsWith('dist/query/queries.js'))).toBe(true);
    expect(loaded.filter((url) => /node_modules\/wink-|dist\/engine\.js$|dist\/nlp\//.test(url))).toEqual([]);
  });
});
