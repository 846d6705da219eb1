import { describe, expect, it } from 'vitest';
import type { IngestProgress } from '../store/ingest.js';
import { formatDuration, progressLine, progressPrinter } from './progress.js';

const at = (seconds: number, added: number, estimate: IngestProgress['estimate'] = null): IngestProgress => ({
  added,
  skipped: 3,
  failed: 1,
  duplicates: 2,
  passedOver: {},
  workers: 2,
  estimate,
  seconds,
});

describe('ingest progress', () => {
  it('formats durations for people', () => {
    expect([5, 59.6, 65, 3599, 3600, 7260].map(formatDuration)).toEqual([
      '5s',
      '1m 00s',
      '1m 05s',
      '59m 59s',
      '1h 00m',
      '2h 01m',
    ]);
  });

  it('puts the share done and the time left early in a running line, and the workers in the last', () => {
    const p = at(10, 500, { share: 0.436, etaSeconds: 65 });
    expect(progressLine(p, 'running')).toBe(
      '500 articles stored · 50/s · 43% · ETA 1m 05s · 3 already stored · 2 near-duplicates · 1 failed · 10.0s',
    );
    expect(progressLine(p, 'beside-bar')).toBe(
      '500 articles stored · 50/s · ETA 1m 05s · 3 already stored · 2 near-duplicates · 1 failed · 10.0s',
    );
    expect(progressLine(p, 'done')).toBe(
      '500 articles stored · 50/s · 3 already stored · 2 near-duplicates · 1 failed ' +
        '· 10.0s · coded on 2 worker threads',
    );
    expect(progressLine(at(10, 500), 'running')).toBe(
      '500 articles stored · 50/s · 3 already stored · 2 near-duplicates · 1 failed · 10.0s',
    );
  });

  it('writes a plain line every five seconds when not on a terminal, then the totals', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    const printer = progressPrinter(false, stream);
    for (const seconds of [1, 3, 5.5, 7, 10.4, 11])
      printer.update(at(seconds, seconds * 10, { share: seconds / 12, etaSeconds: 12 - seconds }));
    printer.done(at(12, 120));
    expect(written).toEqual([
      '55 articles stored · 10/s · 45% · ETA 7s · 3 already stored · 2 near-duplicates · 1 failed · 5.5s\n',
      '110 articles stored · 10/s · 91% · ETA 1s · 3 already stored · 2 near-duplicates · 1 failed · 11.0s\n',
      '120 articles stored · 10/s · 3 already stored · 2 near-duplicates · 1 failed ' +
        '· 12.0s · coded on 2 worker threads\n',
    ]);
  });

  it('writes nothing when quiet', () => {
    const written: string[] = [];
    const printer = progressPrinter(true, {
      isTTY: false,
      write: (text: string) => written.push(text),
    } as unknown as NodeJS.WriteStream);
    printer.update(at(6, 60));
    printer.done(at(7, 70));
    expect(written).toEqual([]);
  });
});
