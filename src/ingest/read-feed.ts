import { XMLParser } from 'fast-xml-parser';
import type { InputRecord } from '../document/types.js';
import { fatal } from '../pipeline/errors.js';
import type { InputItem } from './read-inputs.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', cdataPropName: '#cdata' });

/** The text of a feed field, whatever shape the parser gave it (string, CDATA, element with text). */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return text(v['#cdata'] ?? v['#text'] ?? v['@href']);
  }
  return undefined;
}

const list = (value: unknown): Array<Record<string, unknown>> => (Array.isArray(value) ? value : value ? [value] : []) as Array<Record<string, unknown>>;

/**
 * Reads an RSS 2.0 or Atom feed: one article per item or entry, with its title, link and date, and
 * its full content (`content:encoded`, Atom `content`) or else its description or summary, as HTML.
 */
export function* readFeed(xml: string, source: string): Generator<InputItem> {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    yield { failure: { origin: { source }, diagnostic: fatal('ingest', 'ingest/invalid-feed', `${source}: not a valid RSS or Atom feed (${(error as Error).message})`).diagnostic } };
    return;
  }
  const rss = doc.rss as Record<string, unknown> | undefined;
  const channel = rss?.channel as Record<string, unknown> | undefined;
  const feed = doc.feed as Record<string, unknown> | undefined;
  const items = channel ? list(channel.item) : feed ? list(feed.entry) : null;
  if (!items) {
    yield { failure: { origin: { source }, diagnostic: fatal('ingest', 'ingest/invalid-feed', `${source}: neither an RSS channel nor an Atom feed`).diagnostic } };
    return;
  }
  let index = 0;
  for (const item of items) {
    index++;
    const body = text(item['content:encoded']) ?? text(item.content) ?? text(item.description) ?? text(item.summary);
    const itemSource = `${source}#item${index}`;
    if (!body?.trim()) {
      yield { failure: { origin: { source: itemSource }, diagnostic: fatal('ingest', 'ingest/feed-item-empty', `${itemSource}: the feed item has no content`).diagnostic } };
      continue;
    }
    const title = text(item.title);
    const record: InputRecord = {
      origin: { source: itemSource },
      format: 'html',
      content: `<html><head>${title ? `<title>${title.replace(/</g, '&lt;')}</title>` : ''}</head><body><article>${body}</article></body></html>`,
    };
    const link = text(item.link) ?? list(item.link).map((l) => text(l))[0];
    if (link) record.url = link;
    if (title) record.title = title;
    const date = text(item.pubDate) ?? text(item.published) ?? text(item.updated) ?? text(item['dc:date']);
    if (date) {
      const parsed = new Date(date);
      record.date = Number.isNaN(parsed.getTime()) ? date : parsed.toISOString().slice(0, 10);
    }
    const id = text(item.guid) ?? text(item.id);
    if (id) record.id = id;
    yield { record };
  }
}
