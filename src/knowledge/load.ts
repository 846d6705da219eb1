import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeBuilder, type KnowledgeBase } from './actor-kb.js';
import { COMPILED_KNOWLEDGE_FILE, readCompiledKnowledge, sourceHash, type SourceFile } from './compiled.js';
import { KnowledgeError } from './parse-entries.js';

/** The `data/` folder shipped with Dyad. */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

const cache = new Map<string, KnowledgeBase>();

/** Folders of word lists (`lexicon:` entries): the quotes stage's cues, and lists other stages read. */
const LEXICON_FOLDERS = ['quotes', 'words'];

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new KnowledgeError(
      file,
      0,
      `cannot read the dictionary file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/** The `.txt` files of a folder of `dataDir`, in name order, as source files named `data/<folder>/<file>`. */
function folderSources(dataDir: string, folder: string): SourceFile[] {
  const dir = join(dataDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: join('data', folder, f), text: read(join(dir, f)) }));
}

/** The shipped dictionaries of each kind, in the order they are compiled. */
interface ShippedSources {
  actors: SourceFile[];
  givenNames: SourceFile[];
  honorifics: SourceFile[];
  lexicons: SourceFile[];
}

function readShippedSources(dataDir: string): ShippedSources {
  const named = (file: string): SourceFile[] =>
    existsSync(join(dataDir, file)) ? [{ name: join('data', file), text: read(join(dataDir, file)) }] : [];
  return {
    actors: folderSources(dataDir, 'actors'),
    givenNames: named(join('names', 'given-names.txt')),
    honorifics: named(join('names', 'honorifics.txt')),
    lexicons: LEXICON_FOLDERS.flatMap((folder) => folderSources(dataDir, folder)),
  };
}

function allSources(shipped: ShippedSources): SourceFile[] {
  return [...shipped.actors, ...shipped.givenNames, ...shipped.honorifics, ...shipped.lexicons];
}

/** Parses and checks the shipped dictionaries into a builder (what the compiled file saves a start). */
function compileShipped(shipped: ShippedSources): KnowledgeBuilder {
  const builder = new KnowledgeBuilder();
  for (const { text, name } of shipped.actors) builder.addActorFile(text, name);
  for (const { text, name } of shipped.givenNames) builder.addGivenNames(text, name);
  for (const { text, name } of shipped.honorifics) builder.addHonorifics(text, name);
  for (const { text, name } of shipped.lexicons) builder.addLexiconFile(text, name);
  return builder;
}

/**
 * The shipped dictionaries of `dataDir` compiled, with the content hash of their sources: read
 * from the compiled file when it was compiled from exactly these sources, else compiled afresh.
 */
export function compileShippedKnowledge(
  dataDir = DATA_DIR,
  compiledFile: string | null = COMPILED_KNOWLEDGE_FILE,
): { builder: KnowledgeBuilder; hash: string; fromCache: boolean } {
  const shipped = readShippedSources(dataDir);
  const hash = sourceHash(allSources(shipped));
  const cached = compiledFile === null ? null : readCompiledKnowledge(compiledFile, hash);
  return cached
    ? { builder: cached, hash, fromCache: true }
    : { builder: compileShipped(shipped), hash, fromCache: false };
}

/**
 * Loads the knowledge base: every `data/actors/*.txt` file in name order, the given names and
 * honorifics under `data/names/`, the word lists under `data/quotes/` and `data/words/`, then the
 * user's actor files, which add entries or replace shipped ones of the same type and name. The
 * shipped part comes from the compiled file `npm run build` writes when its content hash matches
 * the files under `data/`; a missing, stale or damaged compiled file is silently replaced by
 * compiling the files (slower, the same answer). Compiled once per set of files and shared.
 *
 * @param compiledFile the compiled knowledge base to try first; null compiles the files.
 * @throws KnowledgeError naming the file and line of the first malformed entry.
 */
export function loadKnowledgeBase(
  userActorFiles: readonly string[] = [],
  dataDir = DATA_DIR,
  compiledFile: string | null = COMPILED_KNOWLEDGE_FILE,
): KnowledgeBase {
  const key = JSON.stringify([dataDir, compiledFile, ...userActorFiles]);
  const cached = cache.get(key);
  if (cached) return cached;
  const { builder } = compileShippedKnowledge(dataDir, compiledFile);
  for (const file of userActorFiles) builder.addActorFile(read(file), file, { replace: true });
  const kb = builder.build();
  cache.set(key, kb);
  return kb;
}
