import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const STAGES = resolve(dirname(fileURLToPath(import.meta.url)), '../src/stages');
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every TypeScript file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The stage folder a path lies in (`actors`), or null outside `src/stages`. */
function stageOf(path: string): string | null {
  const rel = relative(STAGES, path);
  return rel.startsWith('..') ? null : rel.split(sep)[0]!;
}

/** Each import from one stage's folder into another's, as `file → import`. */
function crossStageImports(files: ReadonlyArray<{ file: string; source: string }>): string[] {
  const crossings: string[] = [];
  for (const { file, source } of files) {
    const own = stageOf(file);
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2]!;
      if (!specifier.startsWith('.')) continue;
      const target = stageOf(resolve(dirname(file), specifier));
      if (target !== null && target !== own) crossings.push(`${relative(STAGES, file)} → ${specifier}`);
    }
  }
  return crossings;
}

describe('architecture', () => {
  it("no stage imports another stage's folder (shared code lives in src/pipeline/ or src/document/)", () => {
    const files = filesUnder(STAGES).map((file) => ({ file, source: readFileSync(file, 'utf8') }));
    expect(files.length).toBeGreaterThan(30);
    expect(crossStageImports(files)).toEqual([]);
  });

  it('every stage runs an ordered list of steps (STEPS, or FINDERS for the times finders) from its index.ts', () => {
    const stages = readdirSync(STAGES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const without = stages.filter(
      (stage) => !/\bconst (STEPS|FINDERS)\b[^\n]*= \[/.test(readFileSync(join(STAGES, stage, 'index.ts'), 'utf8')),
    );
    expect(stages.length).toBeGreaterThanOrEqual(7);
    expect(without).toEqual([]);
  });

  it.each([
    ["import { dateOfSentence } from '../times/date-of.js';", ['events/index.ts → ../times/date-of.js']],
    ["import type { Ymd } from '../times/calendar.js';", ['events/index.ts → ../times/calendar.js']],
    ["export { tokenise } from '../sentences/01-tokenise.js';", ['events/index.ts → ../sentences/01-tokenise.js']],
    ["const lazy = import('../actors/index.js');", ['events/index.ts → ../actors/index.js']],
    ["import { findPlace } from './03-find-place.js';", []],
    ["import { dateOfSentence } from '../../document/date-of.js';", []],
  ])('the check reads %s', (line, expected) => {
    expect(crossStageImports([{ file: join(STAGES, 'events', 'index.ts'), source: line }])).toEqual(expected);
  });
});

describe('style', () => {
  const ROOT = resolve(STAGES, '..', '..');
  /** Every TypeScript source of the project (library, tests, dashboard), recursively. */
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(path);
      return /\.tsx?$/.test(entry.name) ? [path] : [];
    });

  it('no line of code is over 120 characters (Biome formats to that width; literals are split by hand)', () => {
    const files = ['src', 'test', 'web'].flatMap((dir) => sources(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.length > 120 ? [`${relative(ROOT, file)}:${i + 1} (${line.length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});
