import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { Message } from './status';

/** Rows as CSV (RFC 4180 quoting), for a table that is not one API query. */
export function toCsv(keys: string[], rows: object[]): string {
  const quote = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [keys.join(','), ...rows.map((row) => keys.map((k) => quote((row as Record<string, unknown>)[k])).join(','))].join(
      '\n',
    ) + '\n'
  );
}

/** A column: its heading and how a row shows in it (text unless a cell is given). */
export interface Column<Row> {
  key: string;
  label: string;
  cell?: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

/**
 * A table with a caption and a CSV download: of the same API query (`csv`, an address), or else of
 * the rows shown, made in the browser. An empty result says what to try.
 */
export function DataTable<Row extends object>(props: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  csv?: string;
  /** The row fields the in-browser CSV holds (without `csv`). */
  csvKeys?: string[];
  empty: string;
  footer?: ComponentChildren;
}) {
  const { caption, columns, rows, csv, csvKeys, empty, footer } = props;
  const local = useMemo(
    () =>
      csv
        ? null
        : URL.createObjectURL(new Blob([toCsv(csvKeys ?? columns.map((c) => c.key), rows)], { type: 'text/csv' })),
    [csv, rows],
  );
  const file = `${caption.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`;
  return (
    <div class="table-wrap">
      <div class="table-head">
        <h3>{caption}</h3>
        <a class="csv" href={csv ?? local ?? ''} download={file}>
          Download CSV<span class="visually-hidden"> of {caption.toLowerCase()}</span>
        </a>
      </div>
      {rows.length === 0 ? (
        <Message kind="empty">{empty}</Message>
      ) : (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" class={c.numeric ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                {columns.map((c) => (
                  <td class={c.numeric ? 'num' : undefined}>
                    {c.cell ? c.cell(row) : String((row as Record<string, unknown>)[c.key] ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {footer}
    </div>
  );
}
