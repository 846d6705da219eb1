import type { ArticleDocument, DocumentPart, InputRecord, LayerName, Layers } from '../document/types.js';
import { DocumentContext, type EngineOptions, type EngineResources } from './context.js';
import { PipelineError } from './errors.js';
import type { AnyStage } from './stage.js';

/** How the pipeline calls an erased stage once `build` has checked its needs are met. */
type RunErased = (doc: ArticleDocument, ctx: DocumentContext) => Partial<Layers>;

/** The result of running the pipeline over one input record. */
export interface PipelineResult {
  doc: ArticleDocument;
  /** Debug lines collected while `options.debug` was on. */
  trace: string[];
}

/**
 * An ordered list of stages, checked when built: every layer a stage needs must be provided by an
 * earlier stage, and no layer is provided twice.
 */
export class Pipeline {
  private readonly stages: readonly AnyStage[];

  private constructor(stages: readonly AnyStage[]) {
    this.stages = stages;
  }

  /**
   * Checks the order of `stages` and builds the pipeline.
   * @param until the name of the last stage to run; later stages are left out.
   * @param given layers the documents arrive with (a caption's text), as if an earlier stage provided them.
   * @throws PipelineError when a need is unmet, a layer is provided twice or `until` is unknown.
   */
  static build(stages: readonly AnyStage[], until?: string, given: readonly LayerName[] = []): Pipeline {
    const provided = new Set<LayerName>(given);
    const kept: AnyStage[] = [];
    for (const stage of stages) {
      for (const need of stage.needs) {
        if (!provided.has(need)) {
          throw new PipelineError(`stage "${stage.name}" needs layer "${need}", which no earlier stage provides`);
        }
      }
      for (const layer of stage.provides) {
        if (provided.has(layer))
          throw new PipelineError(`layer "${layer}" is provided twice (again by "${stage.name}")`);
        provided.add(layer);
      }
      kept.push(stage);
      if (stage.name === until) return new Pipeline(kept);
    }
    if (until !== undefined) {
      throw new PipelineError(`unknown stage "${until}"; stages are: ${stages.map((s) => s.name).join(', ')}`);
    }
    return new Pipeline(kept);
  }

  /** The names of the stages, in order. */
  get stageNames(): string[] {
    return this.stages.map((s) => s.name);
  }

  /**
   * Runs every stage over one record. A stage that throws (a `DyadError` for bad input) fails
   * this document only; the caller reports it and moves on.
   */
  run(input: InputRecord, id: string, options: Readonly<EngineOptions>, resources: EngineResources): PipelineResult {
    const ctx = new DocumentContext(options, resources);
    return this.runFrom({ id, input, diagnostics: ctx.diagnostics, timings: [] }, ctx);
  }

  /**
   * Runs the stages over a caption or credit of `article` as a document of its own: its text is
   * the removed text, its reference date the article's. Its diagnostics stay with it.
   */
  runPart(
    article: ArticleDocument,
    part: DocumentPart,
    options: Readonly<EngineOptions>,
    resources: EngineResources,
  ): ArticleDocument {
    const ctx = new DocumentContext(options, resources);
    const text = article.removed![part.removed]!.text;
    const reference = article.reference ?? null;
    ctx.settle(reference);
    const doc: ArticleDocument = {
      id: `${article.id}#${part.kind}-${part.removed}`,
      input: article.input,
      diagnostics: ctx.diagnostics,
      timings: [],
      part,
      text,
      paragraphs: [{ start: 0, end: text.length, text }],
      offsetMap: [{ start: 0, end: text.length, sourceStart: part.base }],
      reference,
    };
    if (article.meta) doc.meta = article.meta;
    return this.runFrom(doc, ctx).doc;
  }

  private runFrom(start: ArticleDocument, ctx: DocumentContext): PipelineResult {
    let doc = start;
    for (const stage of this.stages) {
      ctx.stage = stage.name;
      const started = performance.now();
      const layers = (stage.run as RunErased).call(stage, doc, ctx);
      doc = { ...doc, ...layers };
      if (layers.reference !== undefined) ctx.settle(layers.reference);
      doc.timings.push({ stage: stage.name, ms: performance.now() - started });
    }
    return { doc, trace: ctx.trace };
  }
}
