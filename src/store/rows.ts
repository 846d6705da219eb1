import { gzipSync } from 'node:zlib';
import type { DyadRecord } from '../output/dyad-json.js';
import { minhash, signatureBytes } from './minhash.js';

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
  events: Array<(string | number | boolean | null)[]>;
  quotes: Array<(string | number | boolean | null)[]>;
  actors: Array<(string | number | boolean | null)[]>;
}

/**
 * Flattens a `dyad/1` record into table rows, in the column order of `schema.ts`. Done on the
 * worker thread, so the writer only appends.
 */
export function toRows(record: DyadRecord): ArticleRows {
  const events = record.events.map((e, i) => [
    i,
    e.date?.value ?? null,
    e.date?.source ?? null,
    e.source.actor.code,
    e.source.actor.name,
    e.source.actor.country,
    e.source.actor.role,
    e.target?.actor.code ?? null,
    e.target?.actor.name ?? null,
    e.target?.actor.country ?? null,
    e.target?.actor.role ?? null,
    e.target?.from ?? null,
    e.code,
    e.root,
    e.name,
    e.goldstein,
    e.quadClass,
    e.plover.event,
    e.plover.mode,
    e.negated,
    e.intent,
    e.mentions,
    e.place?.name ?? null,
    e.place?.country ?? null,
    e.place?.lat ?? null,
    e.place?.lon ?? null,
    e.confidence,
    e.evidence.text,
    e.via.pattern,
  ]);
  const quotes = record.quotes.map((q, i) => [
    i,
    q.date?.value ?? null,
    q.kind,
    q.speaker?.actor?.name ?? q.speaker?.mention.text ?? null,
    q.speaker?.actor?.code ?? null,
    q.speaker?.mention.text ?? null,
    q.speaker?.anonymous ?? false,
    q.cue?.text ?? null,
    q.via?.actor.name ?? null,
    q.text,
  ]);
  const tally = new Map<string, { name: string; code: string | null; country: string | null; kind: string; n: number }>();
  for (const m of record.actors) {
    const entry = tally.get(m.actor.id) ?? { name: m.actor.name, code: m.actor.code, country: m.actor.country, kind: m.actor.kind, n: 0 };
    entry.n++;
    tally.set(m.actor.id, entry);
  }
  const actors = [...tally].map(([id, a]) => [id, a.name, a.code, a.country, a.kind, a.n]);
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
    quotes,
    actors,
  };
}
