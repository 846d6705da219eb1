import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleDocument } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { decodeBytes } from '../../ingest/decode.js';
import { readTar } from '../read-tar.js';
import { MissLog, type EvalResult, type EvalRow, type Scorer } from '../scorer.js';

interface Page {
  file: string;
  with: string[];
  without: string[];
}

/** Confusion counts of trafilatura's metric, summed over pages. */
interface Counts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

/** Folds white space as trafilatura's evaluation does (`' '.join(s.split())`). */
const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Scores one output against one page's segments; an empty output misses every 'with' segment. */
function count(output: string, page: Page, into: Counts): void {
  for (const segment of page.with) {
    if (output?.includes(fold(segment))) into.tp++;
    else into.fn++;
  }
  for (const segment of page.without) {
    if (output?.includes(fold(segment))) into.fp++;
    else into.tn++;
  }
}

/** Bare Readability over linkedom, with its default options: the baseline Dyad builds on. */
function bareReadability(html: string): string {
  try {
    const { document } = parseHTML(html);
    return fold(new Readability(document as unknown as Document).parse()?.textContent ?? '');
  } catch {
    return '';
  }
}

/** Why Dyad's cleaned text lacks a 'with' segment: which layer lost it. */
function lostBecause(segment: string, doc: ArticleDocument | null, readability: string): string {
  if (!doc) return readability ? 'page left empty (Readability finds text)' : 'page left empty (Readability too)';
  const removal = doc.removed?.find((r) => fold(r.text).includes(segment));
  if (removal) return `removed by ${removal.rule}`;
  if (doc.source && fold(doc.source.text).includes(segment)) return 'split across paragraphs or partly removed';
  if (readability.includes(segment)) return 'not extracted (bare Readability finds it)';
  return 'not extracted (nor by bare Readability)';
}

/**
 * Main-text extraction on trafilatura's evaluation set (990 pages, `with`/`without` segments):
 * Dyad's extract and clean stages, scored on the cleaned text, beside bare Readability over the
 * same DOM library, both scored with trafilatura's metric.
 */
export const extractionTrafilatura: Scorer = {
  layer: 'extraction',
  yardstick: "trafilatura's set (990 pages)",
  score(sharedDir): EvalResult {
    const dir = join(sharedDir, 'data', 'peers', 'extraction-trafilatura');
    const pages = Object.values(JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, Page>);
    const archive = brotliDecompressSync(readFileSync(join(dir, 'pages.tar.br')));
    const files = new Map(readTar(archive, 'pages.tar.br').map((f) => [basename(f.path).normalize('NFC'), f.bytes]));
    const engine = createEngine({ until: 'clean' });
    const dyad: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    const bare: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    const misses = new MissLog();
    let emptyWhereReadabilityReads = 0;
    let missingFiles = 0;
    for (const page of pages) {
      const bytes = files.get(page.file.normalize('NFC'));
      if (!bytes) {
        missingFiles++;
        misses.add('page missing from the archive', page.file);
        continue;
      }
      let html = '';
      try {
        html = decodeBytes(bytes, page.file).text;
      } catch {
        // An undecodable page scores as an empty output for both systems.
      }
      let doc: ArticleDocument | null = null;
      try {
        doc = engine.process({ origin: { source: page.file }, format: 'html', content: html });
      } catch {
        doc = null;
      }
      const ours = fold(doc?.text ?? '');
      const theirs = html ? bareReadability(html) : '';
      if (!ours) doc = null;
      if (!ours && theirs) emptyWhereReadabilityReads++;
      count(ours, page, dyad);
      count(theirs, page, bare);
      for (const segment of page.with.map(fold)) {
        if (ours.includes(segment)) continue;
        misses.add(`'with' lost: ${lostBecause(segment, doc, theirs)}`, `${page.file}: ${segment}`);
      }
      for (const segment of page.without.map(fold)) {
        if (ours.includes(segment)) {
          const also = theirs.includes(segment) ? 'bare Readability keeps it too' : 'bare Readability drops it';
          misses.add(`'without' kept: ${also}`, `${page.file}: ${segment}`);
        }
      }
    }
    const scored = pages.length - missingFiles;
    const rows: EvalRow[] = [];
    const segments = dyad.tp + dyad.fn + dyad.fp + dyad.tn;
    for (const [who, c, reference] of [
      ['Dyad (extract + clean)', dyad, 'trafilatura 2.2.0 0.924'],
      ['bare Readability', bare, 'readability-lxml 0.826'],
    ] as const) {
      const row = (metric: string, value: number, n: number, ref?: string): EvalRow => {
        const base = { layer: this.layer, yardstick: this.yardstick, metric: `${who}: ${metric}`, value, n };
        return ref ? { ...base, reference: ref } : base;
      };
      rows.push(
        row('F1', (2 * c.tp) / (2 * c.tp + c.fp + c.fn), segments, reference),
        row('precision', c.tp / (c.tp + c.fp), c.tp + c.fp),
        row('recall', c.tp / (c.tp + c.fn), c.tp + c.fn),
      );
    }
    rows.push({
      layer: this.layer,
      yardstick: this.yardstick,
      metric: 'pages Dyad leaves empty where Readability reads',
      value: emptyWhereReadabilityReads,
      n: scored,
      unit: 'count',
    });
    return { rows, misses: misses.list() };
  },
};
