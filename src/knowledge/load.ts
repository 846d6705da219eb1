import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeBuilder, type KnowledgeBase } from './actor-kb.js';
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

/**
 * Loads and compiles the knowledge base: every `data/actors/*.txt` file in name order, the given
 * names and honorifics under `data/names/`, the word lists under `data/quotes/` and `data/words/`,
 * then the user's actor files, which add entries or replace shipped ones of the same type and name. Compiled once per
 * set of files and shared.
 *
 * @throws KnowledgeError naming the file and line of the first malformed entry.
 */
export function loadKnowledgeBase(userActorFiles: readonly string[] = [], dataDir = DATA_DIR): KnowledgeBase {
  const key = JSON.stringify([dataDir, ...userActorFiles]);
  const cached = cache.get(key);
  if (cached) return cached;
  const builder = new KnowledgeBuilder();
  const actorsDir = join(dataDir, 'actors');
  const shipped = existsSync(actorsDir)
    ? readdirSync(actorsDir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
  for (const name of shipped) builder.addActorFile(read(join(actorsDir, name)), join('data', 'actors', name));
  const givenNames = join(dataDir, 'names', 'given-names.txt');
  if (existsSync(givenNames)) builder.addGivenNames(read(givenNames), join('data', 'names', 'given-names.txt'));
  const honorifics = join(dataDir, 'names', 'honorifics.txt');
  if (existsSync(honorifics)) builder.addHonorifics(read(honorifics), join('data', 'names', 'honorifics.txt'));
  for (const folder of LEXICON_FOLDERS) {
    const dir = join(dataDir, folder);
    const lexicons = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.txt'))
          .sort()
      : [];
    for (const name of lexicons) builder.addLexiconFile(read(join(dir, name)), join('data', folder, name));
  }
  for (const file of userActorFiles) builder.addActorFile(read(file), file, { replace: true });
  const kb = builder.build();
  cache.set(key, kb);
  return kb;
}
