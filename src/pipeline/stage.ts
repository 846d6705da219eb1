import type { DocumentWith, LayerName, Layers } from '../document/types.js';
import type { StageContext } from './context.js';

/**
 * A stage is data plus a pure function: its name, the layers it needs, the layers it provides,
 * and `run`, which returns the new layers and never edits the ones it was given.
 */
export interface Stage<Needs extends LayerName = LayerName, Provides extends LayerName = LayerName> {
  readonly name: string;
  readonly needs: readonly Needs[];
  readonly provides: readonly Provides[];
  run(doc: DocumentWith<Needs>, ctx: StageContext): Pick<Layers, Provides>;
}

/** Declares a stage with its types checked: `run` must return exactly the layers it provides. */
export function defineStage<Needs extends LayerName, Provides extends LayerName>(
  stage: Stage<Needs, Provides>,
): Stage<Needs, Provides> {
  return stage;
}

/**
 * A stage with its layer types erased, so stages of different types fit in one list. The
 * pipeline checks needs against provides when it is built, which is what makes running them safe.
 */
export interface AnyStage {
  readonly name: string;
  readonly needs: readonly LayerName[];
  readonly provides: readonly LayerName[];
  run(doc: never, ctx: StageContext): Partial<Layers>;
}
