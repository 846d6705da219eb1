import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { toDyadRecord } from '../output/dyad-json.js';
import { toRows } from './rows.js';
import { Store } from './store.js';
import { ACTORS, EVENTS, QUOTES, TABLES } from './tables.js';

describe('store tables: one column list each', () => {
  it('creates every table with the columns its list declares, in order', async () => {
    const store = await Store.open(':memory:');
    try {
      for (const table of TABLES) {
        const described = await store.all(
          `SELECT column_name FROM information_schema.columns WHERE table_name = ` +
            `'${table.name}' ORDER BY ordinal_position`,
        );
        const expected = [...(table.child ? ['article_id'] : []), ...table.columns.map((c) => c.name)];
        expect(
          described.map((row) => row.column_name),
          table.name,
        ).toEqual(expected);
      }
    } finally {
      store.close();
    }
  });

  it('builds each row with one cell per column, readable back by column name', async () => {
    const doc = createEngine({ defaultDate: '2018-02-12' }).process(
      'Mike Pence met Moon Jae-in in Seoul. "We agree," Pence said.',
    );
    const rows = toRows(toDyadRecord(doc));
    expect(rows.events.length).toBeGreaterThan(0);
    expect(rows.quotes.length).toBeGreaterThan(0);
    for (const row of rows.events) expect(row.length).toBe(EVENTS.columns.length);
    for (const row of rows.quotes) expect(row.length).toBe(QUOTES.columns.length);
    for (const row of rows.actors) expect(row.length).toBe(ACTORS.columns.length);
    const store = await Store.open(':memory:');
    try {
      await store.writeBatch([rows]);
      const [event] = await store.all(
        'SELECT source_code, target_code, code, date, quad_class FROM events ORDER BY idx',
      );
      expect(event).toEqual({
        source_code: 'USAGOV',
        target_code: 'KORGOV',
        code: '040',
        date: '2018-02-12',
        quad_class: 1,
      });
      const [article] = await store.all('SELECT published, n_events, n_quotes FROM articles');
      expect(article).toEqual({ published: '2018-02-12', n_events: rows.events.length, n_quotes: rows.quotes.length });
    } finally {
      store.close();
    }
  });

  it('counts only current events in articles.n_events, while the historical one is stored', async () => {
    const doc = createEngine({ defaultDate: '2018-02-12' }).process(
      'In 2014, Russia annexed Crimea. On Monday, Mike Pence met Moon Jae-in in Seoul.',
    );
    const record = toDyadRecord(doc);
    const historical = record.events.filter((event) => event.historical).length;
    expect(historical).toBeGreaterThan(0);
    expect(record.events.length).toBeGreaterThan(historical);
    const store = await Store.open(':memory:');
    try {
      await store.writeBatch([toRows(record)]);
      const [article] = await store.all('SELECT n_events FROM articles');
      const [stored] = await store.all('SELECT count(*)::INTEGER AS n FROM events');
      expect(article).toEqual({ n_events: record.events.length - historical });
      expect(stored).toEqual({ n: record.events.length });
    } finally {
      store.close();
    }
  });
});
