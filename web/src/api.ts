/** The dashboard's only way to the data: the HTTP API of `dyad serve`. */

/** A table as the API returns it. */
export interface Table<Row> {
  columns: string[];
  rows: Row[];
}

export interface EventRow {
  date: string | null;
  source: string | null;
  source_name: string | null;
  target: string | null;
  target_name: string | null;
  code: string;
  name: string;
  goldstein: number | null;
  quad: number | null;
  negated: boolean;
  intent: boolean;
  mentions: number | null;
  place: string | null;
  article: string;
  idx: number;
  evidence: string | null;
}

export interface TimelineRow {
  period: string;
  events: number;
  verbal_coop: number;
  material_coop: number;
  verbal_conflict: number;
  material_conflict: number;
  mean_goldstein: number | null;
}

export interface EdgeRow {
  source: string;
  target: string;
  events: number;
  mentions: number | null;
  mean_goldstein: number | null;
}

export interface QuoteRow {
  date: string | null;
  speaker: string | null;
  code: string | null;
  kind: string | null;
  cue: string | null;
  via: string | null;
  text: string;
  article: string;
}

export interface ActorRow {
  code: string;
  name: string | null;
  kind: string | null;
  mentions: number;
  articles: number;
  as_source: number;
  as_target: number;
  quotes: number;
}

export interface Overview {
  totals: { events: number; articles: number; quotes: number };
  dyads: Table<EdgeRow>;
  speakers: Table<{ speaker: string; code: string | null; quotes: number }>;
}

export interface ArticleSpan {
  layer: 'actor' | 'time' | 'quote' | 'event';
  start: number;
  end: number;
  label: string;
  index: number;
}

export interface ArticleView {
  id: string;
  title: string | null;
  published: string | null;
  url: string | null;
  source: string | null;
  duplicateOf: string | null;
  text: string;
  sentences: Array<{ start: number; end: number }>;
  spans: ArticleSpan[];
  events: Array<{
    idx: number;
    code: string;
    name: string;
    source: string | null;
    target: string | null;
    goldstein: number;
    quad: number;
    sentence: number;
    evidenceStart: number;
    evidenceEnd: number;
    trigger: string;
  }>;
  removed: Array<{ kind: string; rule: string; text: string }>;
}

export interface Explanation {
  article: string;
  sentence: number;
  text: string;
  explanation: string;
}

/** An API error, with the server's message (which says what to fix). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A query string from the parameters that have a value. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GETs an API path and returns its JSON, or throws an `ApiError` with the server's message. */
export async function getJson<T>(
  path: string,
  params: Record<string, string | number | boolean | undefined | null> = {},
): Promise<T> {
  const response = await fetch(`/api/${path}${queryString(params)}`, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    let message = `the API answered ${response.status}`;
    try {
      message = ((await response.json()) as { message?: string }).message ?? message;
    } catch {
      // The body was not JSON: keep the status.
    }
    throw new ApiError(response.status, message);
  }
  return (await response.json()) as T;
}

/** The address of the same query as a CSV download. */
export function csvUrl(path: string, params: Record<string, string | number | boolean | undefined | null>): string {
  return `/api/${path}${queryString({ ...params, format: 'csv' })}`;
}

/** What to do about an error, in words. */
export function advice(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 503) return `${error.message}. Try again in a few seconds.`;
    if (error.status === 404) return `${error.message}. Check the address, or go back to the overview.`;
    if (error.status === 400) return `${error.message}. Correct that field and search again.`;
    return `${error.message}. The server's log has the details.`;
  }
  return `The dashboard could not reach the API (${(error as Error).message}). Is dyad serve still running?`;
}
