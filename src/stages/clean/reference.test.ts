import { describe, expect, it } from 'vitest';
import type { InputRecord } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { DyadError } from '../../pipeline/errors.js';
import { readDate } from './00-read-given-date.js';

const BODY = 'Mike Pence met Moon Jae-in in Seoul on Friday.\n\nThe two leaders discussed the talks.';
const record = (fields: Partial<InputRecord>): InputRecord => ({
  origin: { source: 'news.jsonl', line: 7 },
  format: 'text',
  content: BODY,
  ...fields,
});
const html = (
  meta: string,
  body = '<p>Mike Pence met Moon Jae-in in Seoul on Friday.</p><p>The two leaders discussed the talks.</p>',
) => `<html><head><title>Talks</title>${meta}</head><body><article><h1>Talks</h1>${body}</article></body></html>`;

describe('readDate: the date forms an input may give', () => {
  it.each([
    ['2018-02-12', '2018-02-12', false],
    ['2018-02-12T09:00:00+09:00', '2018-02-12', false],
    ['2018-02-12T23:30:00.000Z', '2018-02-12', false],
    ['February 12, 2018', '2018-02-12', false],
    ['Monday, 12 Feb 2018', '2018-02-12', false],
    ['02-12-2018', '2018-02-12', true],
    ['2/12/2018', '2018-02-12', true],
    ['25-12-2018', '2018-12-25', false],
  ])('%s → %s', (written, iso, monthFirst) => {
    expect(readDate(written)).toEqual({ iso, monthFirst });
  });

  it.each(['yesterday', '2018-02-30', '13-13-2018', '20180212', 'February 30, 2018', '12.02.18', ''])(
    '%s is no date',
    (written) => {
      expect(readDate(written)).toBeNull();
    },
  );
});

/** What every stage made of the reference date: the context's, and the answers that depend on it. */
function dated(doc: ReturnType<ReturnType<typeof createEngine>['process']>) {
  const pence = doc.actors?.find((a) => a.text === 'Mike Pence');
  const friday = doc.times?.find((t) => t.text === 'Friday');
  return {
    published: doc.meta?.published,
    reference: doc.reference,
    pence: pence?.actor.code,
    friday: friday?.value,
    eventDate: doc.events?.[0]?.date?.value,
  };
}

describe('the reference date is read once, by clean, from every source', () => {
  const engine = createEngine();
  const optioned = createEngine({ defaultDate: '2018-02-12' });
  const pence = { pence: 'USAGOV', friday: '2018-02-09', eventDate: '2018-02-09' };
  const reference = (source: string) => ({ day: { year: 2018, month: 2, day: 12 }, iso: '2018-02-12', source });

  it.each([
    ['the option', () => optioned.process(BODY), '2018-02-12', 'option'],
    ['an ISO JSON Lines field', () => engine.process(record({ date: '2018-02-12' })), '2018-02-12', 'input'],
    ['a month-first JSON Lines field', () => engine.process(record({ date: '02-12-2018' })), '2018-02-12', 'input'],
    ['a written JSON Lines field', () => engine.process(record({ date: 'February 12, 2018' })), '2018-02-12', 'input'],
    [
      'a JSON Lines field beating the option',
      () => optioned.process(record({ date: '2018-02-12', content: BODY })),
      '2018-02-12',
      'input',
    ],
    [
      'an HTML meta tag',
      () =>
        engine.process(
          record({
            format: 'html',
            content: html('<meta property="article:published_time" content="2018-02-12T09:00:00+09:00">'),
          }),
        ),
      '2018-02-12T09:00:00+09:00',
      'html-meta',
    ],
    [
      'an HTML meta tag written out',
      () => engine.process(record({ format: 'html', content: html('<meta name="date" content="12 February 2018">') })),
      '2018-02-12',
      'html-meta',
    ],
    ['a text header', () => engine.process(`Talks\n\nFebruary 12, 2018\n\n${BODY}`), '2018-02-12', 'text'],
    ['a byline', () => engine.process(`Talks\n\nBy Jane Doe Published Feb. 12, 2018\n\n${BODY}`), '2018-02-12', 'text'],
  ])('from %s', (_name, run, published, source) => {
    expect(dated(run())).toEqual({ published, reference: reference(source), ...pence });
  });

  it('from an unreadable HTML meta tag, set aside with a warning for the date line', () => {
    const doc = engine.process(
      record({
        format: 'html',
        content: html(
          '<meta name="date" content="last Monday">',
          '<p>February 12, 2018</p><p>Mike Pence met Moon Jae-in in Seoul on Friday.</p>',
        ),
      }),
    );
    expect(dated(doc)).toMatchObject({
      published: '2018-02-12',
      reference: reference('text'),
      pence: 'USAGOV',
      friday: '2018-02-09',
    });
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        rule: 'clean/unreadable-date',
        reason: expect.stringContaining('"last Monday"'),
      }),
    );
  });

  it('from nowhere: no reference, relative dates stay relative, people coded by their last office', () => {
    const doc = engine.process(BODY);
    expect(dated(doc)).toMatchObject({ published: null, reference: null, friday: 'XXXX-WXX-5' });
    expect(doc.diagnostics.map((d) => d.rule)).toEqual(expect.arrayContaining(['times/no-reference-date']));
  });

  it('says when a numeric date was read month first', () => {
    expect(engine.process(record({ date: '02-12-2018' })).diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        rule: 'clean/date-month-first',
        reason: 'the date "02-12-2018" was read month first, as 2018-02-12',
      }),
    );
  });

  it.each([
    [
      'a JSON Lines field',
      () => engine.process(record({ id: 'a17', date: '2018-02-30' })),
      'news.jsonl (record "a17"): the record\'s date "2018-02-30" is not a date Dyad can read; give it as YYYY-MM-DD',
    ],
    [
      'a JSON Lines field with no id',
      () => engine.process(record({ date: 'soon' })),
      'news.jsonl: the record\'s date "soon" is not a date Dyad can read; give it as YYYY-MM-DD',
    ],
    [
      'the option',
      () => createEngine({ defaultDate: '12/02/18' }).process(BODY),
      '<text>: the default date "12/02/18" is not a date Dyad can read; give it as YYYY-MM-DD',
    ],
  ])('rejects an unreadable date from %s, naming the article', (_name, run, reason) => {
    let error: unknown;
    try {
      run();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DyadError);
    expect((error as DyadError).diagnostic).toEqual({
      severity: 'fatal',
      stage: 'clean',
      rule: 'clean/unreadable-date',
      reason,
    });
  });
});
