import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DyadError } from '../pipeline/errors.js';
import { decodeBytes, sniffBinary } from './decode.js';

const text = 'Seoul said “talks” would resume in Pyeongchang — café, naïve, €5.';

function ruleOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DyadError ? error.diagnostic.rule : 'not-a-dyad-error';
  }
  return undefined;
}

describe('decodeBytes', () => {
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'UTF-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'UTF-8'],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'UTF-16LE'],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
      'UTF-16BE',
    ],
    ['windows-1252', iconv.encode(text, 'windows-1252'), 'windows-1252'],
  ])('decodes %s', (_name, bytes, encoding) => {
    const decoded = decodeBytes(bytes, 'input.txt');
    expect(decoded.text).toBe(text);
    expect(decoded.encoding.toLowerCase()).toBe(encoding.toLowerCase());
  });

  it('decodes a longer ISO-8859-1 French text without mojibake', () => {
    const french = 'Le président a déclaré à Paris que les négociations reprendraient. Élysée, été, à côté.';
    expect(decodeBytes(iconv.encode(french, 'latin1'), 'fr.txt').text).toBe(french);
  });

  it.each([
    ['empty', Buffer.alloc(0), 'ingest/empty-input'],
    ['white space only', Buffer.from(' \n\t \n'), 'ingest/empty-input'],
    [
      'a PNG image',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'ingest/binary-input',
    ],
    [
      'bytes with many NULs and controls',
      Buffer.from([0x41, 0x00, 0x00, 0x01, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x00]),
      'ingest/binary-input',
    ],
  ])('rejects %s input with a specific rule', (_name, bytes, rule) => {
    expect(ruleOf(() => decodeBytes(bytes, 'bad.txt'))).toBe(rule);
  });

  it('names the input and the format in the binary error', () => {
    expect(() => decodeBytes(Buffer.from('%PDF-1.7\n...'), 'report.pdf')).toThrow(
      'report.pdf is not text: it looks like PDF document',
    );
  });

  it('does not take ordinary text for binary', () => {
    expect(sniffBinary(Buffer.from('Line one\r\nLine two\tTabbed\f'))).toBeNull();
  });

  it('keeps a UTF-8 text with a few stray bytes in UTF-8, and says how many bytes it replaced', () => {
    const bytes = Buffer.concat([
      Buffer.from('Merkel’s coalition met on Monday. '),
      Buffer.from([0x92, 0xff]),
      Buffer.from(' The talks went on.'),
    ]);
    const decoded = decodeBytes(bytes, 'stray.txt');
    expect(decoded.encoding).toBe('UTF-8');
    expect(decoded.text).toBe('Merkel’s coalition met on Monday. \uFFFD\uFFFD The talks went on.');
    expect(decoded.warnings).toEqual([
      { rule: 'ingest/invalid-utf8', reason: 'stray.txt: 2 bytes are not valid UTF-8 and became U+FFFD (�)' },
    ]);
  });

  it('reads a text with no UTF-8 character at all in its detected single-byte encoding, without a warning', () => {
    const decoded = decodeBytes(iconv.encode(text, 'windows-1252'), 'legacy.txt');
    expect(decoded.text).toBe(text);
    expect(decoded.warnings).toEqual([]);
  });

  it('honours the charset a page declares (windows-1250), and one the transport declares', () => {
    const czech = 'Praha: ministr zahraničí řekl, že jednání budou pokračovat. Příliš žluťoučký kůň.';
    const page =
      `<html><head><meta charset="windows-1250"><title>Zprávy</title></head>` + `<body><p>${czech}</p></body></html>`;
    const decoded = decodeBytes(iconv.encode(page, 'windows-1250'), 'cz.html');
    expect(decoded.encoding).toBe('windows-1250');
    expect(decoded.text).toContain(czech);
    expect(decodeBytes(iconv.encode(czech, 'iso-8859-2'), 'cz.txt', 'iso-8859-2').text).toBe(czech);
  });

  it.each([
    ['UTF-16 LE', Buffer.from(text, 'utf16le'), 'UTF-16LE'],
    ['UTF-16 BE', Buffer.from(text, 'utf16le').swap16(), 'UTF-16BE'],
  ])('detects %s without a byte-order mark', (_name, bytes, encoding) => {
    const decoded = decodeBytes(bytes, 'wide.txt');
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(text);
  });

  it('drops a stray NUL byte with a warning instead of rejecting the text', () => {
    const bytes = Buffer.concat([
      Buffer.from('Seoul said talks would resume.'),
      Buffer.from([0]),
      Buffer.from(' Tokyo agreed.'),
    ]);
    const decoded = decodeBytes(bytes, 'nul.txt');
    expect(decoded.text).toBe('Seoul said talks would resume. Tokyo agreed.');
    expect(decoded.warnings).toEqual([{ rule: 'ingest/nul-bytes', reason: 'nul.txt: 1 NUL byte dropped' }]);
  });
});
