import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import type { Quote } from '../../document/types.js';
import { createEngine } from '../../engine.js';

const engine = createEngine({ defaultDate: '2018-02-12' });
function quotesOf(text: string) {
  const doc = engine.process(`Headline\n\n${text}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc;
}
const brief = (q: Quote) => ({
  kind: q.kind,
  text: q.text,
  speaker: q.speaker?.mention.text ?? null,
  actor: q.speaker?.actor?.code ?? null,
  cue: q.cue?.text ?? null,
  via: q.via?.mention.text ?? null,
});

describe('quotes: every cue order', () => {
  it.each([
    [
      '“We will talk,” Mike Pence said.',
      { kind: 'direct', text: 'We will talk,', speaker: 'Mike Pence', actor: 'USAGOV', cue: 'said', via: null },
    ],
    [
      '“We will talk,” said Mike Pence.',
      { kind: 'direct', text: 'We will talk,', speaker: 'Mike Pence', actor: 'USAGOV', cue: 'said', via: null },
    ],
    [
      'Mike Pence said: “We will talk.”',
      { kind: 'direct', text: 'We will talk.', speaker: 'Mike Pence', actor: 'USAGOV', cue: 'said', via: null },
    ],
    [
      'Mike Pence said that talks would resume soon.',
      {
        kind: 'indirect',
        text: 'talks would resume soon',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'said',
        via: null,
      },
    ],
    [
      'Talks would resume soon, Mike Pence said on Monday.',
      {
        kind: 'indirect',
        text: 'Talks would resume soon',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'said',
        via: null,
      },
    ],
    [
      'Talks would resume soon, said Mike Pence.',
      {
        kind: 'indirect',
        text: 'Talks would resume soon',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'said',
        via: null,
      },
    ],
    [
      'According to Mike Pence, talks would resume soon.',
      {
        kind: 'indirect',
        text: 'talks would resume soon',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'According to',
        via: null,
      },
    ],
    [
      'Talks would resume soon, according to Mike Pence.',
      {
        kind: 'indirect',
        text: 'Talks would resume soon',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'according to',
        via: null,
      },
    ],
    [
      'Mike Pence told Reuters that talks would resume soon.',
      {
        kind: 'indirect',
        text: 'talks would resume soon',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'told',
        via: 'Reuters',
      },
    ],
    [
      '“We will talk,” Mike Pence was quoted in The Washington Post.',
      {
        kind: 'direct',
        text: 'We will talk,',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'quoted',
        via: 'The Washington Post',
      },
    ],
    [
      '“We will talk,” Donald Trump said in an interview with the Wall Street Journal.',
      {
        kind: 'direct',
        text: 'We will talk,',
        speaker: 'Donald Trump',
        actor: 'USAGOV',
        cue: 'said',
        via: 'Wall Street Journal',
      },
    ],
    [
      'Mike Pence said Washington would keep up its “maximum pressure campaign” against Pyongyang.',
      {
        kind: 'mixed',
        text: 'Washington would keep up its “maximum pressure campaign” against Pyongyang',
        speaker: 'Mike Pence',
        actor: 'USAGOV',
        cue: 'said',
        via: null,
      },
    ],
    [
      'A South Korean government official said the talks would go on.',
      {
        kind: 'indirect',
        text: 'the talks would go on',
        speaker: 'A South Korean government official',
        actor: 'KORGOV',
        cue: 'said',
        via: null,
      },
    ],
    [
      'Louis Gallois, the Airbus chief executive, said the company would cut 4,300 jobs.',
      {
        kind: 'indirect',
        text: 'the company would cut 4,300 jobs',
        speaker: 'Louis Gallois',
        actor: null,
        cue: 'said',
        via: null,
      },
    ],
  ])('%s', (text, expected) => {
    expect(quotesOf(text).quotes!.map(brief)).toEqual([expected]);
  });

  it('keeps an unnamed source anonymous and its relaying outlet apart', () => {
    const [q] = quotesOf(
      'Thomas Bach will visit North Korea, a source within the Olympic movement told Reuters on Feb. 12.',
    ).quotes!;
    expect(q).toMatchObject({
      speaker: { mention: { text: 'a source within the Olympic movement' }, anonymous: true, actor: null },
      via: { mention: { text: 'Reuters' } },
    });
  });

  it('resolves a pronoun speaker through the actors layer', () => {
    const quotes = quotesOf('Mike Pence arrived in Seoul. He said talks would resume soon.').quotes!;
    expect(quotes.map((q) => [q.speaker?.mention.text, q.speaker?.actor?.name])).toEqual([['He', 'Mike Pence']]);
  });

  it('speaks for the issuer when a document is the subject ("the statement said")', () => {
    const quotes = quotesOf(
      'South Korea said it would seek more talks.\n\n“Korea will faithfully implement ' +
        'the sanctions,” the statement said.',
    ).quotes!;
    expect(quotes[1]).toMatchObject({
      speaker: { mention: { text: 'the statement' }, actor: { code: 'KOR' }, issuer: { text: 'South Korea' } },
    });
  });
});

describe('quotes: continuations', () => {
  it('gives a later quote in the same paragraph the speaker before it', () => {
    const quotes = quotesOf(
      '“They are feeling the strain,” said Brian Hook. “And we believe this pressure campaign works.”',
    ).quotes!;
    expect(quotes.map((q) => [q.speaker?.mention.text, q.rule, q.continuation ?? false])).toEqual([
      ['Brian Hook', 'quotes/direct-cue-after-inverted', false],
      ['Brian Hook', 'quotes/continuation', true],
    ]);
  });

  it('carries a quote over paragraphs when the first paragraph leaves it open', () => {
    const doc = quotesOf(
      'Mike Pence said: “We will keep up the pressure.\n\n“And we will talk when they are ready,” he added.',
    );
    expect(doc.quotes!.map((q) => [q.text.slice(0, 20), q.speaker?.actor?.name, q.rule])).toEqual([
      ['We will keep up the ', 'Mike Pence', 'quotes/direct-cue-before'],
      ['And we will talk whe', 'Mike Pence', 'quotes/direct-cue-after'],
    ]);
    expect(doc.diagnostics.filter((d) => d.rule === 'quotes/unclosed-mark')).toEqual([]);
  });

  it('warns about a quotation mark that never closes, and loses no text', () => {
    const doc = quotesOf('Mike Pence said: “We will keep up the pressure.\n\nOfficials met on Monday.');
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'warning', rule: 'quotes/unclosed-mark' }),
    );
    expect(doc.quotes![0]).toMatchObject({
      text: 'We will keep up the pressure.',
      speaker: { mention: { text: 'Mike Pence' } },
    });
    expect(doc.text).toContain('Officials met on Monday.');
  });

  it('does not carry a speaker into a paragraph that is not a quote', () => {
    const quotes = quotesOf(
      '“We will talk,” Mike Pence said.\n\nOfficials met on Monday and called ' +
        'it “a good start to the process of talks.”',
    ).quotes!;
    expect(quotes.filter((q) => q.continuation)).toEqual([]);
  });
});

describe('quotes: must not match', () => {
  it.each([
    ['scare quotes', 'The so-called “maximum pressure campaign” continued.', 'scare'],
    ['a title of a work', 'She starred in the film “Parasite Lost in the City” last year.', 'title'],
    ['single-quoted words', "The so-called 'reset' with Moscow failed.", 'scare'],
    ['a named operation', "The plan, dubbed 'Operation Calm', began.", 'title'],
  ])('%s', (_name, text, kind) => {
    const doc = quotesOf(text);
    expect(doc.quotes).toEqual([]);
    expect(doc.quotedPhrases!.map((p) => p.kind)).toEqual([kind]);
  });

  it.each([
    'South Korea and the United States agreed on terms for talks.',
    'The United States responded to the dialogue with caution.',
    "Korea's stance and the U.N.'s resolution were noted.",
    // A speech verb as an adjective, and in the passive: no one speaks.
    'The phone offers a claimed seven hours of talk time, up two hours from the old model.',
    'The glitch was not reported when the plane made its maiden flight.',
    // Inch marks are not quotation marks.
    'The laptop has a 15" screen, while the larger model has a 17" screen and a faster processor.',
  ])('no speech in "%s"', (text) => {
    expect(quotesOf(text).quotes).toEqual([]);
  });
});
