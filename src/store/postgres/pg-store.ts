import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { fatal } from '../../pipeline/errors.js';
import type { ArticleRows } from '../rows.js';
import { STORE_VERSION, whyRefused } from '../schema.js';
import { MinhashIndex, signatureFromBytes } from '../minhash.js';
import type { FailureRow } from '../store.js';
import { ACTORS, ARTICLES, cellsOf, EVENTS, FAILURES, QUOTES, type Cell, type Table } from '../tables.js';
import { columnNames, EVENT_DATE_CELL, JOB_TABLES, monthOf, monthPartition, pgSchema } from './pg-schema.js';

/** An article of a job, with its place among the job's records (near-duplicates resolve in that order). */
export type PlacedArticle = ArticleRows & { pos: number };

/** What writing one job did. */
export interface JobWrite {
  articles: number;
  /** Articles another job had stored already (the same id in two inputs): the first kept. */
  skipped: number;
  failures: number;
}

/** One value as a CSV field of PostgreSQL's COPY: NULL is an empty unquoted field, text is quoted. */
function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return `"${value.replace(/"/g, '""')}"`;
}

const csvLine = (cells: ReadonlyArray<Cell | undefined>) => cells.map(csvCell).join(',') + '\n';

/** Advisory lock keys: one writer of new partitions at a time; one resolver of near-duplicates. */
const PARTITION_LOCK = 4_242_001;
const DUPLICATE_LOCK = 4_242_002;
/** Attempts of a job's transaction when another job stores one of its ids at the same moment. */
const WRITE_ATTEMPTS = 5;

/** Type parsers: counts (bigint) and rounded means (numeric) as JS numbers, as the DuckDB store gives them. */
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/**
 * The shared event store on PostgreSQL: the embedded store's tables (see `pg-schema.ts`), written
 * one queue job per transaction. A job's rows carry its id, so a job run again (after its worker
 * was killed, or on purpose) replaces its rows whole: `DELETE ... WHERE batch = job`, then `COPY`,
 * then `COMMIT`; a worker killed before the commit leaves nothing of the job.
 */
export class PgStore {
  private readonly months = new Set<string>();

  private constructor(
    private readonly pool: pg.Pool,
    readonly url: string,
  ) {}

  /** Connects to the database at `url` (postgres://...); the tables must exist (`PgStore.init`). */
  static async connect(url: string, options: { create?: boolean } = {}): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: 4, types });
    // An idle client whose server went away must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PgStore(pool, url);
    try {
      if (options.create) await store.init();
      else await store.checkVersion();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  /** Creates the tables, partitions and indexes (idempotent: `dyad init` may run again). */
  private async init(): Promise<void> {
    const client = await this.connectClient();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [PARTITION_LOCK]);
      const [info] = (await client.query("SELECT to_regclass('store_info') AS t")).rows as Array<{ t: string | null }>;
      if (info?.t) await this.checkVersion();
      for (const statement of pgSchema()) await client.query(statement);
    } finally {
      await client.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      client.release();
    }
  }

  private async connectClient(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw fatal(
        'store',
        'store/unreachable',
        `${redact(this.url)}: cannot connect to PostgreSQL (${(error as Error).message})`,
      );
    }
  }

  /** Refuses a database without a Dyad store, or with a store of another layout. */
  private async checkVersion(): Promise<void> {
    const client = await this.connectClient();
    try {
      const [exists] = (await client.query("SELECT to_regclass('store_info') AS t")).rows as Array<{
        t: string | null;
      }>;
      if (!exists?.t)
        throw fatal(
          'store',
          'store/not-initialised',
          `${redact(this.url)}: no Dyad store in this database ` +
            `(create one with: dyad init --store ${redact(this.url)})`,
        );
      const [row] = (await client.query("SELECT value FROM store_info WHERE key = 'version'")).rows as Array<{
        value: string;
      }>;
      const version = row?.value ?? '1';
      if (version !== STORE_VERSION) {
        throw fatal(
          'store',
          'store/version-mismatch',
          `${redact(this.url)}: the store has layout version ${version}${whyRefused(version)}; ` +
            `this Dyad reads and writes version ${STORE_VERSION}.`,
        );
      }
    } finally {
      client.release();
    }
  }

  /** Creates the monthly partitions of `events` that these months need and that are not known yet. */
  private async ensurePartitions(months: Iterable<string>): Promise<void> {
    const missing = [...new Set(months)].filter((m) => !this.months.has(m));
    if (!missing.length) return;
    const client = await this.connectClient();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      for (const month of missing) {
        const { name, from, to } = monthPartition(month);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF events FOR VALUES FROM ('${from}') TO ('${to}')`,
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    for (const month of missing) this.months.add(month);
  }

  /**
   * Writes one job's articles and failures in one transaction, replacing whatever an earlier run
   * of the same job wrote. An article whose id another job has stored is skipped (as one-machine
   * ingest skips an id it has stored). Near-duplicates are linked later, in input order, by
   * `resolveDuplicates`.
   */
  async writeJob(
    job: string,
    seq: number,
    articles: readonly PlacedArticle[],
    failures: readonly FailureRow[],
  ): Promise<JobWrite> {
    const months = articles.flatMap((a) =>
      a.events.map((row) => monthOf(row[EVENT_DATE_CELL])).filter((m): m is string => m !== null),
    );
    await this.ensurePartitions(months);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeJobOnce(job, seq, articles, failures);
      } catch (error) {
        // Another job stored one of these ids between our check and our COPY: try again, skipping it.
        if ((error as { code?: string }).code !== '23505' || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  private async writeJobOnce(
    job: string,
    seq: number,
    articles: readonly PlacedArticle[],
    failures: readonly FailureRow[],
  ): Promise<JobWrite> {
    const client = await this.connectClient();
    try {
      await client.query('BEGIN');
      // Children first: their rows name the articles.
      for (const table of [...JOB_TABLES].reverse()) await client.query(`DELETE FROM ${table} WHERE batch = $1`, [job]);
      const ids = articles.map((a) => a.id);
      const taken = new Set(
        ((await client.query('SELECT id FROM articles WHERE id = ANY($1)', [ids])).rows as Array<{ id: string }>).map(
          (r) => r.id,
        ),
      );
      const fresh = articles.filter((a) => !taken.has(a.id));
      const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
      const copy = async (table: Table<never>, extra: string[], lines: Iterable<string>) => {
        const stream = client.query(
          copyFrom(`COPY ${table.name} (${[...columnNames(table), ...extra].join(', ')}) FROM STDIN (FORMAT csv)`),
        );
        await pipeline(Readable.from(lines), stream);
      };
      await copy(
        ARTICLES as Table<never>,
        ['batch', 'seq', 'pos'],
        (function* () {
          for (const a of fresh) {
            const cells = cellsOf(ARTICLES, {
              ...a,
              dupOf: null,
              nEvents: a.currentEvents,
              nQuotes: a.quotes.length,
              ingestedAt: now,
            });
            yield csvLine([...cells, job, seq, a.pos]);
          }
        })(),
      );
      const children = [
        [EVENTS, (a: PlacedArticle) => a.events],
        [QUOTES, (a: PlacedArticle) => a.quotes],
        [ACTORS, (a: PlacedArticle) => a.actors],
      ] as const;
      for (const [table, rowsOf] of children) {
        await copy(
          table as Table<never>,
          ['batch'],
          (function* () {
            for (const a of fresh) for (const row of rowsOf(a)) yield csvLine([a.id, ...row, job]);
          })(),
        );
      }
      await copy(
        FAILURES as Table<never>,
        ['batch'],
        (function* () {
          for (const f of failures)
            yield csvLine([
              ...cellsOf(FAILURES, {
                source: f.source,
                line: f.line,
                rule: f.diagnostic.rule,
                reason: f.diagnostic.reason,
                failedAt: now,
              }),
              job,
            ]);
        })(),
      );
      await client.query('COMMIT');
      return { articles: fresh.length, skipped: articles.length - fresh.length, failures: failures.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Links near-duplicates as one-machine ingest does, in input order (the jobs' order of
   * enqueuing, then the records' order in each job): an article whose MinHash signature is near that of an
   * earlier first copy gets `dup_of`; the others are first copies. Jobs finish in any order, so
   * this runs over the whole store, under a lock, when the queue has drained; it changes only
   * the rows whose link differs. Returns the number of rows changed.
   */
  async resolveDuplicates(): Promise<number> {
    const client = await this.connectClient();
    const changes: Array<[string, string | null]> = [];
    try {
      await client.query('SELECT pg_advisory_lock($1)', [DUPLICATE_LOCK]);
      const index = new MinhashIndex();
      let after: unknown[] = [];
      for (;;) {
        const page = (
          await client.query(
            `SELECT id, minhash, dup_of, seq, pos FROM articles
              ${after.length ? 'WHERE (seq, pos, id) > ($1, $2, $3)' : ''} ORDER BY seq, pos, id LIMIT 20000`,
            after,
          )
        ).rows as Array<{ id: string; minhash: Buffer | null; dup_of: string | null; seq: number; pos: number }>;
        for (const row of page) {
          const signature = row.minhash ? signatureFromBytes(new Uint8Array(row.minhash)) : null;
          const dupOf = signature ? index.find(signature) : null;
          if (!dupOf && signature) index.add(row.id, signature);
          if (dupOf !== row.dup_of) changes.push([row.id, dupOf]);
        }
        if (page.length < 20000) break;
        const last = page[page.length - 1]!;
        after = [last.seq, last.pos, last.id];
      }
      for (let i = 0; i < changes.length; i += 10000) {
        const part = changes.slice(i, i + 10000);
        await client.query(
          `UPDATE articles a SET dup_of = u.dup_of
             FROM unnest($1::text[], $2::text[]) AS u(id, dup_of) WHERE a.id = u.id`,
          [part.map(([id]) => id), part.map(([, d]) => d)],
        );
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [DUPLICATE_LOCK]).catch(() => undefined);
      client.release();
    }
    return changes.length;
  }

  /** Runs a query whose parameters are written `?` (as for DuckDB) and returns rows as objects. */
  async all(sql: string, params: ReadonlyArray<unknown> = []): Promise<Array<Record<string, unknown>>> {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    return (await this.pool.query(text, params as unknown[])).rows as Array<Record<string, unknown>>;
  }

  /** Writes a table's columns to a CSV file with a header (NULL unquoted and empty, all else quoted). */
  async copyToCsv(table: string, columns: readonly string[], path: string): Promise<void> {
    const client = await this.connectClient();
    try {
      const stream = client.query(
        copyTo(`COPY (SELECT ${columns.join(', ')} FROM ${table}) TO STDOUT (FORMAT csv, HEADER, FORCE_QUOTE *)`),
      );
      await pipeline(stream, createWriteStream(path));
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
