import { describe, expect, it } from 'vitest';
import { TABLES } from '../tables.js';
import { monthOf, monthPartition, pgSchema } from './pg-schema.js';

describe('the PostgreSQL schema', () => {
  it.each([
    ['2018-02-12', '2018-02'],
    ['2018-12', '2018-12'],
    ['2018-02-12T10:00', '2018-02'],
    ['2018', null],
    ['2018-W07', null],
    ['2018-13-01', null],
    [null, null],
  ])('puts an event dated %j in the partition of month %j', (date, month) => {
    expect(monthOf(date)).toBe(month);
  });

  it.each([
    ['2018-02', { name: 'events_2018_02', from: '2018-02', to: '2018-03' }],
    ['2018-12', { name: 'events_2018_12', from: '2018-12', to: '2019-01' }],
  ])('bounds the partition of %s', (month, partition) => {
    expect(monthPartition(month)).toEqual(partition);
  });

  it('creates every table of the column list, each column with its PostgreSQL type', () => {
    const statements = pgSchema();
    for (const table of TABLES) {
      const create = statements.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${table.name} (`));
      expect(create, table.name).toBeDefined();
      for (const column of table.columns) expect(create).toMatch(new RegExp(`[(\\s]${column.name} `));
    }
    expect(statements.find((s) => s.includes('TABLE IF NOT EXISTS events ('))).toContain('PARTITION BY RANGE (date)');
    expect(statements.find((s) => s.includes('TABLE IF NOT EXISTS articles ('))).toContain('minhash bytea');
  });
});
