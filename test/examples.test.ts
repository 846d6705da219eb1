import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants, createEngine } from '../src/index.js';
import { REPO_ROOT } from './support/paths.js';

const dir = join(REPO_ROOT, 'examples');
const files = readdirSync(dir).filter((f) => /\.(txt|html)$/.test(f));

describe('examples/', () => {
  it('has 8 to 10 articles in text and HTML', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.some((f) => f.endsWith('.html')) && files.some((f) => f.endsWith('.txt'))).toBe(true);
  });

  it('codes every example with a title, a publication date matching its file name, body text, and sound spans', async () => {
    const engine = createEngine();
    const seen: string[] = [];
    for await (const result of engine.processInputs([dir])) {
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const { doc } = result;
      const name = doc.input.origin.source.slice(dir.length + 1);
      seen.push(name);
      expect(doc.meta?.title, name).toBeTruthy();
      expect(doc.meta?.published?.slice(0, 10), name).toBe(name.slice(0, 10));
      expect(doc.sentences!.length, name).toBeGreaterThan(10);
      expect(doc.removed!.length, name).toBeGreaterThan(1);
      // No furniture survives into the body.
      expect(doc.text, name).not.toMatch(/Sign up for|Follow \w+ on Twitter|contributed to this report|Getty Images\)/);
      expect(checkInvariants(doc), name).toEqual([]);
    }
    expect(seen.sort()).toEqual([...files].sort());
  });
});
