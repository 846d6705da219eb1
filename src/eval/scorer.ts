/** One figure of an evaluation, as a row of the table `npm run eval` prints. */
export interface EvalRow {
  layer: string;
  yardstick: string;
  metric: string;
  value: number;
  /** How many items the figure is over. */
  n: number;
  /** A published figure to compare against, if any. */
  reference?: string;
  /** `count` when `value` is a number of items rather than a share (printed as a percentage). */
  unit?: 'count';
}

/** A scorer: reads one yardstick from the shared folder and scores the engine on it. */
export interface Scorer {
  layer: string;
  yardstick: string;
  score(sharedDir: string): Promise<EvalResult> | EvalResult;
}

/** What a scorer returns: its figures and, for the write-up, misses grouped by cause. */
export interface EvalResult {
  rows: EvalRow[];
  misses?: Miss[];
}

/** Misses of one cause, with every example, for the write-up in `EVALUATION.md`. */
export interface Miss {
  cause: string;
  count: number;
  examples: string[];
}

/** Collects misses by cause. */
export class MissLog {
  private readonly byCause = new Map<string, string[]>();

  add(cause: string, example: string): void {
    this.byCause.set(cause, [...(this.byCause.get(cause) ?? []), example]);
  }

  list(): Miss[] {
    return [...this.byCause]
      .map(([cause, examples]) => ({ cause, count: examples.length, examples }))
      .sort((a, b) => b.count - a.count);
  }
}

/** Precision, recall and F1 from counts. */
export function prf(
  truePositives: number,
  predicted: number,
  gold: number,
): { precision: number; recall: number; f1: number } {
  const precision = predicted ? truePositives / predicted : 0;
  const recall = gold ? truePositives / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
