import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import type { Quote } from '../../document/types.js';
import { createEngine } from '../../engine.js';

// Issue 21, point 6, eleventh session: who speaks, read off the parse. Sentences written for these tests.
const engine = createEngine({ defaultDate: '2018-02-12' });
function quotesOf(text: string): Quote[] {
  const doc = engine.process(`Headline\n\n${text}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc.quotes ?? [];
}
const who = (q: Quote) => ({ text: q.text, speaker: q.speaker?.mention.text ?? null, cue: q.cue?.text ?? null });

describe('quotes: speakers on the parse, each with a twin that must yield nothing', () => {
  it.each([
    [
      'a fronted participle speaks through the subject after it',
      'Citing “rising fuel costs”, the airline announced that fares would increase in May.',
      { text: 'rising fuel costs', speaker: 'the airline', cue: 'Citing' },
      'Citing sources is a habit of good reporters.',
    ],
    [
      'a participle the tagger read as an adjective still reports',
      'Maria Lenz left the bank in 2019, later revealing she had been ill.',
      { text: 'she had been ill.', speaker: 'Maria Lenz', cue: 'revealing' },
      'Maria Lenz left the bank in 2019, later revealing dresses at a gala.',
    ],
    [
      '"according to X\'s announcement": the announcement reports, and X speaks',
      "According to the ministry's announcement, the border will reopen on Monday.",
      { text: 'the border will reopen on Monday', speaker: 'the ministry', cue: 'announcement' },
      "The ministry's announcement came on Monday.",
    ],
    [
      'what a listener is told to do is not what was said',
      'The recording told callers that the lines were busy.',
      { text: 'the lines were busy', speaker: 'The recording', cue: 'told' },
      'A recording on the phone lines kept telling people to call back later.',
    ],
  ])('%s', (_name, text, expected, twin) => {
    expect(quotesOf(text).map(who)).toContainEqual(expected);
    expect(quotesOf(twin)).toEqual([]);
  });

  it('gives a direct quote after "by saying" the subject of the verb the participle hangs on', () => {
    const [quote] = quotesOf('The mayor, Anna Kowalski, defended the budget by saying, “Every school will stay open.”');
    expect(quote?.speaker?.actor?.name).toBe('Anna Kowalski');
    expect(quote?.text).toBe('Every school will stay open.');
    expect(quotesOf('The mayor, Anna Kowalski, defended the budget by cutting the road programme.')).toEqual([]);
  });

  it('reads a participle with an object of its own as an act, not as the cue of the clause before', () => {
    expect(quotesOf('The new model is thinner and lighter, adding a larger screen to its features.')).toEqual([]);
    const said = quotesOf('The new model is thinner and lighter, the company said, adding that it would ship in May.');
    expect(said.map(who)).toContainEqual({ text: 'it would ship in May', speaker: 'the company', cue: 'adding' });
  });

  it('resolves "he" to the person the story made its subject, not to the nearest name', () => {
    const quotes = quotesOf(
      'In a press conference on Monday, Tomas Oberg, the chief executive of General Dynamo, outlined a plan for what ' +
        'he called a “New Dynamo”. Speaking to the press, Oberg described the day as a “turning point” in the ' +
        'history of General Dynamo. Speaking to the public he said that “The firm that let you down is history.”',
    );
    const said = quotes.find((q) => q.cue?.text === 'said');
    expect(said?.speaker?.mention.text).toBe('he');
    expect(said?.speaker?.actor?.name).toBe('Tomas Oberg');
    // "she" never takes up the possessor of a subject ("Putin's restraint"), nor a man.
    const brandt = quotesOf(
      'According to Natalia Brandt, an analyst, the talks were aimed at Moscow. Putin’s restraint was aimed squarely ' +
        'at the next president. “He has decided to wait,” she said.',
    ).find((q) => q.cue?.text === 'said');
    expect(brandt?.speaker?.actor?.name).toBe('Natalia Brandt');
  });

  it('resolves "it" to the company a title names, never to a person', () => {
    const second = (text: string) => quotesOf(text).find((q) => q.speaker?.mention.text === 'It');
    const company = second(
      'The automaker Ragnvald said on Monday that sales fell. It said that it plans to close plants.',
    );
    expect(company?.speaker?.actor?.name).toBe('Ragnvald');
    const person = second('Chancellor Ragnvald said on Monday that sales fell. It said that it plans to close plants.');
    expect(person?.speaker?.actor?.name).not.toBe('Ragnvald');
  });

  it('sets aside a quoted phrase inside a sentence that nobody is said to have said', () => {
    const doc = engine.process('Headline\n\nThe phone is billed as “a revolutionary mobile phone” on the website.');
    expect(doc.quotes).toEqual([]);
    expect(doc.quotedPhrases?.map((p) => p.text)).toEqual(['a revolutionary mobile phone']);
    // Said by someone, the same words are a quote.
    const said = quotesOf('The phone is “a revolutionary mobile phone”, the company said.');
    expect(said.map((q) => q.speaker?.mention.text)).toEqual(['the company']);
  });

  it('attributes a quotation to the cue after its closing mark even where a sentence was split there', () => {
    const [quote] = quotesOf('“We cannot afford a collapse. We will act.” said Mayor Tom Rask.');
    expect(quote?.speaker?.actor?.name).toBe('Tom Rask');
    const [unsaid] = quotesOf('“We cannot afford a collapse. We will act.” Mayor Tom Rask left the room.');
    expect(unsaid?.speaker).toBeNull();
  });

  it('gives the words of a letter to its writer, wherever the parse hung the participle', () => {
    const [quote] = quotesOf(
      'Anna Berg resigned in a letter to the board of directors stating, “My work here is done.”',
    );
    expect(quote?.speaker?.actor?.name).toBe('Anna Berg');
    expect(quotesOf('Anna Berg resigned in a letter to the board of directors.')).toEqual([]);
  });

  it.each([
    [
      'The auditors on March 3 called for a new tender for the bridge contract.',
      { text: 'for a new tender for the bridge contract', speaker: 'The auditors', cue: 'called' },
      'The auditors on March 3 called a meeting about the bridge contract.',
    ],
    [
      'The union asked for a new contract.',
      { text: 'for a new contract', speaker: 'The union', cue: 'asked' },
      'The union asked about the new contract.',
    ],
  ])('reads a request off "call for" and "ask for", never a date for its speaker: %s', (text, expected, twin) => {
    expect(quotesOf(text).map(who)).toEqual([expected]);
    expect(quotesOf(twin)).toEqual([]);
  });

  it('gives a verb joined by "and" to a quotation\'s cue the same speaker, not the quoted words', () => {
    const cues = (text: string) => quotesOf(text).map((q) => `${q.cue?.text}: ${q.speaker?.mention.text}`);
    const said = 'Speaking to staff she said that “The bank that failed you is gone,”';
    expect(cues(`${said} and described a “new bank” that she expected to grow from the merger.`)).toEqual([
      'said: she',
      'described: she',
    ]);
    expect(cues(`${said} and a “new bank” was described in the memo.`)).toEqual(['said: she']);
  });

  it('lets an outlet that cites a reason speak for itself, and keeps one that cites a source a relay', () => {
    const [own] = quotesOf('The newspaper cites a sharp rise in fuel prices for the fall in sales.');
    expect(own?.speaker?.mention.text).toBe('The newspaper');
    expect(own?.via).toBeNull();
    const [relayed] = quotesOf('The newspaper cites officials in the ministry for the fall in sales.');
    expect(relayed?.speaker).toBeNull();
    expect(relayed?.via?.mention.text).toBe('The newspaper');
  });

  it('takes up the subject of the main clause before a source it cites, and a named spokesman before "her"', () => {
    const names = (text: string) => quotesOf(text).map((q) => `${q.cue?.text}: ${q.speaker?.actor?.name}`);
    expect(
      names(
        'Mayor Lena Brook said that the city must act, according to her spokesman Tom Rask. She said the flood ' +
          'posed a grave threat.',
      ),
    ).toEqual(['according to: Tom Rask', 'said: Lena Brook', 'said: Lena Brook']);
    expect(names('According to the spokesman Tom Rask, the city must act. He said the flood posed a threat.')).toEqual([
      'According to: Tom Rask',
      'said: Tom Rask',
    ]);
  });

  it('gives a verb whose subject is "whose X" to the noun the clause is about', () => {
    const [quote] = quotesOf('Chile, whose president has ties with the rebels, called for new talks.');
    expect(quote?.speaker?.mention.text).toBe('Chile');
    expect(quotesOf('Chile, whose president has ties with the rebels, called a meeting.')).toEqual([]);
  });
});
