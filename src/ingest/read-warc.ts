import type { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { AsyncIterReader, WARCParser, type WARCRecord } from 'warcio';
import type { InputRecord } from '../document/types.js';
import { DyadError, fatal } from '../pipeline/errors.js';
import { decodeBytes } from './decode.js';
import { InflateLimitError } from './inflate-stream.js';
import type { InputItem, SkipKind } from './read-inputs.js';

/** The charset an HTTP `Content-Type` header names, if any. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/** The status line and headers of an HTTP response, as a crawler stored them. */
interface HttpHead {
  status: number | null;
  headers: Map<string, string>;
  /** Bytes of the status line and headers, blank line included. */
  length: number;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');
/** HTTP headers longer than this are not headers: the block is read as a bare payload. */
const MAX_HEAD_BYTES = 64 * 1024;

/** Reads the HTTP head at the start of a response block, or null when there is none. */
function readHttpHead(block: Buffer): HttpHead | null {
  if (!block.subarray(0, 5).equals(Buffer.from('HTTP/'))) return null;
  const end = block.subarray(0, MAX_HEAD_BYTES).indexOf(CRLF_CRLF);
  if (end < 0) return null;
  const lines = block.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/[\d.]+\s+(\d{3})/.exec(lines[0] ?? '');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: status ? Number(status[1]) : null, headers, length: end + 4 };
}

/** Why a record is not an article, or null when it may be one. */
function skipKind(record: WARCRecord, head: HttpHead | null): SkipKind | null {
  const type = record.warcType;
  if (type === 'request') return 'request';
  if (type === 'warcinfo' || type === 'metadata') return 'metadata';
  if (type === 'revisit') return 'revisit';
  if (type !== 'response' && type !== 'resource') return 'metadata';
  const status = head?.status ?? null;
  if (status !== null && status >= 300 && status < 400) return 'redirect';
  if (status !== null && status >= 400) return 'error-status';
  const contentType = head ? (head.headers.get('content-type') ?? '') : (record.warcContentType ?? '');
  if (!/html/i.test(contentType)) return 'not-html';
  return null;
}

/** Reads up to `limit` bytes of a record's block; `complete` says whether the block ended there. */
async function readBlock(record: WARCRecord, limit: number): Promise<{ bytes: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of record.reader) {
    chunks.push(Buffer.from(chunk));
    length += chunk.length;
    if (length >= limit) return { bytes: Buffer.concat(chunks), complete: false };
  }
  return { bytes: Buffer.concat(chunks), complete: true };
}

/**
 * Reads the rest of a record's block and drops it, returning its length. Not warcio's
 * `skipFully`, which never returns when the file ends inside the block.
 */
async function drain(record: WARCRecord): Promise<number> {
  let length = 0;
  for await (const chunk of record.reader) length += chunk.length;
  return length;
}

/**
 * Reads the HTML pages of a WARC or WARC.gz file as articles, streaming, as crawls really are:
 * requests, metadata, revisits, redirects, error pages and responses that are not HTML (images,
 * JSON, PDF) are skipped and counted; a truncated record (a block shorter than its declared
 * Content-Length, as at the cut end of a crawl) fails that record only. A page is decoded with
 * the charset of its HTTP headers; its `WARC-Date` (the fetch time) is kept as the publication
 * date of last resort, used only when the page states none. Each record's block is read up to
 * `maxBytes` (the rest is skipped unread), so memory stays bounded whatever the file holds.
 */
export async function* readWarc(stream: Readable, path: string, maxBytes: number): AsyncGenerator<InputItem> {
  const parser = new WARCParser(stream, { parseHttp: false });
  let count = 0;
  let offset = 0;
  try {
    for await (const record of parser) {
      offset = parser.offset;
      const source = `${path}#${offset}`;
      const declared = record.warcContentLength;
      const type = record.warcType;
      // A header block without its length is cut short too (the file ends inside the headers).
      if (!record.warcHeaders.headers.get('Content-Length') || !Number.isFinite(declared)) {
        yield truncated(source, Number.NaN, await drain(record));
        return;
      }
      // Enough of the block for the HTTP head: the rest is read only if the record is a page.
      const first = await readBlock(record, Math.min(declared, MAX_HEAD_BYTES));
      const head = type === 'response' ? readHttpHead(first.bytes) : null;
      const kind = skipKind(record, head);
      let held = first.bytes.length;
      let block = first.bytes;
      if (kind || declared > maxBytes) held += await drain(record);
      else if (!first.complete) {
        block = Buffer.concat([first.bytes, (await readBlock(record, declared + 1)).bytes]);
        held = block.length;
      }
      // A block shorter than it declares can only end the file: nothing follows to read.
      if (held < declared) {
        yield truncated(source, declared, held);
        return;
      }
      if (kind) {
        yield { skipped: { source, kind } };
        continue;
      }
      count++;
      if (declared > maxBytes) {
        yield {
          failure: {
            origin: { source },
            diagnostic: fatal(
              'ingest',
              'ingest/too-large',
              `${source}: the response is ${declared} bytes, over the limit of ${maxBytes}`,
            ).diagnostic,
          },
        };
        continue;
      }
      yield await pageRecord(record, source, block, head, maxBytes);
    }
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof InflateLimitError) {
      yield {
        failure: {
          origin: { source: `${path}#${offset}` },
          diagnostic: fatal('ingest', 'ingest/inflate-limit', message).diagnostic,
        },
      };
      return;
    }
    // A gzip member cut short ends the file: the record in hand is the truncated one.
    const reason = /unexpected end|incorrect header|invalid|truncat/i.test(message)
      ? `${path}#${offset}: the file ends inside a record (truncated or corrupt: ${message}); ` +
        `the records before it were read`
      : `${path}: corrupt WARC data after ${count} page(s) at offset ${offset}: ${message}`;
    yield {
      failure: {
        origin: { source: `${path}#${offset}` },
        diagnostic: fatal('ingest', 'ingest/corrupt-warc', reason).diagnostic,
      },
    };
  }
}

function truncated(source: string, declared: number, held: number): InputItem {
  const reason = Number.isNaN(declared)
    ? `${source}: truncated record: the file ends inside its WARC headers`
    : `${source}: truncated record: it declares ${declared} bytes but holds ${held}`;
  return { failure: { origin: { source }, diagnostic: fatal('ingest', 'ingest/truncated-record', reason).diagnostic } };
}

/** Undoes a `Content-Encoding`, refusing output over `maxBytes` (a small payload may inflate to gigabytes). */
function inflate(payload: Uint8Array, encoding: string, maxBytes: number): Uint8Array {
  const options = { maxOutputLength: maxBytes };
  if (/^(x-)?gzip$/i.test(encoding)) return gunzipSync(payload, options);
  if (/^deflate$/i.test(encoding)) return inflateSync(payload, options);
  if (/^br$/i.test(encoding)) return brotliDecompressSync(payload, options);
  if (/^identity$/i.test(encoding)) return payload;
  throw new Error(`unknown Content-Encoding "${encoding}"`);
}

/** The article of an HTML response: its payload unchunked and uncompressed, then decoded. */
async function pageRecord(
  record: WARCRecord,
  source: string,
  block: Buffer,
  head: HttpHead | null,
  maxBytes: number,
): Promise<InputItem> {
  let payload: Uint8Array = head ? block.subarray(head.length) : block;
  if (head) {
    const encoding = head.headers.get('content-encoding') ?? null;
    const chunked = /chunked/i.test(head.headers.get('transfer-encoding') ?? '');
    if (encoding || chunked) {
      try {
        if (chunked) payload = await new AsyncIterReader([payload], null, true).readFully();
        if (encoding) payload = inflate(payload, encoding, maxBytes);
      } catch (error) {
        const reason =
          `${source}: the page's ${encoding ?? 'chunked'} encoding cannot be undone ` + `(${(error as Error).message})`;
        return {
          failure: { origin: { source }, diagnostic: fatal('ingest', 'ingest/bad-encoding', reason).diagnostic },
        };
      }
    }
  }
  const contentType = head?.headers.get('content-type') ?? record.warcContentType ?? '';
  let decoded;
  try {
    decoded = decodeBytes(payload, source, charsetOf(contentType));
  } catch (error) {
    return {
      failure: {
        origin: { source },
        diagnostic:
          error instanceof DyadError
            ? error.diagnostic
            : fatal('ingest', 'ingest/read-error', `${source}: ${(error as Error).message}`).diagnostic,
      },
    };
  }
  const input: InputRecord = { origin: { source }, format: 'html', content: decoded.text, encoding: decoded.encoding };
  if (decoded.warnings.length) input.decodeWarnings = decoded.warnings;
  const url = record.warcTargetURI;
  if (url) input.url = url;
  const date = record.warcDate;
  if (date) input.fetchDate = date;
  return { record: input };
}
