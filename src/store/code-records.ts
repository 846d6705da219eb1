import type { InputRecord } from '../document/types.js';
import type { Engine } from '../engine.js';
import { toDyadRecord } from '../output/dyad-json.js';
import { articleFailure } from '../pipeline/errors.js';
import { toRows, type ArticleRows } from './rows.js';
import type { FailureRow } from './store.js';

/** The store rows of a batch of articles, and a failure row for each article that failed. */
export interface CodedBatch {
  rows: ArticleRows[];
  failures: FailureRow[];
}

/**
 * Codes a batch of input records into store rows; an article that fails becomes a failure row.
 * @param onStart called with each article's index before it is coded.
 */
export function codeRecords(
  engine: Engine,
  records: readonly InputRecord[],
  onStart?: (index: number) => void,
): CodedBatch {
  const rows: ArticleRows[] = [];
  const failures: FailureRow[] = [];
  for (const [index, record] of records.entries()) {
    onStart?.(index);
    try {
      rows.push(toRows(toDyadRecord(engine.process(record))));
    } catch (error) {
      const diagnostic = articleFailure(error, record.origin);
      failures.push({ source: record.origin.source, line: record.origin.line ?? null, diagnostic });
    }
  }
  return { rows, failures };
}
