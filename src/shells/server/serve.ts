import { existsSync } from 'node:fs';
import { buildServer } from './app.js';
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
 * `dyad serve`: opens the store read-only, serves the API and the dashboard, and prints the
 * address; with `watch`, also ingests the files that land in that folder (creating the store).
 * A store locked by an ingest is not an error: the server says so in one sentence and
 * answers 503 until the lock is gone. Returns once listening; the process runs until stopped.
 */
export async function serve(options: ServeOptions, print: (line: string) => void): Promise<void> {
  if (!options.watch && !existsSync(options.db))
    throw new Error(`no store at ${options.db} (create one with: dyad ingest ... --db ${options.db})`);
  // Closed after ten idle seconds, so an ingest can write to the store between uses of the dashboard.
  const handle = new StoreHandle(options.db, 10_000);
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
