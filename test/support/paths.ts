import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared reference folder beside the checkout (`../shared`), or `DYAD_SHARED`. */
export const SHARED_DIR = process.env.DYAD_SHARED ?? resolve(REPO_ROOT, '..', 'shared');

/** True when `../shared` is there; tests that read it skip with a message when it is not. */
export const HAVE_SHARED = existsSync(join(SHARED_DIR, 'data'));

/** The founding article, from `../shared/data/seed/`. */
export const SEED_ARTICLE = join(SHARED_DIR, 'data', 'seed', 'article-2018-02-12-pence-korea.txt');

/** The built command-line program. */
export const CLI = join(REPO_ROOT, 'dist', 'shells', 'cli.js');

if (!HAVE_SHARED) {
  console.warn(`[dyad tests] ${SHARED_DIR} not found: tests on the seed article and peer data are skipped.`);
}
