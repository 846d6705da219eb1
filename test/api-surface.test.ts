import { describe, expect, it } from 'vitest';
import * as dyad from '../src/index.js';

describe('public API', () => {
  it('exports exactly the pinned runtime names (change this list only on purpose)', () => {
    expect(Object.keys(dyad).sort()).toEqual([
      'DyadError',
      'ENGINE_VERSION',
      'PipelineError',
      'SCHEMA_ID',
      'articleId',
      'checkInvariants',
      'createEngine',
      'formatDiagnostic',
      'toDyadRecord',
      'toSourceOffset',
    ]);
  });

  it('codes plain text through createEngine().process()', () => {
    const engine = dyad.createEngine({ defaultDate: '2020-01-02' });
    const doc = engine.process('Rebels attacked the town.\n\nThe army said it repelled them.');
    expect(engine.stages).toEqual(['extract', 'clean', 'sentences', 'syntax', 'actors', 'times', 'quotes', 'events']);
    expect(doc.sentences?.map((s) => s.text)).toEqual(['Rebels attacked the town.', 'The army said it repelled them.']);
    expect(doc.meta?.published).toBe('2020-01-02');
    expect(dyad.checkInvariants(doc)).toEqual([]);
  });
});
