import { parentPort, workerData } from 'node:worker_threads';
import type { InputRecord } from '../document/types.js';
import { createEngine, warmUp, type CreateEngineOptions } from '../engine.js';
import { codeRecords } from './code-records.js';

/**
 * A worker thread of `ingest`: codes the input records it is sent and sends back their rows.
 * Each worker has its own engine (dictionaries are compiled once per thread). Before each article
 * it says which one it starts (`{ started: k }`), so that the main thread can time each article
 * and, past the time budget, stop the worker knowing which article hung.
 */
const engine = createEngine(workerData as CreateEngineOptions);
// Models and dictionaries load on first use: loaded now, on an article of our own, so that an
// article's time budget is spent on the article.
warmUp(engine);
parentPort!.on('message', (records: InputRecord[]) => {
  parentPort!.postMessage(codeRecords(engine, records, (k) => parentPort!.postMessage({ started: k })));
});
