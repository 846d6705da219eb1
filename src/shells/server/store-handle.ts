import { existsSync } from 'node:fs';
import { Store } from '../../store/store.js';

/** The store is locked by a writer (an ingest): the API answers 503 and asks to retry. */
export class StoreBusyError extends Error {
  /** Seconds after which a retry may succeed (the `Retry-After` header). */
  readonly retryAfter = 5;
}

/** DuckDB's message when another process holds the file's write lock. */
const LOCKED = /lock/i;

/**
 * The server's read-only hold on the store. It opens the file on first use and closes it after a
 * while without requests, so an `ingest` can write between bursts of use; while an ingest holds
 * the lock, `use` throws `StoreBusyError` (one sentence, no stack) and the next request tries again.
 */
export class StoreHandle {
  private store: Store | null = null;
  private opening: Promise<Store> | null = null;
  private inUse = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  /** A writer's turn (`--watch` ingesting): requests wait for it to end rather than fail. */
  private writerTurn: Promise<void> | null = null;
  /** Counts the writes made through `exclusive`, so the dashboard can tell when to reload. */
  generation = 0;

  /**
   * @param path the DuckDB file (it must exist)
   * @param idleCloseMs close the file after this long without requests (0: keep it open)
   * @param open how to open it (read-only by default; `--watch` passes the writer's store)
   */
  constructor(
    readonly path: string,
    private readonly idleCloseMs = 0,
    private readonly open: (path: string) => Promise<Store> = (p) => Store.openReadOnly(p),
  ) {}

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
  async use<T>(work: (store: Store) => Promise<T>): Promise<T> {
    while (this.writerTurn) await this.writerTurn;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.inUse++;
    try {
      return await work(await this.get());
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
      this.close();
      return await write();
    } finally {
      this.generation++;
      this.writerTurn = null;
      release();
    }
  }

  /** Closes the store (the server's `onClose`). */
  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.store?.close();
    this.store = null;
  }

  private async get(): Promise<Store> {
    if (this.store) return this.store;
    this.opening ??= this.openOnce().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async openOnce(): Promise<Store> {
    if (!existsSync(this.path))
      throw new Error(`no store at ${this.path} (create one with: dyad ingest ... --db ${this.path})`);
    try {
      this.store = await this.open(this.path);
      return this.store;
    } catch (error) {
      const message = (error as Error).message;
      if (LOCKED.test(message)) {
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
      if (this.inUse === 0) this.close();
    }, this.idleCloseMs);
    this.idleTimer.unref();
  }
}
