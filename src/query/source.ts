import { DUCKDB, POSTGRES, type SqlDialect } from './dialect.js';

/**
 * What the queries need of a store: SQL with `?` parameters, and the dialect it speaks (DuckDB's
 * when not said). The embedded `Store` is one as it is; a PostgreSQL store is opened as one.
 */
export interface QuerySource {
  all(sql: string, params?: Array<string | number>): Promise<Array<Record<string, unknown>>>;
  readonly dialect?: SqlDialect;
}

/** A query source to close when done. */
export interface OpenQuerySource extends QuerySource {
  readonly dialect: SqlDialect;
  close(): void | Promise<void>;
}

/** The dialect of a source. */
export const dialectOf = (source: QuerySource): SqlDialect => source.dialect ?? DUCKDB;

/** True when a `--db` names a PostgreSQL store rather than a DuckDB file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** Opens a PostgreSQL store (made by `dyad init`) for queries. */
export async function openPostgresSource(url: string): Promise<OpenQuerySource> {
  // Loaded only for a PostgreSQL store: a DuckDB query need not load the client.
  const { PgStore } = await import('../store/postgres/pg-store.js');
  const store = await PgStore.connect(url);
  return { all: (sql, params) => store.all(sql, params), dialect: POSTGRES, close: () => store.close() };
}

/** The embedded store as a query source to close. */
export function duckdbSource(store: { all: QuerySource['all']; close(): void }): OpenQuerySource {
  return { all: (sql, params) => store.all(sql, params), dialect: DUCKDB, close: () => store.close() };
}
