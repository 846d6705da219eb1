import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the shared reference folder: `DYAD_SHARED`, else `../shared` beside the checkout.
 * @returns its path, or null when it is not on this machine.
 */
export function findSharedDir(): string | null {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const candidates = [
    process.env.DYAD_SHARED,
    resolve(repoRoot, '..', 'shared'),
    resolve(process.cwd(), '..', 'shared'),
  ];
  for (const dir of candidates) if (dir && existsSync(join(dir, 'data', 'peers'))) return dir;
  return null;
}

/** Reads a JSON Lines file of the shared folder into objects. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** An article of the shared corpus (`data/corpus/*.jsonl`). */
export interface CorpusArticle {
  id: string;
  date: string;
  title: string;
  text: string;
}

/** The shared corpus's articles, releases first, then the Wikinews sample, in file order. */
export function readCorpusArticles(sharedDir: string): CorpusArticle[] {
  return ['real-text.jsonl', 'wikinews-sample.jsonl'].flatMap((file) =>
    readJsonLines<CorpusArticle>(join(sharedDir, 'data', 'corpus', file)),
  );
}
