import { useEffect, useState } from 'preact/hooks';

/** The views of the dashboard. */
export const VIEWS = ['overview', 'dyad', 'network', 'quotes', 'article'] as const;
export type View = (typeof VIEWS)[number];

/** A view and its state: everything a view shows follows from the URL, so any view can be shared. */
export interface Route {
  view: View;
  params: Record<string, string>;
}

/** Reads `#/view?key=value...`. */
export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'overview';
  return { view, params: Object.fromEntries(new URLSearchParams(search)) };
}

/** The address of a view with its state. */
export function href(view: View, params: Record<string, string | number | undefined | null> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return `#/${view}${text ? `?${text}` : ''}`;
}

/** Goes to a view (a new history entry, so Back works). */
export function navigate(view: View, params: Record<string, string | number | undefined | null> = {}): void {
  location.hash = href(view, params);
}

/** The current route, updated when the address changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
