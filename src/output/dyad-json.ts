import { emptyMeta } from '../document/empty-meta.js';
import type {
  ActorMention,
  ArticleDocument,
  ArticleMeta,
  CodedEvent,
  Diagnostic,
  Quote,
  QuotedPhrase,
  Removed,
  ResolvedActor,
  TimeMention,
  Token,
} from '../document/types.js';

/** The schema id of Dyad's article record. Documented field by field in `docs/schema.md`. */
export const SCHEMA_ID = 'dyad/1';

/** The engine version written into every record's provenance. */
export const ENGINE_VERSION = '0.1.0';

/** An actor named in removed page furniture (captions, credits), with offsets into `source.text`. */
export interface FurnitureMention {
  /** Index into `removed`. */
  removed: number;
  sourceStart: number;
  sourceEnd: number;
  text: string;
  actor: ResolvedActor;
  via: string;
}

/** A time expression in removed furniture (captions), with offsets into `source.text`. */
export interface FurnitureTime extends Omit<TimeMention, 'start' | 'end' | 'sentence'> {
  removed: number;
  sourceStart: number;
  sourceEnd: number;
}

/** An event coded in a removed caption; its spans are offsets into that caption's text. */
export interface FurnitureEvent {
  /** Index into `removed`. */
  removed: number;
  /** The trigger's offsets in `source.text`. */
  sourceStart: number;
  sourceEnd: number;
  event: CodedEvent;
}

/** The layers of the article's captions and credits, as the record's `furniture*` fields give them. */
function furnitureOf(captions: readonly ArticleDocument[]) {
  const actors: FurnitureMention[] = [];
  const times: FurnitureTime[] = [];
  const events: FurnitureEvent[] = [];
  for (const caption of captions) {
    if (!caption.part) continue;
    const { removed, base } = caption.part;
    for (const m of caption.actors ?? []) {
      const [sourceStart, sourceEnd] = [base + m.start, base + m.end];
      actors.push({ removed, sourceStart, sourceEnd, text: m.text, actor: m.actor, via: m.via });
    }
    for (const { start, end, sentence: _sentence, ...time } of caption.times ?? []) {
      times.push({ ...time, removed, sourceStart: base + start, sourceEnd: base + end });
    }
    for (const event of caption.events ?? []) {
      events.push({ removed, sourceStart: base + event.start, sourceEnd: base + event.end, event });
    }
  }
  return { actors, times, events };
}

/** One article as Dyad prints it (`dyad code`), schema `dyad/1`. */
export interface DyadRecord {
  schema: typeof SCHEMA_ID;
  id: string;
  source: { input: string; line?: number; format: string; encoding?: string };
  meta: Omit<ArticleMeta, 'provenance'> & { provenance: ArticleMeta['provenance'] };
  text: string;
  paragraphs: Array<{ start: number; end: number }>;
  removed: Removed[];
  sentences: Array<{ start: number; end: number; text: string }>;
  /**
   * With `--tokens`: each token with wink's tag (`pos`) and lemma and, after the `syntax` stage,
   * Dyad's tag (`upos`), its head (index into this array, -1 for a sentence root) and relation.
   */
  tokens?: Array<
    Pick<Token, 'start' | 'end' | 'text' | 'pos' | 'lemma'> & { upos?: string; head?: number; deprel?: string }
  >;
  actors: ActorMention[];
  furnitureActors: FurnitureMention[];
  times: TimeMention[];
  furnitureTimes: FurnitureTime[];
  quotes: Quote[];
  quotedPhrases: QuotedPhrase[];
  events: CodedEvent[];
  furnitureEvents: FurnitureEvent[];
  diagnostics: Diagnostic[];
  provenance: { engine: string; stages: Array<{ stage: string; ms: number }> };
}

export interface RecordOptions {
  /** Include the token layer (large). */
  tokens?: boolean;
}

/** Turns a processed document into its `dyad/1` record. */
export function toDyadRecord(doc: ArticleDocument, options: RecordOptions = {}): DyadRecord {
  const meta = doc.meta ?? doc.pageMeta;
  const furniture = furnitureOf(doc.captions ?? []);
  const record: DyadRecord = {
    schema: SCHEMA_ID,
    id: doc.id,
    source: { input: doc.input.origin.source, format: doc.input.format },
    meta: meta ? { ...meta } : emptyMeta(),
    text: doc.text ?? '',
    paragraphs: (doc.paragraphs ?? []).map(({ start, end }) => ({ start, end })),
    removed: doc.removed ?? [],
    sentences: (doc.sentences ?? []).map(({ start, end, text }) => ({ start, end, text })),
    actors: doc.actors ?? [],
    furnitureActors: furniture.actors,
    times: doc.times ?? [],
    furnitureTimes: furniture.times,
    quotes: doc.quotes ?? [],
    quotedPhrases: doc.quotedPhrases ?? [],
    events: doc.events ?? [],
    furnitureEvents: furniture.events,
    diagnostics: doc.diagnostics,
    provenance: {
      engine: `dyad ${ENGINE_VERSION}`,
      stages: doc.timings.map((t) => ({ stage: t.stage, ms: Math.round(t.ms * 1000) / 1000 })),
    },
  };
  if (doc.input.origin.line !== undefined) record.source.line = doc.input.origin.line;
  if (doc.input.encoding) record.source.encoding = doc.input.encoding;
  if (options.tokens && doc.tokens) {
    const syntax = doc.syntax;
    record.tokens = doc.tokens.map(({ start, end, text, pos, lemma }, i) =>
      syntax
        ? { start, end, text, pos, lemma, upos: syntax.upos[i]!, head: syntax.heads[i]!, deprel: syntax.deprels[i]! }
        : { start, end, text, pos, lemma },
    );
  }
  return record;
}

/**
 * Formats a diagnostic the way compilers do: `input:line:col: severity: reason [rule-id]`.
 * @param origin the input, and the line of a JSON Lines record, used when the diagnostic has none.
 */
export function formatDiagnostic(origin: { source: string; line?: number }, d: Diagnostic): string {
  const source = origin.source;
  const line = d.line ?? origin.line ?? 1;
  const column = d.column ?? 1;
  return `${source}:${line}:${column}: ${d.severity === 'fatal' ? 'error' : d.severity}: ${d.reason} [${d.rule}]`;
}
