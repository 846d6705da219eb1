import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store.js';
import { TABLES } from '../tables.js';
import { columnNames } from './pg-schema.js';
import { PgStore } from './pg-store.js';

/**
 * How PostgreSQL writes CSV, said in full: DuckDB's sniffer, left to guess from a sample, took a
 * doubled quote deep in a large file for an unterminated one. NULL is an empty unquoted field; an
 * empty string is quoted (`FORCE_QUOTE *`), so quoted empties stay empty.
 */
const CSV_OPTIONS =
  `(FORMAT CSV, AUTO_DETECT false, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NEW_LINE '\\n', ` +
  'ALLOW_QUOTED_NULLS false)';

/** Columns not copied: the compressed records, which no export reads. */
const NOT_COPIED = new Set(['record_gz']);

/**
 * Copies tables of a PostgreSQL store into a temporary DuckDB store (through CSV files, streamed
 * on both sides), runs `use` on it, and removes it: what DuckDB writes well (Parquet, partitioned
 * folders, the GDELT table) is then written the same way from either store.
 */
export async function copyPostgresToDuckdb<T>(
  url: string,
  tables: readonly string[],
  use: (store: Store) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-export-'));
  try {
    const source = await PgStore.connect(url);
    let store: Store;
    try {
      store = await Store.open(join(dir, 'copy.duckdb'));
      try {
        for (const table of tables) {
          const columns = columnNames(TABLES.find((t) => t.name === table)!).filter((name) => !NOT_COPIED.has(name));
          const csv = join(dir, `${table}.csv`);
          await source.copyToCsv(table, columns, csv);
          await store.connection.run(
            `COPY ${table} (${columns.join(', ')}) FROM '${csv.replace(/'/g, "''")}' ${CSV_OPTIONS}`,
          );
        }
      } catch (error) {
        store.close();
        throw error;
      }
    } finally {
      await source.close();
    }
    try {
      return await use(store);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
