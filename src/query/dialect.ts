/**
 * What differs between the SQL of the two stores, in one place: the queries are written once, in
 * the SQL both engines share, and call these for the rest.
 */
export interface SqlDialect {
  name: 'duckdb' | 'postgres';
  /** The ISO week (`2018-W07`) of a `YYYY-MM-DD` text expression. */
  isoWeek(dateText: string): string;
  /** The mean of an expression rounded to `digits` decimals, as a double. */
  roundedMean(expression: string, digits: number): string;
  /**
   * True when a text expression matches a POSIX regular expression (`SIMILAR TO` is no substitute:
   * its `.` is literal in PostgreSQL).
   */
  matches(text: string, regex: string): string;
  /** True when a text expression matches the regular expression given as the next `?` parameter, case ignored. */
  matchesParameter(text: string): string;
  /**
   * A condition on the quotations' `text` that the store's full-text index answers, met by every
   * quotation holding the words of the next `?` parameter as whole words: a first pass that
   * spares a scan of every quotation (null where the store has no such index). The quotations it
   * lets through are then matched word for word as on the other store, so both give the same rows.
   */
  quoteWordsIndexed(text: string): string | null;
  /** A timestamp as text to the second: `2018-02-12 09:30:00`. */
  secondsText(timestamp: string): string;
}

/** DuckDB, the embedded store. */
export const DUCKDB: SqlDialect = {
  name: 'duckdb',
  isoWeek: (date) => `strftime(CAST(${date} AS DATE), '%G-W%V')`,
  roundedMean: (expression, digits) => `round(avg(${expression}), ${digits})`,
  matches: (text, regex) => `regexp_matches(${text}, '${regex}')`,
  matchesParameter: (text) => `regexp_matches(${text}, ?, 'i')`,
  quoteWordsIndexed: () => null,
  secondsText: (timestamp) => `strftime(${timestamp}, '%Y-%m-%d %H:%M:%S')`,
};

/** PostgreSQL, the shared store: `round` takes a numeric there, and weeks are formatted by `to_char`. */
export const POSTGRES: SqlDialect = {
  name: 'postgres',
  isoWeek: (date) => `to_char(CAST(${date} AS date), 'IYYY-"W"IW')`,
  roundedMean: (expression, digits) =>
    `CAST(round(CAST(avg(${expression}) AS numeric), ${digits}) AS double precision)`,
  matches: (text, regex) => `${text} ~ '${regex}'`,
  matchesParameter: (text) => `${text} ~* ?`,
  // The expression of the GIN index on quotes (pg-schema.ts), as is, so the planner can use it.
  quoteWordsIndexed: (text) => `to_tsvector('simple', ${text}) @@ plainto_tsquery('simple', ?)`,
  secondsText: (timestamp) => `to_char(${timestamp}, 'YYYY-MM-DD HH24:MI:SS')`,
};
