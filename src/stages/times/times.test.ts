import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import { createEngine } from '../../engine.js';

const engines = new Map<string, ReturnType<typeof createEngine>>();
function timesOf(text: string, date: string | null) {
  const key = date ?? 'none';
  const engine = engines.get(key) ?? createEngine(date ? { defaultDate: date } : {});
  engines.set(key, engine);
  const doc = engine.process(`Headline\n\n${text}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc;
}
const values = (text: string, date: string | null = '2018-02-12') => timesOf(text, date).times!.map((t) => [t.text, t.type, t.value]);

describe('times: values against a pinned reference date (2018-02-12, a Monday)', () => {
  it.each([
    ['Last year, North Korea conducted a test.', [['Last year', 'DATE', '2017']]],
    ['In December, the U.N. imposed sanctions.', [['December', 'DATE', '2017-12']]],
    ['The talks will resume in December.', [['December', 'DATE', '2018-12']]],
    ['It was published on Feb. 11.', [['Feb. 11', 'DATE', '2018-02-11']]],
    ['The photo was taken on Feb. 10, 2018.', [['Feb. 10, 2018', 'DATE', '2018-02-10']]],
    ['He said so in January.', [['January', 'DATE', '2018-01']]],
    ['They met on Tuesday.', [['Tuesday', 'DATE', '2018-02-06']]],
    ['They will meet on Tuesday.', [['Tuesday', 'DATE', '2018-02-13']]],
    ['Talks collapsed three days ago.', [['three days ago', 'DATE', '2018-02-09']]],
    ['He spoke yesterday.', [['yesterday', 'DATE', '2018-02-11']]],
    ['Profits rose in 2016.', [['2016', 'DATE', '2016']]],
    ['It is different from the last 20 years.', [['the last 20 years', 'DURATION', 'P20Y']]],
    ['The sanctions lasted for three years.', [['three years', 'DURATION', 'P3Y']]],
    ['Inspectors visit every week.', [['every week', 'SET', 'P1W']]],
    ['The economy has recently slowed.', [['recently', 'DATE', 'PAST_REF']]],
    ['Prices are now falling.', [['now', 'DATE', 'PRESENT_REF']]],
    ['Sales fell in the third quarter.', [['the third quarter', 'DATE', '2017-Q3']]],
    ['Its third-quarter results were weak.', [['third-quarter', 'DATE', '2017-Q3']]],
    ['Deliveries run between 2019 and 2021.', [['2019', 'DATE', '2019'], ['2021', 'DATE', '2021']]],
    ['The plant opens in mid-2019.', [['2019', 'DATE', '2019']]],
    ['Troops arrived in 2017 and 2000 more followed.', [['2017', 'DATE', '2017']]],
    ['Elections are due this summer.', [['this summer', 'DATE', '2018-SU']]],
    ['Officials met earlier this month.', [['earlier this month', 'DATE', '2018-02']]],
    ['The vote is next week.', [['next week', 'DATE', '2018-W08']]],
    ['They met at 5 p.m. on Tuesday.', [['5 p.m. on Tuesday', 'TIME', '2018-02-06T17:00']]],
  ])('%s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('crosses the year boundary: "December" in a January story is the December before', () => {
    expect(values('Troops withdrew in December.', '2019-01-05')).toEqual([['December', 'DATE', '2018-12']]);
    expect(values('Talks on Dec. 30 failed.', '2019-01-05')).toEqual([['Dec. 30', 'DATE', '2018-12-30']]);
  });

  it('keeps what was stated apart from what was inferred, with the anchor', () => {
    const [t] = timesOf('In December, the U.N. imposed sanctions.', '2018-02-12').times!;
    expect(t).toMatchObject({ stated: ['month'], inferred: ['year:past'], anchor: '2018-02-12', rule: 'times/chrono' });
  });

  it('leaves values relative without a reference date, with a warning', () => {
    const doc = timesOf('In December, troops withdrew. Last year they came.', null);
    expect(doc.times!.map((t) => t.value)).toEqual(['XXXX-12', 'XXXX-XX-XX']);
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ rule: 'times/no-reference-date', severity: 'warning' }));
  });
});

describe('times: must not match', () => {
  it.each(['North Korea joined the Winter Olympics.', 'Prices may fall.', 'She spent the fall campaigning.', 'He came to power on his own.', 'The Arab Spring began in Tunisia.'])('%s', (text) => {
    expect(values(text)).toEqual([]);
  });
});
