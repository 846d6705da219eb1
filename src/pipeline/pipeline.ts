import type { ArticleDocument, InputRecord, LayerName, Layers } from '../document/types.js';
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
   * @throws PipelineError when a need is unmet, a layer is provided twice or `until` is unknown.
   */
  static build(stages: readonly AnyStage[], until?: string): Pipeline {
    const provided = new Set<LayerName>();
    const kept: AnyStage[] = [];
    for (const stage of stages) {
      for (const need of stage.needs) {
        if (!provided.has(need)) {
          throw new PipelineError(`stage "${stage.name}" needs layer "${need}", which no earlier stage provides`);
        }
      }
      for (const layer of stage.provides) {
        if (provided.has(layer)) throw new PipelineError(`layer "${layer}" is provided twice (again by "${stage.name}")`);
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
    let doc: ArticleDocument = { id, input, diagnostics: ctx.diagnostics, timings: [] };
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
