import { existsSync, mkdirSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { ingest, type IngestProgress } from '../../store/ingest.js';
import type { StoreHandle } from './store-handle.js';

/** What the watcher has done, for `/api/health` and the log. */
export interface WatchState {
  dir: string;
  /** Ingest runs finished since the server started. */
  runs: number;
  /** The totals of the last run. */
  last: IngestProgress | null;
  /** The last run's error, if it failed. */
  error: string | null;
}

/** A folder the server ingests from, and how to stop watching it. */
export interface FolderWatch {
  state: WatchState;
  /** Resolves when every file seen so far is ingested (tests wait on it). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Files that are not inputs: hidden files and files still being written by tools that rename at the end. */
const IGNORED = /^\.|\.(tmp|part|crdownload|swp)$|~$/;

/**
 * `dyad serve --watch DIR`: ingests every file already in DIR (those stored before are skipped by
 * id, so nothing is coded twice after a restart), then every file that lands in it, a short pause
 * after the last change so a file being copied is read whole. Each run takes the store from the
 * server's readers (`StoreHandle.exclusive`) and codes on worker threads, as `dyad ingest` does.
 */
export function watchFolder(
  dir: string,
  handle: StoreHandle,
  log: (line: string) => void,
  options: { workers?: number; settleMs?: number } = {},
): FolderWatch {
  const settleMs = options.settleMs ?? 400;
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const state: WatchState = { dir, runs: 0, last: null, error: null };
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const run = () => {
    timer = null;
    const files = [...pending].filter((f) => existsSync(f));
    pending.clear();
    if (!files.length) return;
    running = running.then(async () => {
      try {
        const progress = await handle.exclusive(() =>
          ingest(files, { db: handle.path, ...(options.workers === undefined ? {} : { workers: options.workers }) }),
        );
        state.last = progress;
        state.error = null;
        log(
          `dyad serve: ingested ${files.length} file(s) from ${dir}: ${progress.added} added, ` +
            `${progress.skipped} already stored, ${progress.failed} failed`,
        );
      } catch (error) {
        state.error = (error as Error).message;
        log(`dyad serve: ingesting from ${dir} failed: ${state.error}`);
      }
      state.runs++;
    });
  };
  const add = (name: string) => {
    if (IGNORED.test(name)) return;
    pending.add(join(dir, name));
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, settleMs);
  };

  for (const name of readdirSync(dir)) add(name);
  const watcher: FSWatcher = watch(dir, (_event, name) => {
    if (name) add(name.toString());
  });
  return {
    state,
    idle: async () => {
      while (timer || pending.size) await new Promise((resolve) => setTimeout(resolve, 50));
      await running;
    },
    close: async () => {
      watcher.close();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
