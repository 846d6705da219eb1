/**
 * The line-based entry format shared by Dyad's dictionary files (see `data/README.md`):
 *
 *     <type>: <canonical name>        a header at column 0 starts an entry
 *       <key>: <value>                fields, indented by two spaces
 *     # comment                       anywhere; blank lines are ignored
 */

/** A dictionary file that cannot be read, with the file and line at fault. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** One `key: value` field of an entry. */
export interface RawField {
  key: string;
  value: string;
  line: number;
}

/** One entry as written, before it is checked against its type. */
export interface RawEntry {
  type: string;
  name: string;
  file: string;
  line: number;
  fields: RawField[];
}

const HEADER = /^([a-z][a-z-]*):\s*(.*)$/;
const FIELD = /^ {2}([a-z][a-z-]*):\s*(.*)$/;

/** Removes a `#` comment; a `#` inside a value is allowed only after a space ("# note"). */
function stripComment(line: string): string {
  const at = line.search(/(^|\s)#/);
  return (at < 0 ? line : line.slice(0, at)).trimEnd();
}

/**
 * Parses the text of one dictionary file into raw entries.
 * @param types the entry types this file may hold.
 * @throws KnowledgeError naming the file and line of the first malformed line.
 */
export function parseEntries(text: string, file: string, types: ReadonlySet<string>): RawEntry[] {
  const entries: RawEntry[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    const line = stripComment(rawLine);
    if (line.trim() === '') return;
    if (/^\t/.test(line)) throw new KnowledgeError(file, lineNo, 'indent fields with two spaces, not a tab');
    if (!/^\s/.test(line)) {
      const header = HEADER.exec(line);
      if (!header)
        throw new KnowledgeError(
          file,
          lineNo,
          `expected an entry header "<type>: <name>", found ${JSON.stringify(line.trim())}`,
        );
      const [, type, name] = header as unknown as [string, string, string];
      if (!types.has(type))
        throw new KnowledgeError(
          file,
          lineNo,
          `unknown entry type "${type}" (expected one of: ${[...types].join(', ')})`,
        );
      if (!name.trim()) throw new KnowledgeError(file, lineNo, `the ${type} entry has no name`);
      entries.push({ type, name: name.trim(), file, line: lineNo, fields: [] });
      return;
    }
    const field = FIELD.exec(line);
    if (!field)
      throw new KnowledgeError(
        file,
        lineNo,
        `expected a field "  <key>: <value>" indented by two spaces, found ${JSON.stringify(line)}`,
      );
    const current = entries[entries.length - 1];
    if (!current) throw new KnowledgeError(file, lineNo, 'a field before any entry header');
    current.fields.push({ key: field[1]!, value: field[2]!.trim(), line: lineNo });
  });
  return entries;
}

/** Splits a list value on `;`, trimming items and rejecting empty ones. */
export function splitList(field: RawField, file: string): string[] {
  const items = field.value.split(';').map((s) => s.trim());
  if (items.some((s) => s === ''))
    throw new KnowledgeError(file, field.line, `empty item in the list of "${field.key}"`);
  return items;
}
