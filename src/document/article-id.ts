import { createHash } from 'node:crypto';
import type { InputRecord } from './types.js';

/**
 * A stable id for an input: its own id, else its URL, else a hash of its content. Kept apart from
 * the engine so that a process that only stores articles (ingest's main thread) need not load
 * the pipeline to compute it.
 */
export function articleId(input: InputRecord): string {
  if (input.id) return input.id;
  if (input.url) return input.url;
  return createHash('sha1').update(input.content).digest('hex').slice(0, 16);
}
