import type { QueryResult } from '../query/queries.js';

const cell = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A query result as a terminal table; long cells are cut so a row fits a line. */
export function formatTable(result: QueryResult, maxCell = 60): string {
  const cells = result.rows.map((row) =>
    result.columns.map((c) => {
      const text = cell(row[c]).replace(/\s+/g, ' ');
      return text.length > maxCell ? `${text.slice(0, maxCell - 1)}…` : text;
    }),
  );
  const widths = result.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(result.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** A query result as CSV (RFC 4180 quoting). */
export function formatCsv(result: QueryResult): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    result.columns.join(','),
    ...result.rows.map((row) => result.columns.map((c) => quote(cell(row[c]))).join(',')),
  ].join('\n');
}

/** A query result as JSON Lines. */
export function formatJsonLines(result: QueryResult): string {
  return result.rows.map((row) => JSON.stringify(row)).join('\n');
}
