import chardet from 'chardet';
import iconv from 'iconv-lite';
import { fatal } from '../pipeline/errors.js';

/** A repair made while decoding, reported as a warning on the article. */
export interface DecodeWarning {
  rule: 'ingest/invalid-utf8' | 'ingest/nul-bytes';
  reason: string;
}

/** Bytes decoded to text, with the encoding that was used and what was mended on the way. */
export interface DecodedText {
  text: string;
  encoding: string;
  /** Repairs worth telling the user: invalid bytes replaced, NUL bytes dropped. */
  warnings: DecodeWarning[];
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
  let nul = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    // Tab, line feed, form feed and carriage return are text; other C0 controls are not.
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  }
  // A stray NUL in text is mended (dropped with a warning); many are binary data.
  if (nul / sample.length > 0.05 || (nul > 16 && nul / sample.length > 0.01)) return 'binary data (NUL bytes)';
  return sample.length > 0 && (control + nul) / sample.length > 0.1 ? 'binary data (control bytes)' : null;
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: English in UTF-16 has a zero in every
 * other byte (the high byte of each ASCII character), at even offsets in big-endian, odd in
 * little-endian, and almost none at the other parity.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, 4096 - (Math.min(bytes.length, 4096) % 2));
  if (sample.length < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = sample.length / 2;
  if (odd / pairs > 0.4 && even / pairs < 0.05) return 'utf-16le';
  if (even / pairs > 0.4 && odd / pairs < 0.05) return 'utf-16be';
  return null;
}

/** The charset a page or feed declares in its first bytes (`<meta charset>`, `<?xml encoding>`). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * UTF-8 decoding that counts what it cannot decode: the text with U+FFFD for each invalid
 * sequence, the number of invalid bytes, and whether any valid multi-byte character was seen.
 */
function decodeUtf8(bytes: Uint8Array): { text: string; invalidBytes: number; multibyte: boolean } {
  let invalidBytes = 0;
  let multibyte = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let valid = length > 0 && i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (valid) {
      multibyte = true;
      i += length;
    } else {
      invalidBytes++;
      i++;
    }
  }
  return { text: new TextDecoder('utf-8').decode(bytes), invalidBytes, multibyte };
}

/**
 * Decodes the bytes of one input to text: a byte-order mark decides first (UTF-8, UTF-16 LE/BE),
 * then UTF-16 told by its zero bytes, then a charset the page or feed declares (windows-1250,
 * ISO-8859-2, ...), then UTF-8. Bytes that are not valid UTF-8 in a text that is otherwise UTF-8
 * (a few stray bytes) become U+FFFD with a warning saying how many; only a text with no UTF-8
 * character at all is read in the encoding `chardet` detects (windows-1252 and the like). Stray
 * NUL bytes are dropped with a warning.
 *
 * @param source names the input in error messages.
 * @param charset a charset the transport declared (an HTTP `Content-Type`), if any.
 * @throws DyadError `ingest/empty-input` for no bytes or only white space,
 *   `ingest/binary-input` for binary data.
 */
export function decodeBytes(bytes: Uint8Array, source: string, charset?: string | null): DecodedText {
  if (bytes.length === 0) throw fatal('ingest', 'ingest/empty-input', `${source} is empty`);
  const warnings: DecodeWarning[] = [];
  let decoded: { text: string; encoding: string };
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) ? null : utf16WithoutBom(bytes);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  } else if (utf16) {
    decoded = { text: new TextDecoder(utf16).decode(bytes), encoding: utf16.toUpperCase() };
  } else {
    const binary = sniffBinary(bytes);
    if (binary) throw fatal('ingest', 'ingest/binary-input', `${source} is not text: it looks like ${binary}`);
    let clean = bytes;
    const nuls = bytes.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
    if (nuls) {
      clean = bytes.filter((b) => b !== 0);
      warnings.push({
        rule: 'ingest/nul-bytes',
        reason: `${source}: ${nuls} NUL byte${nuls === 1 ? '' : 's'} dropped`,
      });
    }
    const declared = charset ?? declaredCharset(clean);
    if (declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared)) {
      decoded = { text: iconv.decode(Buffer.from(clean), declared), encoding: declared };
    } else {
      const utf8 = decodeUtf8(clean);
      if (utf8.invalidBytes === 0 || utf8.multibyte || declared) {
        decoded = { text: utf8.text, encoding: 'UTF-8' };
        if (utf8.invalidBytes) {
          const reason =
            `${source}: ${utf8.invalidBytes} byte${utf8.invalidBytes === 1 ? ' is' : 's are'} ` +
            `not valid UTF-8 and became U+FFFD (�)`;
          warnings.push({ rule: 'ingest/invalid-utf8', reason });
        }
      } else {
        const detected = chardet.detect(clean);
        // A single-byte Western text that is not UTF-8 is windows-1252 far more often than not.
        const encoding =
          detected && iconv.encodingExists(detected) && !/^UTF/i.test(detected) ? detected : 'windows-1252';
        decoded = { text: iconv.decode(Buffer.from(clean), encoding), encoding };
      }
    }
  }
  if (decoded.text.trim() === '') throw fatal('ingest', 'ingest/empty-input', `${source} holds only white space`);
  return { ...decoded, warnings };
}
