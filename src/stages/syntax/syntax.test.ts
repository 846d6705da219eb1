import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine.js';
import { toDyadRecord } from '../../output/dyad-json.js';

const engine = createEngine({ defaultDate: '2024-05-01', until: 'syntax' });

/** The arcs of a one-sentence text as `dependent -relation-> head` strings (`root` for the root). */
function arcs(text: string): string[] {
  const doc = engine.process(text);
  const tokens = doc.tokens!;
  const { heads, deprels } = doc.syntax!;
  return tokens.map((t, i) => `${t.text} -${deprels[i]}-> ${heads[i]! < 0 ? 'ROOT' : tokens[heads[i]!]!.text}`);
}

// Structures the events and quotes stages read, in sentences of our own.
const TABLE: Array<[what: string, text: string, expected: string[]]> = [
  [
    'a passive with its agent',
    'Two soldiers were killed by rebels near the border.',
    ['soldiers -nsubj:pass-> killed', 'were -aux:pass-> killed', 'rebels -obl:agent-> killed', 'by -case-> rebels'],
  ],
  [
    'two subjects joined by "and"',
    'France and Germany signed the treaty on Friday.',
    ['France -nsubj-> signed', 'Germany -conj-> France', 'and -cc-> Germany', 'treaty -obj-> signed'],
  ],
  [
    'a reported clause',
    'The minister said the rebels had attacked the village.',
    ['said -root-> ROOT', 'attacked -ccomp-> said', 'rebels -nsubj-> attacked', 'village -obj-> attacked'],
  ],
  [
    'a "to" complement',
    'The president refused to meet the envoy.',
    ['meet -xcomp-> refused', 'to -mark-> meet', 'envoy -obj-> meet', 'president -nsubj-> refused'],
  ],
  [
    'a relative clause',
    'The soldiers who fired on the crowd were arrested.',
    ['fired -acl:relcl-> soldiers', 'who -nsubj-> fired', 'soldiers -nsubj:pass-> arrested'],
  ],
  [
    'a question',
    'Did the government approve the budget?',
    ['approve -root-> ROOT', 'Did -aux-> approve', 'government -nsubj-> approve', 'budget -obj-> approve'],
  ],
];

/** Parses the model still gets wrong: the backlog, not weakened assertions. */
const KNOWN_FAILURES: Array<[what: string, text: string, wrong: string]> = [
  [
    'three objects after a rare verb',
    'The army seized rifles, trucks and ammunition.',
    '"seized" attached to "rifles" as a modifier, and "rifles" becomes the root',
  ],
  [
    'three objects in a list',
    'Police arrested three men, two women and a boy.',
    '"boy" is joined to "arrested", not to "men" (the model of this session; the one before read it right)',
  ],
  [
    'an appositive title',
    "Jane Moreau, the bank's chief economist, warned of a recession.",
    '"warned" becomes a relative clause of "economist" and "Jane" the root',
  ],
];

describe('syntax stage: structures events need', () => {
  for (const [what, text, wrong] of KNOWN_FAILURES) it.todo(`${what}: ${text} (${wrong})`);

  it.each(TABLE)('%s: %s', (_what, text, expected) => {
    const got = arcs(text);
    for (const arc of expected) expect(got, `expected ${arc} in\n${got.join('\n')}`).toContain(arc);
  });

  it('gives every token a tag, a head in its own sentence and a relation, with one root per sentence', () => {
    const doc = engine.process(
      "Rebels backed by Iran attacked a terminal. Egypt warned that it wouldn't wait.\n\nTalks resume in mid-July.",
    );
    const { upos, heads, deprels } = doc.syntax!;
    expect(upos).toHaveLength(doc.tokens!.length);
    for (const s of doc.sentences!) {
      let roots = 0;
      for (let t = s.tokenStart; t < s.tokenEnd; t++) {
        if (heads[t]! < 0) roots++;
        else expect(heads[t]!).toBeGreaterThanOrEqual(s.tokenStart);
        expect(heads[t]!).toBeLessThan(s.tokenEnd);
        expect(deprels[t]).toMatch(/^[a-z]+(:[a-z]+)?$/);
      }
      expect(roots, s.text).toBe(1);
    }
    // wink's own tags stay in the tokens layer.
    expect(doc.tokens!.every((t) => typeof t.pos === 'string')).toBe(true);
  });
});

describe('syntax in the dyad/1 record', () => {
  it('adds the tag, head and relation to each token with --tokens', () => {
    const record = toDyadRecord(engine.process('Protesters blocked the road.'), { tokens: true });
    expect(record.tokens!.map((t) => [t.text, t.upos, t.head, t.deprel])).toEqual([
      ['Protesters', 'NOUN', 1, 'nsubj'],
      ['blocked', 'VERB', -1, 'root'],
      ['the', 'DET', 3, 'det'],
      ['road', 'NOUN', 1, 'obj'],
      ['.', 'PUNCT', 1, 'punct'],
    ]);
  });
});
