import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InputRecord } from '../document/types.js';
import { fatal } from '../pipeline/errors.js';
import type { InputItem } from './read-inputs.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  cdataPropName: '#cdata',
});

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

const list = (value: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(value) ? value : value ? [value] : []) as Array<Record<string, unknown>>;

/** An item or entry of a feed, up to its own closing tag. */
const ITEM = /<(item|entry)\b[^>]*>[\s\S]*?<\/\1\s*>/g;

const lineAt = (xml: string, offset: number): number => {
  let line = 1;
  for (let i = xml.indexOf('\n'); i >= 0 && i < offset; i = xml.indexOf('\n', i + 1)) line++;
  return line;
};

/**
 * Reads an RSS 2.0 or Atom feed: one article per item or entry, with its title, link and date, and
 * its full content (`content:encoded`, Atom `content`) or else its description or summary, as HTML.
 * Each item is checked and parsed on its own, so a malformed one (an unclosed tag, a stray `&`)
 * fails alone, naming its line, and the items after it are read as usual.
 */
export function* readFeed(xml: string, source: string): Generator<InputItem> {
  if (!/<(rss|feed)[\s>]/.test(xml.slice(0, 4096))) {
    yield {
      failure: {
        origin: { source },
        diagnostic: fatal('ingest', 'ingest/invalid-feed', `${source}: neither an RSS channel nor an Atom feed`)
          .diagnostic,
      },
    };
    return;
  }
  let index = 0;
  for (const match of xml.matchAll(ITEM)) {
    index++;
    const itemSource = `${source}#item${index}`;
    const line = lineAt(xml, match.index);
    const valid = XMLValidator.validate(match[0]);
    if (valid !== true) {
      const reason =
        `${source}:${line + valid.err.line - 1}: feed item ${index} is not well-formed ` + `XML (${valid.err.msg})`;
      yield {
        failure: {
          origin: { source: itemSource, line },
          diagnostic: { ...fatal('ingest', 'ingest/invalid-feed-item', reason).diagnostic, line },
        },
      };
      continue;
    }
    const parsed = parser.parse(match[0]) as Record<string, Record<string, unknown>>;
    yield itemRecord(parsed[match[1]!]!, itemSource);
  }
  if (index === 0) {
    yield {
      failure: {
        origin: { source },
        diagnostic: fatal('ingest', 'ingest/feed-empty', `${source}: the feed has no items`).diagnostic,
      },
    };
  }
}

/** The article of one parsed feed item, or why it has none. */
function itemRecord(item: Record<string, unknown>, itemSource: string): InputItem {
  const body = text(item['content:encoded']) ?? text(item.content) ?? text(item.description) ?? text(item.summary);
  if (!body?.trim()) {
    return {
      failure: {
        origin: { source: itemSource },
        diagnostic: fatal('ingest', 'ingest/feed-item-empty', `${itemSource}: the feed item has no content`).diagnostic,
      },
    };
  }
  const title = text(item.title);
  const titleTag = title ? `<title>${title.replace(/</g, '&lt;')}</title>` : '';
  const record: InputRecord = {
    origin: { source: itemSource },
    format: 'html',
    content: `<html><head>${titleTag}</head><body><article>${body}</article></body></html>`,
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
  return { record };
}
