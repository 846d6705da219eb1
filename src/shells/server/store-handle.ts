import { existsSync } from 'node:fs';
import { DyadError } from '../../pipeline/errors.js';
import { duckdbSource, isPostgresUrl, openPostgresSource, type OpenQuerySource } from '../../query/source.js';
import { redact } from '../../store/postgres/pg-store.js';
import { Store } from '../../store/store.js';

/**
 * The store cannot answer now: a writer (an ingest) holds the DuckDB file, or the PostgreSQL
 * server cannot be reached. The API answers 503 and asks to retry.
 */
export class StoreBusyError extends Error {
  /** Seconds after which a retry may succeed (the `Retry-After` header). */
  readonly retryAfter = 5;
}

/** DuckDB's message when another process holds the file's write lock. */
const LOCKED = /lock/i;

/**
 * PostgreSQL errors that mean "not now" rather than "wrong": the server refuses connections, went
 * away, or is starting or shutting down (SQLSTATE classes 08 and 57P). A PostgreSQL store has no
 * writer's lock to wait for: the workers write in transactions, and readers see committed jobs only.
 */
function unreachable(error: unknown): boolean {
  if (error instanceof DyadError) return error.diagnostic.rule === 'store/unreachable';
  const { code } = error as { code?: string };
  return typeof code === 'string' && /^(08|57P|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)/.test(code);
}

/** Opens a store for reading: a DuckDB file read-only, or a PostgreSQL store (postgres://...). */
async function openForReading(db: string): Promise<OpenQuerySource> {
  if (isPostgresUrl(db)) return openPostgresSource(db);
  return duckdbSource(await Store.openReadOnly(db));
}

/**
 * The server's read-only hold on the store. It opens the store on first use and closes it after a
 * while without requests, so an `ingest` can write a DuckDB file between bursts of use; while an
 * ingest holds the lock, or while a PostgreSQL server cannot be reached, `use` throws
 * `StoreBusyError` (one sentence, no stack) and the next request tries again.
 */
export class StoreHandle {
  private store: OpenQuerySource | null = null;
  private opening: Promise<OpenQuerySource> | null = null;
  private inUse = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  /** A writer's turn (`--watch` ingesting): requests wait for it to end rather than fail. */
  private writerTurn: Promise<void> | null = null;
  /** Counts the writes made through `exclusive`, so the dashboard can tell when to reload. */
  generation = 0;

  /**
   * @param path the DuckDB file (it must exist) or the PostgreSQL store's URL
   * @param idleCloseMs close the store after this long without requests (0: keep it open)
   * @param open how to open it (read-only by default; tests pass a store that fails as a locked one does)
   */
  constructor(
    readonly path: string,
    private readonly idleCloseMs = 0,
    private readonly open: (path: string) => Promise<OpenQuerySource> = openForReading,
  ) {}

  /** True for a PostgreSQL store. */
  get postgres(): boolean {
    return isPostgresUrl(this.path);
  }

  /** Opens the store once now, to report a missing or locked file at start-up: the sentence to print, or null. */
  async check(): Promise<string | null> {
    try {
      await this.use(async () => undefined);
      return null;
    } catch (error) {
      if (error instanceof StoreBusyError) return error.message;
      throw error;
    }
  }

  /** Runs `work` with the open store. */
  async use<T>(work: (store: OpenQuerySource) => Promise<T>): Promise<T> {
    while (this.writerTurn) await this.writerTurn;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.inUse++;
    try {
      return await work(await this.get());
    } catch (error) {
      // The pool reconnects by itself once the server is back: until then, ask the client to retry.
      if (this.postgres && unreachable(error))
        throw new StoreBusyError(
          `the PostgreSQL store at ${redact(this.path)} cannot be reached; the API answers 503 until it can`,
        );
      throw error;
    } finally {
      this.inUse--;
      this.scheduleClose();
    }
  }

  /**
   * Gives the file to a writer in this process (`--watch` runs `ingest`, which opens it for
   * writing): waits for the requests under way, closes the reader, runs `write`, and lets the
   * requests that arrived meanwhile go on with the store reopened.
   */
  async exclusive<T>(write: () => Promise<T>): Promise<T> {
    while (this.writerTurn) await this.writerTurn;
    let release = () => {};
    this.writerTurn = new Promise<void>((resolve) => (release = resolve));
    try {
      while (this.inUse > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await this.close();
      return await write();
    } finally {
      this.generation++;
      this.writerTurn = null;
      release();
    }
  }

  /** Closes the store (the server's `onClose`). */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const store = this.store;
    this.store = null;
    await store?.close();
  }

  private async get(): Promise<OpenQuerySource> {
    if (this.store) return this.store;
    this.opening ??= this.openOnce().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async openOnce(): Promise<OpenQuerySource> {
    if (!this.postgres && !existsSync(this.path))
      throw new Error(`no store at ${this.path} (create one with: dyad ingest ... --db ${this.path})`);
    try {
      this.store = await this.open(this.path);
      return this.store;
    } catch (error) {
      const message = (error as Error).message;
      if (!this.postgres && LOCKED.test(message)) {
        throw new StoreBusyError(
          `${this.path} is locked by another process (an ingest?); the API answers 503 until it is done`,
        );
      }
      throw error;
    }
  }

  private scheduleClose(): void {
    if (!this.idleCloseMs || this.inUse > 0 || !this.store) return;
    this.idleTimer = setTimeout(() => {
      if (this.inUse === 0) void this.close();
    }, this.idleCloseMs);
    this.idleTimer.unref();
  }
}
