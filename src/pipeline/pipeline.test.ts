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
    expect(() => Pipeline.build([needText, provideText])).toThrow(new PipelineError('stage "sentences" needs layer "text", which no earlier stage provides'));
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
