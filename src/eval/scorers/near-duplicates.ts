import { join } from 'node:path';
import { createEngine } from '../../engine.js';
import { minhash, MinhashIndex, similarity } from '../../store/minhash.js';
import { MissLog, type EvalResult, type Scorer } from '../scorer.js';
import { readJsonLines } from '../shared-data.js';

interface SampleArticle {
  id: string;
  title: string;
  date: string;
  topic_group: string;
  text: string;
}

/** How a copy differs from its first version. */
export type Edit =
  | 'paragraph added'
  | 'paragraph dropped'
  | 'paragraph reworded'
  | 'headline changed'
  | 'credit line added';
const EDITS: readonly Edit[] = [
  'paragraph added',
  'paragraph dropped',
  'paragraph reworded',
  'headline changed',
  'credit line added',
];

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/**
 * An article's sentences grouped into paragraphs the way wire copy runs: about forty words each,
 * one sentence at least, and no paragraph over a quarter of a short article (the sample keeps no
 * paragraph breaks, so they are remade).
 */
export function paragraphsOf(text: string): string[] {
  const sentences = text.split(/(?<=[.!?]["”]?)\s+(?=["“]?[A-Z])/);
  const most = Math.max(1, words(text) / 4);
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const sentence of sentences) {
    const size = words(current.join(' '));
    if (current.length && (size >= 40 || size + words(sentence) > most)) {
      paragraphs.push(current.join(' '));
      current = [];
    }
    current.push(sentence);
  }
  if (current.length) paragraphs.push(current.join(' '));
  return paragraphs;
}

/** Words an editor might put in, in turn: every fourth word of a reworded paragraph becomes one. */
const REWORDING = ['reportedly', 'also', 'meanwhile', 'further'];

/**
 * A copy of `paragraphs` with one edit, at a place chosen from `pick` (0 ≤ pick < 1); `donor` is
 * another article's paragraph, for an added one. Null when the article is too short for the edit
 * (a paragraph is dropped only from an article of three or more).
 */
export function editedCopy(
  title: string,
  paragraphs: readonly string[],
  edit: Edit,
  pick: number,
  donor: string,
): { title: string; paragraphs: string[] } | null {
  const at = Math.floor(pick * paragraphs.length);
  const out = [...paragraphs];
  switch (edit) {
    case 'paragraph added':
      out.splice(at + 1, 0, donor);
      return { title, paragraphs: out };
    case 'paragraph dropped':
      if (paragraphs.length < 3) return null;
      out.splice(at, 1);
      return { title, paragraphs: out };
    case 'paragraph reworded':
      out[at] = out[at]!.split(' ')
        .map((w, i) => (i % 4 === 1 ? REWORDING[(i >> 2) % REWORDING.length]! : w))
        .join(' ');
      return { title, paragraphs: out };
    case 'headline changed':
      return { title: `Update: ${title.split(' ').reverse().join(' ')}`, paragraphs: out };
    case 'credit line added':
      return { title, paragraphs: [...out, '(Reporting by Jane Roe in Brussels; editing by John Doe)'] };
  }
}

/** A fixed-seed generator (xorshift), so that the generated copies are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/**
 * Near-duplicates on the Wikinews sample (120 articles, four topics of 30 stories each, many
 * on the same market day or the same company): every article is coded and its cleaned text's
 * signature stored in order, none may be linked to an earlier one; then five generated copies of
 * each (a paragraph added from another story of its topic, a paragraph dropped, a paragraph
 * reworded, a new headline, a credit line) are looked up, each must be linked to its own first copy.
 */
export const nearDuplicatesWikinews: Scorer = {
  layer: 'duplicates',
  yardstick: 'Wikinews sample, generated copies',
  score(sharedDir): EvalResult {
    const articles = readJsonLines<SampleArticle>(join(sharedDir, 'data', 'corpus', 'wikinews-sample.jsonl'));
    const engine = createEngine();
    const textOf = (title: string, paragraphs: readonly string[], date: string) =>
      engine.process({
        origin: { source: 'near-duplicates' },
        format: 'text',
        content: `${title}\n\n${date}\n\n${paragraphs.join('\n\n')}`,
      }).text ?? '';
    const index = new MinhashIndex();
    const misses = new MissLog();
    const paragraphs = articles.map((a) => paragraphsOf(a.text));
    let falseLinks = 0;
    const originals: Uint16Array[] = [];
    articles.forEach((a, i) => {
      const signature = minhash(textOf(a.title, paragraphs[i]!, a.date));
      originals.push(signature);
      const linked = index.find(signature);
      if (linked) {
        falseLinks++;
        misses.add('different articles linked', `${a.id} linked to ${linked}`);
      }
      index.add(a.id, signature);
    });
    const random = seeded(0x2f6b1d37);
    let leastSimilarCopy = 1;
    const found = new Map<Edit, number>(EDITS.map((e) => [e, 0]));
    const tried = new Map<Edit, number>(EDITS.map((e) => [e, 0]));
    articles.forEach((a, i) => {
      const sameTopic = articles.filter((b, j) => j !== i && b.topic_group === a.topic_group);
      const donorParagraphs = paragraphs[articles.indexOf(sameTopic[Math.floor(random() * sameTopic.length)]!)]!;
      const donor = donorParagraphs[Math.floor(random() * donorParagraphs.length)]!;
      for (const edit of EDITS) {
        const copy = editedCopy(a.title, paragraphs[i]!, edit, random(), donor);
        if (!copy) continue;
        tried.set(edit, tried.get(edit)! + 1);
        const signature = minhash(textOf(copy.title, copy.paragraphs, a.date));
        leastSimilarCopy = Math.min(leastSimilarCopy, similarity(signature, originals[i]!));
        const linked = index.find(signature);
        if (linked === a.id) found.set(edit, found.get(edit)! + 1);
        else if (linked) {
          falseLinks++;
          misses.add('different articles linked', `${a.id} (${edit}) linked to ${linked}`);
        } else
          misses.add(
            `copy not found: ${edit}`,
            `${a.id} (${words(a.text)} words, ${paragraphs[i]!.length} paragraphs)`,
          );
      }
    });
    // The margins either side of the threshold: the least similar copy, the most similar two articles.
    let mostSimilarPair = 0;
    originals.forEach((a, i) =>
      originals.slice(0, i).forEach((b) => (mostSimilarPair = Math.max(mostSimilarPair, similarity(a, b)))),
    );
    const total = [...tried.values()].reduce((s, n) => s + n, 0);
    const recall = [...found.values()].reduce((s, n) => s + n, 0) / total;
    const row = (metric: string, value: number, n: number, reference?: string) => ({
      layer: 'duplicates',
      yardstick: this.yardstick,
      metric,
      value,
      n,
      ...(reference ? { reference } : {}),
    });
    return {
      rows: [
        row('copies linked to their first copy', recall, total, 'SimHash at 4 bits (before): 45.8%'),
        ...EDITS.map((e) => row(`  ${e}`, found.get(e)! / tried.get(e)!, tried.get(e)!)),
        row(
          'different articles linked (share of lookups)',
          falseLinks / (articles.length + total),
          articles.length + total,
        ),
        row('signature agreement, least similar copy', leastSimilarCopy, total, 'threshold 45%'),
        row(
          'signature agreement, most similar two articles',
          mostSimilarPair,
          (articles.length * (articles.length - 1)) / 2,
        ),
      ],
      misses: misses.list(),
    };
  },
};
