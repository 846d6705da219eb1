import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine.js';
import { actorsStage } from '../src/stages/actors/index.js';
import { cleanStage } from '../src/stages/clean/index.js';
import { extractStage } from '../src/stages/extract/index.js';
import { sentencesStage } from '../src/stages/sentences/index.js';

// The stages up to actors, without the parser: the actors stage reads tokens and sentences only.
const engine = createEngine({
  stages: [extractStage, cleanStage, sentencesStage, actorsStage],
  defaultDate: '2020-03-02',
});

const SENTENCES = [
  'Chancellor Angela Merkel met Chinese officials in Beijing on Monday near {}.',
  'Kenji Morimoto, a Japanese diplomat, said he would visit {}.',
  'She told reporters in Tokyo that “talks go on” at {}.',
  'The U.S. military said it had no plans for {}.',
  'Mr. Halvorsen of Norway told the BBC that prices rose in {}.',
  'Officials from the communist state declined to comment on {}.',
];

/** An article of about `kb` kilobytes of short sentences, four to a paragraph, each naming a place of its own. */
function longArticle(kb: number): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < kb * 1000; ) {
    const paragraph: string[] = [];
    for (let k = 0; k < 4; k++, i++)
      paragraph.push(SENTENCES[i % SENTENCES.length]!.replace('{}', `Town${(i * 7919).toString(36)}`));
    paragraphs.push(paragraph.join(' '));
    size += paragraphs.at(-1)!.length + 2;
  }
  return `A long story\n\n${paragraphs.join('\n\n')}`;
}

/** The least time of three runs of each stage on an article, in ms. */
function stageTimes(content: string): Map<string, number> {
  const best = new Map<string, number>();
  for (let run = 0; run < 3; run++) {
    const doc = engine.process({ origin: { source: 'long' }, format: 'text', content });
    for (const { stage, ms } of doc.timings) best.set(stage, Math.min(best.get(stage) ?? Number.POSITIVE_INFINITY, ms));
  }
  return best;
}

describe('long articles', () => {
  it('are read by the sentences and actors stages in time linear in their length', () => {
    engine.process(longArticle(5));
    const small = stageTimes(longArticle(40));
    const large = stageTimes(longArticle(160));
    // Four times the text: linear work takes about four times as long, quadratic sixteen. The bound is
    // generous because the machine is shared; the steps' own tests (quoted.test.ts) are the sharp ones.
    for (const stage of ['sentences', 'actors']) {
      expect(large.get(stage)! / Math.max(small.get(stage)!, 1), stage).toBeLessThan(10);
    }
  });
});
