import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import { createEngine } from '../../engine.js';
import { dateOfSentence } from '../../document/date-of.js';

const engines = new Map<string, ReturnType<typeof createEngine>>();
function timesOf(text: string, date: string | null) {
  const key = date ?? 'none';
  const engine = engines.get(key) ?? createEngine(date ? { defaultDate: date } : {});
  engines.set(key, engine);
  const doc = engine.process(`Headline\n\n${text}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc;
}
const values = (text: string, date: string | null = '2018-02-12') =>
  timesOf(text, date).times!.map((t) => [t.text, t.type, t.value]);

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
    ['The firm will cut output in the third quarter.', [['the third quarter', 'DATE', '2018-Q3']]],
    ['Its third-quarter results were weak.', [['third-quarter', 'DATE', '2017-Q3']]],
    [
      'Deliveries run between 2019 and 2021.',
      [
        ['between 2019 and 2021', 'DURATION', 'P2Y'],
        ['2019', 'DATE', '2019'],
        ['2021', 'DATE', '2021'],
      ],
    ],
    ['The plant opens in mid-2019.', [['mid-2019', 'DATE', '2019']]],
    ['Troops arrived in 2017 and 2000 more followed.', [['2017', 'DATE', '2017']]],
    ['Elections are due this summer.', [['this summer', 'DATE', '2018-SU']]],
    ['Officials met earlier this month.', [['earlier this month', 'DATE', '2018-02']]],
    ['The vote is next week.', [['next week', 'DATE', '2018-W08']]],
    ['They met at 5 p.m. on Tuesday.', [['5 p.m. on Tuesday', 'TIME', '2018-02-06T17:00']]],
  ])('%s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it.each([
    // Years as modifiers and ranges: TimeML reads a span of years as a duration, with its years as dates.
    ['Police recalled a 2010 raid on the compound.', [['2010', 'DATE', '2010']]],
    [
      'The 2009-2010 season was his best.',
      [
        ['2009-2010', 'DURATION', 'P1Y'],
        ['2009', 'DATE', '2009'],
        ['2010', 'DATE', '2010'],
      ],
    ],
    [
      'He served in the army in 1957-58.',
      [
        ['1957-58', 'DURATION', 'P1Y'],
        ['1957', 'DATE', '1957'],
        ['58', 'DATE', '1958'],
      ],
    ],
    [
      'Output will rise from 2019 to 2022.',
      [
        ['from 2019 to 2022', 'DURATION', 'P3Y'],
        ['2019', 'DATE', '2019'],
        ['2022', 'DATE', '2022'],
      ],
    ],
    ['Sales slowed in late 2016.', [['late 2016', 'DATE', '2016']]],
    ["Nikkei falls to its lowest level since '82.", [["'82", 'DATE', '1982']]],
    [
      'He recorded hits in the 70s and 80s.',
      [
        ['70s', 'DATE', '197'],
        ['80s', 'DATE', '198'],
      ],
    ],
    // A month with "last", "next", and the end of a period.
    ['Prices fell last May.', [['last May', 'DATE', '2017-05']]],
    ['Talks resume next June.', [['next June', 'DATE', '2018-06']]],
    [
      'She has led the party since taking office in May last year.',
      [
        ['May', 'DATE', '2017-05'],
        ['last year', 'DATE', '2017'],
      ],
    ],
    ['The plant will close by the end of the year.', [['the end of the year', 'DATE', '2018']]],
    ['Sales fell at the end of last year.', [['the end of last year', 'DATE', '2017']]],
    // Vague amounts, as TimeML writes them.
    ['Rebels have advanced over the past several months.', [['the past several months', 'DURATION', 'PXM']]],
    ['The strike lasted several days.', [['several days', 'DURATION', 'PXD']]],
    ['Talks dragged on for days.', [['days', 'DURATION', 'PXD']]],
    ['It took weeks to repair.', [['weeks', 'DURATION', 'PXW']]],
    ['The index lost 500 points in minutes.', [['minutes', 'DURATION', 'PTXM']]],
    ['Losses grew in recent years.', [['recent years', 'DURATION', 'PXY']]],
    ['The project is almost two and a half years late.', [['almost two and a half years', 'DURATION', 'P2.5Y']]],
    ['A 27-year contract was signed.', [['27-year', 'DURATION', 'P27Y']]],
    ['A fifteen-month delay followed.', [['fifteen-month', 'DURATION', 'P15M']]],
    ['Output fell for two consecutive quarters.', [['two consecutive quarters', 'DURATION', 'P2Q']]],
    ['They settled a decades-long dispute.', [['decades-long', 'DURATION', 'PXDE']]],
    // A day and a part of it are one expression.
    ['The ministers met on Friday afternoon.', [['Friday afternoon', 'TIME', '2018-02-09TAF']]],
    ['Gunfire was heard on Sunday night.', [['Sunday night', 'TIME', '2018-02-11TNI']]],
    ['It happened earlier today.', [['earlier today', 'DATE', '2018-02-12']]],
    // Elapsed times and zones.
    ['She won the marathon in 3:07:35.', [['3:07:35', 'DURATION', 'PT3H7M35S']]],
    ['The vote closed at 15:00 GMT.', [['15:00 GMT', 'TIME', '2018-02-12T15:00']]],
    ['The summit closed at 18:00 UTC.', [['18:00 UTC', 'TIME', '2018-02-12T18:00Z']]],
    [
      'At 16:15 UTC, Jan. 30, the chairman spoke.',
      [
        ['16:15 UTC', 'TIME', '2018-01-30T16:15Z'],
        ['Jan. 30', 'DATE', '2018-01-30'],
      ],
    ],
    [
      'The jet flew on 11 December -- two years late -- and landed.',
      [
        ['11 December', 'DATE', '2017-12-11'],
        ['two years', 'DURATION', 'P2Y'],
      ],
    ],
    // Sets.
    ['Inspectors visit every year.', [['every year', 'SET', 'P1Y']]],
    ['The plant makes 15 tanks a year.', [['a year', 'SET', 'P1Y']]],
    // The direction of a bare month or weekday comes from its own clause's tense.
    ['The talks will resume in June.', [['June', 'DATE', '2018-06']]],
    ['The talks resumed in June.', [['June', 'DATE', '2017-06']]],
    ['Apple said Friday that it will cut prices.', [['Friday', 'DATE', '2018-02-09']]],
    ['The deal may be signed on March 12.', [['March 12', 'DATE', '2018-03-12']]],
    ['The trial is set to begin on Wednesday.', [['Wednesday', 'DATE', '2018-02-14']]],
    ['UPDATE: On Friday, the minister proposed new talks.', [['Friday', 'DATE', '2018-02-09']]],
    ["The council's decision on February 6 to ban the party drew protests.", [['February 6', 'DATE', '2018-02-06']]],
    ['It led sales, according to figures released March 3 by a research firm.', [['March 3', 'DATE', '2017-03-03']]],
    ['The firm wants to shed its stores, about a third, by early June.', [['early June', 'DATE', '2018-06']]],
    // A day named by reference takes the day told before it.
    [
      'The Dow rose 2% on Friday. Stocks fell late in the day.',
      [
        ['Friday', 'DATE', '2018-02-09'],
        ['late in the day', 'DATE', '2018-02-09'],
      ],
    ],
    ['The index ended the day 3% lower.', [['the day', 'DATE', '2018-02-12']]],
    ['Markets were busy this weekend.', [['this weekend', 'DATE', '2018-W07-WE']]],
  ])('issue 20: %s', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('writes how often a set recurs: "annually" once a year, "every year" with its quantifier', () => {
    const [annually] = timesOf('The festival is held annually.', '2018-02-12').times!;
    expect(annually).toMatchObject({ text: 'annually', type: 'SET', value: 'XXXX', freq: '1X' });
    const [every] = timesOf('Inspectors visit every year.', '2018-02-12').times!;
    expect(every).toMatchObject({ text: 'every year', type: 'SET', value: 'P1Y', quant: 'EVERY' });
  });

  it('dates a statement by the day of a part of a day ("Sunday evening" → the Sunday)', () => {
    const doc = timesOf('Voters went to the polls on Sunday evening.', '2018-02-12');
    expect(dateOfSentence(doc.times!, 0, '2018-02-12')).toMatchObject({ value: '2018-02-11', source: 'text' });
  });

  it('crosses the year boundary: "December" in a January story is the December before', () => {
    expect(values('Troops withdrew in December.', '2019-01-05')).toEqual([['December', 'DATE', '2018-12']]);
    expect(values('Talks on Dec. 30 failed.', '2019-01-05')).toEqual([['Dec. 30', 'DATE', '2018-12-30']]);
  });

  it('keeps what was stated apart from what was inferred, with the anchor', () => {
    const [t] = timesOf('In December, the U.N. imposed sanctions.', '2018-02-12').times!;
    expect(t).toMatchObject({ stated: ['month'], inferred: ['year:past'], anchor: '2018-02-12', rule: 'times/chrono' });
  });

  it.each([
    ['Mark Jensen spoke on Friday.', 'times/weekday'],
    ['Janet Novak spoke on Friday.', 'times/weekday'],
    ['Talks on Dec. 30 failed.', 'times/chrono'],
    ['Talks in September failed.', 'times/chrono'],
  ])('reads "%s" with %s: a name that starts like a month is no month', (text, rule) => {
    expect(timesOf(text, '2018-02-12').times!.map((t) => t.rule)).toEqual([rule]);
  });

  it('leaves values relative without a reference date, with a warning', () => {
    const doc = timesOf('In December, troops withdrew. Last year they came.', null);
    expect(doc.times!.map((t) => t.value)).toEqual(['XXXX-12', 'XXXX-XX-XX']);
    expect(doc.diagnostics).toContainEqual(
      expect.objectContaining({ rule: 'times/no-reference-date', severity: 'warning' }),
    );
  });
});

describe('times: must not match', () => {
  it.each([
    'North Korea joined the Winter Olympics.',
    'Prices may fall.',
    'She spent the fall campaigning.',
    'He came to power on his own.',
    'The Arab Spring began in Tunisia.',
    'In his student days he was shy.',
    'Those were the days of the Cold War.',
    'The five-year-old boy was found.',
    'She was in her 30s.',
    'About 1500 troops arrived.',
    'Officials said that 2000 people fled.',
    'A 2000-strong force crossed the river.',
    'The 1900 troops left at dawn.',
    'It plans to close about a quarter of its stores.',
    'Nearly three quarters of voters agreed.',
  ])('%s', (text) => {
    expect(values(text)).toEqual([]);
  });
});
