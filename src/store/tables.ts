import type { CodedEvent, Quote } from '../document/types.js';
import type { ArticleRows } from './rows.js';

/**
 * The store's tables, each declared once as a list of columns: name, type and the accessor that
 * reads the cell from what the row is made of. The `CREATE TABLE` statements, the row builder
 * (`rows.ts`, on the worker threads) and the order the writer appends cells in (`store.ts`) are
 * all derived from these lists, so a column cannot be added in one place and missed in another.
 */

/**
 * A column's type, abstract enough for any SQL back end: each back end maps it to its own type
 * (`sqlType` below for DuckDB).
 */
export type ColumnType = 'text' | 'integer' | 'small-integer' | 'double' | 'boolean' | 'bytes' | 'timestamp';

/** A cell as rows carry it across threads and to the appender. */
export type Cell = string | number | boolean | null | bigint | Uint8Array;

/** One column: its name, its type and how its cell is read from the row's source `T`. */
export interface Column<T> {
  name: string;
  type: ColumnType;
  /** True for the table's primary key. */
  key?: boolean;
  value: (source: T) => Cell;
}

/** A table: its name and columns, in order. A child table's rows start with their article's id. */
export interface Table<T> {
  name: string;
  /** True when every row begins with an `article_id` column the writer fills (events, quotes, actors). */
  child: boolean;
  columns: ReadonlyArray<Column<T>>;
}

/** What the writer knows of an article when it appends its row: the worker's fields and its own. */
export interface ArticleCells
  extends Pick<
    ArticleRows,
    'id' | 'url' | 'title' | 'published' | 'updated' | 'source' | 'agency' | 'authors' | 'recordGz'
  > {
  dupOf: string | null;
  /** MinHash signature of the cleaned text (see `minhash.ts`). */
  minhash: Uint8Array;
  /** Current events only: a historical one (dated well before publication) is stored but not counted. */
  nEvents: number;
  nQuotes: number;
  ingestedAt: string;
}

/** An actor's mentions in one article, tallied. */
export interface ActorTally {
  id: string;
  name: string;
  code: string | null;
  country: string | null;
  kind: string;
  n: number;
}

/** What a failure row is made of. */
export interface FailureCells {
  source: string;
  line: number | null;
  rule: string;
  reason: string;
  failedAt: string;
}

export const ARTICLES: Table<ArticleCells> = {
  name: 'articles',
  child: false,
  columns: [
    { name: 'id', type: 'text', key: true, value: (a) => a.id },
    { name: 'url', type: 'text', value: (a) => a.url },
    { name: 'title', type: 'text', value: (a) => a.title },
    { name: 'published', type: 'text', value: (a) => a.published },
    { name: 'updated', type: 'text', value: (a) => a.updated },
    { name: 'source', type: 'text', value: (a) => a.source },
    { name: 'agency', type: 'text', value: (a) => a.agency },
    { name: 'authors', type: 'text', value: (a) => a.authors },
    { name: 'dup_of', type: 'text', value: (a) => a.dupOf },
    { name: 'minhash', type: 'bytes', value: (a) => a.minhash },
    { name: 'n_events', type: 'integer', value: (a) => a.nEvents },
    { name: 'n_quotes', type: 'integer', value: (a) => a.nQuotes },
    { name: 'record_gz', type: 'bytes', value: (a) => a.recordGz },
    { name: 'ingested_at', type: 'timestamp', value: (a) => a.ingestedAt },
  ],
};

export const STORE_INFO: Table<{ key: string; value: string }> = {
  name: 'store_info',
  child: false,
  columns: [
    { name: 'key', type: 'text', key: true, value: (r) => r.key },
    { name: 'value', type: 'text', value: (r) => r.value },
  ],
};

export const EVENTS: Table<{ index: number; event: CodedEvent }> = {
  name: 'events',
  child: true,
  columns: [
    { name: 'idx', type: 'integer', value: (r) => r.index },
    { name: 'date', type: 'text', value: (r) => r.event.date?.value ?? null },
    { name: 'date_source', type: 'text', value: (r) => r.event.date?.source ?? null },
    { name: 'source_code', type: 'text', value: (r) => r.event.source.actor.code },
    { name: 'source_name', type: 'text', value: (r) => r.event.source.actor.name },
    { name: 'source_country', type: 'text', value: (r) => r.event.source.actor.country },
    { name: 'source_role', type: 'text', value: (r) => r.event.source.actor.role },
    { name: 'target_code', type: 'text', value: (r) => r.event.target?.actor.code ?? null },
    { name: 'target_name', type: 'text', value: (r) => r.event.target?.actor.name ?? null },
    { name: 'target_country', type: 'text', value: (r) => r.event.target?.actor.country ?? null },
    { name: 'target_role', type: 'text', value: (r) => r.event.target?.actor.role ?? null },
    { name: 'target_from', type: 'text', value: (r) => r.event.target?.from ?? null },
    { name: 'code', type: 'text', value: (r) => r.event.code },
    { name: 'root', type: 'text', value: (r) => r.event.root },
    { name: 'name', type: 'text', value: (r) => r.event.name },
    { name: 'goldstein', type: 'double', value: (r) => r.event.goldstein },
    { name: 'quad_class', type: 'small-integer', value: (r) => r.event.quadClass },
    { name: 'plover_event', type: 'text', value: (r) => r.event.plover.event },
    { name: 'plover_mode', type: 'text', value: (r) => r.event.plover.mode },
    { name: 'negated', type: 'boolean', value: (r) => r.event.negated },
    { name: 'intent', type: 'boolean', value: (r) => r.event.intent },
    { name: 'mentions', type: 'integer', value: (r) => r.event.mentions },
    { name: 'place_name', type: 'text', value: (r) => r.event.place?.name ?? null },
    { name: 'place_country', type: 'text', value: (r) => r.event.place?.country ?? null },
    { name: 'lat', type: 'double', value: (r) => r.event.place?.lat ?? null },
    { name: 'lon', type: 'double', value: (r) => r.event.place?.lon ?? null },
    { name: 'confidence', type: 'double', value: (r) => r.event.confidence },
    { name: 'evidence', type: 'text', value: (r) => r.event.evidence.text },
    { name: 'pattern', type: 'text', value: (r) => r.event.via.pattern },
    // Background (dated well before publication): kept, but left out of counts and exports by default.
    { name: 'historical', type: 'boolean', value: (r) => r.event.historical === true },
  ],
};

export const QUOTES: Table<{ index: number; quote: Quote }> = {
  name: 'quotes',
  child: true,
  columns: [
    { name: 'idx', type: 'integer', value: (r) => r.index },
    { name: 'date', type: 'text', value: (r) => r.quote.date?.value ?? null },
    { name: 'kind', type: 'text', value: (r) => r.quote.kind },
    {
      name: 'speaker_name',
      type: 'text',
      value: (r) => r.quote.speaker?.actor?.name ?? r.quote.speaker?.mention.text ?? null,
    },
    { name: 'speaker_code', type: 'text', value: (r) => r.quote.speaker?.actor?.code ?? null },
    { name: 'speaker_mention', type: 'text', value: (r) => r.quote.speaker?.mention.text ?? null },
    { name: 'anonymous', type: 'boolean', value: (r) => r.quote.speaker?.anonymous ?? false },
    { name: 'cue', type: 'text', value: (r) => r.quote.cue?.text ?? null },
    { name: 'via', type: 'text', value: (r) => r.quote.via?.actor?.name ?? null },
    { name: 'text', type: 'text', value: (r) => r.quote.text },
  ],
};

export const ACTORS: Table<ActorTally> = {
  name: 'actors',
  child: true,
  columns: [
    { name: 'actor_id', type: 'text', value: (a) => a.id },
    { name: 'name', type: 'text', value: (a) => a.name },
    { name: 'code', type: 'text', value: (a) => a.code },
    { name: 'country', type: 'text', value: (a) => a.country },
    { name: 'kind', type: 'text', value: (a) => a.kind },
    { name: 'mentions', type: 'integer', value: (a) => a.n },
  ],
};

export const FAILURES: Table<FailureCells> = {
  name: 'failures',
  child: false,
  columns: [
    { name: 'source', type: 'text', value: (f) => f.source },
    { name: 'line', type: 'integer', value: (f) => f.line },
    { name: 'rule', type: 'text', value: (f) => f.rule },
    { name: 'reason', type: 'text', value: (f) => f.reason },
    { name: 'failed_at', type: 'timestamp', value: (f) => f.failedAt },
  ],
};

/** Every table of a store, in the order they are created. */
export const TABLES: ReadonlyArray<Table<never>> = [ARTICLES, STORE_INFO, EVENTS, QUOTES, ACTORS, FAILURES];

/** The cells of one row, in column order (without a child table's `article_id`, which the writer adds). */
export function cellsOf<T>(table: Table<T>, source: T): Cell[] {
  // A loop, not `map`, for one array shape throughout a run (see `foldTokens`).
  const cells: Cell[] = [];
  for (const column of table.columns) cells.push(column.value(source));
  return cells;
}

/** DuckDB's type for each abstract column type. */
const DUCKDB_TYPES: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'INTEGER',
  'small-integer': 'TINYINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  bytes: 'BLOB',
  timestamp: 'TIMESTAMP',
};

/** The DuckDB `CREATE TABLE IF NOT EXISTS` statement of a table. */
export function createTableSql(table: Table<never>): string {
  const columns = table.columns.map((c) => `${c.name} ${DUCKDB_TYPES[c.type]}${c.key ? ' PRIMARY KEY' : ''}`);
  if (table.child) columns.unshift('article_id VARCHAR');
  return `CREATE TABLE IF NOT EXISTS ${table.name} (\n    ${columns.join(',\n    ')}\n  )`;
}
