import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DyadError } from '../../pipeline/errors.js';
import { DEFAULT_MODEL_PATH, getSyntaxModel, SyntaxModel } from './model.js';

const dir = mkdtempSync(join(tmpdir(), 'dyad-syntax-'));

function errorOf(path: string): DyadError {
  try {
    getSyntaxModel(path);
  } catch (error) {
    if (error instanceof DyadError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('syntax model file', () => {
  it('a missing model is a clear error naming the file', () => {
    const path = join(dir, 'absent.model');
    const error = errorOf(path);
    expect(error.diagnostic.rule).toBe('syntax/model-missing');
    expect(error.diagnostic.reason).toContain(path);
  });

  it('a file that is not a model is a clear error naming the file', () => {
    const path = join(dir, 'text.model');
    writeFileSync(path, 'not a model at all');
    const error = errorOf(path);
    expect(error.diagnostic.rule).toBe('syntax/model-corrupt');
    expect(error.diagnostic.reason).toMatch(new RegExp(`${path}.*bad magic`));
  });

  it('a truncated or damaged model fails its checksum', () => {
    const bytes = readFileSync(DEFAULT_MODEL_PATH);
    const truncated = join(dir, 'truncated.model');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(errorOf(truncated).diagnostic.reason).toMatch(/checksum/);
    const damaged = join(dir, 'damaged.model');
    const copy = Buffer.from(bytes);
    copy[copy.length - 100] = copy[copy.length - 100]! ^ 0xff;
    writeFileSync(damaged, copy);
    expect(errorOf(damaged).diagnostic.rule).toBe('syntax/model-corrupt');
  });

  it('is read once per process and survives a write and a read unchanged', () => {
    const model = getSyntaxModel();
    expect(getSyntaxModel()).toBe(model);
    const again = SyntaxModel.deserialise(model.serialise());
    const words = ['The', 'envoy', 'met', 'the', 'rebels', '.'];
    expect(again.analyse(words, null)).toEqual(model.analyse(words, null));
  });
});
