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

  it('answers as a comparison with every stored hash would, over a thousand random probes', () => {
    // A fixed-seed generator, so that a failure repeats.
    let state = 0x9e3779b9;
    const random32 = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return BigInt(state >>> 0);
    };
    const randomHash = () => (random32() << 32n) | random32();
    const index = new SimhashIndex();
    const stored: Array<{ id: string; hash: bigint }> = [];
    for (let i = 0; i < 2000; i++) {
      const hash = randomHash();
      index.add(`a${i}`, hash);
      stored.push({ id: `a${i}`, hash });
    }
    expect(index.size).toBe(2000);
    let found = 0;
    for (let i = 0; i < 1000; i++) {
      // Half the probes are stored hashes with 0 to 6 bits flipped at random places, half are new.
      let probe = i % 2 ? randomHash() : stored[(i * 7) % stored.length]!.hash;
      if (i % 2 === 0) for (let flips = i % 7; flips > 0; flips--) probe ^= 1n << (random32() % 64n);
      const near = stored.filter((s) => hamming(s.hash, probe) <= NEAR_DUPLICATE_BITS);
      const answer = index.find(probe);
      if (!near.length) expect(answer).toBeNull();
      else {
        found++;
        expect(near.map((s) => s.id)).toContain(answer);
      }
    }
    expect(found).toBeGreaterThan(250);
  });

  it('counts differing bits across both halves of the hash', () => {
    expect(hamming(0n, 0n)).toBe(0);
    expect(hamming(0n, 0xffff_ffff_ffff_ffffn)).toBe(64);
    expect(hamming(1n << 31n, 1n << 32n)).toBe(2);
    expect(hamming(0x8000_0000_0000_0001n, 0n)).toBe(2);
  });

  it('hashes texts shorter than a shingle', () => {
    expect(simhash('Sanctions')).toBe(simhash('sanctions!'));
    expect(simhash('Sanctions')).not.toBe(simhash('Talks'));
  });
});
