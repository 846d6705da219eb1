import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import type { CodedEvent } from '../../document/types.js';
import { createEngine } from '../../engine.js';

// Roles read off the parse (issue 21): each phenomenon with a twin that must not code, or must not
// take the party the phenomenon would wrongly hand it. Sentences written for these tests.
const engine = createEngine({ defaultDate: '2024-03-12' });
function eventsOf(text: string): string[] {
  const doc = engine.process(`Headline\n\n${text}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc.events!.map(brief);
}
/** One test per sentence: the events it codes, in order, as `source→target root`. */
const table = (cases: Array<[string, unknown]>) =>
  it.each(cases)('%s', (text, expected) => {
    expect(eventsOf(text)).toEqual(expected);
  });
const brief = (e: CodedEvent) =>
  `${e.source.actor.code}→${e.target?.actor.code ?? '-'} ` +
  `${e.root}${e.intent ? ' intent' : ''}${e.negated ? ' refusal' : ''}`;

describe('roles: the target of an act whose pattern names no slot', () => {
  table([
    // The author of a proposal is whom its rejection answers; the owner of troops is no target.
    ['Kenya rejected a Tanzanian peace plan.', ['KEN→TZA 12']],
    ['Russia mobilised Belarusian troops.', ['RUS→- 15']],
    // A noun the act's own noun names after a preposition; a statement's topic is no target.
    ['Poland demanded a meeting of the Security Council.', ['POL→IGOUNO 10']],
    ['France commented on the Iranian statement.', ['FRA→- 01']],
    // The target of what was agreed to; a joint agreement is between its parties, not with its topic.
    ['The European Union agreed to provide aid for Haiti.', ['IGOEUREEC→HTI 03', 'IGOEUREEC→HTI 03 intent']],
    [
      'The United States and Japan agreed on terms for talks with North Korea.',
      ['USA→JPN 03', 'JPN→USA 03', 'USA→PRK 04', 'JPN→PRK 04'],
    ],
    // Two verbs with one subject share what follows the second; a verb with its own subject does not.
    ['Canada donated and personally delivered tents to Haiti.', ['CAN→HTI 07', 'CAN→HTI 07']],
    ['Canada donated tents, and Japan delivered food to Haiti.', ['CAN→- 07', 'JPN→HTI 07']],
    // A noun trigger's own phrase names whom it faces; with none, a protest faces the protesters' state.
    ['Kenyan riots against Ugandan trade policies continued on Monday.', ['KEN→UGA 14']],
    ['Kenyan riots over food prices continued on Monday.', ['KEN→KEN 14']],
    // A preposition on the verb that names whom the act faces; one of time names no one.
    ['The United Nations withdrew its inspectors from Iraq.', ['IGOUNO→IRQ 16']],
    ['The United Nations withdrew its inspectors on Monday.', ['IGOUNO→- 16']],
  ]);
});

describe('roles: a local act is done to the country of the place the parse hangs on it', () => {
  table([
    ['Kenyan police will extend the curfew in Mombasa.', ['KENCOP→KEN 13 intent']],
    // A state acting in its own land with no role is no event between two parties.
    ['Kenya lifted the curfew in Mombasa.', ['KEN→- 08']],
  ]);
});

describe('roles: one country, two parties', () => {
  table([
    // A state and its rebels are two parties; a state and its government are one.
    ['Peru is investigating war crimes by Peruvian rebels.', ['PER→PERREB 09']],
    ['Peru is investigating war crimes by the Peruvian government.', ['PER→- 09']],
    // Protesters named by their nationality face their state; the state blocking roads faces no one.
    ['Young Moroccans blocked roads in protest.', ['MAR→MAR 14']],
    ['Morocco blocked roads.', ['MAR→- 14']],
    // A place the parse hangs on the act's place noun is the act's place, and so its target.
    ['Chilean students rioted at a school in northern Argentina.', ['CHLEDU→ARG 14']],
    ['Chilean students rioted at a school near the border.', ['CHLEDU→CHL 14']],
    // The place of an act's own noun is its place; a statement's object is about a place, not in it.
    ['Kenyan police imposed a curfew in the town of Garissa.', ['KENCOP→KEN 17']],
    ['Kenyan police criticised the situation in the town of Garissa.', ['KENCOP→- 11']],
  ]);
});

describe('roles: a party does not act on itself', () => {
  table([
    // Its own possession at the slot, and no other party the parse finds: no event between two parties.
    ['Greece imposed restrictions on its labour market.', []],
    ['Greece imposed restrictions on Turkish ships.', ['GRC→TUR 17']],
    // Its own party at the slot, another named further in the phrase: that one is the target.
    ['Greece imposed restrictions on its labour market for workers from the European Union.', ['GRC→IGOEUREEC 17']],
    // Two parties between which an act is: each is the other's target, not its own.
    ['The accord between Japan and South Korea was signed on Monday.', ['JPN→KOR 05']],
  ]);
});

describe('roles: the one a demand or a threat is aimed at, from its clause', () => {
  table([
    // (What the asked party is to do is the modality's business; here only whom the demand is aimed at.)
    ['Ghana reiterated its demand that Togo reopen the border.', expect.arrayContaining(['GHA→TGO 10'])],
    ['Ghana reiterated its demand for talks.', ['GHA→- 01', 'GHA→- 10']],
    // Stating what another party must do demands it of that party; of oneself, it demands nothing.
    ['Kenya said on Friday that Uganda must withdraw its troops.', ['KEN→UGA 10']],
    ['Kenya said that it must withdraw its troops from the border.', []],
    // The subject of a threat's condition is the one threatened; a condition with no party names no one.
    ['Iran threatened to close the strait if the United States imposes new sanctions.', ['IRN→USA 13']],
    ['Iran threatened to close the strait if the talks fail.', ['IRN→- 13']],
  ]);
});

describe('roles: appositives and agents', () => {
  table([
    // The name is the subject, whichever of it and its appositive names another country.
    ['Peru, a close U.S. partner in the region, has sent troops to Haiti.', ['PER→HTI 15']],
    ['The United States, a close partner of Peru, has sent troops to Haiti.', ['USA→HTI 15']],
    // "by" marks a passive's agent; whoever reports the act ("according to") did not do it.
    ['Two Kenyan soldiers were killed by Somali militants, according to the Kenyan government.', ['SOMUAF→KENMIL 19']],
    ['Two Kenyan soldiers were killed in Somalia, according to the Kenyan government.', []],
    // An arrest with no agent is the state's where it happened; a killing may be anyone's.
    ['A French journalist was arrested in Iran.', ['IRN→FRAMED 17']],
    ['A French journalist was killed in Iran.', []],
  ]);
});

describe('roles: members of coordinated countries', () => {
  table([
    // The members a head names belong to each country joined in its phrase, with their role.
    ['Lawmakers in Kenya and Uganda condemned the attack on Sudan.', ['KENLEG→SDN 11', 'UGALEG→SDN 11']],
    ['The foreign ministers of France and Germany condemned the attack.', ['FRAGOV→- 11', 'DEUGOV→- 11']],
    // An organisation joined to the country keeps its own code.
    ['The presidents of France and the European Commission condemned the attack.', ['FRAGOV→- 11', 'IGOEUREEC→- 11']],
  ]);
});
