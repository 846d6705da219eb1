import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeBuilder, type BuilderState } from './actor-kb.js';

/**
 * The compiled knowledge base cached by `npm run build`: the shipped dictionaries, parsed and
 * checked once, as JSON beside the code that reads it. A start reads this file instead of parsing
 * every file under `data/` again (about ten times faster); the answer is the same either way.
 */

/** Where `npm run build` writes the compiled knowledge base: beside this module in `dist/knowledge/`. */
export const COMPILED_KNOWLEDGE_FILE = join(dirname(fileURLToPath(import.meta.url)), 'compiled-knowledge.json');

/** Changes whenever the layout of the compiled file changes. */
const FORMAT = 'dyad-knowledge/1';

/** The modules whose code decides what a dictionary compiles to: a change to any of them makes a cache stale. */
const COMPILER_MODULES = ['actor-kb', 'actor-code', 'parse-entries', 'tokens'];

/** One shipped dictionary file: its name as recorded (`data/actors/countries.txt`) and its text. */
export interface SourceFile {
  name: string;
  text: string;
}

interface CompiledKnowledge {
  format: string;
  hash: string;
  state: BuilderState;
}

/**
 * The content hash a compiled knowledge base is valid for: the format, the compiler's own code and
 * the name and text of every source file, in the order they are read.
 */
export function sourceHash(sources: readonly SourceFile[]): string {
  const hash = createHash('sha256').update(FORMAT);
  const here = dirname(fileURLToPath(import.meta.url));
  // Tests run the TypeScript sources, a build the JavaScript: the compiler modules have this module's extension.
  const ext = extname(fileURLToPath(import.meta.url));
  for (const module of COMPILER_MODULES) hash.update('\0').update(readFileSync(join(here, module + ext)));
  for (const source of sources) hash.update('\0').update(source.name).update('\0').update(source.text);
  return hash.digest('hex');
}

/**
 * Reads a compiled knowledge base, or null when it cannot be used: missing, unreadable, not JSON,
 * of another format or compiled from other sources (stale). The caller then compiles the sources:
 * a cache only saves time, so a bad one costs time and never changes an answer.
 */
export function readCompiledKnowledge(file: string, hash: string): KnowledgeBuilder | null {
  let compiled: Partial<CompiledKnowledge>;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as Partial<CompiledKnowledge>;
  } catch {
    return null;
  }
  if (compiled?.format !== FORMAT || compiled.hash !== hash || !compiled.state) return null;
  try {
    return KnowledgeBuilder.fromState(compiled.state);
  } catch {
    // A file of the right format and hash that does not hold a state was edited by hand or cut short.
    return null;
  }
}

/**
 * Writes a compiled knowledge base for the given hash, atomically (a reader never sees half a
 * file), and returns its size in bytes.
 */
export function writeCompiledKnowledge(file: string, hash: string, builder: KnowledgeBuilder): number {
  const text = JSON.stringify({ format: FORMAT, hash, state: builder.state() } satisfies CompiledKnowledge);
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, file);
  return Buffer.byteLength(text);
}
