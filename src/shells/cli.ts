#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { ProcessResult } from '../engine.js';
import { formatDiagnostic, toDyadRecord, ENGINE_VERSION } from '../output/dyad-json.js';
import { KnowledgeError } from '../knowledge/parse-entries.js';
import { DyadError, PipelineError } from '../pipeline/errors.js';
import { existsSync, readFileSync } from 'node:fs';
import { isCalendarDate, KnowledgeBuilder } from '../knowledge/actor-kb.js';
import type { ExportFormat, ExportTable } from '../query/export.js';
import type { QueryResult } from '../query/queries.js';
import { DEFAULT_ARTICLE_TIMEOUT_MS, DEFAULT_WORKER_MEMORY_MB, DEFAULT_WORKERS } from '../store/defaults.js';
import type { IngestProgress } from '../store/ingest.js';
import type { Store } from '../store/store.js';
import { CodingSetupError } from './code-thread.js';
import {
  duckdbSource,
  isPostgresUrl,
  openPostgresSource,
  type OpenQuerySource,
  type QuerySource,
} from '../query/source.js';
import { addScaleCommands, checkPartition, enqueueInputs, parseJobRecords } from './scale-commands.js';
import { summariseArticle } from './summary.js';

/*
 * `--version`, `--help` and usage errors load nothing but this file and commander: the store
 * (DuckDB), the query layer, the pipeline and the progress bar are imported by the commands that
 * use them (about 0.7 s of loading, paid before anything was printed).
 */
const queries = () => import('../query/queries.js');

/** Exit codes: all articles coded, some failed, usage error. */
const EXIT_OK = 0;
const EXIT_SOME_FAILED = 1;
const EXIT_USAGE = 2;

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  if (!isCalendarDate(value))
    throw new InvalidArgumentError(`${value} is not a date of the calendar (no such month or day)`);
  return value;
}

/** A query bound: an ISO date of year, month or day precision that the calendar has. */
function parseBound(value: string): string {
  if (!isCalendarDate(value))
    throw new InvalidArgumentError('expected a date as YYYY, YYYY-MM or YYYY-MM-DD, of the calendar');
  return value;
}

function parseBytes(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(k|m|g)?b?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 20MB or 500000');
  const scale = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]?.toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

/** The default time budget of one article, in seconds (`--article-timeout`). */
const DEFAULT_ARTICLE_TIMEOUT_S = DEFAULT_ARTICLE_TIMEOUT_MS / 1000;

function parseSeconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0)
    throw new InvalidArgumentError('expected a number of seconds above 0');
  return Number(value);
}

/**
 * Checks the user's actor files before any article is coded, so that a malformed one stops the
 * command once with `file:line: reason` instead of failing every article.
 * @throws KnowledgeError naming the file and line.
 */
function checkActorFiles(files: readonly string[] | undefined): void {
  const builder = new KnowledgeBuilder();
  for (const file of files ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new KnowledgeError(
        file,
        0,
        `cannot read the actor file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    builder.addActorFile(text, file, { replace: true });
  }
}

interface IngestCommandOptions {
  db: string;
  workers: number;
  workerMemory?: number;
  date?: string;
  maxBytes?: number;
  quiet?: boolean;
  actors?: string[];
  articleTimeout?: number;
  /** Enqueue on this queue (redis://...) instead of coding. */
  queue?: string;
  jobRecords?: number;
}

interface CodeOptions {
  articleTimeout?: number;
  pretty?: boolean;
  date?: string;
  until?: string;
  maxBytes?: number;
  tokens?: boolean;
  summary?: boolean;
  actors?: string[];
}

/** Prints a failure the way compilers do, on stderr. */
function reportFailure(result: Extract<ProcessResult, { ok: false }>): void {
  process.stderr.write(formatDiagnostic(result.failure.origin, result.failure.diagnostic) + '\n');
}

/**
 * The pipeline (language model, dictionaries, HTML and date libraries: about half a second to
 * load) is imported by the commands that code in this process, not by those that only read or
 * write a store: `ingest` codes on worker threads, which load it themselves.
 */
async function loadEngine(): Promise<typeof import('../engine.js')> {
  return import('../engine.js');
}

async function code(inputs: string[], options: CodeOptions): Promise<number> {
  checkActorFiles(options.actors);
  const { readInputs } = await import('../ingest/read-inputs.js');
  const { CodingThread } = await import('./code-thread.js');
  const thread = new CodingThread(
    {
      ...(options.date ? { defaultDate: options.date } : {}),
      ...(options.until ? { until: options.until } : {}),
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      ...(options.actors?.length ? { actorFiles: options.actors } : {}),
    },
    (options.articleTimeout ?? DEFAULT_ARTICLE_TIMEOUT_S) * 1000,
  );
  let failed = 0;
  let coded = 0;
  const passedOver = new Map<string, number>();
  try {
    // Options the engine refuses stop the command before any input is read.
    await thread.start();
    for await (const item of readInputs(inputs, options.maxBytes ? { maxBytes: options.maxBytes } : {})) {
      if ('skipped' in item) {
        passedOver.set(item.skipped.kind, (passedOver.get(item.skipped.kind) ?? 0) + 1);
        continue;
      }
      const result =
        'failure' in item ? ({ ok: false, failure: item.failure } as const) : await thread.code(item.record);
      if (!result.ok) {
        failed++;
        reportFailure(result);
        continue;
      }
      coded++;
      for (const d of result.doc.diagnostics) {
        if (d.severity !== 'info') process.stderr.write(formatDiagnostic(result.doc.input.origin, d) + '\n');
      }
      if (options.summary) {
        process.stdout.write(summariseArticle(result.doc) + '\n');
      } else {
        const record = toDyadRecord(result.doc, { tokens: options.tokens ?? false });
        process.stdout.write(JSON.stringify(record, null, options.pretty ? 2 : undefined) + '\n');
      }
    }
  } finally {
    await thread.close();
  }
  if (options.summary) process.stdout.write(`${coded} article${coded === 1 ? '' : 's'} coded, ${failed} failed\n`);
  // Inputs that are not news (a crawl's images and redirects, README files) are counted, not hidden.
  const skipped = [...passedOver.values()].reduce((a, b) => a + b, 0);
  if (skipped) {
    const kinds = [...passedOver].map(([kind, n]) => `${n} ${kind}`).join(', ');
    process.stderr.write(`dyad: ${skipped} input${skipped === 1 ? '' : 's'} passed over as not news (${kinds})\n`);
  }
  return failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

/** What `--all` says in the help of the commands that count or export events. */
const KEEP_HISTORICAL = 'keep historical events (dated well before their article), left out by default';

/** Builds the command-line program; exported so tests can run it in-process. */
export function buildProgram(): Command {
  const program = new Command('dyad')
    .description('Reads news like a political analyst and turns it into data: actors, quotations, dates and events.')
    .version(ENGINE_VERSION)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('code')
    .description(
      'code articles (files, directories, or - for JSON Lines on stdin) and print one dyad/1 JSON record per article',
    )
    .argument('<inputs...>', 'text, HTML or JSON Lines files, directories, or -')
    .option('--pretty', 'indent the JSON')
    .option('--date <YYYY-MM-DD>', 'publication date for articles that give none', parseDate)
    .option('--until <stage>', 'stop after this stage (extract, clean, sentences)')
    .option('--max-bytes <size>', 'largest input accepted (default 20MB)', parseBytes)
    .option('--tokens', 'include the token layer')
    .option('--summary', 'print a short human summary per article instead of JSON')
    .option(
      '--actors <file>',
      'an extra actor dictionary (data/README.md format); repeatable',
      (file: string, files: string[] = []) => [...files, file],
    )
    .option(
      '--article-timeout <seconds>',
      `time budget of one article (default ${DEFAULT_ARTICLE_TIMEOUT_S})`,
      parseSeconds,
    )
    .action(async (inputs: string[], options: CodeOptions) => {
      process.exitCode = await code(inputs, options);
    });
  program
    .command('ingest')
    .description(
      'code articles into an embedded DuckDB store (files, directories, WARC, RSS/Atom, or - for JSON Lines on stdin)',
    )
    .argument('<inputs...>', 'inputs to ingest')
    .option('--db <file>', 'the store', DEFAULT_DB)
    .option(
      '--workers <n>',
      'worker threads (0: code in the main thread; by default one per core, at most 4)',
      (v: string) => parseCount(v),
      DEFAULT_WORKERS,
    )
    .option(
      '--worker-memory <mb>',
      `largest heap of a worker thread's old generation, in MB (default ${DEFAULT_WORKER_MEMORY_MB})`,
      (v: string) => parseCount(v),
    )
    .option('--date <YYYY-MM-DD>', 'publication date for articles that give none', parseDate)
    .option('--max-bytes <size>', 'largest input accepted (default 20MB)', parseBytes)
    .option('--quiet', 'no progress, no summary')
    .option(
      '--queue <url>',
      'enqueue the inputs as jobs on this queue (redis://HOST:PORT) for `dyad worker`s, instead of coding them',
    )
    .option(
      '--job-records <n>',
      'with --queue: JSON Lines records per job (default 500, at most 1000)',
      parseJobRecords,
    )
    .option(
      '--actors <file>',
      'an extra actor dictionary (data/README.md format); repeatable',
      (file: string, files: string[] = []) => [...files, file],
    )
    .option(
      '--article-timeout <seconds>',
      `time budget of one article on a worker thread (default ${DEFAULT_ARTICLE_TIMEOUT_S})`,
      parseSeconds,
    )
    .action(async (inputs: string[], options: IngestCommandOptions) => {
      if (options.queue) {
        process.exitCode = await enqueueInputs(inputs, { ...options, queue: options.queue });
        return;
      }
      checkActorFiles(options.actors);
      const { progressPrinter } = await import('./progress.js');
      const progress = progressPrinter(options.quiet ?? false);
      // For the benchmark: the memory of the whole process as the input goes by, every 1,000 articles.
      let reported = 0;
      const reportRss = (p: IngestProgress) => {
        const seen = p.added + p.skipped;
        if (seen < reported + 1000) return;
        reported = seen - (seen % 1000);
        process.stderr.write(`rss after ${seen} articles: ${Math.round(process.memoryUsage.rss() / 1024)} KiB\n`);
      };
      // Ctrl-C: whole batches only are stored (each is one transaction); say how many, give the
      // terminal back, and stop with the shell's code for an interrupt.
      let latest: IngestProgress | null = null;
      process.once('SIGINT', () => {
        progress.interrupted(latest);
        process.exit(130);
      });
      const { ingest } = await import('../store/ingest.js');
      const result = await ingest(inputs, {
        db: options.db,
        workers: options.workers,
        ...(options.workerMemory ? { workerMemoryMb: options.workerMemory } : {}),
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
        articleTimeoutMs: (options.articleTimeout ?? DEFAULT_ARTICLE_TIMEOUT_S) * 1000,
        engine: {
          ...(options.date ? { defaultDate: options.date } : {}),
          ...(options.actors?.length ? { actorFiles: options.actors } : {}),
        },
        onProgress: (p: IngestProgress) => {
          latest = p;
          progress.update(p);
          if (process.env.DYAD_REPORT_RSS) reportRss(p);
        },
      });
      progress.done(result);
      if (!options.quiet) {
        const [{ Store }, { summarise }, { formatTable }] = await Promise.all([
          import('../store/store.js'),
          queries(),
          import('./table.js'),
        ]);
        const store = await Store.openReadOnly(options.db);
        try {
          for (const [title, table] of Object.entries(await summarise(store)))
            process.stdout.write(
              `\n${title}\n${formatTable(table)}\n${(table.notes ?? []).map((n) => `${n}\n`).join('')}`,
            );
        } finally {
          store.close();
        }
      }
      process.exitCode = result.failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
    });

  program
    .command('serve')
    .description('serve the store: an HTTP API (JSON or CSV, OpenAPI at /docs) and a dashboard, read-only')
    .option('--db <file>', 'the store: a DuckDB file, or postgres://... for a PostgreSQL store', DEFAULT_DB)
    .option('--port <n>', 'the port', (v: string) => parseCount(v), 8700)
    .option('--host <address>', 'the address to listen on (127.0.0.1: this machine only)', '127.0.0.1')
    .option(
      '--watch <dir>',
      'ingest every file that lands in this folder (a DuckDB store only; it is created when missing)',
    )
    .action(async (o: { db: string; port: number; host: string; watch?: string }) => {
      const { serve } = await import('./server/serve.js');
      await serve(o, (line) => process.stderr.write(`${line}\n`)).catch((error: Error) => {
        throw new UsageError(error.message);
      });
    });

  const query = program.command('query').description('query the store (terminal table, or --csv / --json)');
  const withOutput = (command: Command) =>
    command
      .option('--db <file>', 'the store', DEFAULT_DB)
      .option('--csv', 'CSV output')
      .option('--json', 'JSON Lines output')
      .option('--limit <n>', 'most rows', (v: string) => parseCount(v));
  const withAll = (command: Command) => command.option('--all', KEEP_HISTORICAL);
  withAll(
    withOutput(
      query
        .command('events')
        .description(
          'events by source, target, code, QuadClass, date range and text; --by day|week|month for counts per period',
        ),
    ),
  )
    .option('--source <actor>', 'source: code, country or name')
    .option('--target <actor>', 'target: code, country or name')
    .option('--code <code>', 'CAMEO code or root')
    .option('--quad <n>', 'QuadClass 1-4', (v: string) => parseCount(v))
    .option('--from <date>', 'from this date (ISO)', parseBound)
    .option('--to <date>', 'to this date (ISO)', parseBound)
    .option('--text <words>', 'words in the evidence sentence')
    .option('--by <period>', 'day, week or month', (v: string) => {
      if (!['day', 'week', 'month'].includes(v)) throw new InvalidArgumentError('expected day, week or month');
      return v;
    })
    .action(
      (
        o: QueryOptions & {
          source?: string;
          target?: string;
          code?: string;
          quad?: number;
          from?: string;
          to?: string;
          text?: string;
          by?: 'day' | 'week' | 'month';
        },
      ) =>
        runQuery(o, async (store) =>
          (await queries()).queryEvents(store, {
            ...pick(o, ['source', 'target', 'code', 'from', 'to', 'text', 'by', 'all', 'limit']),
            ...(o.quad ? { quadClass: o.quad } : {}),
          }),
        ),
    );
  withOutput(query.command('quotes').description('quotations by speaker, text and date range'))
    .option('--speaker <name>', 'speaker name, code or words')
    .option('--text <words>', 'words in the quotation')
    .option('--from <date>', 'from this date (ISO)', parseBound)
    .option('--to <date>', 'to this date (ISO)', parseBound)
    .action((o: QueryOptions & { speaker?: string; text?: string; from?: string; to?: string }) =>
      runQuery(o, async (store) =>
        (await queries()).queryQuotes(store, pick(o, ['speaker', 'text', 'from', 'to', 'limit'])),
      ),
    );
  withAll(withOutput(query.command('actors').description('the most active actors'))).action((o: QueryOptions) =>
    runQuery(o, async (store) => (await queries()).queryActors(store, o.limit ?? 25, o.all === true)),
  );
  withOutput(query.command('failures').description('the inputs and articles that failed, and why')).action(
    (o: QueryOptions) => runQuery(o, async (store) => (await queries()).queryFailures(store, o.limit)),
  );
  withAll(withOutput(query.command('network').description('actor-actor edges: events and mean Goldstein')))
    .option('--from <date>', 'from this date (ISO)', parseBound)
    .option('--to <date>', 'to this date (ISO)', parseBound)
    .action((o: QueryOptions & { from?: string; to?: string }) =>
      runQuery(o, async (store) => (await queries()).queryNetwork(store, pick(o, ['from', 'to', 'all', 'limit']))),
    );
  query
    .command('article')
    .description('one stored article with all its layers (dyad/1 JSON)')
    .argument('<id>', 'the article id')
    .option('--db <file>', 'the store', DEFAULT_DB)
    .action(async (id: string, o: { db: string }) => {
      const store = await openQuery(o.db);
      try {
        const article = await (await queries()).queryArticle(store, id);
        if (!article) {
          process.stderr.write(`dyad: no article "${id}" in ${o.db}\n`);
          process.exitCode = EXIT_SOME_FAILED;
          return;
        }
        process.stdout.write(JSON.stringify(article, null, 2) + '\n');
      } finally {
        await store.close();
      }
    });

  program
    .command('export')
    .description('export events, quotes or actors as CSV, JSON Lines, Parquet, or events as a GDELT 2.0 table')
    .argument('<table>', 'events, quotes or actors')
    .requiredOption('--format <format>', 'csv, jsonl, parquet or gdelt')
    .requiredOption('--out <file>', 'the file to write')
    .option('--db <file>', 'the store: a DuckDB file, or postgres://... for a PostgreSQL store', DEFAULT_DB)
    .option('--partition <by>', 'with --format parquet: write a Hive-partitioned folder, one part per month (month)')
    .option('--all', KEEP_HISTORICAL)
    .action(
      async (table: string, o: { format: string; out: string; db: string; partition?: string; all?: boolean }) => {
        if (!['events', 'quotes', 'actors'].includes(table))
          throw new InvalidArgumentError(`unknown table "${table}" (events, quotes or actors)`);
        if (!['csv', 'jsonl', 'parquet', 'gdelt'].includes(o.format))
          throw new InvalidArgumentError(`unknown format "${o.format}" (csv, jsonl, parquet or gdelt)`);
        if (o.format === 'gdelt' && table !== 'events')
          throw new UsageError(`the GDELT format is for events only, not ${table} (use csv, jsonl or parquet)`);
        const partition = checkPartition(table, o.format, o.partition);
        const options = { ...(partition ? { partition } : {}), ...(o.all ? { all: true } : {}) };
        if (isPostgresUrl(o.db)) {
          const { exportFromPostgres } = await import('../query/export.js');
          const rows = await exportFromPostgres(o.db, table as ExportTable, o.format as ExportFormat, o.out, options);
          process.stderr.write(`${rows} rows written to ${o.out}\n`);
          return;
        }
        const store = await openExisting(o.db);
        try {
          const { exportTable } = await import('../query/export.js');
          const rows = await exportTable(store, table as ExportTable, o.format as ExportFormat, o.out, options);
          process.stderr.write(`${rows} rows written to ${o.out}\n`);
        } finally {
          store.close();
        }
      },
    );

  addScaleCommands(program);

  program
    .command('explain')
    .description(
      'show why each sentence of an article was coded or not: tokens, actors, ' +
        'verb groups, candidate patterns and the events chosen',
    )
    .argument('<input>', 'a text, HTML or JSON Lines file (its first article)')
    .option('--sentence <n>', 'only this sentence (0-based)', (v: string) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a sentence number');
      return Number(v);
    })
    .option('--date <YYYY-MM-DD>', 'publication date for an article that gives none', parseDate)
    .option(
      '--actors <file>',
      'an extra actor dictionary (data/README.md format); repeatable',
      (file: string, files: string[] = []) => [...files, file],
    )
    .action(async (input: string, options: { sentence?: number; date?: string; actors?: string[] }) => {
      checkActorFiles(options.actors);
      const { createEngine } = await loadEngine();
      const engine = createEngine({
        explain: true,
        ...(options.date ? { defaultDate: options.date } : {}),
        ...(options.actors?.length ? { actorFiles: options.actors } : {}),
      });
      for await (const result of engine.processInputs([input])) {
        if (!result.ok) {
          reportFailure(result);
          process.exitCode = EXIT_SOME_FAILED;
          return;
        }
        const count = result.doc.sentences?.length ?? 0;
        if (options.sentence !== undefined && options.sentence >= count) {
          process.stderr.write(`dyad: the article has ${count} sentences (0-${count - 1})\n`);
          process.exitCode = EXIT_USAGE;
          return;
        }
        const { explainSentences } = await import('./explain.js');
        process.stdout.write(explainSentences(result.doc, options.sentence) + '\n');
        return;
      }
    });
  program
    .command('parse')
    .description(
      'tag and parse a CoNLL-U file on its own words (or, with --text, raw text ' +
        'as the pipeline reads it) and print CoNLL-U',
    )
    .argument('<file>', 'a CoNLL-U file, or a text file with --text')
    .option('--text', 'the file is raw text')
    .action(async (file: string, options: { text?: boolean }) => {
      const { runParse } = await import('./parse.js');
      process.stdout.write(await runParse(file, options));
    });
  return program;
}

const DEFAULT_DB = 'dyad.duckdb';

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

interface QueryOptions {
  db: string;
  csv?: boolean;
  json?: boolean;
  limit?: number;
  /** Keep historical events (`--all`). */
  all?: boolean;
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Opens a store that must exist already (queries never create an empty one by mistake). */
async function openExisting(db: string): Promise<Store> {
  if (db !== ':memory:' && !existsSync(db))
    throw new UsageError(`no store at ${db} (create one with: dyad ingest ... --db ${db})`);
  const { Store } = await import('../store/store.js');
  return Store.openReadOnly(db);
}

/** Opens a store for queries: a DuckDB file, or a PostgreSQL store given as postgres://... */
async function openQuery(db: string): Promise<OpenQuerySource> {
  return isPostgresUrl(db) ? openPostgresSource(db) : duckdbSource(await openExisting(db));
}

async function runQuery(options: QueryOptions, run: (store: QuerySource) => Promise<QueryResult>): Promise<void> {
  const store = await openQuery(options.db);
  try {
    const result = await run(store);
    const { formatCsv, formatJsonLines, formatTable } = await import('./table.js');
    process.stdout.write(
      (options.csv ? formatCsv(result) : options.json ? formatJsonLines(result) : formatTable(result)) + '\n',
    );
    // What the table leaves out goes to standard error, so that CSV and JSON output stay clean.
    for (const note of result.notes ?? []) process.stderr.write(`dyad: ${note}\n`);
    if (result.total !== undefined)
      process.stderr.write(`dyad: showing ${result.rows.length} of ${result.total} rows (use --limit)\n`);
  } finally {
    await store.close();
  }
}

/** A usage error of ours (exit 2), not the library's. */
class UsageError extends Error {}

async function main(): Promise<void> {
  // A reader that stops early (`dyad code ... | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    // Commander prints its own errors before throwing them; an InvalidArgumentError that reaches
    // here was thrown by an action (an unknown table or format) and has not been printed.
    if (error instanceof CommanderError && !(error instanceof InvalidArgumentError)) {
      process.exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    } else if (
      error instanceof PipelineError ||
      error instanceof KnowledgeError ||
      error instanceof UsageError ||
      error instanceof InvalidArgumentError ||
      error instanceof CodingSetupError
    ) {
      process.stderr.write(`dyad: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof DyadError) {
      // A whole command failed on its input (a store it cannot use): the reason names the file.
      process.stderr.write(`dyad: ${error.diagnostic.reason} [${error.diagnostic.rule}]\n`);
      process.exitCode = EXIT_SOME_FAILED;
    } else {
      throw error;
    }
  }
}

await main();
// For the benchmark: the peak memory of this whole process, worker threads included.
if (process.env.DYAD_REPORT_RSS) process.stderr.write(`peak RSS: ${process.resourceUsage().maxRSS} KiB\n`);
