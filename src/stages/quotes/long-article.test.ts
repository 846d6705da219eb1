import { describe, expect, it } from 'vitest';
import { createEngine, DEFAULT_STAGES } from '../../engine.js';
import type { AnyStage } from '../../pipeline/stage.js';
import { quotesStage } from './index.js';

/** Short sentences of every kind the stage reads, numbered so that no paragraph repeats. */
const SENTENCES = [
  (k: number) => `“In ${k} days we will talk,” Mike Pence said.`,
  (k: number) => `Officials said the talks would resume in ${k} days.`,
  (k: number) => `The ministry met ${k} times.`,
  (k: number) => `Prices rose ${k} points, the central bank said.`,
  (k: number) => `According to a source, ${k} people were hurt.`,
  (k: number) => `Rain fell on ${k} towns.`,
];

function article(sentences: number): string {
  const paragraphs: string[] = [];
  for (let k = 0; k < sentences; k += 5) {
    const group = [];
    for (let j = k; j < Math.min(sentences, k + 5); j++) group.push(SENTENCES[j % SENTENCES.length]!(j));
    paragraphs.push(group.join(' '));
  }
  return `A long article\n\n${paragraphs.join('\n\n')}`;
}

/** An array whose element reads are counted (index reads only; length and methods are free). */
function counted<T>(items: readonly T[], reads: { n: number }): readonly T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.n++;
      return Reflect.get(target, key, receiver);
    },
  });
}

/** Runs the pipeline with a quotes stage that counts its reads of the layers it is given. */
function quoteReads(sentences: number): { reads: number; quotes: number } {
  const reads = { n: 0 };
  const counting: AnyStage = {
    ...(quotesStage as unknown as AnyStage),
    run(doc, ctx) {
      const d = doc as unknown as Record<string, unknown>;
      const layers = ['tokens', 'sentences', 'paragraphs', 'actors', 'times'] as const;
      const wrapped = { ...d };
      for (const name of layers) wrapped[name] = counted(d[name] as unknown[], reads);
      return (quotesStage as unknown as AnyStage).run(wrapped as never, ctx);
    },
  };
  const stages = DEFAULT_STAGES.slice(
    0,
    DEFAULT_STAGES.findIndex((s) => s.name === 'quotes'),
  );
  const engine = createEngine({ defaultDate: '2024-01-01', stages: [...stages, counting] });
  const doc = engine.process(article(sentences));
  return { reads: reads.n, quotes: doc.quotes?.length ?? 0 };
}

describe('quotes: long articles', () => {
  it('reads the document a bounded number of times per sentence, however long the article', () => {
    const short = quoteReads(240);
    const long = quoteReads(960);
    // The articles are real work: a quote in most sentences that hold a cue.
    expect(short.quotes).toBeGreaterThan(100);
    expect(long.quotes).toBeGreaterThan(4 * 100);
    // Linear work grows 4× with 4× the text; work per quote times the article's quotes grows 16×.
    expect(long.reads / short.reads).toBeLessThan(5);
  }, 120_000);
});
