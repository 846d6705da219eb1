import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api';

/** The server's state: `watching` is set when it ingests a folder (`dyad serve --watch`). */
export interface Health {
  status: string;
  store: string;
  generation: number;
  watching: { dir: string; runs: number; added: number; skipped: number; failed: number; error: string | null } | null;
}

/**
 * The server's health, asked once, and every three seconds while it watches a folder (so new
 * events show as they are stored). Polling only then lets an idle read-only server close the
 * store for an ingest.
 */
export function useLive(): Health | null {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const poll = () =>
      getJson<Health>('health').then(
        (h) => {
          if (!live) return;
          setHealth((old) =>
            old && old.generation === h.generation && old.watching?.runs === h.watching?.runs ? old : h,
          );
          if (h.watching) timer = setTimeout(poll, 3000);
        },
        () => live && (timer = setTimeout(poll, 5000)),
      );
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  return health;
}
