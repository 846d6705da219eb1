import { describe, expect, it } from 'vitest';
import { Store } from '../store/store.js';
import { DUCKDB } from './dialect.js';
import { wholeWordsPattern } from './queries.js';

/**
 * The quotation search's words, as DuckDB's regular expressions read the pattern (PostgreSQL's read
 * the same one: test/serve-postgres.test.ts compares both stores' answers).
 */
const ROWS: Array<[search: string, quotation: string, found: boolean]> = [
  ['pressure', 'we will keep up the maximum pressure campaign', true],
  ['pressure', 'Pressured nations do not bend', false],
  ['Pressure', 'maximum PRESSURE', true],
  ['maximum pressure', 'the maximum  pressure campaign', true],
  ['maximum pressure', 'pressure at its maximum', false],
  ['U.S.', 'the U.S., he said', true],
  ['u.s.', 'The U.S. will not back down', true],
  ['Jong-un', 'Kim Jong-un met him', true],
  ['jong', 'Kim Jong-un met him', true],
  ['talks', '“Talks” resumed on Monday', true],
  ['won', "we won't back down", true],
  ['caf', 'they met at a café', false],
  ['café', 'they met at a café', true],
  ['3.5', 'growth of 3.5 percent', true],
  // Found here, not on PostgreSQL, whose parser reads "3.5" as one word (docs/scale-out.md).
  ['5', 'growth of 3.5 percent', true],
  ['a+b', 'a b c', true],
];

describe('quotation search: whole words, in order, case ignored', () => {
  it.each(ROWS)('%s in "%s": %s', async (search, quotation, found) => {
    const store = await Store.open(':memory:');
    try {
      const [row] = await store.all(`SELECT ${DUCKDB.matchesParameter('?')} AS found`, [
        quotation,
        wholeWordsPattern(search)!,
      ]);
      expect(row?.found).toBe(found);
    } finally {
      store.close();
    }
  });

  it('has no pattern for a search without words', () => {
    expect(wholeWordsPattern('— “ ”')).toBeNull();
  });
});
