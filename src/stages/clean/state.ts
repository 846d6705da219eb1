import type { ArticleMeta, RemovedKind, SourceParagraph } from '../../document/types.js';
import type { StageContext } from '../../pipeline/context.js';

/** A source paragraph and the cleaner's verdict on it so far. */
export interface CleanParagraph extends SourceParagraph {
  /** Set when a step decided the paragraph is not body text. */
  removed?: { kind: RemovedKind; rule: string };
  /** Characters at the start of a body paragraph that are furniture (a dateline), if any. */
  strip?: { length: number; kind: RemovedKind; rule: string };
}

/** What the cleaning steps share: the paragraphs with verdicts and the metadata being recovered. */
export interface CleanState {
  paragraphs: CleanParagraph[];
  meta: ArticleMeta;
  sourceText: string;
  /** The article as messages name it (`file.jsonl`, with the record's id when it has one). */
  record: string;
}

/** A cleaning step: reads and refines the state; steps run in the order `index.ts` lists them. */
export type CleanStep = (state: CleanState, ctx: StageContext) => void;

/** Marks a paragraph as removed, keeping the first verdict when several steps agree. */
export function remove(p: CleanParagraph, kind: RemovedKind, rule: string): void {
  p.removed ??= { kind, rule };
}

/** The paragraphs still counted as body, with their indexes. */
export function bodyParagraphs(state: CleanState): Array<[CleanParagraph, number]> {
  const out: Array<[CleanParagraph, number]> = [];
  state.paragraphs.forEach((p, i) => {
    if (!p.removed) out.push([p, i]);
  });
  return out;
}

/** Wire agencies whose name in a dateline or contribution line names the story's agency. */
export const WIRE_AGENCIES = new Map<string, string>([
  ['reuters', 'Reuters'],
  ['ap', 'Associated Press'],
  ['the associated press', 'Associated Press'],
  ['associated press', 'Associated Press'],
  ['afp', 'AFP'],
  ['agence france-presse', 'AFP'],
  ['bloomberg', 'Bloomberg'],
  ['xinhua', 'Xinhua'],
  ['yonhap', 'Yonhap'],
  ['kyodo', 'Kyodo'],
  ['dpa', 'dpa'],
  ['efe', 'EFE'],
  ['ansa', 'ANSA'],
  ['tass', 'TASS'],
  ['anadolu', 'Anadolu'],
  ['upi', 'UPI'],
  ['cnn', 'CNN'],
  ['the epoch times', 'The Epoch Times'],
]);

/** The canonical agency name for a wire name as written, or null. */
export function agencyName(written: string): string | null {
  return WIRE_AGENCIES.get(written.trim().toLowerCase()) ?? null;
}
