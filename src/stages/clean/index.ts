import type { SourceParagraph } from '../../document/types.js';
import { defineStage } from '../../pipeline/stage.js';
import { readHeader } from './01-read-header.js';
import { findFurniture } from './02-find-furniture.js';
import { findDuplicates } from './03-find-duplicates.js';
import { stripDateline } from './04-strip-dateline.js';
import { buildText } from './05-build-text.js';
import { readGivenDate } from './00-read-given-date.js';
import { settleReference } from './06-settle-reference.js';
import type { CleanStep } from './state.js';

/**
 * The cleaning steps, in order. Order matters: a date the input or the page gave is read first,
 * so that an unreadable one is set aside before the header may supply another; the header is
 * read before furniture so a title is never taken for a promotion title; duplicates are sought
 * among body paragraphs only, after furniture (a repeated "Epoch Times Photo" is furniture, not a
 * duplicate); the dateline is stripped from whatever paragraph is first once the rest is settled.
 * The reference date is settled after these steps, once every source of a date has been read.
 */
const STEPS: readonly CleanStep[] = [readGivenDate, readHeader, findFurniture, findDuplicates, stripDateline];

/**
 * Stage `clean`: decides which paragraphs are body text, removes page furniture (each removal
 * kept with its kind and rule), recovers metadata from the text, and builds the cleaned text
 * with a map back to the source.
 */
export const cleanStage = defineStage({
  name: 'clean',
  needs: ['source', 'pageMeta'],
  provides: ['text', 'paragraphs', 'removed', 'offsetMap', 'meta', 'reference'],
  run(doc, ctx) {
    // Copied in a loop, not with `map`, for one array shape throughout a run (see `foldTokens`).
    const paragraphs: SourceParagraph[] = [];
    for (const p of doc.source.paragraphs) paragraphs.push({ ...p });
    const state = {
      paragraphs,
      meta: { ...doc.pageMeta, authors: [...doc.pageMeta.authors], provenance: { ...doc.pageMeta.provenance } },
      sourceText: doc.source.text,
      record: doc.input.id ? `${doc.input.origin.source} (record "${doc.input.id}")` : doc.input.origin.source,
    };
    for (const step of STEPS) step(state, ctx);
    const built = buildText(state);
    if (!built.text)
      ctx.report('warning', 'clean/no-body', 'every paragraph was page furniture; the article has no body text');
    // Last, once the input, the page and the header have all had their say.
    const reference = settleReference(state, ctx);
    return { ...built, meta: state.meta, reference };
  },
});
