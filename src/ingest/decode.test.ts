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
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), 'UTF-16BE'],
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
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'ingest/binary-input'],
    ['bytes with NULs', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43]), 'ingest/binary-input'],
  ])('rejects %s input with a specific rule', (_name, bytes, rule) => {
    expect(ruleOf(() => decodeBytes(bytes, 'bad.txt'))).toBe(rule);
  });

  it('names the input and the format in the binary error', () => {
    expect(() => decodeBytes(Buffer.from('%PDF-1.7\n...'), 'report.pdf')).toThrow('report.pdf is not text: it looks like PDF document');
  });

  it('does not take ordinary text for binary', () => {
    expect(sniffBinary(Buffer.from('Line one\r\nLine two\tTabbed\f'))).toBeNull();
  });
});
