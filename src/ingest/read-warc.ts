import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { WARCParser } from 'warcio';
import type { InputRecord } from '../document/types.js';
import { DyadError, fatal } from '../pipeline/errors.js';
import type { InputItem } from './read-inputs.js';

/** The charset an HTTP `Content-Type` header names, if any. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * Reads the HTML responses of a WARC or WARC.gz file as articles, streaming: a record is read,
 * decoded with the charset its HTTP headers give (UTF-8 otherwise) and handed on, so a large
 * crawl never sits in memory. Requests, metadata and non-HTML responses are skipped. A corrupt
 * record ends the file with an error that names its offset; the records before it stand.
 */
export async function* readWarc(stream: Readable, path: string, maxBytes: number): AsyncGenerator<InputItem> {
  const parser = new WARCParser(stream);
  let count = 0;
  try {
    for await (const record of parser) {
      if (record.warcType !== 'response') continue;
      // A block shorter than its declared Content-Length is a truncated or corrupt record.
      const declared = record.warcContentLength;
      const status = record.httpHeaders?.statusCode;
      const contentType = record.httpHeaders?.headers.get('content-type') ?? '';
      if (!/html/i.test(contentType) || (status !== undefined && Number(status) >= 300)) {
        const raw = await record.readFully(false);
        if (raw.length < declared) throw new Error(`a record declares ${declared} bytes but holds ${raw.length}`);
        continue;
      }
      count++;
      const offset = parser.offset;
      const bytes = await record.readFully(true);
      const source = `${path}#${offset}`;
      if (bytes.length > maxBytes) {
        yield { failure: { origin: { source }, diagnostic: fatal('ingest', 'ingest/too-large', `${source}: the response is ${bytes.length} bytes, over the limit of ${maxBytes}`).diagnostic } };
        continue;
      }
      const charset = charsetOf(contentType) ?? 'utf-8';
      const content = iconv.encodingExists(charset) ? iconv.decode(Buffer.from(bytes), charset) : new TextDecoder().decode(bytes);
      const input: InputRecord = { origin: { source }, format: 'html', content, encoding: charset };
      const url = record.warcTargetURI;
      if (url) input.url = url;
      const date = record.warcHeaders.headers.get('WARC-Date');
      if (date) input.date = date;
      yield { record: input };
    }
  } catch (error) {
    const reason = `${path}: corrupt WARC data after ${count} response(s) at offset ${parser.offset}: ${(error as Error).message}`;
    yield { failure: { origin: { source: path }, diagnostic: error instanceof DyadError ? error.diagnostic : fatal('ingest', 'ingest/corrupt-warc', reason).diagnostic } };
  }
}
