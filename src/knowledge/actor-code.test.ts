import { describe, expect, it } from 'vitest';
import { agentOfCode, composeCode, countryOfCode } from './actor-code.js';

describe('actor codes are composed and split in one place', () => {
  it.each([
    ['USA', 'GOV', 'USAGOV'],
    ['PRK', null, 'PRK'],
    [null, 'GOV', 'GOV'],
    [null, undefined, ''],
  ])('composeCode(%s, %s) → %s', (country, agent, code) => {
    expect(composeCode(country, agent)).toBe(code);
  });

  it.each([
    ['USAGOV', 'USA', 'GOV'],
    ['PRK', 'PRK', null],
    ['KORELI', 'KOR', 'ELI'],
    ['IGOUNO', null, null],
    ['NGOIOC', null, null],
  ])('%s is country %s, agent %s', (code, country, agent) => {
    expect([countryOfCode(code), agentOfCode(code)]).toEqual([country, agent]);
  });
});
