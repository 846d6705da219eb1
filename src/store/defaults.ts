import { availableParallelism } from 'node:os';

/**
 * The defaults of an ingest, apart from `ingest.ts` so that the command line can show them in its
 * help without loading the store and DuckDB.
 */

/**
 * A worker's old-generation heap cap. A worker's live data is ~70 MB (dictionaries, the language
 * model, the article in hand); the cap also sets how far V8 lets the heap grow between full
 * collections (about 1.5× live data at 512 MB, 4× from 2 GB). 2 GB meant fewer collections but
 * was slower in every round of an alternating two-worker test, and used 120–210 MB more.
 */
export const DEFAULT_WORKER_MEMORY_MB = 512;

/**
 * Worker threads by default: one per core, at most four. Each worker holds its own model and
 * dictionaries (~250 MB with its heap), and one writer thread serves them all.
 */
export const DEFAULT_WORKERS = Math.min(availableParallelism(), 4);

/** The default time budget of one article, in milliseconds (`--article-timeout`). */
export const DEFAULT_ARTICLE_TIMEOUT_MS = 10_000;
