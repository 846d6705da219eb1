import {
  DuckDBBlobValue,
  DuckDBInstance,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Diagnostic } from '../document/types.js';
import { fatal } from '../pipeline/errors.js';
import type { ArticleRows } from './rows.js';
import { SCHEMA, STORE_VERSION, whyRefused } from './schema.js';
import { MinhashIndex, signatureFromBytes } from './minhash.js';
import { ARTICLES, cellsOf, FAILURES, type Cell } from './tables.js';

/** A failed input, as the store records it. */
export interface FailureRow {
  source: string;
  line: number | null;
  diagnostic: Diagnostic;
}

/** What one batch write did. */
export interface BatchResult {
  added: number;
  skipped: number;
  duplicates: number;
}

function appendCell(appender: DuckDBAppender, cell: Cell | undefined): void {
  if (cell === null || cell === undefined) appender.appendNull();
  else if (typeof cell === 'boolean') appender.appendBoolean(cell);
  else if (typeof cell === 'bigint') appender.appendUBigInt(cell);
  else if (typeof cell === 'number') appender.appendDouble(cell);
  else if (cell instanceof Uint8Array) appender.appendBlob(cell);
  else appender.appendVarchar(cell);
}

/** Appends one row: `articleId` first when given (the child tables), then the cells. */
function append(appender: DuckDBAppender, cells: readonly Cell[], articleId?: string): void {
  if (articleId !== undefined) appender.appendVarchar(articleId);
  for (const cell of cells) appendCell(appender, cell);
  appender.endRow();
}

/**
 * Refuses a store written in another layout (tables but no matching `store_info` version): writing
 * into it would mix layouts, and reading it would misread the record column.
 */
async function checkVersion(connection: DuckDBConnection, path: string): Promise<void> {
  const tables = new Set(
    (await connection.runAndReadAll('SELECT table_name FROM information_schema.tables'))
      .getRows()
      .map(([name]) => String(name)),
  );
  if (!tables.has('articles')) return;
  const version = tables.has('store_info')
    ? String(
        (await connection.runAndReadAll("SELECT value FROM store_info WHERE key = 'version'")).getRows()[0]?.[0] ?? '1',
      )
    : '1';
  if (version !== STORE_VERSION) {
    throw fatal(
      'store',
      'store/version-mismatch',
      `${path}: the store has layout version ${version}${whyRefused(version)}; this Dyad reads ` +
        `and writes version ${STORE_VERSION}. Ingest the inputs into a new store ` +
        `file.`,
    );
  }
}

/**
 * Opens a DuckDB file, turning DuckDB's errors about the file into one sentence each: another
 * process holds it (an ingest still running), or it is not a database at all.
 */
async function createInstance(path: string, options: Record<string, string>): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(path, options);
  } catch (error) {
    const message = (error as Error).message;
    const pid = /PID (\d+)/.exec(message)?.[1];
    if (/Could not set lock|Conflicting lock/i.test(message)) {
      const holder = pid ? `process ${pid}` : 'another process';
      throw fatal(
        'store',
        'store/locked',
        `${path} is in use by ${holder} (an ingest still running?): wait for it to finish, then try again`,
      );
    }
    if (/not a valid DuckDB database|unable to open database|database file.*invalid/i.test(message)) {
      throw fatal('store', 'store/not-a-store', `${path} is not a Dyad store (not a DuckDB database file)`);
    }
    if (/read-only|Permission denied/i.test(message))
      throw fatal(
        'store',
        'store/read-only',
        `${path} cannot be opened for writing (${message.replace(/^IO Error: /, '')})`,
      );
    throw error;
  }
}

/**
 * The embedded event store: a DuckDB file (no server). Articles are written in batches, each one
 * transaction (articles, events, quotes and actor tallies together, with DuckDB's appender), so a
 * run killed at any moment leaves only whole batches; ids already stored are skipped, so a second
 * run adds nothing and a killed run resumes.
 */
export class Store {
  private readonly known = new Set<string>();
  private readonly signatures = new MinhashIndex();
  /** Set once the ids and MinHash signatures of the stored articles have been read (writers only). */
  private loading: Promise<void> | null = null;
  private loaded = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
  ) {}

  /** Opens (or creates) the store at `path` (`:memory:` for a throwaway one). */
  static async open(path: string): Promise<Store> {
    const instance = await createInstance(path, {});
    const connection = await instance.connect();
    try {
      await checkVersion(connection, path);
      for (const statement of SCHEMA) await connection.run(statement);
      await connection.run(`INSERT OR IGNORE INTO store_info VALUES ('version', '${STORE_VERSION}')`);
    } catch (error) {
      // A refused store is closed at once: its lock would keep every later open in this process out.
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
    return new Store(instance, connection, path);
  }

  /**
   * Opens an existing store to read it (queries, exports): read-only, so that it works on a file
   * the user may not write and beside other readers, and never creates or alters a table.
   * @throws DyadError `store/not-a-store`, `store/locked`, `store/version-mismatch` with one sentence each.
   */
  static async openReadOnly(path: string): Promise<Store> {
    const instance = await createInstance(path, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const tables = (await connection.runAndReadAll('SELECT table_name FROM information_schema.tables'))
        .getRows()
        .map(([name]) => String(name));
      if (!tables.includes('articles') || !tables.includes('events')) {
        throw fatal(
          'store',
          'store/not-a-store',
          `${path} is a DuckDB database but not a Dyad store (it has no articles and events tables)`,
        );
      }
      await checkVersion(connection, path);
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
    return new Store(instance, connection, path);
  }

  /**
   * Reads the ids of the stored articles and the MinHash signatures of the first copies, which writing
   * needs (to skip what is stored, to link near-duplicates) and queries do not: a store of a
   * million articles takes seconds and hundreds of megabytes to read in whole. Read chunk by chunk,
   * once; `writeBatch` calls it itself, `has` needs it called first.
   */
  loadStored(): Promise<void> {
    this.loading ??= (async () => {
      // Only first copies are indexed: a later copy is linked to the first, never to another copy.
      const result = await this.connection.stream('SELECT id, CASE WHEN dup_of IS NULL THEN minhash END FROM articles');
      for await (const rows of result.yieldRows()) {
        for (const [id, blob] of rows) {
          const key = String(id);
          this.known.add(key);
          const signature = blob instanceof DuckDBBlobValue ? signatureFromBytes(blob.bytes) : null;
          if (signature) this.signatures.add(key, signature);
        }
      }
      this.loaded = true;
    })();
    return this.loading;
  }

  /** True when an article with this id is stored (after `loadStored`). */
  has(id: string): boolean {
    if (!this.loaded) throw new Error(`${this.path}: Store.has was called before loadStored`);
    return this.known.has(id);
  }

  /**
   * Writes a batch of articles and failures in one transaction. Articles already stored are
   * skipped; a near-duplicate of a stored article is stored with `dup_of` set to the first copy.
   */
  async writeBatch(articles: readonly ArticleRows[], failures: readonly FailureRow[] = []): Promise<BatchResult> {
    await this.loadStored();
    const result: BatchResult = { added: 0, skipped: 0, duplicates: 0 };
    const fresh: Array<ArticleRows & { dupOf: string | null }> = [];
    const inBatch = new Set<string>();
    for (const a of articles) {
      if (this.known.has(a.id) || inBatch.has(a.id)) {
        result.skipped++;
        continue;
      }
      inBatch.add(a.id);
      const signature = signatureFromBytes(a.minhash);
      const dupOf = signature && this.signatures.find(signature);
      if (dupOf) result.duplicates++;
      else if (signature) this.signatures.add(a.id, signature);
      fresh.push({ ...a, dupOf: dupOf ?? null });
    }
    const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const articlesAppender = await this.connection.createAppender('articles');
      const eventsAppender = await this.connection.createAppender('events');
      const quotesAppender = await this.connection.createAppender('quotes');
      const actorsAppender = await this.connection.createAppender('actors');
      const failuresAppender = await this.connection.createAppender('failures');
      for (const a of fresh) {
        append(
          articlesAppender,
          cellsOf(ARTICLES, { ...a, nEvents: a.currentEvents, nQuotes: a.quotes.length, ingestedAt: now }),
        );
        for (const row of a.events) append(eventsAppender, row, a.id);
        for (const row of a.quotes) append(quotesAppender, row, a.id);
        for (const row of a.actors) append(actorsAppender, row, a.id);
      }
      for (const f of failures)
        append(
          failuresAppender,
          cellsOf(FAILURES, {
            source: f.source,
            line: f.line,
            rule: f.diagnostic.rule,
            reason: f.diagnostic.reason,
            failedAt: now,
          }),
        );
      for (const appender of [articlesAppender, eventsAppender, quotesAppender, actorsAppender, failuresAppender])
        appender.closeSync();
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw fatal(
        'store',
        'store/write-failed',
        `${this.path}: a batch of ${fresh.length} article${fresh.length === 1 ? '' : 's'} ` +
          `could not be written (${(error as Error).message}); it was rolled back, ` +
          `and what was stored before is intact`,
      );
    }
    for (const a of fresh) this.known.add(a.id);
    result.added = fresh.length;
    return result;
  }

  /** Runs a query with positional parameters and returns rows as objects (BigInts made numbers). */
  async all(sql: string, params: DuckDBValue[] = []): Promise<Array<Record<string, unknown>>> {
    const reader = params.length
      ? await this.connection.runAndReadAll(sql, params)
      : await this.connection.runAndReadAll(sql);
    return reader
      .getRowObjects()
      .map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
      );
  }

  /** Closes the store, flushing everything to disk. */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
