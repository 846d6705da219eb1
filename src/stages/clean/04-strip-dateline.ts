import { agencyName, bodyParagraphs, type CleanStep } from './state.js';

/**
 * A wire dateline at the start of the first paragraph: an upper-case place, an optional region,
 * an optional agency in parentheses, then a dash ("SEOUL (Reuters) -", "GENEVA, Switzerland (AP) —").
 */
const DATELINE = new RegExp(
  String.raw`^([A-Z][A-Z.'’ -]{1,40}?[A-Z.])(?:,\s+[A-Z][\p{L}.]+(?:\s[A-Z][\p{L}.]+)?)?` +
    String.raw`\s*(?:\(([^()]{2,40})\)\s*)?[-–—]{1,2}\s+(?=\S)`,
  'u',
);

/** Takes the dateline off the first body paragraph, recording the place and the agency. */
export const stripDateline: CleanStep = (state) => {
  const first = bodyParagraphs(state)[0]?.[0];
  if (!first) return;
  const match = DATELINE.exec(first.text);
  if (!match) return;
  const agency = match[2] ? (agencyName(match[2]) ?? match[2].trim()) : null;
  // Without an agency, only an all-capitals place of two letters or more counts as a dateline.
  if (!agency && !/^[A-Z .'’-]+$/.test(match[1]!)) return;
  first.strip = { length: match[0].length, kind: 'dateline', rule: 'clean/dateline' };
  state.meta.dateline = match[1]!.trim();
  state.meta.provenance.dateline = 'text';
  if (agency && !state.meta.agency) {
    state.meta.agency = agency;
    state.meta.provenance.agency = 'text';
  }
};
