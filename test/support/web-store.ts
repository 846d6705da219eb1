import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../src/store/ingest.js';
import { REPO_ROOT } from './paths.js';

/** The id of the article whose text holds markup that must show as text. */
export const HOSTILE_ID = 'hostile-markup';

/** Its text: a script tag and an image with an error handler, as words of a plain-text article (its URL: a script). */
export const HOSTILE_TEXT =
  'Japan condemned North Korea on Monday. The posted note read <script>window.__pwned = 1</script> and ' +
  '<img src="x" onerror="window.__pwned = 2"> before it was taken down.';

let built: Promise<string> | null = null;

/**
 * A store of the ten examples plus one article holding markup, built once per test process
 * (in this thread, no workers) in a temporary folder. Returns the store's path.
 */
export function exampleStore(): Promise<string> {
  built ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-web-'));
    const hostile = join(dir, 'hostile.jsonl');
    writeFileSync(
      hostile,
      JSON.stringify({
        id: HOSTILE_ID,
        url: 'javascript:window.__pwned = 3',
        title: 'Markup in a story',
        date: '2024-05-06',
        text: HOSTILE_TEXT,
      }) + '\n',
    );
    const db = join(dir, 'examples.duckdb');
    await ingest([join(REPO_ROOT, 'examples'), hostile], { db, workers: 0 });
    return db;
  })();
  return built;
}
