import cliProgress from 'cli-progress';
import type { IngestProgress } from '../store/ingest.js';

/** A duration for people: "42s", "3m 07s", "1h 05m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Where a progress line goes: a plain line while running, beside a bar (which shows the share), or the last one. */
export type LineKind = 'running' | 'beside-bar' | 'done';

/**
 * One line on an ingest: articles stored and their rate, then (while it runs, when the input's
 * size is known) the share done and the time left, then what was skipped or failed; the last
 * line says how many worker threads coded. The time left comes early so that a narrow terminal
 * cuts what matters least.
 */
export function progressLine(p: IngestProgress, kind: LineKind): string {
  const rate = (p.added / Math.max(p.seconds, 0.001)).toFixed(0);
  let estimate = '';
  if (kind !== 'done' && p.estimate) {
    const eta = `ETA ${p.estimate.etaSeconds === null ? '?' : formatDuration(p.estimate.etaSeconds)}`;
    estimate = kind === 'running' ? ` · ${Math.floor(p.estimate.share * 100)}% · ${eta}` : ` · ${eta}`;
  }
  const passed = Object.entries(p.passedOver);
  const total = passed.reduce((n, [, count]) => n + count, 0);
  const passedOver = total
    ? ` · ${total} passed over as not news (${passed.map(([why, count]) => `${count} ${why}`).join(', ')})`
    : '';
  const coders =
    kind === 'done' && p.workers ? ` · coded on ${p.workers} worker thread${p.workers === 1 ? '' : 's'}` : '';
  return (
    `${p.added} article${p.added === 1 ? '' : 's'} stored · ${rate}/s${estimate} ` +
    `· ${p.skipped} already stored · ${p.duplicates} near-duplicates · ${p.failed} ` +
    `failed${passedOver} · ${p.seconds.toFixed(1)}s${coders}`
  );
}

/** How often a plain progress line is written when standard error is not a terminal. */
const PLAIN_LINE_SECONDS = 5;

/**
 * Shows an ingest's progress on a stream (standard error): on a terminal, a bar of the share done
 * with the progress line beside it, redrawn in place (a line alone when the input's size is
 * unknown, as on standard input); elsewhere, for logs, a plain line every few seconds. Either way
 * a last line gives the totals.
 */
export function progressPrinter(quiet: boolean, stream: NodeJS.WriteStream = process.stderr) {
  const tty = stream.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let lastPlainLine = 0;
  return {
    update(p: IngestProgress) {
      if (quiet) return;
      if (!tty) {
        if (p.seconds - lastPlainLine < PLAIN_LINE_SECONDS) return;
        lastPlainLine = p.seconds;
        stream.write(`${progressLine(p, 'running')}\n`);
      } else if (p.estimate) {
        const permille = Math.round(p.estimate.share * 1000);
        const line = progressLine(p, 'beside-bar');
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { format: '{bar} {percentage}% · {line}', stream, barsize: 20, hideCursor: true, clearOnComplete: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(1000, permille, { line });
        } else {
          bar.update(permille, { line });
        }
      } else if (bar) {
        bar.update({ line: progressLine(p, 'beside-bar') });
      } else {
        stream.write(`\r${progressLine(p, 'running')}\x1b[K`);
      }
    },
    /**
     * The run was interrupted (Ctrl-C): the bar is taken down and the terminal given back as it
     * was (cursor shown, line wrapping on), then what the store holds from this run is said.
     */
    interrupted(p: IngestProgress | null) {
      bar?.stop();
      bar = null;
      if (tty) stream.write('\x1b[?25h\x1b[?7h\r\x1b[K');
      const stored = p
        ? `${p.added} article${p.added === 1 ? '' : 's'} stored, ${p.failed} failed`
        : 'nothing stored yet';
      stream.write(`interrupted: ${stored} in this run; run the same command again to go on where it stopped\n`);
    },
    done(p: IngestProgress) {
      bar?.stop();
      if (quiet) return;
      stream.write(tty && !bar ? `\r${progressLine(p, 'done')}\x1b[K\n` : `${progressLine(p, 'done')}\n`);
    },
  };
}
