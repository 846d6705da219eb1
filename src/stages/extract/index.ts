import type { ArticleMeta, InputRecord, SourceParagraph, SourceText } from '../../document/types.js';
import { emptyMeta } from '../../document/empty-meta.js';
import { fatal } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import { extractHtml } from './html-extract.js';
import { splitTextParagraphs } from './text-paragraphs.js';

/** Lays paragraphs out one after another, separated by a blank line, with their offsets. */
function joinParagraphs(blocks: ReadonlyArray<Pick<SourceParagraph, 'text' | 'hint'>>): SourceText {
  const paragraphs: SourceParagraph[] = [];
  let text = '';
  for (const block of blocks) {
    if (text) text += '\n\n';
    const start = text.length;
    text += block.text;
    paragraphs.push(
      block.hint
        ? { start, end: text.length, text: block.text, hint: block.hint }
        : { start, end: text.length, text: block.text },
    );
  }
  return { text, paragraphs };
}

/** What the extract steps share: the input, and the text and metadata read from it so far. */
interface ExtractState {
  input: InputRecord;
  source: SourceText;
  meta: ArticleMeta;
}

/** Reads the content: an HTML page through Readability, with its meta tags; plain text as it is. */
function readContent(state: ExtractState): void {
  const { input, meta } = state;
  if (input.format === 'html') {
    const page = extractHtml(input.content);
    if (!page)
      throw fatal('extract', 'extract/no-article-body', `${input.origin.source}: the HTML page has no article body`);
    const source = joinParagraphs(page.paragraphs);
    source.rawOffsets = source.paragraphs.map((p) => {
      const at = input.content.indexOf(p.text);
      return at >= 0 ? at : null;
    });
    state.source = source;
    meta.title = page.meta.title ?? null;
    meta.published = page.meta.published ?? null;
    meta.updated = page.meta.updated ?? null;
    meta.authors = page.meta.authors;
    meta.url = page.meta.url ?? null;
    if (page.meta.language) meta.language = page.meta.language.slice(0, 2).toLowerCase();
    for (const key of ['title', 'published', 'updated', 'authors'] as const) {
      const from = page.meta.provenance[key];
      if (from) meta.provenance[key] = from;
    }
  } else {
    state.source = splitTextParagraphs(input.content);
  }
  if (state.source.paragraphs.length === 0) {
    throw fatal('extract', 'extract/no-text', `${input.origin.source}: no text to read`);
  }
}

/** Fields the input record states explicitly (JSON Lines) beat what the page says. */
function readInputFields(state: ExtractState): void {
  const { input, meta } = state;
  if (input.title) {
    meta.title = input.title;
    meta.provenance.title = 'input';
  }
  if (input.date) {
    meta.published = input.date;
    meta.provenance.published = 'input';
  }
  if (input.url) meta.url = input.url;
}

/**
 * The fetch time of a crawl (WARC-Date) only stands in for a publication date neither the page nor
 * the record states (the text's own date line, read by the clean stage, still beats it).
 */
function readFetchDate(state: ExtractState): void {
  const { input, meta } = state;
  if (!meta.published && input.fetchDate) {
    meta.published = input.fetchDate;
    meta.provenance.published = 'fetch-date';
  }
}

/**
 * The steps, in order: the input's own fields come after the page's, so they override them, and
 * the fetch date last, as a fallback only.
 */
const STEPS: ReadonlyArray<(state: ExtractState) => void> = [readContent, readInputFields, readFetchDate];

/**
 * Stage `extract`: turns the input record into plain text split into paragraphs, and gathers the
 * metadata the input itself carries (HTML meta tags and JSON-LD, JSON Lines fields). Cleaning
 * decides later what is body and what is furniture.
 */
export const extractStage = defineStage({
  name: 'extract',
  needs: [],
  provides: ['source', 'pageMeta'],
  run(doc, ctx) {
    // Repairs made while the bytes were decoded are the article's warnings.
    for (const w of doc.input.decodeWarnings ?? []) ctx.report('warning', w.rule, w.reason);
    const state: ExtractState = { input: doc.input, source: { text: '', paragraphs: [] }, meta: emptyMeta() };
    for (const step of STEPS) step(state);
    return { source: state.source, pageMeta: state.meta };
  },
});
