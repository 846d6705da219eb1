import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/bench/corpus.js';
import { createEngine } from '../src/engine.js';
import { toDyadRecord } from '../src/output/dyad-json.js';
import { queryArticle } from '../src/query/queries.js';
import { ingest } from '../src/store/ingest.js';
import { Store } from '../src/store/store.js';
import { CLI, HAVE_SHARED, SHARED_DIR } from './support/paths.js';

/**
 * An article's record must depend only on the article and the options. These articles of our own
 * tripped the tokenizer's memory of earlier articles: once one article had written "U.S envoy",
 * wink-nlp split a later "U.S." into "U.S" and ".", which ended a sentence early.
 */
const OWN_CORPUS = [
  {
    id: 'own-1',
    date: '2021-03-02',
    text:
      'The U.S envoy met Russian officials in Geneva on Monday. The Secretary ' +
      'said the U.S. would answer any attack. He urged Russia to withdraw its troops.',
  },
  {
    id: 'own-2',
    date: '2021-03-03',
    text:
      'We commend the U.S. Embassy staff in Yerevan. Armenia held elections on ' +
      'Sunday, and observers praised the count.',
  },
  {
    id: 'own-3',
    date: '2021-03-04',
    text:
      'Secretary of State Antony Blinken spoke with Foreign Minister Sergey Lavrov. ' +
      'He emphasized the U.S. commitment to Ukraine. Blinken urged Russia to pursue ' +
      'diplomacy.',
  },
  {
    id: 'own-4',
    date: '2021-03-05',
    text:
      'North Korea fired two missiles on Tuesday, officials in Seoul said. Japan ' +
      'condemned the launch and asked for a meeting of the U.N. Security Council.',
  },
  {
    id: 'own-5',
    date: '2021-03-06',
    text:
      'The U.S  and Japan signed a trade deal. “We welcome it,” the minister said. ' +
      'He added that talks with China would resume in April.',
  },
];

type Line = { id: string; [key: string]: unknown };

function corpora(): Array<{ name: string; lines: Line[] }> {
  if (!HAVE_SHARED) {
    console.warn(`[dyad tests] ${SHARED_DIR} not found: the determinism test runs on a small corpus of our own only.`);
    return [{ name: 'own', lines: OWN_CORPUS }];
  }
  const dir = join(SHARED_DIR, 'data', 'corpus');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const read = (f: string) =>
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Line);
  return [{ name: 'own', lines: OWN_CORPUS }, ...files.map((f) => ({ name: f, lines: read(f) }))];
}

/** A record without what may differ between runs of the same article: where it was read, and timings. */
function comparable(record: object): string {
  return JSON.stringify(record, (key, value: unknown) =>
    key === 'source' || key === 'provenance' || key === 'duplicateOf' ? undefined : value,
  );
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function writeLines(dir: string, name: string, lines: readonly Line[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

/** Codes the lines in this thread, in the order given, in batches of `batch` files; records by id. */
async function codeInProcess(dir: string, lines: readonly Line[], batch: number): Promise<Map<string, string>> {
  const records = new Map<string, string>();
  const engine = createEngine();
  for (let i = 0; i < lines.length; i += batch) {
    const file = writeLines(dir, `batch-${i}.jsonl`, lines.slice(i, i + batch));
    for await (const result of engine.processInputs([file])) {
      if (!result.ok) throw new Error(`${result.failure.origin.source}: ${result.failure.diagnostic.reason}`);
      records.set(result.doc.id, comparable(toDyadRecord(result.doc)));
    }
  }
  return records;
}

const NOT_STORED = '<not stored>';

/** Ingests the lines on `workers` worker threads; the stored record of each article by id. */
async function codeInStore(
  dir: string,
  lines: readonly Line[],
  workers: number,
  name: string,
): Promise<Map<string, string>> {
  const db = join(dir, `${name}.duckdb`);
  const file = writeLines(dir, `${name}.jsonl`, lines);
  // Worker threads run the built program (`dist/`), as the other store tests do.
  if (workers === 0) await ingest([file], { db, workers });
  else
    expect(
      spawnSync(process.execPath, [CLI, 'ingest', file, '--db', db, '--workers', String(workers), '--quiet']).status,
    ).toBe(0);
  const store = await Store.open(db);
  const records = new Map<string, string>();
  try {
    for (const line of lines) {
      const stored = await queryArticle(store, line.id);
      records.set(line.id, stored ? comparable(stored) : NOT_STORED);
    }
  } finally {
    store.close();
  }
  return records;
}

describe('an article codes the same in any company', () => {
  for (const { name, lines } of corpora()) {
    it(`${name}: forwards, backwards, shuffled and in batches give the same record per article`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dyad-determinism-'));
      const forwards = await codeInProcess(dir, lines, lines.length);
      expect(forwards.size).toBe(new Set(lines.map((l) => l.id)).size);
      const runs = {
        backwards: await codeInProcess(dir, [...lines].reverse(), lines.length),
        shuffled: await codeInProcess(dir, shuffled(lines, 7), lines.length),
        'in batches of 3': await codeInProcess(dir, shuffled(lines, 11), 3),
      };
      for (const [run, records] of Object.entries(runs)) {
        for (const [id, record] of forwards) expect(records.get(id), `${name}, ${run}: article ${id}`).toBe(record);
      }
    }, 120_000);
  }

  it('own articles: each coded alone gives what it gives among the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-determinism-'));
    const together = await codeInProcess(dir, OWN_CORPUS, OWN_CORPUS.length);
    // The article that reads "U.S." after another wrote "U.S envoy" keeps it one token.
    expect(together.get('own-3')).toContain('"He emphasized the U.S. commitment to Ukraine."');
    for (const line of OWN_CORPUS) {
      const alone = await codeInProcess(dir, [line], 1);
      expect(alone.get(line.id), `article ${line.id}`).toBe(together.get(line.id));
    }
  });

  it('one worker and several, in different orders, store the same record per article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-determinism-'));
    const lines = HAVE_SHARED ? corpora()[1]!.lines : OWN_CORPUS;
    const one = await codeInStore(dir, lines, 1, 'one');
    const several = await codeInStore(dir, shuffled(lines, 5), 2, 'several');
    const inThread = await codeInStore(dir, [...lines].reverse(), 0, 'thread');
    for (const [id, record] of one) {
      expect(record, `article ${id}`).not.toBe(NOT_STORED);
      expect(several.get(id), `2 workers: article ${id}`).toBe(record);
      expect(inThread.get(id), `in this thread: article ${id}`).toBe(record);
    }
  }, 120_000);
});
