import { describe, expect, it } from 'vitest';
import type { CodedEvent } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { loadEventKnowledge, NO_EVENT } from '../../knowledge/event-patterns.js';

/**
 * Only acts the text asserts are coded (issue 21): each phenomenon with a twin that must code,
 * in sentences written for this test.
 */
const engine = createEngine({ defaultDate: '2019-03-04' });
const brief = (e: CodedEvent) =>
  `${e.source.actor.code}→${e.target?.actor.code ?? '-'} ${e.root}${e.intent ? ' intent' : ''}` +
  `${e.negated ? ' refusal' : ''}`;
const coded = (text: string) => (engine.process(`Headline\n\n${text}`).events ?? []).map(brief);

describe('events: only asserted acts', () => {
  it.each([
    // Another sense of the word: meeting a need is no meeting.
    ['The new funds will meet the needs of Ukraine.', []],
    ['The German chancellor met the prime minister of Ukraine.', ['DEUGOV→UKRGOV 04']],
    // A thing that kills is no actor: an earthquake is not the army.
    ['An earthquake that killed 40 people struck Nepal.', []],
    ['Nepalese troops killed 40 protesters in Kathmandu.', ['NPLMIL→NPLOPP 19']],
    // What one urges or seeks is not done.
    ['Britain urged Iran to release the sailors.', ['GBR→IRN 02']],
    ['Iran released the British sailors.', ['IRN→- 08']],
    ['France will seek the release of the hostages held by Hamas.', []],
    // What one supports as an aim is not support given.
    ['The two ministers discussed efforts to support Moldova.', []],
    ['Japan supported Moldova.', ['JPN→MDA 05']],
    // A clause of purpose after a verb other than a meeting is an aim; after a meeting, its topic.
    ['Spain sent warships to deter attacks on Morocco.', []],
    [
      'The Spanish foreign minister met the Moroccan foreign minister in Rabat to discuss migration.',
      ['ESPGOV→MARGOV 04', 'ESPGOV→- 04'],
    ],
    // An aim noun's clause past an aside, and a verb of undertaking, are aims too.
    ['Chile discussed a joint effort, with its neighbours and partners, to train Bolivian pilots.', []],
    ['Chile trained Bolivian pilots.', ['CHL→BOL 06']],
    ['Chile listed initiatives it is undertaking to support Bolivia.', []],
    // Work towards an act is no act.
    ['Norway is working to help Colombia end the conflict.', []],
    ['Norway helped Colombia.', ['NOR→COL 07']],
    // A modal above a noun: what must be resolved through talks is not talks held.
    ['The dispute must be resolved through negotiations between Israel and Lebanon.', []],
    ['Israel held negotiations with Lebanon.', ['ISR→LBN 04']],
    // A participle before a noun modifies it: a negotiated ceasefire is not a negotiation.
    ['Egypt welcomed the negotiated ceasefire.', ['EGY→- 05']],
    // A commitment to work with someone is intent, a readiness to help an intent to aid.
    ['Canada reaffirmed its commitment to working with Mexico.', ['CAN→MEX 03 intent']],
    ['Canada worked with Mexico.', ['CAN→MEX 06']],
    // An alternative not taken.
    ['Brazil chose diplomacy rather than attacking Paraguay.', []],
    ['Brazil attacked Paraguay.', ['BRA→PRY 19']],
    // What one prevents does not happen.
    ['Seoul must prevent a situation in which North Korea attacks Japan.', []],
    ['North Korea attacked Japan.', ['PRK→JPN 19']],
    // What would happen has not happened: only the warning is coded ("meet a response" is no meeting).
    ['Britain warned that further Russian aggression against Ukraine would meet a firm response.', ['GBR→RUS 13']],
    ['Russian aggression against Ukraine continued.', ['RUS→UKR 19']],
    // A past participle after "to" modifies the noun after it.
    ['Flights to agreed destinations resumed, Qatar said.', []],
    ['Qatar agreed to resume flights to Bahrain.', ['QAT→BHR 03']],
    // An appeal the tagger reads as a noun ("calls on") still makes its "to" clause asked.
    ['Austria calls on Serbia to comply with the ruling.', ['AUT→SRB 02']],
    ['Serbia complied with the ruling.', ['SRB→- 08']],
    // A gerund completing a noun is a priority or a topic.
    ['Canada stressed its priority of protecting Haiti.', []],
    ['Canada protected Haiti.', ['CAN→HTI 07']],
    // Another sense: charging customers is no charge at law.
    ['The inquiry found that Apple charged customers in Britain more.', []],
    // A bare noun subject of an evaluation is a general statement.
    ['Cooperation between Chile and Peru is indispensable.', []],
    // A refusal to talk is a refusal.
    ['Chile regretted the refusal to talk to Peru.', ['CHL→- 11', 'CHL→PER 12 refusal']],
    // A participle closing a list of adjectives is no act ("those missing, wounded, and killed").
    // (Its twin, a killing with a subject: "Nepalese troops killed 40 protesters" above.)
    ['Peru mourned those missing, injured, and killed.', ['PER→- 01']],
    // Shot down, with the verb the tagger may read as a noun.
    ['Pakistan said it had shot down two Indian aircraft.', ['PAK→IND 19']],
  ])('%s', (text, expected) => {
    expect(coded(text)).toEqual(expected);
  });

  it('takes a bare title for the person the article named with it ("The Secretary and President")', () => {
    const text =
      'Secretary of State Antony Blinken spoke with Palestinian Authority President Mahmoud Abbas. ' +
      'The Secretary and President welcomed the ceasefire.';
    const welcomes = coded(text).filter((e) => e.endsWith(' 05'));
    expect(welcomes.map((e) => e.split('→')[0])).toEqual(['USAGOV', 'PSEGOV']);
    // Twin: a title no person of the article holds names no one.
    expect(coded('Norway spoke with Sweden. The Chancellor welcomed the ceasefire.')).toEqual(['NOR→SWE 04']);
  });

  it('reads `---` patterns as other senses of a word, which win over the plain verb', () => {
    const senses = [...loadEventKnowledge().verbs.get('meet')!].filter((p) => p.code === NO_EVENT);
    expect(senses.map((p) => p.words[0])).toContainEqual(expect.arrayContaining(['need']));
  });
});
