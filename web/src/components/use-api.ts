import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';

/** The state of one API request: loading, an error, or the data. */
export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ok'; data: T };

/** Fetches `path` with `params` whenever they change (`path` null: nothing to fetch yet). */
export function useApi<T>(
  path: string | null,
  params: Record<string, string | number | boolean | undefined | null> = {},
): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const key = JSON.stringify([path, params]);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoaded({ state: 'loading' });
    getJson<T>(path, params).then(
      (data) => live && setLoaded({ state: 'ok', data }),
      (error: unknown) => live && setLoaded({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return loaded;
}
