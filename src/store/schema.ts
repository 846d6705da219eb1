import { createTableSql, TABLES } from './tables.js';

/**
 * The store's layout version, kept in `store_info`. A store of another version is refused with a
 * clear message rather than half-read: 2 keeps the article record gzip-compressed (`record_gz`); 3
 * adds `events.target_from` (a target taken from the act's place).
 */
export const STORE_VERSION = '3';

/**
 * The tables of a Dyad store, as DuckDB statements derived from the column lists of `tables.ts`.
 * One row per article, event, quote and actor tally; every row of the child tables carries its
 * article's id, so a batch is one transaction and never half-written.
 */
export const SCHEMA: readonly string[] = TABLES.map(createTableSql);
