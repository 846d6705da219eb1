import { createReadStream, type ReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ContentFormat, Diagnostic, InputRecord } from '../document/types.js';
import { DyadError, fatal } from '../pipeline/errors.js';
import { decodeBytes } from './decode.js';
import { readFeed } from './read-feed.js';
import { gunzipBounded } from './inflate-stream.js';
import { readWarc } from './read-warc.js';

/** Default largest input, in bytes. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** An input that could not be read as an article, with the reason. */
export interface InputFailure {
  origin: { source: string; line?: number };
  diagnostic: Diagnostic;
}

/**
 * Why an input was passed over without being read as news: a crawl's requests, metadata and
 * revisit records, redirects, error pages and responses that are not HTML; README and LICENSE
 * files in an input folder. Each is counted, so that nothing leaves a run without a word.
 */
export type SkipKind =
  | 'request'
  | 'metadata'
  | 'revisit'
  | 'redirect'
  | 'error-status'
  | 'not-html'
  | 'readme'
  | 'license';

/** An input passed over, and why. */
export interface InputSkip {
  source: string;
  kind: SkipKind;
}

/** What reading inputs yields: a record to process, a failure to report, or an input passed over. */
export type InputItem = { record: InputRecord } | { failure: InputFailure } | { skipped: InputSkip };

export interface ReadOptions {
  maxBytes?: number;
  /** Standard input, for the path `-`; defaults to `process.stdin`. */
  stdin?: Readable;
  /** Kept up to date with the bytes read, for a progress bar. */
  progress?: ReadProgress;
}

/**
 * How far reading has got through the input files, in bytes (a WARC.gz counts its compressed
 * bytes, as its size does): a file read whole counts once read, a WARC as its stream reads it (a
 * record or so ahead of the one handed on), a JSON Lines file by the lines handed on (its line
 * reader buffers hundreds of lines ahead, which would make the share read look larger than it is).
 */
export class ReadProgress {
  private finished = 0;
  private linesInFile = 0;
  private stream: ReadStream | null = null;

  get bytesRead(): number {
    return this.finished + (this.stream ? this.stream.bytesRead : this.linesInFile);
  }

  /** A file is being streamed: its bytes count as the stream reads them. */
  streaming(stream: ReadStream): void {
    this.stream = stream;
  }

  /** A line of a JSON Lines file was handed on. */
  lineRead(bytes: number): void {
    this.linesInFile += bytes;
  }

  /** A file is done (read whole, read to its end, or given up on): all its bytes count. */
  fileDone(size: number): void {
    this.stream = null;
    this.linesInFile = 0;
    this.finished += size;
  }
}

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);
const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const FEED_EXTENSIONS = new Set(['.rss', '.atom', '.xml']);
/** WARC files, plain or gzipped (`.warc.gz`: `extname` gives `.gz`). */
const isWarc = (path: string) => /\.warc(\.gz)?$/i.test(path);

function failure(source: string, error: unknown, line?: number): { failure: InputFailure } {
  const diagnostic: Diagnostic =
    error instanceof DyadError
      ? { ...error.diagnostic }
      : {
          severity: 'fatal',
          stage: 'ingest',
          rule: 'ingest/read-error',
          reason: `${source}: ${String((error as Error)?.message ?? error)}`,
        };
  if (line !== undefined) diagnostic.line = line;
  return { failure: { origin: line === undefined ? { source } : { source, line }, diagnostic } };
}

/** Whether a file found in a directory is read as an article source, by its name. */
function isArticleFile(name: string, path: string): boolean {
  const ext = extname(name).toLowerCase();
  return (
    TEXT_EXTENSIONS.has(ext) ||
    HTML_EXTENSIONS.has(ext) ||
    JSONL_EXTENSIONS.has(ext) ||
    FEED_EXTENSIONS.has(ext) ||
    isWarc(path)
  );
}

/** README and LICENSE files describe a folder; they are not news. */
function notNews(name: string): SkipKind | null {
  if (/^readme\b/i.test(name)) return 'readme';
  if (/^(licen[cs]e|copying)\b/i.test(name)) return 'license';
  return null;
}

/** What walking a directory finds: an article file, or an entry passed over or failed. */
export type Found = { file: string } | { skipped: InputSkip } | { failure: InputFailure };

/**
 * The article files under a directory, recursively, in name order; hidden entries are left out.
 * Symbolic links are followed; a link back into a folder already being walked is reported as a
 * loop. A folder that cannot be read fails on its own, and the walk goes on.
 */
export async function* articleFiles(dir: string, ancestors: ReadonlySet<string> = new Set()): AsyncGenerator<Found> {
  let entries;
  let real: string;
  try {
    real = await realpath(dir);
    entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    yield failure(dir, fatal('ingest', 'ingest/unreadable-directory', `${dir}: the folder cannot be read (${code})`));
    return;
  }
  if (ancestors.has(real)) {
    yield failure(
      dir,
      fatal(
        'ingest',
        'ingest/symlink-loop',
        `${dir}: a symbolic link loops back to ${real}, which is already being read`,
      ),
    );
    return;
  }
  const inside = new Set(ancestors).add(real);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why =
          code === 'ELOOP'
            ? 'the link loops on itself'
            : code === 'ENOENT'
              ? 'the link points nowhere'
              : `the link cannot be followed (${code})`;
        yield failure(path, fatal('ingest', 'ingest/broken-symlink', `${path}: ${why}`));
        continue;
      }
    }
    if (isDirectory) yield* articleFiles(path, inside);
    else if (isFile) {
      const kind = notNews(entry.name);
      if (kind) yield { skipped: { source: path, kind } };
      else if (isArticleFile(entry.name, path)) yield { file: path };
    }
  }
}

/**
 * The bytes `readInputs` will read from these paths, found before reading so that progress can be
 * shown as a share of the whole; null when that cannot be known (standard input, an unreadable
 * directory). A path that does not exist counts nothing: reading reports it.
 */
export async function inputBytes(paths: readonly string[]): Promise<number | null> {
  let total = 0;
  try {
    for (const path of paths) {
      if (path === '-') return null;
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      if (!info.isDirectory()) total += info.size;
      else for await (const found of articleFiles(path)) if ('file' in found) total += (await stat(found.file)).size;
    }
  } catch {
    return null;
  }
  return total;
}

/** Guesses HTML from content when the file name does not say. */
function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 1024));
}

/**
 * Reads every input under `paths` and yields one item per article: files (text, HTML, JSON
 * Lines, WARC and WARC.gz, RSS and Atom feeds), directories (recursively, in name order), or `-` for JSON Lines on
 * standard input.
 * A bad file or line yields a failure and the rest go on.
 */
export async function* readInputs(paths: readonly string[], options: ReadOptions = {}): AsyncGenerator<InputItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const path of paths) {
    if (path === '-') {
      yield* readJsonLines(options.stdin ?? process.stdin, '-', maxBytes);
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      yield failure(
        path,
        fatal(
          'ingest',
          'ingest/not-found',
          code === 'ENOENT' ? `${path} does not exist` : `${path} cannot be read (${code})`,
        ),
      );
      continue;
    }
    if (info.isDirectory()) yield* readDirectory(path, maxBytes, options.progress);
    else yield* readFile(path, info.size, maxBytes, options.progress);
  }
}

async function* readDirectory(dir: string, maxBytes: number, progress?: ReadProgress): AsyncGenerator<InputItem> {
  for await (const found of articleFiles(dir)) {
    if (!('file' in found)) {
      yield found;
      continue;
    }
    let size: number;
    try {
      size = (await stat(found.file)).size;
    } catch (error) {
      yield failure(
        found.file,
        fatal('ingest', 'ingest/not-found', `${found.file} cannot be read (${(error as NodeJS.ErrnoException).code})`),
      );
      continue;
    }
    yield* readFile(found.file, size, maxBytes, progress);
  }
}

async function* readFile(
  path: string,
  size: number,
  maxBytes: number,
  progress?: ReadProgress,
): AsyncGenerator<InputItem> {
  try {
    yield* readFileItems(path, size, maxBytes, progress);
  } finally {
    progress?.fileDone(size);
  }
}

async function* readFileItems(
  path: string,
  size: number,
  maxBytes: number,
  progress?: ReadProgress,
): AsyncGenerator<InputItem> {
  const ext = extname(path).toLowerCase();
  if (JSONL_EXTENSIONS.has(ext)) {
    yield* readJsonLines(createReadStream(path), path, maxBytes, progress);
    return;
  }
  // A WARC is streamed record by record: the size limit applies to each response, not the file.
  if (isWarc(path)) {
    const stream = createReadStream(path);
    progress?.streaming(stream);
    // Gunzipped here, not by warcio: a member cut short then fails the record in hand, and a
    // file that inflates without bound is refused.
    yield* readWarc(/\.gz$/i.test(path) ? gunzipBounded(stream, path) : stream, path, maxBytes);
    return;
  }
  if (size > maxBytes) {
    yield failure(
      path,
      fatal(
        'ingest',
        'ingest/too-large',
        `${path} is ${size} bytes, over the limit of ${maxBytes} bytes (raise it with --max-bytes)`,
      ),
    );
    return;
  }
  try {
    const handle = await open(path, 'r');
    let bytes: Uint8Array;
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    const { text, encoding, warnings } = decodeBytes(bytes, path);
    if (FEED_EXTENSIONS.has(ext) || /^\s*(<\?xml[^>]*>\s*)?<(rss|feed)[\s>]/i.test(text.slice(0, 512))) {
      yield* readFeed(text, path);
      return;
    }
    const format: ContentFormat = HTML_EXTENSIONS.has(ext) || looksLikeHtml(text) ? 'html' : 'text';
    yield {
      record: {
        origin: { source: path },
        format,
        content: text,
        encoding,
        ...(warnings.length ? { decodeWarnings: warnings } : {}),
      },
    };
  } catch (error) {
    yield failure(path, error);
  }
}

/** The fields a JSON Lines record may carry. */
interface JsonLineRecord {
  id?: unknown;
  url?: unknown;
  title?: unknown;
  date?: unknown;
  text?: unknown;
  html?: unknown;
}

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** Turns one parsed JSON Lines value into a record, or explains why it cannot be one. */
export function recordFromJson(value: unknown, source: string, line: number): InputRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fatal('ingest', 'ingest/jsonl-not-object', `${source}:${line}: expected a JSON object per line`);
  }
  const obj = value as JsonLineRecord;
  const html = optionalString(obj.html);
  const text = optionalString(obj.text);
  if (!html && !text) {
    throw fatal(
      'ingest',
      'ingest/jsonl-missing-content',
      `${source}:${line}: the record has neither "text" nor "html"`,
    );
  }
  const record: InputRecord = {
    origin: { source, line },
    format: html ? 'html' : 'text',
    content: (html ?? text)!,
  };
  const id = optionalString(obj.id);
  const url = optionalString(obj.url);
  const title = optionalString(obj.title);
  const date = optionalString(obj.date);
  if (id) record.id = id;
  if (url) record.url = url;
  if (title) record.title = title;
  if (date) record.date = date;
  return record;
}

/**
 * Reads JSON Lines records from a stream, one item per non-blank line. `firstLine` is the number
 * of the stream's first line in its file: a queue job reads a byte range from the middle of one.
 */
export async function* readJsonLines(
  stream: Readable,
  source: string,
  maxBytes: number,
  progress?: ReadProgress,
  firstLine = 1,
): AsyncGenerator<InputItem> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = firstLine - 1;
  try {
    for await (const raw of lines) {
      lineNo++;
      progress?.lineRead(Buffer.byteLength(raw) + 1);
      const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '') continue;
      if (line.length > maxBytes) {
        yield failure(
          source,
          fatal('ingest', 'ingest/too-large', `${source}:${lineNo}: the record is over the limit of ${maxBytes} bytes`),
          lineNo,
        );
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        yield failure(
          source,
          fatal('ingest', 'ingest/invalid-json', `${source}:${lineNo}: invalid JSON (${(error as Error).message})`),
          lineNo,
        );
        continue;
      }
      try {
        yield { record: recordFromJson(value, source, lineNo) };
      } catch (error) {
        yield failure(source, error, lineNo);
      }
    }
  } catch (error) {
    yield failure(source, error);
  }
  if (lineNo === firstLine - 1) yield failure(source, fatal('ingest', 'ingest/empty-input', `${source} is empty`));
}
