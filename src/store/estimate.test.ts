import { describe, expect, it } from 'vitest';
import { ProgressEstimator } from './estimate.js';

describe('ProgressEstimator', () => {
  it('scales the articles read so far by the share of bytes read', () => {
    // Half the bytes read: the 100 articles sent stand for 200 in all; 50 coded in 10 s.
    const estimate = new ProgressEstimator().update(100, 50, 0.5, 10);
    expect(estimate).toEqual({ share: 0.25, etaSeconds: 30 });
  });

  it('takes the recent rate, not the whole run’s, once the run is under way', () => {
    const estimator = new ProgressEstimator();
    // 10 articles a second for the first 30 s (workers warming up), then 20 a second.
    let coded = 0;
    for (let t = 0; t <= 60; t += 2) {
      coded = t <= 30 ? t * 10 : 300 + (t - 30) * 20;
      estimator.update(coded + 64, coded, (coded + 64) / 2000, t);
    }
    const estimate = estimator.update(coded + 64, coded, (coded + 64) / 2000, 60)!;
    expect(coded).toBe(900);
    expect(estimate.share).toBeCloseTo(0.45, 5);
    expect(estimate.etaSeconds).toBeCloseTo(1100 / 20, 5);
  });

  it('knows nothing without the input’s size or before any article is sent', () => {
    expect(new ProgressEstimator().update(100, 50, null, 10)).toBeNull();
    expect(new ProgressEstimator().update(0, 0, 0.3, 10)).toBeNull();
  });

  it('never reports more than all of it, nor time left past the end', () => {
    // Coded articles outrun the estimate (the last file held more articles per byte).
    expect(new ProgressEstimator().update(120, 120, 1, 12)).toEqual({ share: 1, etaSeconds: 0 });
  });
});
