import { parentPort, workerData } from 'node:worker_threads';
import type { InputRecord } from '../document/types.js';
import { createEngine, warmUp, type CreateEngineOptions, type Engine } from '../engine.js';
import { articleFailure } from '../pipeline/errors.js';

/**
 * The worker thread of `dyad code`: codes each input record it is sent and sends back the
 * document, or the diagnostic that failed it. Coding runs here, not in the main thread, so that
 * the main thread can stop an article that overruns its time budget. It says `ready` once its
 * engine is loaded, or `setupError` when the engine refuses its options (an unknown `--until`).
 */
function serve(engine: Engine): void {
  // Models and dictionaries load on first use: loaded now, on an article of our own, so that an
  // article's time budget is spent on the article.
  warmUp(engine);
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', (record: InputRecord) => {
    // Tells the main thread the article starts now, for its time budget.
    parentPort!.postMessage({ loaded: true });
    try {
      parentPort!.postMessage({ ok: true, doc: engine.process(record) });
    } catch (error) {
      const diagnostic = articleFailure(error, record.origin);
      parentPort!.postMessage({ ok: false, failure: { origin: record.origin, diagnostic } });
    }
  });
}

let engine: Engine | null = null;
try {
  engine = createEngine(workerData as CreateEngineOptions);
} catch (error) {
  parentPort!.postMessage({ setupError: (error as Error).message });
}
if (engine) serve(engine);
