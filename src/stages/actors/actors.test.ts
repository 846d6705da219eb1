import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../document/invariants.js';
import type { ActorMention } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { loadKnowledgeBase } from '../../knowledge/load.js';
import { KnowledgeError } from '../../knowledge/parse-entries.js';

const engines = new Map<string, ReturnType<typeof createEngine>>();
function actorsOf(text: string, date = '2018-02-12'): ActorMention[] {
  const engine = engines.get(date) ?? createEngine({ defaultDate: date });
  engines.set(date, engine);
  const doc = engine.process(`Headline\n\n${text}`);
  expect(checkInvariants(doc)).toEqual([]);
  return doc.actors!;
}
const brief = (ms: ActorMention[]) => ms.map((m) => `${m.text}=${m.actor.code ?? '-'}/${m.actor.kind}`);

describe('actors: dictionary names, adjectives, capitals and agents', () => {
  it.each([
    ['North Korea fired a missile.', ['North Korea=PRK/country']],
    ['Seoul said it would respond.', ['Seoul=KORGOV/country', 'it=KORGOV/country']],
    ['Officials met in Seoul on Monday.', ['Seoul=KOR/city']],
    ['U.S. officials said talks would resume.', ['U.S. officials=USAGOV/group']],
    ['A South Korean government official said so.', ['South Korean government official=KORGOV/organisation']],
    [
      "North Korea's military warned Washington.",
      ["North Korea's military=PRKMIL/organisation", 'Washington=USAGOV/country'],
    ],
    ['The army of Myanmar seized power.', ['army of Myanmar=MMRMIL/organisation']],
    ['The U.N. Security Council met.', ['U.N. Security Council=IGOUNO/organisation']],
    ['A source told Reuters on Monday.', ['Reuters=GBRMED/media']],
    ['The Kremlin and the Élysée disagreed.', ['Kremlin=RUSGOV/country', 'Élysée=FRAGOV/country']],
    ['He wrote in The Washington Post.', ['The Washington Post=USAMED/media']],
  ])('%s', (text, expected) => {
    expect(brief(actorsOf(text))).toEqual(expected);
  });

  it('codes "the North" and "the South" only in a story about both Koreas', () => {
    expect(brief(actorsOf('South Korea hopes the North will talk.'))).toEqual([
      'South Korea=KOR/country',
      'the North=PRK/country',
    ]);
    expect(brief(actorsOf('Voters in the North of the country were angry.'))).toEqual([]);
  });
});

describe('actors: must not match', () => {
  it.each([
    'They told us the plan would work.',
    'It is a washington-style compromise, critics said.',
    'The Washington-based think tank said nothing.',
    'We may meet again in the spring.',
    'The president said nothing.',
  ])('%s', (text) => {
    expect(actorsOf(text).filter((m) => m.actor.kind !== 'city')).toEqual([]);
  });
});

describe('actors: people', () => {
  it('codes the same person by the office held on the article date', () => {
    const code = (date: string) => actorsOf('Moon Jae-in spoke to reporters.', date)[0]!.actor;
    expect(code('2016-06-01')).toMatchObject({ code: 'KOROPP', role: 'OPP' });
    expect(code('2018-02-12')).toMatchObject({ code: 'KORGOV', role: 'GOV', title: 'President' });
    expect(code('2023-01-01')).toMatchObject({ code: 'KORELI', role: 'ELI', former: true });
  });

  it('resolves surnames and pronouns to the person, with the antecedent', () => {
    const ms = actorsOf(
      'Vice President Mike Pence arrived in Seoul. Pence said he would meet Moon Jae-in. She did not reply.',
    );
    expect(ms.map((m) => [m.text, m.actor.name, m.antecedent?.text ?? null])).toEqual([
      ['Mike Pence', 'Mike Pence', null],
      ['Seoul', 'Seoul', null],
      ['Pence', 'Mike Pence', 'Mike Pence'],
      ['he', 'Mike Pence', 'Pence'],
      ['Moon Jae-in', 'Moon Jae-in', null],
    ]);
    expect(ms[0]!.actor.title).toBe('Vice President');
  });

  it('recognises a person the knowledge base lacks from a title, and keeps it for the article', () => {
    const ms = actorsOf('Kremlin spokesman Ivan Petrovsky said the talks failed. Petrovsky later left.');
    expect(ms.map((m) => [m.text, m.actor.code, m.actor.kind, m.via])).toEqual([
      ['Kremlin spokesman', 'RUSGOV', 'organisation', expect.stringMatching(/^rule:country-agent/)],
      ['Ivan Petrovsky', 'RUSGOV', 'person', 'rule:title-name'],
      ['Petrovsky', 'RUSGOV', 'person', 'coref:surname'],
    ]);
  });

  it('codes a new person from an appositive that names an organisation or a country and a role', () => {
    const hook = actorsOf(
      '“They are feeling the strain,” said Jane Roewood, Director of Policy Planning for the U.S. Department of State.',
    );
    expect(hook.find((m) => m.text === 'Jane Roewood')?.actor).toMatchObject({ code: 'USAGOV', kind: 'person' });
    const official = actorsOf('Tomas Ekberg, a Swedish government official, said so.');
    expect(official[0]).toMatchObject({ text: 'Tomas Ekberg', actor: { code: 'SWEGOV', kind: 'person' } });
  });

  it('does not resolve pronouns inside quotations', () => {
    const ms = actorsOf('Mike Pence spoke. “He knows what he did,” Pence said.');
    expect(ms.filter((m) => m.via === 'coref:pronoun')).toEqual([]);
  });

  it('reads "His Majesty" before a name as a style of address, and alone as a pronoun', () => {
    const styled = actorsOf('Mike Pence met His Majesty King Abdullah II of Jordan.');
    expect(styled.filter((m) => m.via === 'coref:pronoun')).toEqual([]);
    const alone = actorsOf('Mike Pence met King Abdullah II of Jordan. Pence thanked His Majesty for his hospitality.');
    expect(alone.find((m) => m.text === 'His')?.via).toBe('coref:pronoun');
  });
});

describe('actors: document-first names', () => {
  // The dictionary knows Boris Johnson (surname Johnson), in office on this date.
  const date = '2020-03-02';
  const named = (text: string) => actorsOf(text, date).map((m) => `${m.text}=${m.actor.name}`);

  it.each([
    [
      'a surname is the person the article named with it',
      'Health Minister Mark Johnson opened the clinic. Johnson said it would stay open.',
      ['Mark Johnson=Mark Johnson', 'Johnson=Mark Johnson'],
    ],
    [
      'a pronoun after that surname is the same person',
      'Mark Johnson, a surgeon, opened the clinic. Johnson said he was proud of it.',
      ['Mark Johnson=Mark Johnson', 'Johnson=Mark Johnson', 'he=Mark Johnson'],
    ],
    [
      'the surname of a full name is not a dictionary surname',
      'The clinic was opened by Mark Johnson on Friday.',
      ['Mark Johnson=Mark Johnson'],
    ],
    [
      'the nearest name before the surname wins when the article names two people of that surname',
      'Andrew Johnson met the nurses. Johnson smiled. Boris Johnson visited later. Johnson left early.',
      [
        'Andrew Johnson=Andrew Johnson',
        'Johnson=Andrew Johnson',
        'Boris Johnson=Boris Johnson',
        'Johnson=Boris Johnson',
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(named(text)).toEqual(expected);
  });

  // Must not: without a person of that name in the article, the dictionary still answers.
  it.each([
    [
      'a bare surname with no one of that name in the article',
      'Johnson said talks went well.',
      ['Johnson=Boris Johnson'],
    ],
    [
      'a surname after the dictionary person’s own full name',
      'Boris Johnson met the nurses. Johnson said talks went well.',
      ['Boris Johnson=Boris Johnson', 'Johnson=Boris Johnson'],
    ],
    ['a surname after a title, not a name', 'Prime Minister Johnson met the nurses.', ['Johnson=Boris Johnson']],
    [
      'a surname after a person of another surname',
      'Mark Jensen opened the clinic. Johnson said it would stay open.',
      ['Mark Jensen=Mark Jensen', 'Johnson=Boris Johnson'],
    ],
  ])('must not: %s', (_, text, expected) => {
    expect(named(text)).toEqual(expected);
  });
});

describe('actor dictionaries', () => {
  it('codes a person a user adds with --actors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-kb-'));
    const file = join(dir, 'mine.txt');
    writeFileSync(
      file,
      'person: Ingrid Solvang\n  surname: Solvang\n  gender: female\n  role: NORGOV ' +
        '2019-01-01.. Minister of Fisheries\n',
    );
    const engine = createEngine({ defaultDate: '2020-05-01', actorFiles: [file] });
    const doc = engine.process('Headline\n\nIngrid Solvang visited Oslo. Solvang said she was pleased.');
    expect(doc.actors!.map((m) => [m.text, m.actor.code])).toEqual([
      ['Ingrid Solvang', 'NORGOV'],
      ['Oslo', 'NORGOV'],
      ['Solvang', 'NORGOV'],
      ['she', 'NORGOV'],
    ]);
  });

  it.each([
    ['person: X Y\n  role: USAGOV 2020-01-01\n', 3 - 1, /a role is "<CODE> <from>..<to> <title>"/],
    ['country: Nowhere\n  names: Nowhere\n', 1, /has no code/],
    ['country: Nowhere\n  code: NWH\n\tnames: x\n', 3, /indent fields with two spaces/],
    ['planet: Mars\n', 1, /unknown entry type "planet"/],
    ['person: A B\n  role: USAGOV 2020-01-01..2019-01-01\n', 2, /ends \(2019-01-01\) before it starts/],
    ['organisation: Acme\n  code: acme\n', 2, /not a code of 3-letter parts/],
  ])('rejects a malformed file with file, line and reason (%#)', (content, line, reason) => {
    const dir = mkdtempSync(join(tmpdir(), 'dyad-bad-kb-'));
    const file = join(dir, 'bad.txt');
    writeFileSync(file, content);
    let error: unknown;
    try {
      loadKnowledgeBase([file]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).message).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: `),
    );
    expect((error as KnowledgeError).reason).toMatch(reason);
  });

  it('loads the shipped dictionaries without error', () => {
    const kb = loadKnowledgeBase();
    expect(kb.entries.length).toBeGreaterThan(3000);
    expect(kb.countries.get('KOR')?.name).toBe('South Korea');
  });
});

describe('actors: honorifics', () => {
  it.each([
    ['Adm. Ole Sandvik inspected the fleet.', 'Ole Sandvik'],
    ['Prime Minister Tran Xuan Gia said so.', 'Tran Xuan Gia'],
    ['Mr. Halvorsen declined to comment.', 'Halvorsen'],
  ])('%s', (text, name) => {
    expect(actorsOf(text).map((m) => m.actor.name)).toContain(name);
  });

  it('takes the gender a title implies, so that "she" does not resolve to Mr. X', () => {
    const ms = actorsOf('Mr. Halvorsen spoke first. She disagreed.');
    expect(ms.filter((m) => m.via === 'coref:pronoun')).toEqual([]);
  });
});
