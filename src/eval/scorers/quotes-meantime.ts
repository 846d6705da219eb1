import { join } from 'node:path';
import { toSourceOffset } from '../../document/offset-map.js';
import type { Quote } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { MissLog, prf, type EvalResult, type EvalRow, type Scorer } from '../scorer.js';
import { readJsonLines } from '../shared-data.js';

interface GoldQuote {
  quote_text: string;
  kind: string;
  speaker: string;
  speaker_mention: string;
  speaker_span: [number, number];
  cue_verb: string;
  cue_span: [number, number];
  sentence_index: number;
}
interface MeantimeRecord {
  id: string;
  dct: string;
  text: string;
  quotes: GoldQuote[];
}

/** A line put before each record so that its real headline is read as body text, where MEANTIME annotates it. */
const PREFIX = 'MEANTIME record\n\n';
const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'for', 'to', 'on', 'at', 'company', 'inc', 'corp', 'ltd']);

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);

/** Shared tokens over the longer of the two, as quote-span overlap is scored for the Gender Gap Tracker. */
export function tokenOverlap(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return 0;
  const pool = new Map<string, number>();
  for (const w of wb) pool.set(w, (pool.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wa) {
    const n = pool.get(w) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(w, n - 1);
    }
  }
  return shared / Math.max(wa.length, wb.length);
}

/** True when the predicted speaker is the gold one: overlapping mention, or a shared content word of the name. */
function sameSpeaker(q: Quote, gold: GoldQuote, toSource: (offset: number) => number | null): boolean {
  const speaker = q.speaker;
  if (!speaker) return false;
  const start = toSource(speaker.mention.start);
  const end = toSource(speaker.mention.end - 1);
  const [gs, ge] = [gold.speaker_span[0] + PREFIX.length, gold.speaker_span[1] + PREFIX.length];
  const isPronoun = /^(he|she|they|it)$/i.test(gold.speaker_mention);
  if (!isPronoun && start !== null && end !== null && start < ge && end + 1 > gs) return true;
  const goldWords = new Set(words(gold.speaker).filter((w) => !STOP.has(w)));
  const names = [speaker.actor?.name ?? '', isPronoun ? '' : speaker.mention.text];
  return names.some((n) => words(n).some((w) => !STOP.has(w) && goldWords.has(w)));
}

/**
 * Quotations on MEANTIME (120 Wikinews articles, sentences 0-5, 166 speaker-attributed reports):
 * a gold report is matched to the predicted quote whose cue overlaps its cue; the speaker is right
 * when the predicted speaker's words overlap the gold speaker mention or share a word of its
 * canonical name (so a pronoun counts when resolved to the right person). Quote content is scored
 * as the Gender Gap Tracker does, by token overlap at 0.3 and at 0.8.
 */
export const quotesMeantime: Scorer = {
  layer: 'quotes',
  yardstick: 'MEANTIME (quotes-meantime.jsonl)',
  score(sharedDir): EvalResult {
    const records = readJsonLines<MeantimeRecord>(join(sharedDir, 'data', 'peers', 'quotes-meantime.jsonl'));
    const engine = createEngine();
    const misses = new MissLog();
    let gold = 0;
    let predicted = 0;
    let cueFound = 0;
    let speakerRight = 0;
    let pronounGold = 0;
    let pronounRight = 0;
    const spanHits = { 0.3: { gold: 0, predicted: 0 }, 0.8: { gold: 0, predicted: 0 } };
    for (const record of records) {
      const doc = engine.process({
        origin: { source: record.id },
        format: 'text',
        content: PREFIX + record.text,
        date: record.dct,
      });
      const quotes = doc.quotes ?? [];
      const toSource = (offset: number) => toSourceOffset(doc.offsetMap ?? [], offset);
      predicted += quotes.length;
      gold += record.quotes.length;
      for (const g of record.quotes) {
        const [cs, ce] = [g.cue_span[0] + PREFIX.length, g.cue_span[1] + PREFIX.length];
        const pronoun = /^(he|she)$/i.test(g.speaker_mention);
        if (pronoun) pronounGold++;
        const match = quotes.find((q) => {
          if (!q.cue) return false;
          const s = toSource(q.cue.start);
          const e = toSource(q.cue.end - 1);
          return s !== null && e !== null && s < ce && e + 1 > cs;
        });
        if (!match) {
          misses.add(
            `no quote at the cue "${g.cue_verb}"`,
            `${record.id}: ${g.speaker_mention} ${g.cue_verb}: ${g.quote_text.slice(0, 90)}`,
          );
          continue;
        }
        cueFound++;
        if (sameSpeaker(match, g, toSource)) {
          speakerRight++;
          if (pronoun) pronounRight++;
        } else {
          misses.add(
            match.speaker ? 'wrong speaker' : 'no speaker',
            `${record.id}: gold ${g.speaker} (${g.speaker_mention}), predicted ${match.speaker?.mention.text ?? '-'} ` +
              `→ ${match.speaker?.actor?.name ?? '-'}`,
          );
        }
      }
      for (const threshold of [0.3, 0.8] as const) {
        spanHits[threshold].gold += record.quotes.filter((g) =>
          quotes.some((q) => tokenOverlap(q.text, g.quote_text) >= threshold),
        ).length;
        spanHits[threshold].predicted += quotes.filter((q) =>
          record.quotes.some((g) => tokenOverlap(q.text, g.quote_text) >= threshold),
        ).length;
      }
      for (const q of quotes) {
        if (
          !record.quotes.some(
            (g) =>
              q.cue &&
              g.cue_span[0] + PREFIX.length <= (toSource(q.cue.end - 1) ?? -1) &&
              g.cue_span[1] + PREFIX.length > (toSource(q.cue.start) ?? Infinity),
          )
        ) {
          misses.add(
            'predicted quote with no gold report',
            `${record.id}: ${q.speaker?.mention.text ?? '-'} ${q.cue?.text ?? '(no cue)'}: ${q.text.slice(0, 90)}`,
          );
        }
      }
    }
    const attribution = prf(speakerRight, predicted, gold);
    const row = (metric: string, value: number, n: number, reference?: string): EvalRow => ({
      layer: 'quotes',
      yardstick: this.yardstick,
      metric,
      value,
      n,
      ...(reference ? { reference } : {}),
    });
    const spans = (t: 0.3 | 0.8) => prf(spanHits[t].predicted, predicted, gold);
    return {
      rows: [
        row('speaker precision', attribution.precision, predicted),
        row('speaker recall', attribution.recall, gold),
        row('speaker F1', attribution.f1, gold),
        row(
          'speaker right when the cue is found',
          cueFound ? speakerRight / cueFound : 0,
          cueFound,
          'GGT ~87% speaker accuracy',
        ),
        row('pronoun speakers resolved', pronounGold ? pronounRight / pronounGold : 0, pronounGold),
        row(
          'quote span F1 (overlap ≥ 0.3)',
          (2 * (spanHits[0.3].predicted / Math.max(1, predicted)) * (spanHits[0.3].gold / gold)) /
            Math.max(1e-9, spanHits[0.3].predicted / Math.max(1, predicted) + spanHits[0.3].gold / gold),
          gold,
          'GGT ~84 F1',
        ),
        row('quote span precision (≥ 0.3)', spans(0.3).precision, predicted),
        row('quote span recall (≥ 0.3)', spanHits[0.3].gold / gold, gold),
        row(
          'quote span F1 (overlap ≥ 0.8)',
          (2 * (spanHits[0.8].predicted / Math.max(1, predicted)) * (spanHits[0.8].gold / gold)) /
            Math.max(1e-9, spanHits[0.8].predicted / Math.max(1, predicted) + spanHits[0.8].gold / gold),
          gold,
        ),
      ],
      misses: misses.list(),
    };
  },
};
