import { describe, expect, it } from 'vitest';
import { isCalendarDate, KnowledgeBuilder } from './actor-kb.js';

describe('isCalendarDate', () => {
  it.each([
    ['2018', true],
    ['2018-02', true],
    ['2018-02-28', true],
    ['2016-02-29', true],
    ['2018-02-29', false],
    ['2018-02-30', false],
    ['2018-13', false],
    ['2018-13-45', false],
    ['2018-00-10', false],
    ['2018-04-31', false],
    ['2018-4-3', false],
    ['next Tuesday', false],
  ])('%s → %s', (date, expected) => {
    expect(isCalendarDate(date)).toBe(expected);
  });
});

describe('role dates in actor files', () => {
  const person = (role: string) => `person: Ana Example\n  names: Ana Example\n  role: ${role}\n`;

  it.each([
    ['USAGOV 2018-13-45.. Envoy', 'user.txt:3: "2018-13-45" is not a date of the calendar (no such month or day)'],
    [
      'USAGOV 2018-02-01..2018-02-30 Envoy',
      'user.txt:3: "2018-02-30" is not a date of the calendar (no such month or day)',
    ],
    ['USAGOV next..Tuesday Envoy', 'user.txt:3: "next" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)'],
  ])('refuses the role "%s", naming file and line', (role, message) => {
    expect(() => new KnowledgeBuilder().addActorFile(person(role), 'user.txt')).toThrow(message);
  });

  it('accepts a role of real dates', () => {
    const builder = new KnowledgeBuilder();
    builder.addActorFile(person('USAGOV 2016-02-29..2018-12 Envoy'), 'user.txt');
    expect(builder.build().entries[0]!.roles).toEqual([
      { code: 'USAGOV', from: '2016-02-29', to: '2018-12-31', title: 'Envoy' },
    ]);
  });
});
