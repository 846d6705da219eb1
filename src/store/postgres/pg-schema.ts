import { STORE_VERSION } from '../schema.js';
import { EVENTS, TABLES, type ColumnType, type Table } from '../tables.js';

/**
 * PostgreSQL's type for each column type of `tables.ts`. Text is compared byte by byte
 * (`COLLATE "C"`), as DuckDB compares it, so that both stores sort and range-filter dates and
 * names alike.
 */
const PG_TYPES: Record<ColumnType, string> = {
  text: 'text COLLATE "C"',
  integer: 'integer',
  'small-integer': 'smallint',
  double: 'double precision',
  boolean: 'boolean',
  bytes: 'bytea',
  timestamp: 'timestamp',
};

/** The names of a table's columns as stored: a child table's rows start with `article_id`. */
export function columnNames(table: Table<never>): string[] {
  return [...(table.child ? ['article_id'] : []), ...table.columns.map((c) => c.name)];
}

/** The index of the events' `date` among the cells of an event row (the partition key). */
export const EVENT_DATE_CELL = EVENTS.columns.findIndex((c) => c.name === 'date');

/** Tables whose rows a queue job writes, each with the job's id in `batch` (to rewrite them whole). */
export const JOB_TABLES = ['articles', 'events', 'quotes', 'actors', 'failures'] as const;

/**
 * The PostgreSQL schema: the embedded store's tables, plus what only a shared store needs: the job
 * that wrote each row (`batch`), an article's place in the input order (`seq`, `pos`: the order in
 * which near-duplicates resolve), monthly partitions of `events` (on its ISO date; undated events,
 * or dated by year or week only, go to a default partition), and the indexes the queries use.
 */
export function pgSchema(): string[] {
  const statements: string[] = [];
  for (const table of TABLES) {
    const defs = table.columns.map((c) => `${c.name} ${PG_TYPES[c.type]}${c.key ? ' PRIMARY KEY' : ''}`);
    if (table.child) defs.unshift(`article_id ${PG_TYPES.text}`);
    if ((JOB_TABLES as readonly string[]).includes(table.name)) defs.push(`batch ${PG_TYPES.text}`);
    if (table.name === 'articles') defs.push('seq integer', 'pos integer');
    const partition = table.name === 'events' ? ' PARTITION BY RANGE (date)' : '';
    statements.push(`CREATE TABLE IF NOT EXISTS ${table.name} (${defs.join(', ')})${partition}`);
  }
  statements.push(
    'CREATE TABLE IF NOT EXISTS events_undated PARTITION OF events DEFAULT',
    `INSERT INTO store_info VALUES ('version', '${STORE_VERSION}') ON CONFLICT DO NOTHING`,
    'CREATE INDEX IF NOT EXISTS events_dyad_date ON events (source_code, target_code, date)',
    'CREATE INDEX IF NOT EXISTS events_target_date ON events (target_code, date)',
    'CREATE INDEX IF NOT EXISTS events_article ON events (article_id, idx)',
    'CREATE INDEX IF NOT EXISTS actors_actor ON actors (actor_id)',
    'CREATE INDEX IF NOT EXISTS actors_code ON actors (code)',
    'CREATE INDEX IF NOT EXISTS actors_article ON actors (article_id)',
    'CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id, idx)',
    "CREATE INDEX IF NOT EXISTS quotes_text ON quotes USING gin (to_tsvector('simple', text))",
    'CREATE INDEX IF NOT EXISTS articles_order ON articles (seq, pos, id)',
  );
  for (const table of JOB_TABLES) statements.push(`CREATE INDEX IF NOT EXISTS ${table}_batch ON ${table} (batch)`);
  return statements;
}

/** The name and bounds of the partition of `events` for a month (`2018-02`). */
export function monthPartition(month: string): { name: string; from: string; to: string } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next =
    m === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
  return { name: `events_${month.replace('-', '_')}`, from: month, to: next };
}

/** The month of an ISO date (`2018-02-12` → `2018-02`), or null for one without a month. */
export function monthOf(date: unknown): string | null {
  return typeof date === 'string' && /^\d{4}-(0[1-9]|1[0-2])/.test(date) ? date.slice(0, 7) : null;
}
