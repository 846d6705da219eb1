import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fatal } from '../pipeline/errors.js';
import type { Store } from '../store/store.js';
import { NOT_HISTORICAL } from './queries.js';

export type ExportTable = 'events' | 'quotes' | 'actors';
export type ExportFormat = 'csv' | 'jsonl' | 'parquet' | 'gdelt';

/** The GDELT 2.0 event table's 61 columns, in order (see `docs/schema.md` for what we fill). */
export const GDELT_COLUMNS = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  'Actor1Code',
  'Actor1Name',
  'Actor1CountryCode',
  'Actor1KnownGroupCode',
  'Actor1EthnicCode',
  'Actor1Religion1Code',
  'Actor1Religion2Code',
  'Actor1Type1Code',
  'Actor1Type2Code',
  'Actor1Type3Code',
  'Actor2Code',
  'Actor2Name',
  'Actor2CountryCode',
  'Actor2KnownGroupCode',
  'Actor2EthnicCode',
  'Actor2Religion1Code',
  'Actor2Religion2Code',
  'Actor2Type1Code',
  'Actor2Type2Code',
  'Actor2Type3Code',
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  'Actor1Geo_Type',
  'Actor1Geo_FullName',
  'Actor1Geo_CountryCode',
  'Actor1Geo_ADM1Code',
  'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat',
  'Actor1Geo_Long',
  'Actor1Geo_FeatureID',
  'Actor2Geo_Type',
  'Actor2Geo_FullName',
  'Actor2Geo_CountryCode',
  'Actor2Geo_ADM1Code',
  'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat',
  'Actor2Geo_Long',
  'Actor2Geo_FeatureID',
  'ActionGeo_Type',
  'ActionGeo_FullName',
  'ActionGeo_CountryCode',
  'ActionGeo_ADM1Code',
  'ActionGeo_ADM2Code',
  'ActionGeo_Lat',
  'ActionGeo_Long',
  'ActionGeo_FeatureID',
  'DATEADDED',
  'SOURCEURL',
] as const;

/**
 * One row per distinct event (date, source, target, code) across all stored articles, with
 * GDELT's counts: NumMentions (mentions summed over articles), NumArticles (articles reporting
 * it, near-duplicate copies included), NumSources (distinct outlets: URL hosts, else input files).
 */
const gdeltSql = (news: string) => `
WITH e AS (
  SELECT e.*, a.url, a.source AS input, a.ingested_at,
         coalesce(regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), a.source) AS outlet
    FROM events e JOIN articles a ON a.id = e.article_id
   WHERE NOT e.negated AND length(e.date) >= 10${news}
), g AS (
  SELECT date, source_code, target_code, code,
         any_value(source_name) AS source_name, any_value(source_country) AS source_country,
           any_value(source_role) AS source_role,
         any_value(target_name) AS target_name, any_value(target_country) AS target_country,
           any_value(target_role) AS target_role,
         any_value(root) AS root, any_value(quad_class) AS quad_class, any_value(goldstein) AS goldstein,
         sum(mentions) AS num_mentions, count(DISTINCT outlet) AS num_sources,
           count(DISTINCT article_id) AS num_articles,
         any_value(place_name) AS place_name, any_value(place_country) AS place_country, any_value(lat) AS lat,
           any_value(lon) AS lon,
         min(ingested_at) AS added, min(coalesce(url, input)) AS source_url
    FROM e GROUP BY date, source_code, target_code, code
)
SELECT row_number() OVER (ORDER BY date, source_code, target_code, code) AS GLOBALEVENTID,
       replace(substr(date, 1, 10), '-', '') AS SQLDATE, replace(substr(date, 1, 7), '-', '') AS MonthYear,
         substr(date, 1, 4) AS Year,
       round(CAST(substr(date, 1, 4) AS INTEGER) + (dayofyear(CAST(substr(date, 1, 10) AS DATE)) - 1) / 365.0,
         4) AS FractionDate,
       source_code AS Actor1Code, upper(source_name) AS Actor1Name, source_country AS Actor1CountryCode,
         '' AS Actor1KnownGroupCode, '' AS Actor1EthnicCode,
       '' AS Actor1Religion1Code, '' AS Actor1Religion2Code, coalesce(source_role, '') AS Actor1Type1Code,
         '' AS Actor1Type2Code, '' AS Actor1Type3Code,
       coalesce(target_code, '') AS Actor2Code, upper(coalesce(target_name, '')) AS Actor2Name,
         coalesce(target_country, '') AS Actor2CountryCode, '' AS Actor2KnownGroupCode, '' AS Actor2EthnicCode,
       '' AS Actor2Religion1Code, '' AS Actor2Religion2Code, coalesce(target_role, '') AS Actor2Type1Code,
         '' AS Actor2Type2Code, '' AS Actor2Type3Code,
       1 AS IsRootEvent, code AS EventCode, substr(code, 1, 3) AS EventBaseCode, root AS EventRootCode,
         quad_class AS QuadClass, goldstein AS GoldsteinScale,
       num_mentions AS NumMentions, num_sources AS NumSources, num_articles AS NumArticles, '' AS AvgTone,
       '' AS Actor1Geo_Type, '' AS Actor1Geo_FullName, '' AS Actor1Geo_CountryCode, '' AS Actor1Geo_ADM1Code,
         '' AS Actor1Geo_ADM2Code, '' AS Actor1Geo_Lat, '' AS Actor1Geo_Long, '' AS Actor1Geo_FeatureID,
       '' AS Actor2Geo_Type, '' AS Actor2Geo_FullName, '' AS Actor2Geo_CountryCode, '' AS Actor2Geo_ADM1Code,
         '' AS Actor2Geo_ADM2Code, '' AS Actor2Geo_Lat, '' AS Actor2Geo_Long, '' AS Actor2Geo_FeatureID,
       CASE WHEN place_name IS NULL THEN '' WHEN lat IS NULL THEN '1' ELSE '4' END AS ActionGeo_Type,
         coalesce(place_name, '') AS ActionGeo_FullName, coalesce(place_country, '') AS ActionGeo_CountryCode,
       '' AS ActionGeo_ADM1Code, '' AS ActionGeo_ADM2Code, coalesce(CAST(lat AS VARCHAR), '') AS ActionGeo_Lat,
         coalesce(CAST(lon AS VARCHAR), '') AS ActionGeo_Long, '' AS ActionGeo_FeatureID,
       strftime(added, '%Y%m%d%H%M%S') AS DATEADDED, source_url AS SOURCEURL
  FROM g`;

const TABLE_SQL: Record<ExportTable, (news: string) => string> = {
  events: (news) => `SELECT * FROM events e WHERE true${news} ORDER BY article_id, idx`,
  quotes: () => 'SELECT * FROM quotes ORDER BY article_id, idx',
  actors: () => 'SELECT * FROM actors ORDER BY article_id, mentions DESC',
};

/** What an export writes besides its table and format. */
export interface ExportOptions {
  /** Split a Parquet export into a folder of parts. */
  partition?: ExportPartition;
  /** Keep historical events (dated well before their article), which an export leaves out by default. */
  all?: boolean;
}

const quoteLiteral = (path: string) => `'${path.replace(/'/g, "''")}'`;

/** How an export may be split into a folder of parts: by the month of each row's date. */
export type ExportPartition = 'month';

/**
 * A row's month for a partitioned export: `2018-02`, or `undated` for a row without one (no
 * date, or a year or week only).
 */
const MONTH_SQL = "CASE WHEN regexp_matches(date, '^[0-9]{4}-[0-9]{2}') THEN substr(date, 1, 7) ELSE 'undated' END";

/**
 * Writes a table to a file with DuckDB's COPY: CSV with a header, JSON Lines, Parquet, or
 * (events only) GDELT 2.0's tab-delimited event table without a header, as GDELT ships it. With
 * `partition` (Parquet, events or quotes), `out` is a folder of Hive partitions
 * (`month=2018-02/data_0.parquet`) that DuckDB, Spark or Trino read as one table. Historical events
 * are left out unless `all`.
 */
export async function exportTable(
  store: Store,
  table: ExportTable,
  format: ExportFormat,
  out: string,
  { partition, all }: ExportOptions = {},
): Promise<number> {
  if (format === 'gdelt' && table !== 'events')
    throw fatal('export', 'export/gdelt-events-only', `the GDELT format is for events only, not ${table}`);
  const news = all ? '' : ` AND ${NOT_HISTORICAL}`;
  const sql = format === 'gdelt' ? gdeltSql(news) : TABLE_SQL[table](news);
  const options = {
    csv: '(FORMAT CSV, HEADER true)',
    jsonl: '(FORMAT JSON)',
    parquet: '(FORMAT PARQUET)',
    gdelt: "(FORMAT CSV, DELIMITER '	', HEADER false, QUOTE '')",
  }[format];
  // Written beside the target and renamed once whole: a failed export leaves no partial file or folder.
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  try {
    if (partition) {
      const parts = `SELECT *, ${MONTH_SQL} AS month FROM (${sql})`;
      await store.connection.run(
        `COPY (${parts}) TO ${quoteLiteral(partial)} (FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE true)`,
      );
      rmSync(out, { recursive: true, force: true });
    } else {
      await store.connection.run(`COPY (${sql}) TO ${quoteLiteral(partial)} ${options}`);
    }
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    const message = (error as Error).message;
    if (/no space left on device|ENOSPC/i.test(message))
      throw fatal('export', 'export/disk-full', `no space left on device writing ${out}; nothing was written`);
    throw fatal(
      'export',
      'export/write-failed',
      `${out} cannot be written (${message.replace(/^IO Error: /, '')}); nothing was written`,
    );
  }
  const [row] = await store.all(`SELECT count(*) AS n FROM (${sql})`);
  return Number(row?.n ?? 0);
}

/**
 * Exports from a PostgreSQL store: the table (and the article columns the GDELT table reads) is
 * copied into a temporary DuckDB file through PostgreSQL's COPY, then written by `exportTable`, so
 * that both stores give the same files. Memory stays bounded (both sides stream); the temporary
 * file takes about the table's size on disk and is removed.
 */
export async function exportFromPostgres(
  url: string,
  table: ExportTable,
  format: ExportFormat,
  out: string,
  options: ExportOptions = {},
): Promise<number> {
  const { copyPostgresToDuckdb } = await import('../store/postgres/pg-to-duckdb.js');
  return copyPostgresToDuckdb(url, ['articles', table], (store) => exportTable(store, table, format, out, options));
}
