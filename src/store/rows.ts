import { gzipSync } from 'node:zlib';
import type { DyadRecord } from '../output/dyad-json.js';
import { minhash, signatureBytes } from './minhash.js';
import { ACTORS, cellsOf, EVENTS, QUOTES, type ActorTally, type Cell } from './tables.js';

/** One article flattened into the rows of the store's tables. */
export interface ArticleRows {
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  updated: string | null;
  source: string;
  agency: string | null;
  authors: string;
  /** MinHash signature of the cleaned text, as stored (64 bytes; see `minhash.ts`). */
  minhash: Uint8Array;
  /**
   * The whole `dyad/1` record as gzip-compressed JSON: about a fifth of the bytes to send to the
   * writer and to store (a record is ten times its article's text), for ~0.3 ms on the worker.
   */
  recordGz: Uint8Array;
  /** The cells of the child tables' rows, in the column order of `tables.ts` (the writer adds `article_id`). */
  events: Cell[][];
  /** How many of the events are current (not `historical`): what `articles.n_events` counts. */
  currentEvents: number;
  quotes: Cell[][];
  actors: Cell[][];
}

/**
 * Flattens a `dyad/1` record into table rows, in the column order of `tables.ts`. Done on the
 * worker thread, so the writer only appends.
 */
export function toRows(record: DyadRecord): ArticleRows {
  const events: Cell[][] = [];
  record.events.forEach((event, index) => events.push(cellsOf(EVENTS, { index, event })));
  const quotes: Cell[][] = [];
  record.quotes.forEach((quote, index) => quotes.push(cellsOf(QUOTES, { index, quote })));
  const tally = new Map<string, ActorTally>();
  for (const m of record.actors) {
    const entry = tally.get(m.actor.id) ?? {
      id: m.actor.id,
      name: m.actor.name,
      code: m.actor.code,
      country: m.actor.country,
      kind: m.actor.kind,
      n: 0,
    };
    entry.n++;
    tally.set(m.actor.id, entry);
  }
  const actors: Cell[][] = [];
  for (const entry of tally.values()) actors.push(cellsOf(ACTORS, entry));
  return {
    id: record.id,
    url: record.meta.url,
    title: record.meta.title,
    published: record.meta.published,
    updated: record.meta.updated,
    source: record.source.input,
    agency: record.meta.agency,
    authors: record.meta.authors.join('; '),
    minhash: signatureBytes(minhash(record.text)),
    recordGz: gzipSync(JSON.stringify(record), { level: 1 }),
    events,
    currentEvents: record.events.filter((event) => !event.historical).length,
    quotes,
    actors,
  };
}
