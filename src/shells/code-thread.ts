import { Worker } from 'node:worker_threads';
import type { InputRecord } from '../document/types.js';
import type { CreateEngineOptions, ProcessResult } from '../engine.js';
import { fatal } from '../pipeline/errors.js';

/** The engine refused its options (an unknown `--until` stage): a usage error, said once. */
export class CodingSetupError extends Error {}

/**
 * Codes articles one at a time on a worker thread, each within a time budget: an article that
 * overruns it (a page that sends a step into a very long loop) is stopped by stopping the worker,
 * reported as `engine/article-timeout`, and a fresh worker codes the next one.
 */
export class CodingThread {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;

  constructor(
    private readonly engine: CreateEngineOptions,
    private readonly timeoutMs: number,
  ) {}

  /**
   * The worker, once its engine is loaded and warmed up.
   * @throws CodingSetupError when the engine refuses its options.
   */
  start(): Promise<Worker> {
    if (this.ready) return this.ready;
    const worker = new Worker(new URL('./code-worker.js', import.meta.url), { workerData: this.engine });
    this.worker = worker;
    this.ready = new Promise<Worker>((resolve, reject) => {
      const onMessage = (message: { ready?: true; setupError?: string }) => {
        worker.off('message', onMessage).off('exit', onExit);
        if (message.setupError !== undefined) reject(new CodingSetupError(message.setupError));
        else resolve(worker);
      };
      const onExit = (code: number) =>
        reject(new CodingSetupError(`the coding thread stopped as it started (exit code ${code})`));
      worker.on('message', onMessage).on('exit', onExit);
      // A worker that fails as it starts exits too: its exit says so.
      worker.on('error', () => undefined);
    });
    return this.ready;
  }

  /**
   * Codes one record. A failure, a timeout or a dead worker is a failed result.
   * @throws CodingSetupError when the engine refuses its options.
   */
  async code(record: InputRecord): Promise<ProcessResult> {
    const worker = await this.start();
    const where = `${record.origin.source}${record.origin.line ? `:${record.origin.line}` : ''}`;
    const failed = (rule: string, reason: string): ProcessResult => {
      const diagnostic = fatal('engine', rule, `${where}: ${reason}`).diagnostic;
      if (record.origin.line !== undefined) diagnostic.line = record.origin.line;
      return { ok: false, failure: { origin: record.origin, diagnostic } };
    };
    return new Promise<ProcessResult>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (result: ProcessResult, stop: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (stop) {
          this.worker = null;
          this.ready = null;
          void worker.terminate();
        }
        resolve(result);
      };
      const onMessage = (result: ProcessResult | { loaded: true }) => {
        // The clock starts once the engine is loaded: its start-up is not the article's time.
        if ('loaded' in result)
          timer = setTimeout(
            () =>
              done(
                failed(
                  'engine/article-timeout',
                  `coding stopped after ${this.timeoutMs / 1000} s, the time budget of one ` +
                    `article (--article-timeout); the article is left out`,
                ),
                true,
              ),
            this.timeoutMs,
          );
        else done(result, false);
      };
      const onError = (error: Error) =>
        done(failed('engine/worker-died', `the coding thread stopped (${error.message})`), true);
      const onExit = (code: number) =>
        done(failed('engine/worker-died', `the coding thread stopped (exit code ${code})`), true);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(record);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }
}
