import { gunzipSync } from 'node:zlib';
import type { DuckDBBlobValue } from '@duckdb/node-api';
import { loadEventKnowledge } from '../knowledge/event-patterns.js';
import type { SqlDialect } from './dialect.js';
import { dialectOf, type QuerySource } from './source.js';

/** A query parameter: both stores take text and numbers. */
export type Param = string | number;

/** A table of results: column names and rows, for terminal tables, CSV or JSON. */
export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  /** The rows there were before the limit, when the limit cut some. */
  total?: number;
  /** What the result leaves out and why, for the user (printed on standard error). */
  notes?: string[];
}

/**
 * Runs `sql` (rows in order, no LIMIT) with a limit, and counts the rows it cut, so that a table
 * cut at its limit can say so ("showing 100 of 2,345").
 */
async function limited(
  store: QuerySource,
  sql: string,
  params: Param[],
  limit: number | undefined,
): Promise<Pick<QueryResult, 'rows' | 'total'>> {
  const n = Math.max(1, limit ?? 100);
  const rows = await store.all(`${sql} LIMIT ${n + 1}`, params);
  if (rows.length <= n) return { rows };
  const [count] = await store.all(`SELECT count(*) AS n FROM (${sql}) AS counted`, params);
  return { rows: rows.slice(0, n), total: Number(count?.n ?? 0) };
}

export interface EventFilter {
  /** Source actor: a code (`USAGOV`), a country (`USA`) or part of a name. */
  source?: string;
  target?: string;
  /** CAMEO code or root (`163`, `16`). */
  code?: string;
  quadClass?: number;
  /** Date range, ISO, inclusive. */
  from?: string;
  to?: string;
  /** Words in the evidence sentence. */
  text?: string;
  /** Count per period instead of listing events. */
  by?: 'day' | 'week' | 'month';
  /** Keep events coded as refusals or intents? Listed always; counted unless `factsOnly`. */
  factsOnly?: boolean;
  /**
   * Keep historical events too (background acts dated well before their article's publication,
   * "In 2014, Russia annexed Crimea" in a 2024 story)? Left out by default: they are not the news.
   */
  all?: boolean;
  limit?: number;
}

/** The condition an event row `e` meets when it is news, not background (see `EventFilter.all`). */
export const NOT_HISTORICAL = 'NOT e.historical';

/** Adds an inclusive ISO date range on `column` (a "to" date covers all of that day or month). */
export function dateRange(
  column: string,
  from: string | undefined,
  to: string | undefined,
  clauses: string[],
  params: Param[],
): void {
  if (from) {
    params.push(from);
    clauses.push(`${column} >= ?`);
  }
  if (to) {
    params.push(`${to}~`);
    clauses.push(`${column} <= ?`);
  }
}

/**
 * Builds `WHERE` clauses and parameters from a filter; duplicates of an earlier article are left
 * out, and historical events unless `all`.
 */
export function eventWhere(filter: EventFilter): { sql: string; params: Param[] } {
  const clauses = ['a.dup_of IS NULL'];
  if (!filter.all) clauses.push(NOT_HISTORICAL);
  const params: Param[] = [];
  const actor = (side: 'source' | 'target', value: string) => {
    params.push(value, value, `%${value}%`);
    clauses.push(`(e.${side}_code = ? OR e.${side}_country = ? OR e.${side}_name ILIKE ?)`);
  };
  if (filter.source) actor('source', filter.source);
  if (filter.target) actor('target', filter.target);
  if (filter.code) {
    params.push(filter.code, filter.code);
    clauses.push('(e.code = ? OR e.root = ?)');
  }
  if (filter.quadClass) {
    params.push(filter.quadClass);
    clauses.push('e.quad_class = ?');
  }
  dateRange('e.date', filter.from, filter.to, clauses, params);
  if (filter.text) {
    params.push(`%${filter.text}%`);
    clauses.push('e.evidence ILIKE ?');
  }
  if (filter.factsOnly) clauses.push('NOT e.negated AND NOT e.intent');
  return { sql: clauses.join(' AND '), params };
}

export const PERIOD: Record<NonNullable<EventFilter['by']>, (dialect: SqlDialect) => string> = {
  day: () => 'substr(e.date, 1, 10)',
  month: () => 'substr(e.date, 1, 7)',
  week: (dialect) => dialect.isoWeek('substr(e.date, 1, 10)'),
};

/**
 * Events matching a filter, or with `by`, counts per period for the filtered dyad: events, mean
 * Goldstein, and the share of each QuadClass — the "how did US–North Korea relations move month by
 * month" table. Periods need dates of that precision (a year-only date has no month).
 */
export async function queryEvents(store: QuerySource, filter: EventFilter = {}): Promise<QueryResult> {
  const { sql, params } = eventWhere(filter);
  if (filter.by) {
    const dialect = dialectOf(store);
    const period = PERIOD[filter.by](dialect);
    const precision = filter.by === 'month' ? 7 : 10;
    const share = (quad: number) => dialect.roundedMean(`CASE WHEN e.quad_class = ${quad} THEN 1 ELSE 0 END`, 3);
    const rows = await store.all(
      `SELECT ${period} AS period, count(*) AS events, sum(e.mentions) AS mentions,
        count(DISTINCT e.article_id) AS articles,
              ${dialect.roundedMean('e.goldstein', 2)} AS mean_goldstein,
              ${share(1)} AS verbal_coop, ${share(2)} AS material_coop, ${share(3)} AS verbal_conflict,
                ${share(4)} AS material_conflict
         FROM events e JOIN articles a ON a.id = e.article_id
        WHERE ${sql} AND length(e.date) >= ${precision} AND ${dialect.matches('e.date', '^[0-9]{4}')}
        GROUP BY period ORDER BY period`,
      params,
    );
    // Events dated less precisely than the period (a month for --by day) cannot be counted in it: said, not hidden.
    const [vague] = await store.all(
      `SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id ` +
        `WHERE ${sql} AND NOT (length(e.date) >= ${precision} AND ${dialect.matches('e.date', '^[0-9]{4}')})`,
      params,
    );
    const left = Number(vague?.n ?? 0);
    const notes = left
      ? [
          `${left} matching event${left === 1 ? ' is' : 's are'} dated less precisely ` +
            `than a ${filter.by} (a month or a year) and left out of these counts` +
            `${filter.by === 'month' ? '' : ' (--by month counts those dated to a month)'}`,
        ]
      : [];
    const columns = [
      'period',
      'events',
      'mentions',
      'articles',
      'mean_goldstein',
      'verbal_coop',
      'material_coop',
      'verbal_conflict',
      'material_conflict',
    ];
    return { columns, rows, ...(notes.length ? { notes } : {}) };
  }
  const result = await limited(
    store,
    `SELECT e.date, e.source_code AS source, e.target_code AS target, e.code, e.name, e.goldstein, e.quad_class AS quad,
            e.negated, e.intent, e.mentions, e.place_name AS place, e.article_id AS article, e.evidence
       FROM events e JOIN articles a ON a.id = e.article_id
      WHERE ${sql} ORDER BY e.date, e.article_id, e.idx`,
    params,
    filter.limit,
  );
  return {
    ...result,
    columns: [
      'date',
      'source',
      'target',
      'code',
      'name',
      'goldstein',
      'quad',
      'negated',
      'intent',
      'mentions',
      'place',
      'article',
      'evidence',
    ],
  };
}

export interface QuoteFilter {
  speaker?: string;
  text?: string;
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * What ends a word, for both stores' regular expressions alike: white space, ASCII punctuation and
 * typographic quotes and dashes (a letter outside ASCII is part of a word, as PostgreSQL's
 * full-text parser reads it).
 */
const WORD_BREAK =
  '[\\s!"#$%&\'()*+,./:;<=>?@\\[\\\\\\]^_`{|}~\u201c\u201d\u2018\u2019\u00ab\u00bb\u2013\u2014\u2026-]';

/**
 * A regular expression (the same for RE2 and PostgreSQL's) matching the words of `search` as whole
 * words, in order, with only breaks between them: `pressure` finds "maximum pressure" but not
 * "pressured"; `U.S.` finds "the U.S., he said". Null when `search` has no words.
 */
export function wholeWordsPattern(search: string): string | null {
  const words = search.split(new RegExp(`${WORD_BREAK}+`, 'u')).filter(Boolean);
  if (!words.length) return null;
  const escaped = words.map((word) => word.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`));
  return `(^|${WORD_BREAK})${escaped.join(`${WORD_BREAK}+`)}($|${WORD_BREAK})`;
}

/**
 * Quotations by speaker (name, code or the words that named them), words of the quotation (whole
 * words, in order, case ignored) and date range. On PostgreSQL the full-text index picks the
 * candidates first.
 */
export async function queryQuotes(store: QuerySource, filter: QuoteFilter = {}): Promise<QueryResult> {
  const clauses = ['a.dup_of IS NULL'];
  const params: Param[] = [];
  if (filter.speaker) {
    params.push(`%${filter.speaker}%`, filter.speaker, `%${filter.speaker}%`);
    clauses.push('(q.speaker_name ILIKE ? OR q.speaker_code = ? OR q.speaker_mention ILIKE ?)');
  }
  if (filter.text) {
    const dialect = dialectOf(store);
    const indexed = dialect.quoteWordsIndexed('q.text');
    if (indexed && /[\p{L}\p{N}]/u.test(filter.text)) {
      params.push(filter.text);
      clauses.push(indexed);
    }
    const pattern = wholeWordsPattern(filter.text);
    // Punctuation alone is no words, and finds no quotation.
    if (pattern) {
      params.push(pattern);
      clauses.push(dialect.matchesParameter('q.text'));
    } else clauses.push('false');
  }
  dateRange('q.date', filter.from, filter.to, clauses, params);
  const result = await limited(
    store,
    `SELECT q.date, q.speaker_name AS speaker, q.speaker_code AS code, q.kind, q.cue, q.via, q.text,
      q.article_id AS article
       FROM quotes q JOIN articles a ON a.id = q.article_id
      WHERE ${clauses.join(' AND ')} ORDER BY q.date, q.article_id, q.idx`,
    params,
    filter.limit,
  );
  return { ...result, columns: ['date', 'speaker', 'code', 'kind', 'cue', 'via', 'text', 'article'] };
}

/**
 * The most active actors: mentions, articles, and events as source or target (historical events
 * only with `all`). An actor's name,
 * code and kind are the least of its tallies' (`min`, not `any_value`): the same answer on every
 * run and on both stores.
 */
export async function queryActors(store: QuerySource, limit = 25, all = false): Promise<QueryResult> {
  const news = all ? 'WHERE true' : `WHERE ${NOT_HISTORICAL}`;
  const result = await limited(
    store,
    `WITH m AS (SELECT actor_id, min(code) AS code, min(name) AS name, min(kind) AS kind, sum(mentions) AS mentions,
      count(DISTINCT article_id) AS articles
                  FROM actors WHERE code IS NOT NULL AND kind NOT IN ('media', 'city', 'place') GROUP BY actor_id),
          s AS (SELECT source_name AS name, source_code AS code, count(*) AS n FROM events e ${news} GROUP BY 1, 2),
          t AS (SELECT target_name AS name, target_code AS code,
            count(*) AS n FROM events e ${news} AND target_code IS NOT NULL GROUP BY 1, 2)
     SELECT m.name, m.code, m.kind, m.mentions, m.articles, coalesce(s.n, 0) AS as_source, coalesce(t.n, 0) AS as_target
       FROM m LEFT JOIN s ON s.name = m.name AND s.code = m.code LEFT JOIN t ON t.name = m.name AND t.code = m.code
      ORDER BY m.mentions DESC, m.name`,
    [],
    limit,
  );
  return { ...result, columns: ['name', 'code', 'kind', 'mentions', 'articles', 'as_source', 'as_target'] };
}

/** Weighted actor–actor edges for a period: events between each pair, and their mean Goldstein. */
export async function queryNetwork(
  store: QuerySource,
  filter: Pick<EventFilter, 'from' | 'to' | 'all' | 'limit'> = {},
): Promise<QueryResult> {
  const { sql, params } = eventWhere({
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.all ? { all: true } : {}),
  });
  const result = await limited(
    store,
    `SELECT e.source_code AS source, e.target_code AS target, count(*) AS events, sum(e.mentions) AS mentions,
      ${dialectOf(store).roundedMean('e.goldstein', 2)} AS mean_goldstein
       FROM events e JOIN articles a ON a.id = e.article_id
      WHERE ${sql} AND e.target_code IS NOT NULL
      GROUP BY 1, 2 ORDER BY events DESC, source, target`,
    params,
    filter.limit,
  );
  return { ...result, columns: ['source', 'target', 'events', 'mentions', 'mean_goldstein'] };
}

/** The inputs and articles that failed, and why, oldest first. */
export async function queryFailures(store: QuerySource, limit?: number): Promise<QueryResult> {
  const result = await limited(
    store,
    `SELECT ${dialectOf(store).secondsText('failed_at')} AS failed_at, source, line, ` +
      'rule, reason FROM failures ORDER BY 1, source, line',
    [],
    limit,
  );
  return { ...result, columns: ['failed_at', 'source', 'line', 'rule', 'reason'] };
}

/** One stored article with all its layers (its `dyad/1` record), or null. */
export async function queryArticle(store: QuerySource, id: string): Promise<Record<string, unknown> | null> {
  const [row] = await store.all('SELECT record_gz, dup_of FROM articles WHERE id = ?', [id]);
  if (!row) return null;
  // DuckDB gives a blob value, PostgreSQL a Buffer.
  const bytes = row.record_gz instanceof Uint8Array ? row.record_gz : (row.record_gz as DuckDBBlobValue).bytes;
  const record = JSON.parse(gunzipSync(bytes).toString('utf8')) as Record<string, unknown>;
  return { ...record, duplicateOf: row.dup_of ?? null };
}

/**
 * What a store holds: counts, events by root, top dyads and top speakers. Events are the news only:
 * the historical ones left out are counted apart and said in a note under the totals.
 */
export async function summarise(store: QuerySource): Promise<Record<string, QueryResult>> {
  const [counts] = await store.all(
    `SELECT (SELECT count(*) FROM articles) AS articles,
      (SELECT count(*) FROM articles WHERE dup_of IS NOT NULL) AS duplicates,
            (SELECT count(*) FROM events e WHERE ${NOT_HISTORICAL}) AS events,
            (SELECT count(*) FROM events e WHERE e.historical) AS historical,
            (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM failures) AS failures`,
  );
  const { historical, ...totals } = counts ?? {};
  const left = Number(historical ?? 0);
  const codebook = loadEventKnowledge().codes;
  const roots = (
    await store.all(
      `SELECT root, count(*) AS events FROM events e WHERE ${NOT_HISTORICAL} ` +
        'GROUP BY root ORDER BY events DESC, root LIMIT 20',
    )
  ).map((r) => ({
    root: r.root,
    name: codebook.get(String(r.root))?.name ?? '',
    events: r.events,
  }));
  const dyads = await queryNetwork(store, { limit: 10 });
  const speakers = await store.all(
    `SELECT speaker_name AS speaker, min(speaker_code) AS code, count(*) AS ` +
      `quotes FROM quotes WHERE speaker_name IS NOT NULL GROUP BY 1 ORDER BY quotes ` +
      `DESC, speaker LIMIT 10`,
  );
  return {
    totals: {
      columns: ['articles', 'duplicates', 'events', 'quotes', 'failures'],
      rows: [totals],
      ...(left ? { notes: [historicalNote(Number(totals.events ?? 0), left)] } : {}),
    },
    'events by root': { columns: ['root', 'name', 'events'], rows: roots },
    'top dyads': dyads,
    'top speakers': { columns: ['speaker', 'code', 'quotes'], rows: speakers },
  };
}

/**
 * The line that says how many historical events a count left out: `81 events (2 historical left
 * out: dated well before their article; --all keeps them)`.
 */
export function historicalNote(events: number, historical: number): string {
  return (
    `${events} event${events === 1 ? '' : 's'} (${historical} historical left out: ` +
    'dated well before their article; --all keeps them)'
  );
}
