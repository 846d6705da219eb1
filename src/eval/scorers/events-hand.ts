import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodedEvent } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { MissLog, type EvalResult, type Scorer } from '../scorer.js';
import { readCorpusArticles, readJsonLines } from '../shared-data.js';

/** One event a careful coder would code from an article of the shared corpus (`eval/README.md`). */
interface HandCodedEvent {
  article: string;
  source: string;
  target: string;
  root: string;
  /** A joint act ("the two leaders discussed"), found in either direction. */
  both_ways?: boolean;
  why: string;
}

const HAND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'eval');

const country = (code: string | null | undefined): string => (code ?? '').slice(0, 3);

/** Whether a coded event stands for a hand-coded one: same root, same countries, not background. */
export function eventMatches(gold: HandCodedEvent, event: CodedEvent): boolean {
  if (event.root !== gold.root || !event.target || event.historical) return false;
  const from = country(event.source.actor.code);
  const to = country(event.target.actor.code);
  if (from === gold.source && to === gold.target) return true;
  return gold.both_ways === true && from === gold.target && to === gold.source;
}

/**
 * Recall on ten articles coded by hand (issue 21): the share of the events a careful coder
 * would code that Dyad finds with source, target and root right. The number of events coded
 * in the same articles is printed beside it, since recall alone rewards coding everything.
 */
export const eventsHandRecall: Scorer = {
  layer: 'events-hand',
  yardstick: 'ten articles of the corpus coded by hand',
  score(sharedDir): EvalResult {
    const ids = readFileSync(join(HAND_DIR, 'hand-coded-articles.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const gold = readJsonLines<HandCodedEvent>(join(HAND_DIR, 'hand-coded-events.jsonl'));
    const corpus = new Map(readCorpusArticles(sharedDir).map((a) => [a.id, a]));

    const engine = createEngine();
    const misses = new MissLog();
    let found = 0;
    let coded = 0;
    let codedMatching = 0;
    for (const id of ids) {
      const article = corpus.get(id);
      if (!article) throw new Error(`eval/hand-coded-articles.txt: ${id} is not in ../shared/data/corpus`);
      const doc = engine.process({
        origin: { source: id },
        format: 'text',
        content: article.text,
        title: article.title,
        date: article.date,
      });
      // Background acts are left out of counts, as the store leaves them out.
      const events = (doc.events ?? []).filter((e) => !e.historical);
      const expected = gold.filter((g) => g.article === id);
      coded += events.length;
      codedMatching += events.filter((e) => expected.some((g) => eventMatches(g, e))).length;
      const list = events.map((e) => `${e.source.actor.code}→${e.target?.actor.code ?? '-'} ${e.code}`).join(', ');
      for (const g of expected) {
        if (events.some((e) => eventMatches(g, e))) found++;
        else
          misses.add(
            'hand-coded event not found',
            `${id}: ${g.source}→${g.target} ${g.root} (${g.why}); coded ${list}`,
          );
      }
      for (const e of events)
        if (!expected.some((g) => eventMatches(g, e)))
          misses.add(
            'coded event no hand-coded line stands for',
            `${id}: ${e.source.actor.code}→${e.target?.actor.code ?? '-'} ${e.code} "${e.text}"`,
          );
    }
    const row = { layer: 'events', yardstick: 'hand-coded, 10 articles' };
    return {
      rows: [
        { ...row, metric: 'recall (source, target, root right)', value: found / (gold.length || 1), n: gold.length },
        { ...row, metric: 'events coded in the ten articles', value: coded, n: ids.length, unit: 'count' },
        {
          ...row,
          metric: 'share of coded events a hand-coded line stands for',
          value: codedMatching / (coded || 1),
          n: coded,
        },
      ],
      misses: misses.list(),
    };
  },
};
