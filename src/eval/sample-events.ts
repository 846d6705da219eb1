import { createEngine } from '../engine.js';
import { shuffle } from '../nlp/syntax/hash.js';
import { findSharedDir, readCorpusArticles } from './shared-data.js';

/**
 * Draws events at random from coding the shared corpus, for a review by hand (issue 21): each with
 * its article, evidence sentence, parties, code, date and place, so that a reviewer judges every
 * field against the text. `node dist/eval/sample-events.js [COUNT] [SEED]` (50 and 2026 by default).
 */

/**
 * mulberry32, the generator the recorded hand review was drawn with (the parser's own seeded
 * generator is another algorithm and would draw another sample).
 */
function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function main(): void {
  const shared = findSharedDir();
  if (!shared) {
    console.log('sample-events: ../shared (or DYAD_SHARED) not found; the corpus lives there. Skipping.');
    return;
  }
  const count = Number(process.argv[2] ?? 50);
  const seed = Number(process.argv[3] ?? 2026);
  const engine = createEngine();
  const all: string[] = [];
  for (const article of readCorpusArticles(shared)) {
    const doc = engine.process({
      origin: { source: article.id },
      format: 'text',
      content: article.text,
      title: article.title,
      date: article.date,
    });
    for (const e of doc.events ?? []) {
      const party = (p: typeof e.source | null) => (p ? `${p.actor.code} (${p.mention.text})` : '-');
      const flags = [e.negated && 'negated', e.intent && 'intent', e.historical && 'historical']
        .filter(Boolean)
        .join(', ');
      all.push(
        [
          `${article.id} (published ${article.date})`,
          `  ${party(e.source)} → ${party(e.target)}: ${e.code} ${e.name}${flags ? ` [${flags}]` : ''}`,
          `  trigger "${e.text}"; date ${e.date?.value ?? '-'}; place ${e.place?.name ?? '-'}`,
          `  evidence: ${e.evidence.text}`,
        ].join('\n'),
      );
    }
  }
  shuffle(all, seededRandom(seed));
  console.log(`${all.length} events coded; ${Math.min(count, all.length)} drawn with seed ${seed}\n`);
  all.slice(0, count).forEach((entry, i) => console.log(`${i + 1}. ${entry}\n`));
}

main();
