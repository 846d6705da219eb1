import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { monthOf, monthPartition } from '../store/postgres/pg-schema.js';
import { PgStore } from '../store/postgres/pg-store.js';
import type { Store } from '../store/store.js';

/** The columns the synthetic store fills (`synthetic-events.ts`), table by table. */
const FILLED: Record<string, string[]> = {
  articles: ['id', 'published', 'dup_of'],
  events: [
    'article_id',
    'idx',
    'date',
    'source_code',
    'source_name',
    'source_country',
    'target_code',
    'target_name',
    'target_country',
    'code',
    'root',
    'name',
    'goldstein',
    'quad_class',
    'negated',
    'intent',
    'mentions',
    'evidence',
  ],
};

/**
 * For the API benchmark on PostgreSQL: copies the synthetic rows of a DuckDB store into an empty
 * PostgreSQL database made a Dyad store (`dyad init`'s tables and indexes), with a partition of
 * `events` for each month the rows hold, as workers would have made them, then analyses the
 * tables so the planner knows their sizes. Through CSV files, as the exports copy the other way.
 */
export async function copySyntheticToPostgres(store: Store, url: string): Promise<void> {
  await (await PgStore.connect(url, { create: true })).close();
  const dir = mkdtempSync(join(tmpdir(), 'dyad-bench-pg-'));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const months = await store.all('SELECT DISTINCT substr(date, 1, 7) AS month FROM events');
    for (const { month } of months) {
      if (!monthOf(month)) continue;
      const { name, from, to } = monthPartition(String(month));
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF events FOR VALUES FROM ('${from}') TO ('${to}')`,
      );
    }
    for (const [table, columns] of Object.entries(FILLED)) {
      const csv = join(dir, `${table}.csv`);
      const select = `SELECT ${columns.join(', ')} FROM ${table}`;
      await store.connection.run(`COPY (${select}) TO '${csv}' (FORMAT csv, HEADER false)`);
      await pipeline(
        createReadStream(csv),
        client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`)),
      );
      await client.query(`ANALYZE ${table}`);
    }
  } finally {
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
