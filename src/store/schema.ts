import { createTableSql, TABLES } from './tables.js';

/**
 * The store's layout version, kept in `store_info`. A store of another version is refused with a
 * clear message rather than half-read: 2 keeps the article record gzip-compressed (`record_gz`); 3
 * adds `events.target_from` (a target taken from the act's place); 4 keeps a MinHash signature
 * (`minhash`) for finding near-duplicates, where 3 kept a SimHash that no longer compares; 5 adds
 * `events.historical` (an act dated well before publication), which a version 4 store never recorded.
 */
export const STORE_VERSION = '5';

/**
 * Why a store of an older layout cannot simply be read, where there is more to say than its
 * number: both back ends put this in their refusal.
 */
const WHY_REFUSED: Readonly<Record<string, string>> = {
  '3': 'its near-duplicate keys are SimHashes, which this version no longer compares',
  // Its events were never marked, so background acts would be counted as news; only a new ingest can tell.
  '4': 'its events carry no historical mark (acts dated well before publication), which counts leave out',
};

/** ` (why)` for a store of layout `version` where there is a reason to give, else ''. */
export const whyRefused = (version: string): string => (WHY_REFUSED[version] ? ` (${WHY_REFUSED[version]})` : '');

/**
 * The tables of a Dyad store, as DuckDB statements derived from the column lists of `tables.ts`.
 * One row per article, event, quote and actor tally; every row of the child tables carries its
 * article's id, so a batch is one transaction and never half-written.
 */
export const SCHEMA: readonly string[] = TABLES.map(createTableSql);
