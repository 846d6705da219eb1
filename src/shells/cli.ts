#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { createEngine, type ProcessResult } from '../engine.js';
import { formatDiagnostic, toDyadRecord, ENGINE_VERSION } from '../output/dyad-json.js';
import { KnowledgeError } from '../knowledge/parse-entries.js';
import { PipelineError } from '../pipeline/errors.js';
import { summariseArticle } from './summary.js';

/** Exit codes: all articles coded, some failed, usage error. */
const EXIT_OK = 0;
const EXIT_SOME_FAILED = 1;
const EXIT_USAGE = 2;

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return value;
}

function parseBytes(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(k|m|g)?b?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 20MB or 500000');
  const scale = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]?.toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  return Math.round(Number(match[1]) * scale);
}

interface CodeOptions {
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

async function code(inputs: string[], options: CodeOptions): Promise<number> {
  const engine = createEngine({
    ...(options.date ? { defaultDate: options.date } : {}),
    ...(options.until ? { until: options.until } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.actors?.length ? { actorFiles: options.actors } : {}),
  });
  let failed = 0;
  let coded = 0;
  for await (const result of engine.processInputs(inputs)) {
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
  if (options.summary) process.stdout.write(`${coded} article(s) coded, ${failed} failed\n`);
  return failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
}

/** Builds the command-line program; exported so tests can run it in-process. */
export function buildProgram(): Command {
  const program = new Command('dyad')
    .description('Reads news like a political analyst and turns it into data: actors, quotations, dates and events.')
    .version(ENGINE_VERSION)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('code')
    .description('code articles (files, directories, or - for JSON Lines on stdin) and print one dyad/1 JSON record per article')
    .argument('<inputs...>', 'text, HTML or JSON Lines files, directories, or -')
    .option('--pretty', 'indent the JSON')
    .option('--date <YYYY-MM-DD>', 'publication date for articles that give none', parseDate)
    .option('--until <stage>', 'stop after this stage (extract, clean, sentences)')
    .option('--max-bytes <size>', 'largest input accepted (default 20MB)', parseBytes)
    .option('--tokens', 'include the token layer')
    .option('--summary', 'print a short human summary per article instead of JSON')
    .option('--actors <file>', 'an extra actor dictionary (data/README.md format); repeatable', (file: string, files: string[] = []) => [...files, file])
    .action(async (inputs: string[], options: CodeOptions) => {
      process.exitCode = await code(inputs, options);
    });
  return program;
}

async function main(): Promise<void> {
  // A reader that stops early (`dyad code ... | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    } else if (error instanceof PipelineError || error instanceof KnowledgeError) {
      process.stderr.write(`dyad: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      throw error;
    }
  }
}

await main();
