/** One regular file of a tar archive. */
export interface TarFile {
  path: string;
  bytes: Uint8Array;
}

const BLOCK = 512;

function field(header: Uint8Array, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return Buffer.from(end >= 0 ? raw.subarray(0, end) : raw).toString('utf8');
}

/** Reads PAX extended-header records ("27 path=some/long/name\n"; lengths count bytes) into a map. */
function paxRecords(bytes: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    const length = Number(Buffer.from(bytes.subarray(at, space)).toString('latin1'));
    if (space < 0 || !Number.isInteger(length) || length <= 0) break;
    const record = Buffer.from(bytes.subarray(space + 1, at + length))
      .toString('utf8')
      .replace(/\n$/, '');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/**
 * Lists the regular files of an uncompressed tar archive (ustar, with GNU long names and PAX
 * paths). Enough for the peer test sets under `../shared`; not a general archive reader.
 * @throws Error naming `source` when a header is malformed.
 */
export function readTar(archive: Uint8Array, source: string): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size)) throw new Error(`${source}: malformed tar header at byte ${offset}`);
    const type = String.fromCharCode(header[156]!);
    const body = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = field(body, 0, body.length);
      continue;
    }
    if (type === 'x') {
      longName = paxRecords(body).get('path') ?? longName;
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = null;
    if (type === '0' || type === '\0') files.push({ path: name, bytes: body });
  }
  return files;
}
