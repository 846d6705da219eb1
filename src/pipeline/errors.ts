import type { Diagnostic, Origin } from '../document/types.js';

/**
 * An error that fails one input or one article, carrying a diagnostic in the common shape.
 * The run moves on to the next article; shells print it as `input:line:col: reason [rule]`.
 */
export class DyadError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.reason);
    this.name = 'DyadError';
  }
}

/** A pipeline that cannot be built as asked (a stage that needs a layer nobody provides). */
export class PipelineError extends Error {
  override name = 'PipelineError';
}

/** Makes a fatal diagnostic and wraps it in an error. */
export function fatal(stage: string, rule: string, reason: string, extra: Partial<Diagnostic> = {}): DyadError {
  return new DyadError({ severity: 'fatal', stage, rule, reason, ...extra });
}

/**
 * The diagnostic of an article that could not be coded: a `DyadError`'s own, or an internal error
 * named by its input. One home for what the engine, `dyad code`'s worker and ingest's workers
 * record, with the input's line when it has one.
 */
export function articleFailure(error: unknown, origin: Origin): Diagnostic {
  const diagnostic: Diagnostic =
    error instanceof DyadError
      ? { ...error.diagnostic }
      : {
          severity: 'fatal',
          stage: 'engine',
          rule: 'engine/internal-error',
          reason: `${origin.source}: internal error: ${(error as Error).message}`,
        };
  if (origin.line !== undefined) diagnostic.line = origin.line;
  return diagnostic;
}
