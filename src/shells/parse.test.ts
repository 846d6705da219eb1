import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSharedDir } from '../eval/shared-data.js';
import { readConllu } from '../nlp/syntax/conllu.js';
import { DyadError } from '../pipeline/errors.js';
import { runParse } from './parse.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-parse-'));

/** Checks a parsed sentence is one tree: heads in range, one root, no cycles. */
function treeProblems(heads: readonly number[]): string | null {
  const n = heads.length;
  if (heads.some((h) => !Number.isInteger(h) || h < 0 || h > n)) return 'head out of range';
  if (heads.filter((h) => h === 0).length !== 1) return 'not exactly one root';
  for (let i = 1; i <= n; i++) {
    let at = i;
    for (let steps = 0; at !== 0; steps++) {
      if (steps > n) return `cycle through word ${i}`;
      at = heads[at - 1]!;
    }
  }
  return null;
}

describe('dyad parse', () => {
  it('keeps the words of a CoNLL-U file, replaces its columns and writes ranges back', async () => {
    const path = join(dir, 'own.conllu');
    writeFileSync(
      path,
      [
        "# text = Rebels didn't retreat.",
        '1\tRebels\t_\t_\t_\t_\t_\t_\t_\t_',
        "2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_",
        '2\tdid\t_\t_\t_\t_\t_\t_\t_\t_',
        "3\tn't\t_\t_\t_\t_\t_\t_\t_\t_",
        '4\tretreat\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No',
        '5\t.\t_\t_\t_\t_\t_\t_\t_\t_',
        '',
      ].join('\n'),
    );
    const [s] = readConllu(await runParse(path));
    expect(s!.words).toEqual(['Rebels', 'did', "n't", 'retreat', '.']);
    expect(s!.multiwords).toHaveLength(1);
    expect(s!.upos).toEqual(['NOUN', 'AUX', 'PART', 'VERB', 'PUNCT']);
    expect(s!.heads).toEqual([4, 4, 4, 0, 4]);
    expect(s!.deprels).toEqual(['nsubj', 'aux', 'advmod', 'root', 'punct']);
    expect(s!.lemmas).toEqual(['rebel', 'do', 'not', 'retreat', '.']);
  });

  it('parses raw text as the pipeline tokenises it', async () => {
    const path = join(dir, 'own.txt');
    writeFileSync(path, 'The envoy arrived on Monday. Talks begin today.\n');
    const sentences = readConllu(await runParse(path, { text: true }));
    expect(sentences.map((s) => s.words.length)).toEqual([6, 4]);
    for (const s of sentences) expect(treeProblems(s.heads)).toBeNull();
  });

  it('names a missing file and a malformed line', async () => {
    await expect(runParse(join(dir, 'absent.conllu'))).rejects.toThrow(DyadError);
    const bad = join(dir, 'bad.conllu');
    writeFileSync(bad, '1\tword\n');
    await expect(runParse(bad)).rejects.toThrow(`${bad}:1: expected 10 tab-separated columns, found 2`);
  });

  const shared = findSharedDir();
  it.skipIf(!shared)(
    'round-trips every sentence of EWT test: same words, one valid tree each (needs ../shared)',
    async () => {
      const path = join(shared!, 'data', 'ud', 'en_ewt-ud-test.conllu');
      const { readFileSync } = await import('node:fs');
      const gold = readConllu(readFileSync(path, 'utf8'));
      const parsed = readConllu(await runParse(path));
      expect(parsed).toHaveLength(gold.length);
      const problems: string[] = [];
      parsed.forEach((s, i) => {
        if (s.words.join(' ') !== gold[i]!.words.join(' ')) problems.push(`sentence ${i + 1}: words differ`);
        const p = treeProblems(s.heads);
        if (p) problems.push(`sentence ${i + 1}: ${p}`);
      });
      expect(problems).toEqual([]);
    },
    120_000,
  );
  if (!shared) it.skip('EWT round trip skipped: ../shared (or DYAD_SHARED) is not on this machine', () => {});
});
