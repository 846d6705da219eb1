/**
 * Dyad: reads news like a political analyst and turns it into data.
 * The one public entry point: the engine factory, the record format and the types.
 */
export { createEngine, articleId } from './engine.js';
export type { Engine, CreateEngineOptions, ProcessResult } from './engine.js';
export { toDyadRecord, formatDiagnostic, SCHEMA_ID, ENGINE_VERSION } from './output/dyad-json.js';
export type { DyadRecord, FurnitureEvent, FurnitureMention, FurnitureTime, RecordOptions } from './output/dyad-json.js';
export { checkInvariants } from './document/invariants.js';
export type { InvariantViolation } from './document/invariants.js';
export { toSourceOffset } from './document/offset-map.js';
export { DyadError, PipelineError } from './pipeline/errors.js';
export type { EngineOptions } from './pipeline/context.js';
export type { InputFailure, ReadOptions, ReadProgress } from './ingest/read-inputs.js';
export type * from './document/types.js';
