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
  misses?: Array<{ cause: string; count: number; example: string }>;
}

/** Precision, recall and F1 from counts. */
export function prf(truePositives: number, predicted: number, gold: number): { precision: number; recall: number; f1: number } {
  const precision = predicted ? truePositives / predicted : 0;
  const recall = gold ? truePositives / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
