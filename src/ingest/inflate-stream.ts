import type { Readable } from 'node:stream';
import { Transform, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Past this much output, a gzip stream must not have inflated more than `MAX_RATIO` times its input. */
const RATIO_FLOOR_BYTES = 64 * 1024 * 1024;
/** Text and HTML inflate five to fifteen times; a stream of zeros, a thousand. */
export const MAX_RATIO = 200;

/** A decompression refused: the stream inflates far beyond what text does. */
export class InflateLimitError extends Error {}

/**
 * Gunzips a stream as it is read (all members of a multi-member file, as WARC.gz files are), in
 * bounded memory, and refuses a decompression bomb: once the output passes 64 MB it may not be
 * more than `MAX_RATIO` times the compressed bytes read. A member cut short is an error (zlib's
 * "unexpected end of file"), not a silent end.
 */
export function gunzipBounded(compressed: Readable, path: string): Readable {
  let input = 0;
  let output = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      input += chunk.length;
      done(null, chunk);
    },
  });
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      output += chunk.length;
      if (output > RATIO_FLOOR_BYTES && output > input * MAX_RATIO) {
        done(
          new InflateLimitError(
            `${path} inflates to over ${MAX_RATIO} times its size (${output} bytes ` +
              `from ${input}): refused as a decompression bomb`,
          ),
        );
        return;
      }
      done(null, chunk);
    },
  });
  // Errors (a truncated member, the limit) reach the reader through the last stream.
  return pipeline(compressed, counter, createGunzip(), limiter, () => undefined);
}
