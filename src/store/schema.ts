/**
 * The store's layout version, kept in `store_info`. A store of another version is refused with a
 * clear message rather than half-read: 2 keeps the article record gzip-compressed (`record_gz`); 3
 * adds `events.target_from` (a target taken from the act's place); 4 keeps a MinHash signature
 * (`minhash`) for finding near-duplicates, where 3 kept a SimHash that no longer compares.
 */
export const STORE_VERSION = '4';

/**
 * The tables of a Dyad store. One row per article, event, quote and actor tally; every row of
 * the child tables carries its article's id, so a batch is one transaction and never half-written.
 */
export const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    url VARCHAR,
    title VARCHAR,
    published VARCHAR,
    updated VARCHAR,
    source VARCHAR,
    agency VARCHAR,
    authors VARCHAR,
    dup_of VARCHAR,
    minhash BLOB,
    n_events INTEGER,
    n_quotes INTEGER,
    record_gz BLOB,
    ingested_at TIMESTAMP
  )`,
  `CREATE TABLE IF NOT EXISTS store_info (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR,
    idx INTEGER,
    date VARCHAR,
    date_source VARCHAR,
    source_code VARCHAR,
    source_name VARCHAR,
    source_country VARCHAR,
    source_role VARCHAR,
    target_code VARCHAR,
    target_name VARCHAR,
    target_country VARCHAR,
    target_role VARCHAR,
    target_from VARCHAR,
    code VARCHAR,
    root VARCHAR,
    name VARCHAR,
    goldstein DOUBLE,
    quad_class TINYINT,
    plover_event VARCHAR,
    plover_mode VARCHAR,
    negated BOOLEAN,
    intent BOOLEAN,
    mentions INTEGER,
    place_name VARCHAR,
    place_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    confidence DOUBLE,
    evidence VARCHAR,
    pattern VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR,
    idx INTEGER,
    date VARCHAR,
    kind VARCHAR,
    speaker_name VARCHAR,
    speaker_code VARCHAR,
    speaker_mention VARCHAR,
    anonymous BOOLEAN,
    cue VARCHAR,
    via VARCHAR,
    text VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR,
    actor_id VARCHAR,
    name VARCHAR,
    code VARCHAR,
    country VARCHAR,
    kind VARCHAR,
    mentions INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS failures (
    source VARCHAR,
    line INTEGER,
    rule VARCHAR,
    reason VARCHAR,
    failed_at TIMESTAMP
  )`,
];
