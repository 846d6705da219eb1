import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  queryArticleView,
  queryEventPage,
  queryNetworkGraph,
  queryOverview,
  queryTimeline,
  searchActors,
  type DashboardFilter,
} from '../../query/dashboard-queries.js';
import { queryQuotes, type QueryResult } from '../../query/queries.js';
import { isPostgresUrl } from '../../query/source.js';
import { redact } from '../../store/postgres/pg-store.js';
import { ENGINE_VERSION } from '../../output/dyad-json.js';
import { formatCsv } from '../table.js';
import { explainStoredSentence, ExplainError } from './explain-stored.js';
import * as S from './schemas.js';
import { StoreBusyError, StoreHandle } from './store-handle.js';
import { watchFolder, type FolderWatch } from './watch.js';
import { Store } from '../../store/store.js';

/** Options of `buildServer`. */
export interface ServerOptions {
  /** The store: a DuckDB file (`dyad ingest` writes it) or a PostgreSQL store's URL (`dyad worker`s write it). */
  db: string;
  /** Close the store after this long without requests, so an ingest can write (0: keep it open). */
  idleCloseMs?: number;
  /** The built dashboard (`npm run build` writes `dist/web`). */
  webRoot?: string;
  /** A store handle to use instead of opening `db` read-only. */
  handle?: StoreHandle;
  /** Ingest every file that lands in this folder (`--watch`); the store is created when missing. */
  watch?: string;
  /** Worker threads the watcher codes on (default: as `dyad ingest`; 0 codes in this thread). */
  watchWorkers?: number;
  /** Where the watcher reports its runs (default: nowhere). */
  log?: (line: string) => void;
}

/** The built dashboard: `dist/web` at the repository root (this file is three folders down, in `src/` or `dist/`). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** No inline script anywhere; styles may be inline (charts set style attributes); everything from this origin. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Why `--watch` refuses a PostgreSQL store: it codes on this machine into a DuckDB file it takes
 * from the readers, where a shared store is written by queue workers, which scale and never block readers.
 */
export const WATCH_NEEDS_DUCKDB =
  '--watch ingests into a DuckDB store; a PostgreSQL store is written by workers: enqueue the files with ' +
  'dyad ingest DIR --queue redis://HOST:PORT, run dyad worker --queue redis://HOST:PORT --store postgres://..., ' +
  'and serve the store without --watch';

/** A request for an id that is not there. */
class NotFoundError extends Error {}

/** Turns a Fastify validation error into the name of the parameter at fault. */
function badParameter(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const missing = first.params as { missingProperty?: string; additionalProperty?: string } | undefined;
  return (
    missing?.missingProperty ?? missing?.additionalProperty ?? (first.instancePath.replace(/^\//, '') || undefined)
  );
}

/** True when the client asked for CSV (`?format=csv` or an `Accept` preferring text/csv). */
function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format) return format === 'csv';
  const accept = request.headers.accept ?? '';
  return accept.includes('text/csv') && !accept.startsWith('application/json');
}

/**
 * Sends a table as CSV when asked, else the JSON object given. Typed `never` because the rows come
 * from SQL as plain records: the route's response schema checks and serialises them.
 */
function sendTable(
  request: FastifyRequest,
  reply: FastifyReply,
  format: string | undefined,
  table: QueryResult,
  json: unknown,
  name: string,
): never {
  if (!wantsCsv(request, format)) return json as never;
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}.csv"`)
    .send(formatCsv(table) + '\n') as never;
}

/** The filters of a request, with the empty ones left out. */
function filterOf(q: S.EventsQuery | S.TimelineQuery): DashboardFilter {
  const filter: DashboardFilter = {};
  for (const key of ['source', 'target', 'actor', 'code', 'root', 'from', 'to', 'text'] as const) {
    if (q[key]) filter[key] = q[key];
  }
  if (q.quad) filter.quadClass = q.quad;
  if (q.undirected) filter.undirected = true;
  if (q.exact) filter.exact = true;
  if (q.all) filter.all = true;
  return filter;
}

/**
 * Builds the HTTP server: the JSON/CSV API over the store, its OpenAPI document and UI (`/docs`),
 * and the dashboard. It does not listen; call `listen` (port 0 for a random one in tests).
 *
 * @example
 *   const app = await buildServer({ db: 'dyad.duckdb' });
 *   await app.listen({ port: 8700, host: '127.0.0.1' });
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const handle = options.handle ?? new StoreHandle(options.db, options.idleCloseMs ?? 0);
  const app = Fastify({
    logger: false,
    // Query strings such as `undirected=true` and `limit=20` arrive as strings: coerce them by the schema.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    return payload;
  });
  let watcher: FolderWatch | null = null;
  if (options.watch && isPostgresUrl(options.db)) throw new Error(WATCH_NEEDS_DUCKDB);
  if (options.watch) {
    if (!existsSync(options.db)) (await Store.open(options.db)).close();
    watcher = watchFolder(options.watch, handle, options.log ?? (() => {}), {
      ...(options.watchWorkers === undefined ? {} : { workers: options.watchWorkers }),
    });
  }
  app.addHook('onClose', async () => {
    await watcher?.close();
    await handle.close();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const parameter = badParameter(error);
      const detail = error.validation[0]?.message ?? 'is not valid';
      const message = parameter ? `bad parameter "${parameter}": ${detail}` : `bad request: ${error.message}`;
      return reply
        .code(400)
        .send({ statusCode: 400, error: 'Bad Request', message, ...(parameter ? { parameter } : {}) });
    }
    if (error instanceof StoreBusyError) {
      return reply
        .code(503)
        .header('Retry-After', String(error.retryAfter))
        .send({ statusCode: 503, error: 'Service Unavailable', message: error.message });
    }
    if (error instanceof NotFoundError)
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: error.message });
    if (error instanceof ExplainError)
      return reply
        .code(error.status)
        .send({ statusCode: error.status, error: 'Unprocessable', message: error.message });
    if (error.statusCode && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ statusCode: error.statusCode, error: 'Bad Request', message: error.message });
    }
    // Never a stack trace to the client; the reason goes to the server's log.
    process.stderr.write(`dyad serve: ${request.method} ${request.url}: ${error.message}\n`);
    return reply.code(500).send({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'the query failed; the server log has the reason',
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const message = request.url.startsWith('/api/')
      ? `no such API route: ${request.method} ${request.url.split('?')[0]} (see /docs)`
      : `not found: ${request.url.split('?')[0]}`;
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dyad API',
        version: ENGINE_VERSION,
        description: 'Events, timelines, networks, quotations, actors and articles from a Dyad store.',
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });

  const errors = { 400: S.ErrorReply, 404: S.ErrorReply, 503: S.ErrorReply };
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Is the store readable? What has the watched folder added?',
        response: { 200: S.HealthReply, 503: S.ErrorReply },
      },
    },
    async () => {
      await handle.use(async () => undefined);
      const last = watcher?.state.last;
      return {
        status: 'ok',
        store: redact(handle.path),
        generation: handle.generation,
        watching: watcher
          ? {
              dir: watcher.state.dir,
              runs: watcher.state.runs,
              added: last?.added ?? 0,
              skipped: last?.skipped ?? 0,
              failed: last?.failed ?? 0,
              error: watcher.state.error,
            }
          : null,
      };
    },
  );

  app.get(
    '/api/overview',
    {
      schema: {
        summary: 'Totals, top dyads and top speakers for a period',
        querystring: S.OverviewQuery,
        response: { 200: S.OverviewReply, ...errors },
      },
    },
    async (request) => {
      const result = await handle.use((store) => queryOverview(store, request.query));
      const totals = result.totals!.rows[0] as { events: number; articles: number; quotes: number };
      return { totals, dyads: result.dyads!, speakers: result.speakers! } as never;
    },
  );

  app.get(
    '/api/events',
    {
      schema: {
        summary: 'Events by actor, code, QuadClass, period and words, a page at a time',
        querystring: S.EventsQuery,
        response: { 200: S.EventsReply, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const page = await handle.use((store) => queryEventPage(store, filterOf(q), q.limit, q.offset));
      return sendTable(request, reply, q.format, page, { ...page, limit: q.limit, offset: q.offset }, 'events');
    },
  );

  app.get(
    '/api/timeline',
    {
      schema: {
        summary: 'Events per day, week or month by QuadClass, with the mean Goldstein',
        querystring: S.TimelineQuery,
        response: { 200: S.TimelineReply, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const table = await handle.use((store) => queryTimeline(store, filterOf(q), q.by, q.limit));
      return sendTable(request, reply, q.format, table, table, 'timeline');
    },
  );

  app.get(
    '/api/network',
    {
      schema: {
        summary: 'Actors and weighted dyads for a period',
        querystring: S.NetworkQuery,
        response: { 200: S.NetworkReply, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const graph = await handle.use((store) =>
        queryNetworkGraph(store, {
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
          ...(q.all ? { all: true } : {}),
          minWeight: q.minWeight,
          limit: q.limit,
        }),
      );
      return sendTable(request, reply, q.format, graph.edges, graph, 'network');
    },
  );

  app.get(
    '/api/quotes',
    {
      schema: {
        summary: 'Quotations by speaker, words and period',
        querystring: S.QuotesQuery,
        response: { 200: S.QuotesReply, ...errors },
      },
    },
    async (request, reply) => {
      const { format, ...q } = request.query;
      const table = await handle.use((store) => queryQuotes(store, q));
      return sendTable(request, reply, format, table, table, 'quotes');
    },
  );

  app.get(
    '/api/actors',
    {
      schema: {
        summary: 'Actors by name or code, with their roles and counts',
        querystring: S.ActorsQuery,
        response: { 200: S.ActorsReply, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const table = await handle.use((store) => searchActors(store, q.q ?? '', q.limit, q.all === true));
      return sendTable(request, reply, q.format, table, table, 'actors');
    },
  );

  app.get(
    '/api/articles/:id',
    {
      schema: {
        summary: 'An article: cleaned text, spans by layer, events and removed furniture',
        params: S.ArticleParams,
        response: { 200: S.ArticleReply, ...errors },
      },
    },
    async (request) => {
      const view = await handle.use((store) => queryArticleView(store, request.params.id));
      if (!view) throw new NotFoundError(`no article "${request.params.id}" in the store`);
      return view;
    },
  );

  app.get(
    '/api/explain/:article/:sentence',
    {
      schema: {
        summary: 'Why a sentence of a stored article was coded, or not',
        params: S.ExplainParams,
        response: { 200: S.ExplainReply, ...errors, 422: S.ErrorReply },
      },
    },
    async (request) => {
      const { article, sentence } = request.params;
      const view = await handle.use((store) => queryArticleView(store, article));
      if (!view) throw new NotFoundError(`no article "${article}" in the store`);
      const stored = view.sentences[sentence];
      if (!stored)
        throw new NotFoundError(
          `article "${article}" has ${view.sentences.length} sentences (0-${view.sentences.length - 1}); ` +
            `there is no sentence ${sentence}`,
        );
      return explainStoredSentence(view, sentence);
    },
  );

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'] });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .code(404)
        .type('text/plain')
        .send(`The dashboard is not built (${webRoot} is missing): run npm run build. The API is at /api and /docs.\n`),
    );
  }
  return app;
}
