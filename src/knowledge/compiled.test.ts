import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeBuilder, type BuilderState } from './actor-kb.js';
import { writeCompiledKnowledge } from './compiled.js';
import { compileShippedKnowledge, loadKnowledgeBase } from './load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small data folder of its own: one country, one person, given names and a lexicon. */
function dataFolder(): { dataDir: string; compiled: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dyad-compiled-'));
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  for (const folder of ['actors', 'names', 'words']) mkdirSync(join(dataDir, folder), { recursive: true });
  writeFileSync(
    join(dataDir, 'actors', 'countries.txt'),
    'country: Norland\n  code: NRL\n  demonyms: Norlandic\n  short: the North @ SRL\n',
  );
  writeFileSync(
    join(dataDir, 'actors', 'people.txt'),
    'person: Edda Vangen\n  surname: Vangen\n  gender: female\n  role: NRLGOV 2019..2024 Foreign Minister\n',
  );
  writeFileSync(join(dataDir, 'names', 'given-names.txt'), 'Edda\nOskar\n');
  writeFileSync(join(dataDir, 'words', 'verbs.txt'), 'lexicon: speech-verbs\n  words: say; tell\n');
  return { dataDir, compiled: join(dir, 'compiled-knowledge.json') };
}

/** Writes the compiled form of a data folder, after `edit` changes its state. */
function writeCompiled(dataDir: string, file: string, edit: (state: BuilderState) => void = () => {}): void {
  const { builder, hash } = compileShippedKnowledge(dataDir, null);
  const state = builder.state();
  edit(state);
  writeCompiledKnowledge(file, hash, KnowledgeBuilder.fromState(state));
}

const renamePerson = (state: BuilderState) => {
  state.entries.find((e) => e.type === 'person')!.name = 'Edda Vangen (compiled)';
};

describe('the compiled knowledge base', () => {
  it('compiles the shipped dictionaries to the same knowledge base as parsing them', () => {
    const parsed = compileShippedKnowledge(undefined, null).builder;
    const revived = KnowledgeBuilder.fromState(JSON.parse(JSON.stringify(parsed.state())) as BuilderState);
    const kb = revived.build();
    expect(kb).toEqual(parsed.build());
    // Phrases point at the entries themselves, not at copies.
    const entries = new Set(kb.entries);
    expect([...kb.trie.next.values()].flatMap((n) => n.phrases).every((p) => !p.entry || entries.has(p.entry))).toBe(
      true,
    );
  });

  it('is read when it was compiled from the same files', () => {
    const { dataDir, compiled } = dataFolder();
    writeCompiled(dataDir, compiled, renamePerson);
    const kb = loadKnowledgeBase([], dataDir, compiled);
    expect(kb.entries.map((e) => e.name)).toEqual(['Norland', 'Edda Vangen (compiled)']);
    expect(compileShippedKnowledge(dataDir, compiled).fromCache).toBe(true);
  });

  it('is not read once a data file changed (stale): the files are compiled', () => {
    const { dataDir, compiled } = dataFolder();
    writeCompiled(dataDir, compiled, renamePerson);
    writeFileSync(join(dataDir, 'names', 'given-names.txt'), 'Edda\nOskar\nIngrid\n');
    const kb = loadKnowledgeBase([], dataDir, compiled);
    expect(kb.entries.map((e) => e.name)).toEqual(['Norland', 'Edda Vangen']);
    expect(kb.givenNames.has('ingrid')).toBe(true);
    expect(compileShippedKnowledge(dataDir, compiled).fromCache).toBe(false);
  });

  it.each([
    ['missing', (_file: string) => {}],
    ['cut short', (file: string) => writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200))],
    ['not JSON', (file: string) => writeFileSync(file, 'not a knowledge base')],
    [
      'of the right hash but no state',
      (file: string) => {
        const compiled = JSON.parse(readFileSync(file, 'utf8')) as { state: { phrases: unknown } };
        compiled.state.phrases = [['vangen', [[['Vangen'], [1], 'surname', 7]]]];
        writeFileSync(file, JSON.stringify(compiled));
      },
    ],
  ])('%s, it gives way to compiling the files, with the same answer', (_, damage) => {
    const { dataDir, compiled } = dataFolder();
    const expected = loadKnowledgeBase([], dataDir, null);
    writeCompiled(dataDir, compiled);
    damage(compiled);
    if (_ === 'missing') rmSync(compiled);
    expect(compileShippedKnowledge(dataDir, compiled).fromCache).toBe(false);
    expect(loadKnowledgeBase([], dataDir, compiled)).toEqual(expected);
  });

  it('is extended by the user’s actor files, which replace its entries of the same name', () => {
    const { dataDir, compiled } = dataFolder();
    writeCompiled(dataDir, compiled);
    const user = join(dataDir, '..', 'mine.txt');
    writeFileSync(user, 'person: Edda Vangen\n  surname: Vangen\n  role: NRLGOV 2025.. Prime Minister\n');
    const kb = loadKnowledgeBase([user], dataDir, compiled);
    const person = kb.entries.find((e) => e.type === 'person')!;
    expect(person.roles.map((r) => r.title)).toEqual(['Prime Minister']);
    expect(kb.trie.next.get('vangen')!.phrases.map((p) => p.entry)).toEqual([person]);
    expect(kb.files.at(-1)).toBe(user);
  });
});
