import { parentPort, workerData } from 'node:worker_threads';
import type { InputRecord } from '../document/types.js';
import { createEngine, type CreateEngineOptions } from '../engine.js';
import { codeRecords } from './code-records.js';

/**
 * A worker thread of `ingest`: codes the input records it is sent and sends back their rows.
 * Each worker has its own engine (dictionaries are compiled once per thread).
 */
const engine = createEngine(workerData as CreateEngineOptions);
parentPort!.on('message', (records: InputRecord[]) => {
  parentPort!.postMessage(codeRecords(engine, records));
});
