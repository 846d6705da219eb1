import { describe, expect, it } from 'vitest';
import { key3 } from './hash.js';
import { HashedTrainTable } from './tables.js';

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
