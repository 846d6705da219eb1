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
    // A speech verb after an adverb and an article, after "as", and in a purpose clause.
    'Pre-orders of the recently announced phone began on Tuesday.',
    'The phone is sold as a revolutionary device, as stated on the company website.',
    'Central banks injected funds to add liquidity to their banking systems.',
  ])('no speech in "%s"', (text) => {
    expect(quotesOf(text).quotes).toEqual([]);
  });
});

/** What a quote says about who spoke, in the terms of the parse rules. */
const who = (q: Quote) => ({
  kind: q.kind,
  text: q.text,
  speaker: q.speaker?.mention.text ?? null,
  cue: q.cue?.text ?? null,
  via: q.via?.mention.text ?? null,
});

describe('quotes on the parse: each phenomenon and its twin that must yield nothing', () => {
  it.each([
    [
      'a cue inside the clause it reports',
      'The talks, she said on Tuesday, would resume.',
      {
        kind: 'indirect',
        text: 'The talks, she said on Tuesday, would resume',
        speaker: 'she',
        cue: 'said',
        via: null,
      },
      'The talks, which she attended on Tuesday, would resume.',
    ],
    [
      'a court speaks when it rules that something is so',
      'The Hanoi court ruled that the contract was void.',
      { kind: 'indirect', text: 'the contract was void', speaker: 'The Hanoi court', cue: 'ruled', via: null },
      'The Hanoi court ruled on the contract in March.',
    ],
    [
      'a ministry speaks',
      'The ministry said the border would reopen.',
      { kind: 'indirect', text: 'the border would reopen', speaker: 'The ministry', cue: 'said', via: null },
      'The ministry reopened the border.',
    ],
    [
      'an outlet relays and the document it cites speaks',
      'The ministry will close schools, Japanese media reported, citing a decree.',
      {
        kind: 'indirect',
        text: 'The ministry will close schools',
        speaker: 'a decree',
        cue: 'reported',
        via: 'Japanese media',
      },
      'Japanese media covered the closure of schools.',
    ],
    [
      'an outlet that cites no one is the relay, and no one is the speaker',
      'Schools will close next week, Japanese media reported.',
      { kind: 'indirect', text: 'Schools will close next week', speaker: null, cue: 'reported', via: 'Japanese media' },
      'Japanese media filled the week with school news.',
    ],
    [
      'a fronted adverbial is not the content',
      'In a radio interview on Friday, the senator said that the bill was dead.',
      { kind: 'indirect', text: 'the bill was dead', speaker: 'the senator', cue: 'said', via: null },
      'In a radio interview on Friday, the senator praised the bill.',
    ],
    [
      'a speech noun with a by-phrase',
      'Parents were surprised by the announcement by the ministry that schools would close.',
      { kind: 'indirect', text: 'schools would close', speaker: 'the ministry', cue: 'announcement', via: null },
      'The announcement surprised parents.',
    ],
    [
      'a speech noun with a possessor',
      "Investors welcomed the bank's statement that rates would stay low.",
      { kind: 'indirect', text: 'rates would stay low', speaker: 'the bank', cue: 'statement', via: null },
      "The bank's statement ran to ten pages.",
    ],
    [
      'a direct quote whose cue stands past a long appositive',
      '“Both capitals are under pressure,” Ayesha Rahman, a security analyst in Lahore, told Reuters.',
      {
        kind: 'direct',
        text: 'Both capitals are under pressure,',
        speaker: 'Ayesha Rahman',
        cue: 'told',
        via: 'Reuters',
      },
      'Ayesha Rahman, a security analyst in Lahore, told Reuters about her new book.',
    ],
    [
      'a naming verb with a quoted name reports the words',
      'The mayor described the flood as a “once-in-a-century disaster” in her briefing.',
      {
        kind: 'mixed',
        text: 'the flood as a “once-in-a-century disaster” in her briefing',
        speaker: 'The mayor',
        cue: 'described',
        via: null,
      },
      'The mayor described the flood route to reporters.',
    ],
    [
      'a naming verb in a relative clause, its closing mark kept',
      'The coach unveiled what she called a “fresh start” for the club.',
      { kind: 'mixed', text: 'a “fresh start” for the club', speaker: 'she', cue: 'called', via: null },
      'The coach called a meeting for Friday.',
    ],
    [
      'a name in quotation marks is not said when a participle gives it',
      'The mayor described the new harbour as “a gift to the city” on Monday.',
      {
        kind: 'mixed',
        text: 'the new harbour as “a gift to the city” on Monday',
        speaker: 'The mayor',
        cue: 'described',
        via: null,
      },
      'The project, called “Blue Harbour”, was drafted by the city council.',
    ],
    [
      'a request: its listener and what was asked',
      'The governor asked the federal government for an extra $2 billion in aid.',
      {
        kind: 'indirect',
        text: 'the federal government for an extra $2 billion in aid',
        speaker: 'The governor',
        cue: 'asked',
        via: null,
      },
      'Officials asked about the plan declined to comment.',
    ],
    [
      'an appeal is a request, but not in the passive',
      'Mayor Lisa Brandt urged residents to stay indoors.',
      { kind: 'indirect', text: 'residents to stay indoors', speaker: 'Mayor Lisa Brandt', cue: 'urged', via: null },
      'Residents were urged to stay indoors.',
    ],
    [
      'a negated speech verb said nothing',
      'The minister said the talks would resume.',
      { kind: 'indirect', text: 'the talks would resume', speaker: 'The minister', cue: 'said', via: null },
      'The minister did not say whether the talks would resume.',
    ],
    [
      'a speech verb negated by "never" said nothing either',
      'The union said that the strike was over.',
      { kind: 'indirect', text: 'the strike was over', speaker: 'The union', cue: 'said', via: null },
      'The union never said that the strike was over.',
    ],
  ])('%s', (_name, text, expected, twin) => {
    expect(quotesOf(text).quotes!.map(who)).toEqual([expected]);
    expect(quotesOf(twin).quotes!.map(who)).toEqual([]);
  });

  it('keeps a mixed quote one quote, its quoted words inside the reported clause', () => {
    const quotes = quotesOf(
      'Mike Pence said the deal was “a historic step, and a fair one,” and the talks would go on.',
    ).quotes!;
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({
      kind: 'mixed',
      speaker: { mention: { text: 'Mike Pence' } },
      cue: { text: 'said' },
    });
    expect(quotes[0]!.text).toMatch(/^the deal was “a historic step, and a fair one/);
    // Its twin: quoted words inside a sentence no one reports.
    expect(quotesOf('The deal, a “historic step” for both sides, was signed.').quotes).toEqual([]);
  });

  it('never takes quoted words for the speaker of a verb conjoined to the quotation', () => {
    const speakers = (text: string) => quotesOf(text).quotes!.map((q) => q.speaker?.mention.text ?? null);
    expect(speakers('Speaking to staff she said that “The bank is gone.”')).toEqual(['she']);
    // Where the parse takes "The bank" for the subject of "described", no second quote is better than
    // that one; where it reads "described" as conjoined to "said", she names the "new bank".
    expect(
      speakers(
        'Speaking to staff she said that “The bank that failed you is gone,” and described a “new bank” that she ' +
          'expected to grow from the merger.',
      ).filter((s) => s !== 'she'),
    ).toEqual([]);
  });

  it("reports the clause, never the words of the speaker's own title", () => {
    const quotes = quotesOf(
      'Britain, Canada and the United States announced coordinated sanctions the same day. U.S. Secretary of ' +
        'State Antony Blinken said that Washington and its partners were acting together to demand accountability.',
    ).quotes!;
    expect(quotes.find((q) => q.cue?.text === 'said')?.text).toBe(
      'Washington and its partners were acting together to demand accountability',
    );
    expect(quotes.filter((q) => q.text.includes('Secretary'))).toEqual([]);
  });

  it('takes neither a day nor an object for the speaker', () => {
    const quotes = quotesOf(
      'Apple Computer today announced its latest phone. Stocks rose on Friday, after the bank chief Ben Bernanke ' +
        'said that the economy was starting to recover.',
    ).quotes!;
    const speakers = quotes.map((q) => q.speaker?.mention.text ?? '');
    expect(speakers).toHaveLength(2);
    expect(speakers[0]).toBe('Apple Computer');
    // With or without his title, but never the day.
    expect(speakers[1]).toMatch(/^(the bank chief )?Ben Bernanke$/);
  });

  it.each(['“” he said.', 'He said “”.', '“ ,” she said.'])('makes no empty quote of "%s"', (text) => {
    expect(quotesOf(text).quotes!.filter((q) => q.text.trim() === '' || !/[\p{L}\p{N}]/u.test(q.text))).toEqual([]);
  });
});
