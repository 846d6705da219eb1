import type { Reference } from '../../document/types.js';
import type { StageContext } from '../../pipeline/context.js';
import { fatal } from '../../pipeline/errors.js';
import { readDate, storedDate } from './00-read-given-date.js';
import type { CleanState } from './state.js';

/**
 * Settles the article's reference date once every source has been read: the date the input, the
 * page or the story's date line gave, else the engine's `defaultDate` (an unreadable one fails the
 * article). This is the one place the publication date is read; later stages use `ctx.reference`.
 * @returns null when no date is known.
 */
export function settleReference(state: CleanState, ctx: StageContext): Reference | null {
  const { meta } = state;
  const option = ctx.options.defaultDate;
  if (!meta.published && option) {
    const stored = storedDate(option, ctx);
    if (stored === null) {
      throw fatal(
        'clean',
        'clean/unreadable-date',
        `${state.record}: the default date "${option}" is not a date Dyad can read; give it as YYYY-MM-DD`,
      );
    }
    meta.published = stored;
    meta.provenance.published = 'option';
  }
  const read = meta.published ? readDate(meta.published) : null;
  if (!read) return null;
  const [year, month, day] = read.iso.split('-').map(Number) as [number, number, number];
  return { day: { year, month, day }, iso: read.iso, source: meta.provenance.published ?? 'input' };
}
