import chardet from 'chardet';
import iconv from 'iconv-lite';
import { fatal } from '../pipeline/errors.js';

/** Bytes decoded to text, with the encoding that was used. */
export interface DecodedText {
  text: string;
  encoding: string;
}

/** File signatures of common binary formats, so the error can say what the input is. */
const MAGIC: Array<[string, number[]]> = [
  ['PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Names the binary format of `bytes`, or returns null when the bytes look like text. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const [name, signature] of MAGIC) if (startsWith(bytes, signature)) return name;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return 'binary data (NUL bytes)';
    // Tab, line feed, form feed and carriage return are text; other C0 controls are not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1 ? 'binary data (control bytes)' : null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the bytes of one input to text: a byte-order mark decides first (UTF-8, UTF-16 LE/BE),
 * then strict UTF-8, then the encoding `chardet` detects (windows-1252, ISO-8859-x, ...),
 * decoded with `iconv-lite`.
 *
 * @param source names the input in error messages.
 * @throws DyadError `ingest/empty-input` for no bytes or only white space,
 *   `ingest/binary-input` for binary data, `ingest/unknown-encoding` when nothing decodes it.
 */
export function decodeBytes(bytes: Uint8Array, source: string): DecodedText {
  if (bytes.length === 0) throw fatal('ingest', 'ingest/empty-input', `${source} is empty`);

  let decoded: DecodedText | null = null;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  } else {
    const binary = sniffBinary(bytes);
    if (binary) throw fatal('ingest', 'ingest/binary-input', `${source} is not text: it looks like ${binary}`);
    try {
      decoded = { text: utf8.decode(bytes), encoding: 'UTF-8' };
    } catch {
      const detected = chardet.detect(bytes);
      // A single-byte Western page that is not valid UTF-8 is windows-1252 far more often than not.
      const encoding = detected && iconv.encodingExists(detected) && !/^UTF/i.test(detected) ? detected : 'windows-1252';
      decoded = { text: iconv.decode(Buffer.from(bytes), encoding), encoding };
    }
  }
  if (decoded.text.trim() === '') throw fatal('ingest', 'ingest/empty-input', `${source} holds only white space`);
  return decoded;
}
