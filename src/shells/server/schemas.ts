import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The API's request and response schemas (TypeBox, so one declaration gives the validation, the
 * TypeScript types and the OpenAPI document). Limits are part of the schema: page sizes, result
 * rows and string lengths are bounded, dates and codes have a pattern.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Str = Nullable(Type.String());
const Num = Nullable(Type.Number());

/** An ISO date, a month or a year: `2018`, `2018-02`, `2018-02-12`. */
const IsoDate = Type.String({
  pattern: '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$',
  description: 'ISO date: YYYY, YYYY-MM or YYYY-MM-DD',
});
const Actor = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'actor code (USAGOV), country (USA) or part of a name',
});
const Words = Type.String({ minLength: 1, maxLength: 200 });
const Format = Type.Union([Type.Literal('json'), Type.Literal('csv')], {
  description: 'csv for a CSV table (or Accept: text/csv)',
});
const Limit = (max: number, fallback: number) => Type.Integer({ minimum: 1, maximum: max, default: fallback });

/** `all=true` keeps historical events (dated well before their article), which counts leave out by default. */
const All = Type.Optional(
  Type.Boolean({ description: 'keep historical events (dated well before their article), left out by default' }),
);

const eventFilters = {
  source: Type.Optional(Actor),
  target: Type.Optional(Actor),
  actor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'an actor on either side: code or country' }),
  ),
  undirected: Type.Optional(Type.Boolean({ description: 'match source and target in both directions' })),
  exact: Type.Optional(Type.Boolean({ description: 'match source and target by code or country, not part of a name' })),
  code: Type.Optional(Type.String({ pattern: '^[0-9]{2,4}$', description: 'CAMEO code or root' })),
  root: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: 'CAMEO root' })),
  quad: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'QuadClass 1-4' })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  text: Type.Optional(Words),
  all: All,
  format: Type.Optional(Format),
};

export const EventsQuery = Type.Object(
  { ...eventFilters, limit: Limit(1000, 100), offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }) },
  { additionalProperties: false },
);
export type EventsQuery = Static<typeof EventsQuery>;

export const TimelineQuery = Type.Object(
  {
    ...eventFilters,
    by: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], { default: 'month' }),
    limit: Limit(5000, 1000),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const NetworkQuery = Type.Object(
  {
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    minWeight: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1, description: 'fewest events for an edge' }),
    all: All,
    limit: Limit(2000, 300),
    format: Type.Optional(Format),
  },
  { additionalProperties: false },
);
export type NetworkQuery = Static<typeof NetworkQuery>;

export const QuotesQuery = Type.Object(
  {
    speaker: Type.Optional(Actor),
    text: Type.Optional(Words),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    limit: Limit(1000, 200),
    format: Type.Optional(Format),
  },
  { additionalProperties: false },
);
export type QuotesQuery = Static<typeof QuotesQuery>;

export const ActorsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64, description: 'part of a name or code' })),
    all: All,
    limit: Limit(100, 20),
    format: Type.Optional(Format),
  },
  { additionalProperties: false },
);
export type ActorsQuery = Static<typeof ActorsQuery>;

export const OverviewQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), all: All },
  { additionalProperties: false },
);
export type OverviewQuery = Static<typeof OverviewQuery>;

export const ArticleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 512 }) });
export type ArticleParams = Static<typeof ArticleParams>;

export const ExplainParams = Type.Object({
  article: Type.String({ minLength: 1, maxLength: 512 }),
  sentence: Type.Integer({ minimum: 0, maximum: 100_000 }),
});
export type ExplainParams = Static<typeof ExplainParams>;

/** A table: its columns and its rows (as objects keyed by column). */
const table = <T extends TSchema>(row: T) => Type.Object({ columns: Type.Array(Type.String()), rows: Type.Array(row) });

export const EventRow = Type.Object({
  date: Str,
  source: Str,
  source_name: Str,
  target: Str,
  target_name: Str,
  code: Type.String(),
  name: Type.String(),
  goldstein: Num,
  quad: Num,
  negated: Type.Boolean(),
  intent: Type.Boolean(),
  mentions: Num,
  place: Str,
  article: Type.String(),
  idx: Type.Integer(),
  evidence: Str,
});
export const EventsReply = Type.Intersect([
  table(EventRow),
  Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }),
]);

export const TimelineReply = table(
  Type.Object({
    period: Type.String(),
    events: Type.Integer(),
    verbal_coop: Type.Integer(),
    material_coop: Type.Integer(),
    verbal_conflict: Type.Integer(),
    material_conflict: Type.Integer(),
    mean_goldstein: Num,
  }),
);

const EdgeRow = Type.Object({
  source: Type.String(),
  target: Type.String(),
  events: Type.Integer(),
  mentions: Num,
  mean_goldstein: Num,
});
export const NetworkReply = Type.Object({
  nodes: Type.Array(Type.Object({ id: Type.String(), events: Type.Integer() })),
  edges: table(EdgeRow),
});

export const QuotesReply = table(
  Type.Object({
    date: Str,
    speaker: Str,
    code: Str,
    kind: Str,
    cue: Str,
    via: Str,
    text: Type.String(),
    article: Type.String(),
  }),
);

export const ActorsReply = table(
  Type.Object({
    code: Type.String(),
    name: Str,
    kind: Str,
    mentions: Type.Integer(),
    articles: Type.Integer(),
    as_source: Type.Integer(),
    as_target: Type.Integer(),
    quotes: Type.Integer(),
  }),
);

export const OverviewReply = Type.Object({
  totals: Type.Object({ events: Type.Integer(), articles: Type.Integer(), quotes: Type.Integer() }),
  dyads: table(EdgeRow),
  speakers: table(Type.Object({ speaker: Type.String(), code: Str, quotes: Type.Integer() })),
});

export const ArticleReply = Type.Object({
  id: Type.String(),
  title: Str,
  published: Str,
  url: Str,
  source: Str,
  duplicateOf: Str,
  text: Type.String(),
  sentences: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer() })),
  spans: Type.Array(
    Type.Object({
      layer: Type.Union([Type.Literal('actor'), Type.Literal('time'), Type.Literal('quote'), Type.Literal('event')]),
      start: Type.Integer(),
      end: Type.Integer(),
      label: Type.String(),
      index: Type.Integer(),
    }),
  ),
  events: Type.Array(
    Type.Object({
      idx: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      source: Str,
      target: Str,
      goldstein: Type.Number(),
      quad: Type.Integer(),
      sentence: Type.Integer(),
      evidenceStart: Type.Integer(),
      evidenceEnd: Type.Integer(),
      trigger: Type.String(),
    }),
  ),
  removed: Type.Array(Type.Object({ kind: Type.String(), rule: Type.String(), text: Type.String() })),
});

export const ExplainReply = Type.Object({
  article: Type.String(),
  sentence: Type.Integer(),
  text: Type.String(),
  explanation: Type.String(),
});

export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  parameter: Type.Optional(Type.String()),
});

export const HealthReply = Type.Object({
  status: Type.String(),
  store: Type.String(),
  /** Goes up after every ingest of the watched folder: the dashboard reloads when it changes. */
  generation: Type.Integer(),
  watching: Nullable(
    Type.Object({
      dir: Type.String(),
      runs: Type.Integer(),
      added: Type.Integer(),
      skipped: Type.Integer(),
      failed: Type.Integer(),
      error: Str,
    }),
  ),
});
