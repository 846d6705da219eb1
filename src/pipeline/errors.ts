import type { Diagnostic } from '../document/types.js';

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
