import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import { createEngine } from '../../engine.js';

const engine = createEngine({ until: 'clean' });

/** Cleans `body` under a fixed title so the first line is never mistaken for body text. */
function clean(body: string) {
  const doc = engine.process(`A Headline About Talks\n\n${body}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc;
}

describe('clean: page furniture is removed with its kind and rule', () => {
  it.each([
    ['(STR/AFP/Getty Images)', 'credit', 'clean/photo-credit'],
    ['(Photo by Jung Yeon-je/AFP via Getty Images)', 'credit', 'clean/photo-credit'],
    ['(Reuters/Kim Hong-Ji)', 'credit', 'clean/photo-credit'],
    ['Photo: Reuters', 'credit', 'clean/photo-credit'],
    [
      'Soldiers patrol the border near Panmunjom on Monday. (Aris Messinis/AFP/Getty Images)',
      'caption',
      'clean/caption-with-credit',
    ],
    ['Related: Five things to know about the summit', 'promo', 'clean/promo'],
    ['READ MORE: Why the talks collapsed', 'promo', 'clean/promo'],
    ['Sign up for our daily newsletter to get the news in your inbox.', 'newsletter', 'clean/newsletter'],
    ['Follow Simon on Twitter: @SPVeazey', 'social-follow', 'clean/social-follow'],
    ['Reuters contributed to this report.', 'contribution', 'clean/contribution'],
    ['Reporting by Hyonhee Shin; Editing by Lincoln Feast', 'contribution', 'clean/contribution'],
    ['© 2019 Example News. All rights reserved.', 'boilerplate', 'clean/boilerplate'],
    ['Mehr zum Thema', 'promo', 'clean/promo'],
    ['Das könnte Sie auch interessieren!', 'promo', 'clean/promo'],
    ['À lire aussi : la grève continue', 'promo', 'clean/promo'],
    ['Czytaj także:', 'promo', 'clean/promo'],
    ['Aktualisiert: 11.04.2020, 10:27', 'date-line', 'clean/date-stamp'],
    ['7. oktober 2020', 'date-line', 'clean/date-stamp'],
    ['opublikowano: 2021-04-29 17:13', 'date-line', 'clean/date-stamp'],
    ['Dienstag, 6. Mai 2014 um 23:30', 'date-line', 'clean/date-stamp'],
    ['Kommentare schreiben', 'boilerplate', 'clean/boilerplate'],
    ['Leave a comment', 'boilerplate', 'clean/boilerplate'],
    ['War der Artikel hilfreich? (12 Stimmen) Loading...', 'boilerplate', 'clean/boilerplate'],
    ['This entry was posted in News. Bookmark the permalink.', 'boilerplate', 'clean/boilerplate'],
    ['Foto: Stadtverwaltung', 'credit', 'clean/photo-credit'],
    ['Źródło: agencja', 'credit', 'clean/photo-credit'],
  ])('%s → %s', (line, kind, rule) => {
    const doc = clean(
      `Officials met in Seoul on Monday to discuss the plan.\n\n${line}\n\nThe ` +
        `talks ended without agreement after four hours.`,
    );
    expect(doc.removed).toContainEqual(expect.objectContaining({ kind, rule, text: line }));
    expect(doc.text).toBe(
      'Officials met in Seoul on Monday to discuss the plan.\n\nThe talks ended without agreement after four hours.',
    );
  });

  it.each(['Epoch Times Photo', 'Photo:', 'Video', 'AP Photo'])('takes %s as a photo marker', (marker) => {
    const doc = clean(`Body one is here.\n\n${marker}\n(STR/AFP/Getty Images)\n\nBody two is here.`);
    expect(doc.removed?.slice(1).map((r) => [r.kind, r.text])).toEqual([
      ['photo-marker', marker],
      ['credit', '(STR/AFP/Getty Images)'],
    ]);
  });

  it('takes the paragraph after a photo marker as its caption, but not after a marker followed by a credit', () => {
    const doc = clean(
      'Body one is here.\n\nEpoch Times Photo\nPresident Moon (C) talks to delegates ' +
        'at the Blue House.\n\nEpoch Times Photo\n(STR/AFP/Getty Images)\n\nIn December, ' +
        'the U.N. imposed sanctions.',
    );
    expect(doc.removed?.map((r) => r.kind)).toEqual(['title', 'photo-marker', 'caption', 'photo-marker', 'credit']);
    expect(doc.text).toBe('Body one is here.\n\nIn December, the U.N. imposed sanctions.');
  });

  it('removes a promotion heading together with the promoted title under it', () => {
    const doc = clean('Body text of the story goes here.\n\nRecommended Video:\n\nThe Origins of Antifa');
    expect(doc.removed?.slice(1).map((r) => [r.kind, r.rule, r.text])).toEqual([
      ['promo', 'clean/promo', 'Recommended Video:'],
      ['promo', 'clean/promo-title', 'The Origins of Antifa'],
    ]);
  });

  it('removes a repeated pull-quote even when its quotation marks differ', () => {
    const doc = clean(
      'Pence said Washington would keep up its “maximum pressure campaign” against ' +
        'Pyongyang.\n\nOther text in between here.\n\nPence said Washington would ' +
        'keep up its ‘maximum pressure campaign’ against Pyongyang.',
    );
    expect(doc.removed).toContainEqual(
      expect.objectContaining({ kind: 'duplicate', text: expect.stringContaining('‘maximum') }),
    );
    expect(doc.paragraphs?.length).toBe(2);
  });
});

describe('clean: must not remove', () => {
  it.each([
    'He said: "We will respond." The talks went on.',
    'The photo agency was not involved in the talks at all, officials said.',
    'Follow-up talks are planned for next week in Geneva.',
    'Related talks between the two sides stalled in March, the ministry said.',
    'Photos of the meeting were released by the state media on Tuesday.',
    'The minister (right) spoke first, then the envoy replied.',
    'Ok.',
    'Mehr zum Thema Klima sagte der Minister am Montag nichts.',
    'The talks resumed on 3 May 2019 in Geneva.',
    'Anzeigen gegen die Firma gingen bei der Polizei ein.',
    'Kommentare der Leser zeigen, dass das Thema viele bewegt.',
    'Quelle: Die Zahlen stammen aus einer Umfrage unter zweitausend Menschen in drei Ländern.',
  ])('%s', (line) => {
    const doc = clean(`First paragraph of the story.\n\n${line}`);
    expect(doc.removed?.filter((r) => r.kind !== 'title')).toEqual([]);
    expect(doc.text).toContain(line);
  });

  it('removes a pull-quote set as its own paragraph when a body paragraph carries the same words', () => {
    const doc = clean(
      '“Europe has to be able to stand on its own feet.”\n\nAbroad, the result ' +
        'was watched. "Europe has to be able to stand on its own feet," Merz said ' +
        'on Sunday.',
    );
    expect(doc.removed?.slice(1)).toEqual([expect.objectContaining({ kind: 'duplicate', rule: 'clean/pull-quote' })]);
    expect(doc.paragraphs).toHaveLength(1);
  });

  it('keeps a quotation paragraph that repeats nothing', () => {
    const doc = clean('Merz spoke in Berlin.\n\n“Europe has to be able to stand on its own feet.”');
    expect(doc.paragraphs).toHaveLength(2);
  });

  it('keeps short paragraphs that repeat ("He declined.")', () => {
    const doc = clean('He declined.\n\nThe minister spoke for an hour.\n\nHe declined.');
    expect(doc.paragraphs?.length).toBe(3);
  });
});

describe('clean: metadata recovered from the text', () => {
  it('reads title, published and updated dates, byline, dateline and agency', () => {
    const doc = engine.process(
      'Leaders Agree on Ceasefire\n\nMarch 3, 2019 Updated: March 4, 2019\n\nBy ' +
        'Jane Doe and John Roe\n\nGENEVA (AP) — The two sides agreed on Sunday.\n\nThe ' +
        'Associated Press contributed to this report.',
    );
    expect(doc.meta).toMatchObject({
      title: 'Leaders Agree on Ceasefire',
      published: '2019-03-03',
      updated: '2019-03-04',
      authors: ['Jane Doe', 'John Roe'],
      dateline: 'GENEVA',
      agency: 'Associated Press',
    });
    expect(doc.text).toBe('The two sides agreed on Sunday.');
    expect(doc.removed?.map((r) => r.kind)).toEqual(['title', 'date-line', 'byline', 'dateline', 'contribution']);
  });

  it('joins the lines of a hard-wrapped paragraph with spaces and keeps the map to the source', () => {
    const wrapped =
      'Officials from both countries met in the capital on Monday and said\nthat ' +
      'the talks, the first in two years, had been constructive and\nwould resume ' +
      'next month.';
    const doc = engine.process(`A Title\n\n${wrapped}`);
    expect(doc.text).toBe(wrapped.replace(/\n/g, ' '));
    expect(checkInvariants(doc)).toEqual([]);
  });

  it('uses --date when the article gives no date, and the article date when it does', () => {
    const dated = createEngine({ until: 'clean', defaultDate: '2001-01-01' });
    expect(dated.process('Title\n\nBody text.').meta?.published).toBe('2001-01-01');
    expect(dated.process('Title\n\nJune 5, 2017\n\nBody text.').meta?.published).toBe('2017-06-05');
  });
});

describe('clean: bylines', () => {
  it.each([
    ['By Jane Doe', ['Jane Doe'], null, null],
    ['By Jane Doe and John Roe', ['Jane Doe', 'John Roe'], null, null],
    ['By Jane Doe, Reuters', ['Jane Doe'], 'Reuters', null],
    ['By Park Ji-hoon and Mariko Endo November 29, 2017', ['Park Ji-hoon', 'Mariko Endo'], null, '2017-11-29'],
    [
      'By Lucía Ferreyra Published July 30, 2024 Updated July 31, 2024, 6:40 p.m. ET',
      ['Lucía Ferreyra'],
      null,
      '2024-07-30',
    ],
  ])('%s', (line, authors, agency, published) => {
    const doc = engine.process(`A Title\n\n${line}\n\nThe body of the story.`);
    expect(doc.removed?.[1]).toMatchObject({ kind: 'byline', text: line });
    expect(doc.meta).toMatchObject({ authors, agency, published });
  });

  it.each(['By the end of the day, talks had collapsed.', 'By contrast, Seoul stayed silent.'])(
    'does not take "%s" for a byline',
    (line) => {
      const doc = engine.process(`A Title\n\n${line}\n\nMore text.`);
      expect(doc.text).toContain(line);
    },
  );
});

describe('clean: the duplicate rule takes repeated pull-quotes and teasers, not lines that repeat on purpose', () => {
  it.each([
    ['a repeated teaser', 'The dam will stay open until the river falls below its spring level.'],
    ['a repeated pull-quote', '“We have never seen the reservoir rise this fast in a single week.”'],
  ])('removes %s', (_kind, line) => {
    const doc = clean(`${line}\n\nEngineers checked the gates twice a day during the storm.\n\n${line}`);
    expect(doc.removed?.slice(1)).toEqual([expect.objectContaining({ kind: 'duplicate', text: line })]);
  });

  it.each([
    ['bulleted list lines', '- Stir the sauce for two more minutes over a low heat'],
    ['numbered steps', '2. Add the remaining butter and stir until it melts'],
    ['rows of results', 'Northern Rovers 3 Harbour United 1 (2-0 at half time)'],
    ['quantities', '200 g flour, 100 g sugar, 2 eggs, 50 ml milk'],
  ])('keeps repeated %s', (_kind, line) => {
    const doc = clean(`For the base:\n\n${line}\n\nFor the topping:\n\n${line}`);
    expect(doc.removed?.filter((r) => r.kind === 'duplicate')).toEqual([]);
  });

  it('keeps repeated list entries of an HTML page', () => {
    const engine = createEngine({ until: 'clean' });
    const step = 'Whisk the eggs with the sugar until pale and thick';
    const doc = engine.process({
      origin: { source: 'recipe.html' },
      format: 'html',
      content:
        `<html><body><div>` +
        `<p>This cake comes in two layers, each made the same way, and takes an hour to bake.</p>
        <h2>First layer</h2><ul><li>${step}</li><li>Fold in the flour gently with a spoon</li></ul>
        <h2>Second layer</h2><ul><li>${step}</li>` +
        `<li>Fold in the cocoa and the flour together</li></ul></div></body></html>`,
    });
    expect(doc.text?.split(step)).toHaveLength(3);
  });
});

describe('clean: the caption rules never take the first body paragraph', () => {
  it('keeps the story that opens right after a photo marker', () => {
    const lead = 'The river authority opened all four gates of the northern dam on Thursday.';
    const doc = clean(`Photo:\n\n${lead}\n\nEngineers said the reservoir had risen by two metres.`);
    expect(doc.text).toContain(lead);
    expect(doc.removed?.map((r) => r.kind)).toEqual(['title', 'photo-marker']);
  });

  it('keeps a first paragraph that ends with a credit-like aside', () => {
    const lead = 'Farmers in the valley moved their herds uphill on Thursday, the regional office said. (Reuters)';
    expect(clean(`${lead}\n\nSchools stayed closed.`).text).toContain(lead);
  });

  it('takes a first paragraph whose credit says it is a photo', () => {
    const caption = 'Water pours through the opened gates on Thursday. (Photo by Ana Ruiz/AFP via Getty Images)';
    const doc = clean(`${caption}\n\nThe gates were opened on Thursday after heavy rain.`);
    expect(doc.removed).toContainEqual(expect.objectContaining({ kind: 'caption', text: caption }));
  });

  it('takes a later caption that ends with its credit', () => {
    const caption = 'Water pours through the opened gates on Thursday. (Ana Ruiz/AFP)';
    const doc = clean(`The gates were opened on Thursday after heavy rain.\n\n${caption}\n\nSchools stayed closed.`);
    expect(doc.removed).toContainEqual(expect.objectContaining({ kind: 'caption', text: caption }));
  });

  it.each([
    'The board can be moderated live (whitelist/blacklist).',
    'The team lost in the doubles to the pair from Lyon (France/Belgium), 3:6, 4:6.',
  ])('does not take prose with slashed words in parentheses for a caption: %s', (line) => {
    const doc = clean(`The gates were opened on Thursday after heavy rain.\n\n${line}\n\nSchools stayed closed.`);
    expect(doc.text).toContain(line);
  });
});
