import {
  dateRange,
  eventWhere,
  NOT_HISTORICAL,
  PERIOD,
  queryArticle,
  queryNetwork,
  type EventFilter,
  type Param,
  type QueryResult,
} from './queries.js';
import { dialectOf, type QuerySource } from './source.js';

/**
 * The queries the HTTP API and the dashboard need beyond the CLI's: pages of events with their
 * position in the article (to open the evidence), timelines by QuadClass, a network with nodes,
 * actor search and an article's spans by layer. They reuse the filters of `queries.ts`; every
 * value from the user is a parameter, never part of the SQL text. They run on either store, in
 * the SQL both share, with the store's dialect for the rest; where a row could be picked among
 * equals, the SQL says which, so both stores give the same answer.
 */

/** Filters of the event list and the timeline: the CLI's, plus a bare root and an actor on either side. */
export interface DashboardFilter extends Omit<EventFilter, 'by' | 'limit'> {
  /** CAMEO root only (`16`), where `code` matches a code or a root. */
  root?: string;
  /** An actor on either side (code or country). */
  actor?: string;
  /** Match the dyad in both directions (source→target and target→source). */
  undirected?: boolean;
  /**
   * Match source and target by code or country only, not by part of a name (as the CLI does): the
   * dashboard picks codes, and `KOR` must not find "North Korea".
   */
  exact?: boolean;
}

/**
 * Events with the duplicate mark of their article, as `eventWhere`'s `a.dup_of IS NULL` expects:
 * joined only to the articles that are near-duplicates (few), where a join to every article made
 * the dashboard's queries 1.5× slower on a million events.
 */
const EVENTS_FROM =
  'FROM events e LEFT JOIN (SELECT id, dup_of FROM articles WHERE dup_of IS NOT NULL) a ON a.id = e.article_id';

/** The quad classes by number, as the timeline's columns name them. */
export const QUAD_COLUMNS = ['verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'] as const;

/** A WHERE clause and its parameters. */
type Where = { sql: string; params: Param[] };

/** `(source matches A AND target matches B)` by code or country, in one or both directions. */
function exactDyad(source: string | undefined, target: string | undefined, both: boolean): Where {
  const clauses: string[] = [];
  const params: Param[] = [];
  const pair = (a: string | undefined, b: string | undefined) => {
    const sides: string[] = [];
    for (const [column, value] of [
      ['source', a],
      ['target', b],
    ] as const) {
      if (!value) continue;
      sides.push(`(e.${column}_code = ? OR e.${column}_country = ?)`);
      params.push(value, value);
    }
    clauses.push(sides.join(' AND ') || 'true');
  };
  pair(source, target);
  if (both && source && target) pair(target, source);
  return { sql: `(${clauses.join(' OR ')})`, params };
}

/** WHERE clause and parameters for a dashboard filter, built from `eventWhere` (one home for the filter SQL). */
function dashboardWhere(filter: DashboardFilter): Where {
  const { root, actor, undirected, exact, ...base } = filter;
  if (exact) {
    const dyad = exactDyad(base.source, base.target, undirected === true);
    delete base.source;
    delete base.target;
    const rest = eventWhere(base);
    return withExtras(`${rest.sql} AND ${dyad.sql}`, [...rest.params, ...dyad.params], root, actor);
  }
  let { sql, params } = eventWhere(base);
  if (undirected && base.source && base.target) {
    const back = eventWhere({ ...base, source: base.target, target: base.source });
    sql = `((${sql}) OR (${back.sql}))`;
    params = [...params, ...back.params];
  }
  return withExtras(sql, params, root, actor);
}

/** Adds the filters `eventWhere` does not have: a bare root, and an actor on either side. */
function withExtras(sql: string, params: Param[], root?: string, actor?: string): Where {
  if (root) {
    sql += ' AND e.root = ?';
    params.push(root);
  }
  if (actor) {
    sql += ' AND (e.source_code = ? OR e.source_country = ? OR e.target_code = ? OR e.target_country = ?)';
    params.push(actor, actor, actor, actor);
  }
  return { sql, params };
}

/** A page of events and the number of all events matching. */
export interface EventPage extends QueryResult {
  total: number;
}

/**
 * One page of events matching a filter, each with its article and its index in that article's
 * `events[]` (`idx`), so the dashboard can open the evidence sentence.
 */
export async function queryEventPage(
  store: QuerySource,
  filter: DashboardFilter,
  limit: number,
  offset: number,
): Promise<EventPage> {
  const { sql, params } = dashboardWhere(filter);
  const [count] = await store.all(`SELECT count(*) AS n ${EVENTS_FROM} WHERE ${sql}`, params);
  const rows = await store.all(
    `SELECT e.date, e.source_code AS source, e.source_name, e.target_code AS target, e.target_name, e.code, e.name,
            e.goldstein, e.quad_class AS quad, e.negated, e.intent, e.mentions, e.place_name AS place,
            e.article_id AS article, e.idx, e.evidence
       ${EVENTS_FROM} WHERE ${sql} ORDER BY e.date, e.article_id, e.idx LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  const columns = [
    'date',
    'source',
    'source_name',
    'target',
    'target_name',
    'code',
    'name',
    'goldstein',
    'quad',
    'negated',
    'intent',
    'mentions',
    'place',
    'article',
    'idx',
    'evidence',
  ];
  return { columns, rows, total: Number(count?.n ?? 0) };
}

/**
 * Events per period (day, ISO week or month) split by QuadClass, with the period's mean Goldstein:
 * what a stacked timeline of cooperation and conflict draws. Events dated coarser than the period
 * (a year only) are left out, as in `queryEvents`.
 */
export async function queryTimeline(
  store: QuerySource,
  filter: DashboardFilter,
  by: NonNullable<EventFilter['by']>,
  limit: number,
): Promise<QueryResult> {
  const { sql, params } = dashboardWhere(filter);
  const precision = by === 'month' ? 7 : 10;
  const dialect = dialectOf(store);
  const quads = QUAD_COLUMNS.map((name, i) => `count(*) FILTER (WHERE e.quad_class = ${i + 1}) AS ${name}`).join(', ');
  const rows = await store.all(
    `SELECT ${PERIOD[by](dialect)} AS period, count(*) AS events, ${quads},
            ${dialect.roundedMean('e.goldstein', 2)} AS mean_goldstein
       ${EVENTS_FROM}
      WHERE ${sql} AND length(e.date) >= ? AND ${dialect.matches('e.date', '^[0-9]{4}-')}
      GROUP BY period ORDER BY period LIMIT ?`,
    [...params, precision, limit],
  );
  return { columns: ['period', 'events', ...QUAD_COLUMNS, 'mean_goldstein'], rows };
}

/** A node of the network: an actor code and the events it takes part in (as either side). */
export interface NetworkNode {
  id: string;
  events: number;
}

/**
 * Actors as nodes and dyads as weighted edges for a period, the heaviest first: the edges of
 * `queryNetwork` (events between each pair, mean Goldstein) with at least `minWeight` events, and
 * the nodes they join.
 */
export async function queryNetworkGraph(
  store: QuerySource,
  filter: { from?: string; to?: string; all?: boolean; minWeight: number; limit: number },
): Promise<{ nodes: NetworkNode[]; edges: QueryResult }> {
  const { sql, params } = eventWhere({
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.all ? { all: true } : {}),
  });
  const rows = await store.all(
    `SELECT e.source_code AS source, e.target_code AS target, count(*) AS events, sum(e.mentions) AS mentions,
            ${dialectOf(store).roundedMean('e.goldstein', 2)} AS mean_goldstein
       ${EVENTS_FROM}
      WHERE ${sql} AND e.target_code IS NOT NULL
      GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY events DESC, source, target LIMIT ?`,
    [...params, filter.minWeight, filter.limit],
  );
  const weight = new Map<string, number>();
  for (const r of rows) {
    for (const side of [r.source, r.target])
      weight.set(String(side), (weight.get(String(side)) ?? 0) + Number(r.events));
  }
  const nodes = [...weight]
    .map(([id, events]) => ({ id, events }))
    .sort((a, b) => b.events - a.events || a.id.localeCompare(b.id));
  return { nodes, edges: { columns: ['source', 'target', 'events', 'mentions', 'mean_goldstein'], rows } };
}

/**
 * Actors whose name or code contains `search` (all when empty), one row per code, most mentioned
 * first, with their roles: events as source and as target (historical ones only with `all`), and
 * quotations as speaker. A code's name and kind are those of its most mentioned row (the first by
 * name and kind among equals).
 */
export async function searchActors(
  store: QuerySource,
  search: string,
  limit: number,
  all = false,
): Promise<QueryResult> {
  const pattern = `%${search}%`;
  const news = all ? '' : `AND ${NOT_HISTORICAL}`;
  const rows = await store.all(
    `WITH m AS (SELECT code, sum(mentions) AS mentions, count(DISTINCT article_id) AS articles
                  FROM actors WHERE code IS NOT NULL AND (name ILIKE ? OR code ILIKE ?) GROUP BY code
                 ORDER BY mentions DESC, code LIMIT ?),
          -- Ranked for the codes kept only: a window over every actor row would sort the whole table.
          named AS (SELECT code, name, kind,
                           row_number() OVER (PARTITION BY code ORDER BY mentions DESC, name, kind) AS place
                      FROM actors WHERE code IN (SELECT code FROM m) AND (name ILIKE ? OR code ILIKE ?)),
          s AS (SELECT source_code AS code, count(*) AS n FROM events e
                 WHERE source_code IN (SELECT code FROM m) ${news} GROUP BY 1),
          t AS (SELECT target_code AS code, count(*) AS n FROM events e
                 WHERE target_code IN (SELECT code FROM m) ${news} GROUP BY 1),
          q AS (SELECT speaker_code AS code, count(*) AS n FROM quotes
                 WHERE speaker_code IN (SELECT code FROM m) GROUP BY 1)
     SELECT m.code, named.name, named.kind, m.mentions, m.articles, coalesce(s.n, 0) AS as_source,
            coalesce(t.n, 0) AS as_target,
            coalesce(q.n, 0) AS quotes
       FROM m JOIN named ON named.code = m.code AND named.place = 1
            LEFT JOIN s ON s.code = m.code LEFT JOIN t ON t.code = m.code LEFT JOIN q ON q.code = m.code
      ORDER BY m.mentions DESC, m.code`,
    [pattern, pattern, limit, pattern, pattern],
  );
  return { columns: ['code', 'name', 'kind', 'mentions', 'articles', 'as_source', 'as_target', 'quotes'], rows };
}

/** Totals, top dyads and top speakers for a period (the whole store without one); historical events only with `all`. */
export async function queryOverview(
  store: QuerySource,
  period: { from?: string; to?: string; all?: boolean },
): Promise<Record<string, QueryResult>> {
  const eventClauses: string[] = ['a.dup_of IS NULL'];
  if (!period.all) eventClauses.push(NOT_HISTORICAL);
  const eventParams: Param[] = [];
  dateRange('e.date', period.from, period.to, eventClauses, eventParams);
  const quoteClauses: string[] = ['a.dup_of IS NULL'];
  const quoteParams: Param[] = [];
  dateRange('q.date', period.from, period.to, quoteClauses, quoteParams);
  const totals = await store.all(
    `SELECT (SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id
              WHERE ${eventClauses.join(' AND ')}) AS events,
            (SELECT count(DISTINCT e.article_id) FROM events e JOIN articles a ON a.id = e.article_id
              WHERE ${eventClauses.join(' AND ')}) AS articles,
            (SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id
              WHERE ${quoteClauses.join(' AND ')}) AS quotes`,
    [...eventParams, ...eventParams, ...quoteParams],
  );
  const dyads = await queryNetwork(store, { ...period, limit: 10 });
  const speakers = await store.all(
    `SELECT q.speaker_name AS speaker, min(q.speaker_code) AS code, count(*) AS quotes
       FROM quotes q JOIN articles a ON a.id = q.article_id
      WHERE ${quoteClauses.join(' AND ')} AND q.speaker_name IS NOT NULL
      GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT 10`,
    quoteParams,
  );
  return {
    totals: { columns: ['events', 'articles', 'quotes'], rows: totals },
    dyads,
    speakers: { columns: ['speaker', 'code', 'quotes'], rows: speakers },
  };
}

/** A highlighted span of the article view: a layer, offsets into `text`, and a short label. */
export interface ArticleSpan {
  layer: 'actor' | 'time' | 'quote' | 'event';
  start: number;
  end: number;
  label: string;
  /** Index in the record's layer (`events[idx]` for an event). */
  index: number;
}

/** An article as the dashboard shows it: its cleaned text, spans by layer, events, and the furniture taken out. */
export interface ArticleView {
  id: string;
  title: string | null;
  published: string | null;
  url: string | null;
  source: string | null;
  duplicateOf: string | null;
  text: string;
  sentences: Array<{ start: number; end: number }>;
  spans: ArticleSpan[];
  events: Array<{
    idx: number;
    code: string;
    name: string;
    source: string | null;
    target: string | null;
    goldstein: number;
    quad: number;
    sentence: number;
    evidenceStart: number;
    evidenceEnd: number;
    trigger: string;
  }>;
  removed: Array<{ kind: string; rule: string; text: string }>;
}

/* The record's shapes, as far as the view reads them (docs/schema.md). */
interface Span {
  start: number;
  end: number;
  text: string;
}
interface RecordActor extends Span {
  actor: { code: string | null; name: string; kind: string };
}
interface RecordTime extends Span {
  value: string;
  type: string;
}
interface RecordQuote extends Span {
  kind: string;
  speaker: { actor: { name: string } | null; mention: Span } | null;
}
interface RecordEvent extends Span {
  sentence: number;
  evidence: Span;
  code: string;
  name: string;
  goldstein: number;
  quadClass: number;
  source: { actor: { code: string | null } };
  target: { actor: { code: string | null } } | null;
}

/** One stored article shaped for reading: spans of every layer (events as their evidence sentence), or null. */
export async function queryArticleView(store: QuerySource, id: string): Promise<ArticleView | null> {
  const record = await queryArticle(store, id);
  if (!record) return null;
  const meta = (record.meta ?? {}) as Record<string, string | null>;
  const list = <T>(key: string) => (Array.isArray(record[key]) ? (record[key] as T[]) : []);
  const events = list<RecordEvent>('events');
  const spans: ArticleSpan[] = [
    ...list<RecordActor>('actors').map((a, index) => ({
      layer: 'actor' as const,
      start: a.start,
      end: a.end,
      index,
      label: `${a.actor.name} (${a.actor.code ?? a.actor.kind})`,
    })),
    ...list<RecordTime>('times').map((t, index) => ({
      layer: 'time' as const,
      start: t.start,
      end: t.end,
      index,
      label: `${t.type} ${t.value}`,
    })),
    ...list<RecordQuote>('quotes').map((q, index) => ({
      layer: 'quote' as const,
      start: q.start,
      end: q.end,
      index,
      label: `${q.kind} quote: ${q.speaker?.actor?.name ?? q.speaker?.mention.text ?? 'unknown speaker'}`,
    })),
    ...events.map((e, index) => ({
      layer: 'event' as const,
      start: e.evidence.start,
      end: e.evidence.end,
      index,
      label: `${e.code} ${e.name}: ${e.source.actor.code ?? '?'} → ${e.target?.actor.code ?? 'no target'}`,
    })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  return {
    id: String(record.id),
    title: meta.title ?? null,
    published: meta.published ?? null,
    url: meta.url ?? null,
    source: ((record.source ?? {}) as { input?: string }).input ?? null,
    duplicateOf: (record.duplicateOf as string | null) ?? null,
    text: String(record.text ?? ''),
    sentences: list<Span>('sentences').map((s) => ({ start: s.start, end: s.end })),
    spans,
    events: events.map((e, idx) => ({
      idx,
      code: e.code,
      name: e.name,
      source: e.source.actor.code,
      target: e.target?.actor.code ?? null,
      goldstein: e.goldstein,
      quad: e.quadClass,
      sentence: e.sentence,
      evidenceStart: e.evidence.start,
      evidenceEnd: e.evidence.end,
      trigger: e.text,
    })),
    removed: list<{ kind: string; rule: string; text: string }>('removed').map((r) => ({
      kind: r.kind,
      rule: r.rule,
      text: r.text,
    })),
  };
}
