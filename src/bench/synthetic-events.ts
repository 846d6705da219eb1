import type { Store } from '../store/store.js';

/**
 * Fills a store with `events` synthetic events (DuckDB generates them, in seconds), ten per
 * article, over 5,000 days from 2010, between six countries, with five codes: the store the
 * query and API latency benches run on.
 */
export async function fillSyntheticEvents(store: Store, events: number): Promise<void> {
  const articles = Math.ceil(events / 10);
  await store.connection.run(
    `INSERT INTO articles (id, published, dup_of) SELECT 'a' || i, '2018-01-01', NULL FROM range(${articles}) t(i)`,
  );
  const sources = "['USA', 'PRK', 'KOR', 'CHN', 'RUS', 'JPN'][1 + i % 6]";
  const targets = "['PRK', 'USA', 'JPN', 'KOR', 'UKR', 'CHN'][1 + (i // 6) % 6]";
  const codes = "['042', '163', '190', '036', '112'][1 + i % 5]";
  await store.connection.run(`
    INSERT INTO events (article_id, idx, date, source_code, source_name, source_country,
                        target_code, target_name, target_country, code, root, name, goldstein, quad_class,
                        negated, intent, mentions, evidence)
    SELECT 'a' || (i // 10), i % 10,
           strftime(DATE '2010-01-01' + CAST(i % 5000 AS INTEGER), '%Y-%m-%d'),
           ${sources}, 'x', ${sources},
           ${targets}, 'y', ${targets},
           ${codes}, substr(${codes}, 1, 2), 'n',
           [1.9, -8.0, -10.0, 4.0, -2.0][1 + i % 5], [1, 4, 4, 1, 3][1 + i % 5], false, false, 1, 'evidence'
      FROM range(${events}) t(i)`);
}
