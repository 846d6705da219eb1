import { existsSync } from 'node:fs';
import { isPostgresUrl } from '../../query/source.js';
import { buildServer, WATCH_NEEDS_DUCKDB } from './app.js';
import { StoreHandle } from './store-handle.js';

/** Options of `dyad serve`. */
export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  /** A folder to ingest from as files land in it. */
  watch?: string;
}

/**
 * `dyad serve`: opens the store read-only (a DuckDB file, or a PostgreSQL store given as
 * postgres://...), serves the API and the dashboard, and prints the address; with `watch`, also
 * ingests the files that land in that folder (creating a DuckDB store). A DuckDB store locked by
 * an ingest, or a PostgreSQL server out of reach, is not an error: the server says so in one
 * sentence and answers 503 until it can read. Returns once listening; the process runs until stopped.
 */
export async function serve(options: ServeOptions, print: (line: string) => void): Promise<void> {
  const postgres = isPostgresUrl(options.db);
  if (options.watch && postgres) throw new Error(WATCH_NEEDS_DUCKDB);
  if (!options.watch && !postgres && !existsSync(options.db))
    throw new Error(`no store at ${options.db} (create one with: dyad ingest ... --db ${options.db})`);
  // A DuckDB file is closed after ten idle seconds, so an ingest can write to it between uses of
  // the dashboard; PostgreSQL's workers write beside the readers, so its connections stay.
  const handle = new StoreHandle(options.db, postgres ? 0 : 10_000);
  const app = await buildServer({
    db: options.db,
    handle,
    ...(options.watch ? { watch: options.watch, log: print } : {}),
  });
  const busy = await handle.check();
  if (busy) print(`dyad serve: ${busy}.`);
  const address = await app.listen({ port: options.port, host: options.host });
  print(
    `dyad serve: the dashboard is at ${address}/ and the API at ${address}/api ` +
      `(OpenAPI: ${address}/docs); Ctrl-C stops it`,
  );
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
