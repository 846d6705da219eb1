import { describe, expect, it } from 'vitest';
import { key3 } from './hash.js';
import { FrozenTable, HashedTrainTable } from './tables.js';

const keys = (...values: number[]) => Uint32Array.from(values, (v) => key3(1, v, 0, 0));

describe('hash-kernel weight tables', () => {
  it('score the class a feature was trained towards, after averaging and 16-bit quantisation', () => {
    const table = new HashedTrainTable(3, 10);
    table.update(keys(7, 8), 2, 2, 1, 1);
    table.update(keys(7, 8), 2, 0, -1, 1);
    const scores = new Int32Array(3);
    table.freeze(2).score(keys(7), 1, scores);
    expect(scores[2]).toBeGreaterThan(0);
    expect(scores[0]).toBeLessThan(0);
    expect(scores[1]).toBe(0);
  });

  it('with a filter, a feature never trained adds nothing even where it shares a row', () => {
    const table = new HashedTrainTable(3, 1, true);
    const trained = keys(1, 2, 3, 4);
    table.update(trained, 4, 1, 1, 1);
    const frozen = table.freeze(2);
    // With two rows, any other feature lands on a trained row.
    const unseen = Uint32Array.from([0x12345678]);
    const scores = new Int32Array(3);
    frozen.score(unseen, 1, scores);
    expect([...scores]).toEqual([0, 0, 0]);
    const unfiltered = new HashedTrainTable(3, 1);
    unfiltered.update(trained, 4, 1, 1, 1);
    unfiltered.freeze(2).score(unseen, 1, scores);
    expect(scores[1]).toBeGreaterThan(0);
  });
});

describe('keyed weight tables', () => {
  /** The sum, per class, of the packed `(class << 24) | int24` entries of the features that are keys. */
  function expectedScores(classes: number, table: Map<number, number[]>, asked: number[]): number[] {
    const sums = new Array<number>(classes).fill(0);
    for (const key of asked) for (const entry of table.get(key) ?? []) sums[entry >>> 24]! += (entry << 8) >> 8;
    return sums;
  }

  it.each([10, 127, 200])('add every entry of runs of 1 to 40 entries, with %i classes', (classes) => {
    const runs = new Map<number, number[]>();
    for (let f = 0; f < 300; f++) {
      const len = 1 + (f % 40);
      const run = Array.from({ length: len }, (_, e) => {
        const weight = ((f * 7919 + e * 104729) % 20001) - 10000;
        return (((f + e * 3) % classes) << 24) | (weight & 0xffffff);
      });
      runs.set(key3(2, f, 0, 0) | 0, run);
    }
    const table = new FrozenTable(
      classes,
      1,
      Uint32Array.from(runs.keys()),
      Uint8Array.from([...runs.values()].map((r) => r.length)),
      Int32Array.from([...runs.values()].flat()),
    );
    const asked = [...runs.keys()].filter((_, i) => i % 3 !== 1).concat([key3(3, 1, 0, 0) | 0, key3(3, 2, 0, 0) | 0]);
    const scores = new Int32Array(classes);
    table.score(Uint32Array.from(asked), asked.length, scores);
    expect([...scores]).toEqual(expectedScores(classes, runs, asked));
  });
});
