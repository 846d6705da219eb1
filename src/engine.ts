import { articleId } from './document/article-id.js';
import type { ArticleDocument, InputRecord, LayerName, RemovedKind } from './document/types.js';
import { readInputs, type InputFailure, type ReadOptions } from './ingest/read-inputs.js';
import type { EngineOptions, EngineResources } from './pipeline/context.js';
import type { KnowledgeBase } from './knowledge/actor-kb.js';
import { loadKnowledgeBase } from './knowledge/load.js';
import { loadEventKnowledge, type EventKnowledge } from './knowledge/event-patterns.js';
import { articleFailure } from './pipeline/errors.js';
import { Pipeline } from './pipeline/pipeline.js';
import type { AnyStage } from './pipeline/stage.js';
import { cleanStage } from './stages/clean/index.js';
import { extractStage } from './stages/extract/index.js';
import { sentencesStage } from './stages/sentences/index.js';
import { syntaxStage } from './stages/syntax/index.js';
import { actorsStage } from './stages/actors/index.js';
import { quotesStage } from './stages/quotes/index.js';
import { timesStage } from './stages/times/index.js';
import { eventsStage } from './stages/events/index.js';

/** The stages of a full run, in order. */
export const DEFAULT_STAGES: readonly AnyStage[] = [
  extractStage,
  cleanStage,
  sentencesStage,
  syntaxStage,
  actorsStage,
  timesStage,
  quotesStage,
  eventsStage,
];

/**
 * Removed furniture read as a small document of its own, and the last stage it goes through:
 * captions report events ("Pence talks to Moon Jae-in at the Games"), credits and contribution
 * lines name the agencies behind the story.
 */
const PART_UNTIL: Partial<Record<RemovedKind, string>> = {
  caption: 'events',
  credit: 'actors',
  contribution: 'actors',
};
/** The layers a caption or credit arrives with: its text as one paragraph, and the article's date and metadata. */
const PART_GIVEN: readonly LayerName[] = ['text', 'paragraphs', 'offsetMap', 'reference', 'meta'];
/** The stage after which captions and credits are read apart: cleaning is what sets them apart. */
const PARTS_AFTER = 'clean';

/**
 * The pipelines captions and credits run through, by kind: the stages after `clean`, up to the
 * kind's last stage or `until`, whichever comes first (none when `until` stops at `clean` or before).
 */
function partPipelines(until: string | undefined): Map<RemovedKind, Pipeline> {
  const names = DEFAULT_STAGES.map((stage) => stage.name);
  const first = names.indexOf(PARTS_AFTER) + 1;
  const stop = until === undefined ? names.length - 1 : names.indexOf(until);
  const pipelines = new Map<RemovedKind, Pipeline>();
  for (const [kind, last] of Object.entries(PART_UNTIL) as Array<[RemovedKind, string]>) {
    const end = Math.min(stop, names.indexOf(last));
    if (end >= first) pipelines.set(kind, Pipeline.build(DEFAULT_STAGES.slice(first, end + 1), undefined, PART_GIVEN));
  }
  return pipelines;
}

/** Options of `createEngine`. */
export interface CreateEngineOptions extends EngineOptions {
  /** Stop after this stage (`extract`, `clean`, `sentences`, ...). */
  until?: string;
  /** The stages to run, in order (default `DEFAULT_STAGES`): the bench times the pipeline without one. */
  stages?: readonly AnyStage[];
}

/** One result of processing inputs: a coded article, or an input or article that failed. */
export type ProcessResult = { ok: true; doc: ArticleDocument } | { ok: false; failure: InputFailure };

/** The library's single entry point: a configured pipeline. */
export interface Engine {
  /** The stages this engine runs, in order. */
  readonly stages: readonly string[];
  /**
   * Processes one article: plain text, or an input record (text or HTML).
   * @throws DyadError when the article cannot be processed (no body, ...).
   */
  process(input: string | InputRecord): ArticleDocument;
  /** Reads files, directories or `-` and processes every article in them, one result each. */
  processInputs(paths: readonly string[], options?: ReadOptions): AsyncGenerator<ProcessResult>;
}

export { articleId };

/**
 * Loads what an engine loads on first use (language model, dictionaries, gazetteer) by coding a
 * short article of its own, so that the first real article is timed on its own work. An engine
 * whose options make every article fail (an unreadable date) is left to fail on real ones.
 */
export function warmUp(engine: Engine): void {
  try {
    engine.process({
      origin: { source: '<warm-up>' },
      format: 'text',
      content: 'Talks resume\n\nThe United States met officials from Japan in Tokyo on Monday, the ministry said.',
    });
  } catch {
    // Nothing to do: the same cause fails the real articles, which report it.
  }
}

/**
 * Creates an engine: the pipeline of stages (checked when built) with its options.
 *
 * @example
 *   const engine = createEngine({ defaultDate: '2018-02-12' });
 *   const doc = engine.process('Seoul said on Monday ...');
 *   doc.sentences?.map((s) => s.text);
 */
export function createEngine(options: CreateEngineOptions = {}): Engine {
  const { until, stages, ...engineOptions } = options;
  const pipeline = Pipeline.build(stages ?? DEFAULT_STAGES, until);
  const parts = partPipelines(until);
  let knowledge: KnowledgeBase | null = null;
  let events: EventKnowledge | null = null;
  const resources: EngineResources = {
    knowledge: () => (knowledge ??= loadKnowledgeBase(engineOptions.actorFiles ?? [])),
    events: () => (events ??= loadEventKnowledge(engineOptions.patternFiles ?? [])),
  };

  const process = (input: string | InputRecord): ArticleDocument => {
    const record: InputRecord =
      typeof input === 'string' ? { origin: { source: '<text>' }, format: 'text', content: input } : input;
    const doc = pipeline.run(record, articleId(record), engineOptions, resources).doc;
    if (parts.size && doc.removed) {
      const captions: ArticleDocument[] = [];
      doc.removed.forEach((r, removed) => {
        const partPipeline = parts.get(r.kind);
        if (!partPipeline) return;
        captions.push(
          partPipeline.runPart(doc, { removed, kind: r.kind, base: r.sourceStart }, engineOptions, resources),
        );
      });
      doc.captions = captions;
    }
    return doc;
  };

  async function* processInputs(
    paths: readonly string[],
    readOptions: ReadOptions = {},
  ): AsyncGenerator<ProcessResult> {
    const maxBytes = readOptions.maxBytes ?? engineOptions.maxBytes;
    for await (const item of readInputs(paths, maxBytes === undefined ? readOptions : { ...readOptions, maxBytes })) {
      if ('failure' in item) {
        yield { ok: false, failure: item.failure };
        continue;
      }
      if ('skipped' in item) continue;
      try {
        yield { ok: true, doc: process(item.record) };
      } catch (error) {
        const diagnostic = articleFailure(error, item.record.origin);
        yield { ok: false, failure: { origin: item.record.origin, diagnostic } };
      }
    }
  }

  return { stages: pipeline.stageNames, process, processInputs };
}
