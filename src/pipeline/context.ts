import type { Diagnostic, Reference, Severity } from '../document/types.js';
import type { KnowledgeBase } from '../knowledge/actor-kb.js';
import type { EventKnowledge } from '../knowledge/event-patterns.js';
import { PipelineError } from './errors.js';

/** Options every stage may read. */
export interface EngineOptions {
  /** Publication date to use when the article gives none (ISO `YYYY-MM-DD`). */
  defaultDate?: string;
  /** Largest input accepted, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Collect debug traces (printed by tests when they fail). */
  debug?: boolean;
  /** Extra actor dictionary files, in the format of `data/actors/`; they add or replace entries. */
  actorFiles?: string[];
  /** Extra event pattern files, in the format of `data/events/patterns.txt`. */
  patternFiles?: string[];
  /** Record why each sentence was or was not coded (`dyad explain`). */
  explain?: boolean;
}

/** Read-only resources the engine shares with every stage; loaded on first use. */
export interface EngineResources {
  knowledge(): KnowledgeBase;
  events(): EventKnowledge;
}

/**
 * What a stage gets besides the document: options, a diagnostics reporter and a lazy debug trace.
 * A fresh context is made for each document, so stages never share mutable state.
 */
export interface StageContext {
  readonly options: Readonly<EngineOptions>;
  /** Reports a diagnostic for the current document. */
  report(severity: Severity, rule: string, reason: string, span?: { start: number; end: number }): void;
  /** Records a debug line; the function runs only when debugging is on. */
  debug(message: () => string): void;
  /** The actor knowledge base (dictionaries), compiled once per engine. */
  readonly knowledge: KnowledgeBase;
  /** The CAMEO codebook and event patterns, compiled once per engine. */
  readonly eventKnowledge: EventKnowledge;
  /**
   * The article's reference date (its publication date), or null when none is known: settled once
   * by the `clean` stage (its `reference` layer), and the only date later stages read. A stage that
   * reads it needs the `reference` layer.
   * @throws PipelineError when read before `clean` provided it.
   */
  readonly reference: Reference | null;
}

/** A context that collects diagnostics and debug lines for one document and one stage at a time. */
export class DocumentContext implements StageContext {
  stage = '';
  readonly diagnostics: Diagnostic[] = [];
  readonly trace: string[] = [];
  private settled: { reference: Reference | null } | null = null;

  constructor(
    readonly options: Readonly<EngineOptions>,
    private readonly resources: EngineResources,
  ) {}

  get reference(): Reference | null {
    if (!this.settled)
      throw new PipelineError(`stage "${this.stage}" read ctx.reference before the clean stage settled it`);
    return this.settled.reference;
  }

  /** Sets the reference date once a stage provided the `reference` layer (the pipeline does this). */
  settle(reference: Reference | null): void {
    this.settled = { reference };
  }

  get knowledge(): KnowledgeBase {
    return this.resources.knowledge();
  }

  get eventKnowledge(): EventKnowledge {
    return this.resources.events();
  }

  report(severity: Severity, rule: string, reason: string, span?: { start: number; end: number }): void {
    const diagnostic: Diagnostic = { severity, stage: this.stage, rule, reason };
    if (span) diagnostic.span = { start: span.start, end: span.end };
    this.diagnostics.push(diagnostic);
  }

  debug(message: () => string): void {
    if (this.options.debug) this.trace.push(`[${this.stage}] ${message()}`);
  }
}
