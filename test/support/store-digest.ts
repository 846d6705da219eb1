import { createHash } from 'node:crypto';
import { TABLES } from '../../src/store/tables.js';

/** A store that answers SQL with `?` parameters: the DuckDB `Store` or the `PgStore`. */
interface Source {
  all(sql: string, params?: never[]): Promise<Array<Record<string, unknown>>>;
}

/** Row counts and a checksum per table, to tell whether two stores hold the same rows. */
export interface StoreDigest {
  counts: Record<string, number>;
  checksums: Record<string, string>;
  /** Rows that appear more than once in a table (0 in a sound store). */
  repeated: Record<string, number>;
}

/** The hex of a bytes cell, whether DuckDB's blob value or PostgreSQL's Buffer. */
function bytesHex(value: unknown): string {
  const bytes = value instanceof Uint8Array ? value : (value as { bytes: Uint8Array }).bytes;
  return Buffer.from(bytes).toString('hex');
}

/** Columns left out: when a row was written, and the compressed record (its bytes depend on zlib). */
const SKIPPED = new Set(['ingested_at', 'failed_at', 'record_gz']);

/**
 * Digests the articles, events, quotes and actors of a store: every stored column but the times of
 * writing, each row hashed, the hashes sorted (the order rows are read in does not count) and
 * hashed together. Bytes (a MinHash signature) are compared as hex: each store's client gives
 * them in its own type.
 */
export async function storeDigest(store: Source): Promise<StoreDigest> {
  const digest: StoreDigest = { counts: {}, checksums: {}, repeated: {} };
  for (const table of ['articles', 'events', 'quotes', 'actors']) {
    const declared = TABLES.find((t) => t.name === table)!;
    const columns = [...(declared.child ? [{ name: 'article_id', type: 'text' }] : []), ...declared.columns].filter(
      (c) => !SKIPPED.has(c.name),
    );
    const select = columns.map((c) => c.name).join(', ');
    const rows = await store.all(`SELECT ${select} FROM ${table}`);
    const cell = (type: string, value: unknown) => (type === 'bytes' && value ? bytesHex(value) : (value ?? null));
    const hashes = rows
      .map((row) =>
        createHash('sha1')
          .update(JSON.stringify(columns.map((c) => cell(c.type, row[c.name]))))
          .digest('hex'),
      )
      .sort();
    digest.counts[table] = rows.length;
    digest.repeated[table] = hashes.filter((h, i) => i > 0 && hashes[i - 1] === h).length;
    digest.checksums[table] = createHash('sha256').update(hashes.join('\n')).digest('hex').slice(0, 16);
  }
  return digest;
}
