import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/paths.js';
import { hamming, NEAR_DUPLICATE_BITS, simhash, SimhashIndex } from './simhash.js';

const examples = readdirSync(join(REPO_ROOT, 'examples'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(REPO_ROOT, 'examples', f), 'utf8'));

describe('simhash', () => {
  it('folds case and punctuation, and keeps word order', () => {
    expect(simhash('The U.N. imposed sanctions on North Korea.')).toBe(simhash('the u n  imposed SANCTIONS, on north korea'));
    expect(simhash('Seoul warned Pyongyang on Monday')).not.toBe(simhash('Pyongyang warned Seoul on Monday'));
  });

  it('puts a syndicated copy with its own credit line within the near-duplicate distance, and other articles far away', () => {
    for (const original of examples) {
      const copy = `${original.trimEnd()}\n\n(Reporting by Jane Smith; editing by John Doe)`;
      expect(hamming(simhash(original), simhash(copy))).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
    }
    for (let i = 0; i < examples.length; i++) {
      for (let j = i + 1; j < examples.length; j++) expect(hamming(simhash(examples[i]!), simhash(examples[j]!))).toBeGreaterThan(NEAR_DUPLICATE_BITS * 3);
    }
  });

  it('finds a stored hash that differs in NEAR_DUPLICATE_BITS bits, one in each of several bands', () => {
    const index = new SimhashIndex();
    const stored = 0x0123_4567_89ab_cdefn;
    index.add('first', stored);
    // Four flipped bits, spread over the word so that no 16-bit quarter is left intact.
    const spread = stored ^ (1n << 3n) ^ (1n << 20n) ^ (1n << 37n) ^ (1n << 60n);
    expect(index.find(spread)).toBe('first');
    expect(index.find(stored ^ 0x1f1fn)).toBeNull();
  });

  it('hashes texts shorter than a shingle', () => {
    expect(simhash('Sanctions')).toBe(simhash('sanctions!'));
    expect(simhash('Sanctions')).not.toBe(simhash('Talks'));
  });
});
