/**
 * CAMEO-style actor codes, composed and split in one place. A code is a run of 3-letter parts: a
 * country and an agent (`USAGOV`, `PRKMIL`), a bare country (`PRK`), or a sector that stands where
 * a country would (`IGOUNO`, `NGOIOC`), which has no country.
 */

/** Sectors that open a code in place of a country: international, non-governmental, multinational. */
const NON_STATE = /^(IGO|NGO|IMG|MNC)/;

/**
 * The code of a country's agent: `composeCode('USA', 'GOV')` is `USAGOV`. Either part may be
 * missing (a bare country `PRK`, a bare agent `GOV`); with neither the code is empty.
 */
export function composeCode(country: string | null | undefined, agent: string | null | undefined): string {
  return `${country ?? ''}${agent ?? ''}`;
}

/** The country a code names (`USAGOV` → `USA`), or null for a sector code (`IGOUNO`). */
export function countryOfCode(code: string): string | null {
  return NON_STATE.test(code) ? null : code.slice(0, 3);
}

/** The agent a country's code names (`USAGOV` → `GOV`), or null for a bare country or a sector code. */
export function agentOfCode(code: string | null): string | null {
  return code && code.length >= 6 && !NON_STATE.test(code) ? code.slice(3, 6) : null;
}
