/** How far a run has got and how long the rest should take, for a progress bar. */
export interface RunEstimate {
  /** Share of the input's articles coded, 0–1. */
  share: number;
  /** Seconds left at the recent rate; null until a rate is known. */
  etaSeconds: number | null;
}

/** How far back the rate looks: long enough to smooth one write, short enough to follow the run. */
const RATE_WINDOW_SECONDS = 10;

/**
 * Estimates a run's progress from what has been read and coded. The input's size is known in
 * bytes, its article count is not: the articles sent to be coded so far stand for the share of
 * the bytes read, so the whole input holds about `sent / readShare` of them. The time left is the
 * articles still to code at the rate of the last `RATE_WINDOW_SECONDS` (the first seconds of a
 * run, when workers start and warm up, would make an overall rate too slow for long).
 */
export class ProgressEstimator {
  private readonly samples: Array<{ seconds: number; coded: number }> = [];

  /**
   * @param sent articles sent to be coded so far (skipped ones not counted)
   * @param coded articles coded so far (stored or failed)
   * @param readShare share of the input's bytes read, 0–1; null when the size is unknown
   * @param seconds seconds since the run started
   */
  update(sent: number, coded: number, readShare: number | null, seconds: number): RunEstimate | null {
    this.samples.push({ seconds, coded });
    while (this.samples.length > 2 && this.samples[1]!.seconds <= seconds - RATE_WINDOW_SECONDS) this.samples.shift();
    if (readShare === null || readShare <= 0 || sent === 0) return null;
    const expected = Math.max(sent / Math.min(readShare, 1), coded);
    const oldest = this.samples[0]!;
    const rate =
      seconds > oldest.seconds
        ? (coded - oldest.coded) / (seconds - oldest.seconds)
        : seconds > 0
          ? coded / seconds
          : 0;
    return { share: expected > 0 ? coded / expected : 1, etaSeconds: rate > 0 ? (expected - coded) / rate : null };
  }
}
