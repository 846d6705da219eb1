import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { PipelineError } from './errors.js';
import { Pipeline } from './pipeline.js';
import { defineStage } from './stage.js';

const provideText = defineStage({
  name: 'text',
  needs: [],
  provides: ['text', 'paragraphs'],
  run: (doc) => ({ text: doc.input.content, paragraphs: [] }),
});
const needText = defineStage({
  name: 'sentences',
  needs: ['text'],
  provides: ['sentences', 'tokens'],
  run: () => ({ sentences: [], tokens: [] }),
});

describe('Pipeline.build', () => {
  it('accepts stages whose needs are met by earlier stages', () => {
    expect(Pipeline.build([provideText, needText]).stageNames).toEqual(['text', 'sentences']);
  });

  it('rejects a stage that needs a layer no earlier stage provides, naming both', () => {
    expect(() => Pipeline.build([needText, provideText])).toThrow(
      new PipelineError('stage "sentences" needs layer "text", which no earlier stage provides'),
    );
  });

  it('rejects a layer provided twice', () => {
    expect(() => Pipeline.build([provideText, provideText])).toThrow(/layer "text" is provided twice/);
  });

  it('stops after the stage named by until, and rejects an unknown one', () => {
    expect(Pipeline.build([provideText, needText], 'text').stageNames).toEqual(['text']);
    expect(() => Pipeline.build([provideText], 'nope')).toThrow(/unknown stage "nope"; stages are: text/);
  });

  it('times each stage and leaves the layers of stages not run undefined', () => {
    const engine = createEngine({ until: 'clean' });
    const doc = engine.process('Title line\n\nBody text here. Another sentence.');
    expect(doc.timings.map((t) => t.stage)).toEqual(['extract', 'clean']);
    expect(doc.timings.every((t) => t.ms >= 0)).toBe(true);
    expect(doc.text).toBe('Body text here. Another sentence.');
    expect(doc.sentences).toBeUndefined();
  });
});

describe('Pipeline: the reference date and given layers', () => {
  it('accepts layers the documents arrive with as provided', () => {
    expect(Pipeline.build([needText], undefined, ['text']).stageNames).toEqual(['sentences']);
  });

  it('refuses to give ctx.reference to a stage that runs before clean settled it', () => {
    const early = defineStage({
      name: 'early',
      needs: [],
      provides: ['text'],
      run: (_doc, ctx) => ({ text: String(ctx.reference) }),
    });
    const pipeline = Pipeline.build([early]);
    const resources = {
      knowledge: () => {
        throw new Error('unused');
      },
      events: () => {
        throw new Error('unused');
      },
    };
    expect(() => pipeline.run({ origin: { source: 'x' }, format: 'text', content: '' }, 'x', {}, resources)).toThrow(
      new PipelineError('stage "early" read ctx.reference before the clean stage settled it'),
    );
  });
});

describe('captions and credits as documents of their own', () => {
  const body =
    'Moon Jae-in met Mike Pence in Seoul on Friday.\n\nEpoch Times Photo\n' +
    'Mike Pence talks to Moon Jae-in in Seoul on Feb. 9, 2018.\n(STR/AFP/Getty ' +
    'Images)\n\nThe talks went on for an hour.';

  it('runs a caption through events and a credit through actors, with its offset in the source', () => {
    const doc = createEngine({ defaultDate: '2018-02-12' }).process(`A Headline\n\n${body}`);
    const [caption, credit] = doc.captions!;
    const source = doc.source!.text;
    expect(caption!.part).toEqual({
      removed: doc.removed!.findIndex((r) => r.kind === 'caption'),
      kind: 'caption',
      base: source.indexOf('Mike Pence talks'),
    });
    expect(caption!.timings.map((t) => t.stage)).toEqual([
      'sentences',
      'syntax',
      'actors',
      'times',
      'quotes',
      'events',
    ]);
    expect(caption!.reference).toEqual(doc.reference);
    expect(caption!.events!.map((e) => [e.source.actor.code, e.code, e.target?.actor.code, e.date?.value])).toEqual([
      ['USAGOV', '040', 'KORGOV', '2018-02-09'],
    ]);
    expect(credit!.part).toMatchObject({ kind: 'credit', base: source.indexOf('(STR/AFP') });
    expect(credit!.timings.map((t) => t.stage)).toEqual(['sentences', 'syntax', 'actors']);
    expect(credit!.actors!.map((a) => a.text)).toEqual(['AFP', 'Getty Images']);
  });

  it('stops them where the article stops', () => {
    expect(createEngine({ until: 'clean' }).process(`A Headline\n\n${body}`).captions).toBeUndefined();
    const doc = createEngine({ until: 'sentences' }).process(`A Headline\n\n${body}`);
    expect(doc.captions!.map((c) => c.timings.map((t) => t.stage))).toEqual([['sentences'], ['sentences']]);
  });
});
