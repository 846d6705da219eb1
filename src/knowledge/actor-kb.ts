import { composeCode } from './actor-code.js';
import { KnowledgeError, parseEntries, splitList, type RawEntry, type RawField } from './parse-entries.js';
import { caseRuleOf, foldToken, tokenisePhrase, type CaseRule } from './tokens.js';

import type { ActorKind } from '../document/types.js';

export type { ActorKind };

/** A dated role of a person: the code in force from `from` to `to` (ISO dates; null is open). */
export interface Role {
  code: string;
  from: string | null;
  to: string | null;
  title: string;
}

/** An entry of the knowledge base, checked and ready for lookup. */
export interface ActorEntry {
  /** Unique id: `<type>:<canonical name>`. */
  id: string;
  type: 'country' | 'organisation' | 'group' | 'media' | 'person' | 'place';
  name: string;
  /** The code of countries, organisations, groups and media (persons use `roles`). */
  code: string | null;
  /** Home country code, where known. */
  country: string | null;
  roles: Role[];
  gender: 'male' | 'female' | null;
  /** Country only: phrases that name the country only when another country is in the story. */
  short: Array<{ phrase: string; when: string }>;
  file: string;
  line: number;
}

/** A CAMEO agent code and the nouns that signal it. */
export interface AgentEntry {
  code: string;
  label: string;
  nouns: string[];
  file: string;
  line: number;
}

/** How a phrase names its entry; decides how a mention of it is coded. */
export type PhraseKind = 'name' | 'demonym' | 'metonym' | 'short' | 'surname' | 'description' | 'agent';

/** One dictionary phrase: its tokens as written (for case checks) and what it names. */
export interface Phrase {
  tokens: string[];
  /** The case each token asks of the text, by `caseRuleOf`. */
  caseRules: CaseRule[];
  kind: PhraseKind;
  entry?: ActorEntry;
  agent?: AgentEntry;
  /** For `short`: the country code the story must also mention. */
  when?: string;
}

/** A node of the phrase trie, keyed by folded tokens. */
export interface TrieNode {
  readonly next: ReadonlyMap<string, TrieNode>;
  readonly phrases: readonly Phrase[];
}

/** A trie node while it is built: leaves share one empty map and one empty list until they grow. */
interface GrowingNode {
  next: Map<string, GrowingNode>;
  phrases: Phrase[];
}
const NO_CHILDREN: Map<string, GrowingNode> = new Map();
const NO_PHRASES: Phrase[] = [];

/** The compiled knowledge base: entries, agents, and a token trie over every phrase. */
export interface KnowledgeBase {
  entries: ActorEntry[];
  agents: Map<string, AgentEntry>;
  trie: TrieNode;
  /** Country entries by code, for coding demonyms and metonyms. */
  countries: Map<string, ActorEntry>;
  /** Given names, to recognise people the knowledge base does not hold. */
  givenNames: Set<string>;
  /** Honorific titles ("Mr.", "Gen.", "Foreign Minister"), folded, with an implied gender if any. */
  honorifics: Map<string, 'male' | 'female' | null>;
  /** Word lists of other stages by name (`speech-verbs`, `documents` ...), from `lexicon:` entries. */
  lexicons: Map<string, string[]>;
  /** The files it was compiled from. */
  files: string[];
}

const ACTOR_TYPES = new Set(['country', 'organisation', 'group', 'media', 'person', 'place', 'agent']);

const LEXICON_TYPES = new Set(['lexicon']);

const FIELDS: Record<string, ReadonlySet<string>> = {
  country: new Set(['code', 'names', 'demonyms', 'metonyms', 'short', 'descriptions']),
  organisation: new Set(['code', 'names', 'country']),
  group: new Set(['code', 'names', 'country']),
  media: new Set(['code', 'names', 'country']),
  place: new Set(['names', 'country']),
  person: new Set(['names', 'surname', 'gender', 'role']),
  agent: new Set(['label', 'nouns', 'plural']),
};

const CODE = /^[A-Z]{3}(?:[A-Z]{3})*$/;
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** The regular English plural of a noun phrase's last word ("official" → "officials", "ministry" → "ministries"). */
export function regularPlural(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** True when an ISO date of year, month or day precision names a real month and day (not 2018-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!DATE.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  return d === undefined || (d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate());
}

/** Reads an ISO date of year, month or day precision as the first (or last) day it covers. */
function expandDate(date: string, end: boolean): string {
  if (date.length === 10) return date;
  if (date.length === 7) {
    if (!end) return `${date}-01`;
    const [y, m] = date.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }
  return end ? `${date}-12-31` : `${date}-01-01`;
}

function parseRole(field: RawField, file: string): Role {
  const match = /^([A-Z]{3,})\s+(\S*)\.\.(\S*)(?:\s+(.*))?$/.exec(field.value);
  if (!match)
    throw new KnowledgeError(
      file,
      field.line,
      `a role is "<CODE> <from>..<to> <title>", found ${JSON.stringify(field.value)}`,
    );
  const [, code, from, to, title] = match as unknown as [string, string, string, string, string | undefined];
  if (!CODE.test(code))
    throw new KnowledgeError(file, field.line, `"${code}" is not a code of 3-letter parts (USAGOV, KORELI, IGOUNO)`);
  for (const date of [from, to]) {
    if (date && !DATE.test(date))
      throw new KnowledgeError(file, field.line, `"${date}" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)`);
    if (date && !isCalendarDate(date))
      throw new KnowledgeError(file, field.line, `"${date}" is not a date of the calendar (no such month or day)`);
  }
  const role: Role = {
    code,
    from: from ? expandDate(from, false) : null,
    to: to ? expandDate(to, true) : null,
    title: title?.trim() ?? '',
  };
  if (role.from && role.to && role.from > role.to)
    throw new KnowledgeError(file, field.line, `the role ends (${to}) before it starts (${from})`);
  return role;
}

function fieldMap(entry: RawEntry): Map<string, RawField[]> {
  const allowed = FIELDS[entry.type]!;
  const map = new Map<string, RawField[]>();
  for (const field of entry.fields) {
    if (!allowed.has(field.key)) {
      throw new KnowledgeError(
        entry.file,
        field.line,
        `"${field.key}" is not a field of a ${entry.type} entry (expected: ${[...allowed].join(', ')})`,
      );
    }
    if (field.key !== 'role' && map.has(field.key))
      throw new KnowledgeError(entry.file, field.line, `"${field.key}" is given twice for ${entry.name}`);
    map.set(field.key, [...(map.get(field.key) ?? []), field]);
  }
  return map;
}

/**
 * What a knowledge builder holds, as plain JSON: the compiled form `npm run build` caches (see
 * `compiled.ts`) so that a start reads it instead of parsing every dictionary file again. A phrase
 * is `[tokens, case rules, kind, index of its entry in entries, when?]`, listed under its folded key.
 */
type StatePhrase = [string[], CaseRule[], PhraseKind, number] | [string[], CaseRule[], PhraseKind, number, string];

export interface BuilderState {
  entries: ActorEntry[];
  agents: AgentEntry[];
  phrases: Array<[key: string, phrases: StatePhrase[]]>;
  givenNames: string[];
  honorifics: Array<[string, 'male' | 'female' | null]>;
  lexicons: Array<[string, string[]]>;
  files: string[];
}

/** A growing knowledge base; `addFile` may be called for each dictionary file, users' last. */
export class KnowledgeBuilder {
  private readonly entries = new Map<string, ActorEntry>();
  private readonly agents = new Map<string, AgentEntry>();
  private readonly phrases = new Map<string, Phrase[]>();
  /** Phrase keys by entry id, so an entry's phrases can be dropped when it is replaced. */
  private readonly keysOf = new Map<string, string[]>();
  private readonly givenNames = new Set<string>();
  private readonly honorifics = new Map<string, 'male' | 'female' | null>();
  private readonly files: string[] = [];
  private readonly lexicons = new Map<string, string[]>();

  /**
   * Adds the entries of one actor dictionary file. An entry with the same type and name as an
   * earlier one is merged with it (names and roles added), or, with `replace`, replaces it — as a
   * user's file does, so that it can correct the shipped data.
   * @throws KnowledgeError naming file and line.
   */
  addActorFile(text: string, file: string, options: { replace?: boolean } = {}): void {
    this.files.push(file);
    for (const raw of parseEntries(text, file, ACTOR_TYPES)) {
      const fields = fieldMap(raw);
      const list = (key: string) => (fields.get(key) ?? []).flatMap((f) => splitList(f, file));
      const single = (key: string) => fields.get(key)?.[0];
      if (raw.type === 'agent') {
        const code = raw.name;
        if (!/^[A-Z]{3}$/.test(code))
          throw new KnowledgeError(file, raw.line, `an agent is named by its 3-letter code, found "${code}"`);
        const given = [...list('nouns'), ...list('plural')];
        // Regular plurals come for free; irregular ones ("spokesmen") are listed under `plural`.
        const nouns = [...new Set([...given, ...list('nouns').map(regularPlural)])];
        if (!nouns.length) throw new KnowledgeError(file, raw.line, `agent ${code} has no nouns`);
        this.agents.set(code, { code, label: single('label')?.value ?? code, nouns, file, line: raw.line });
        continue;
      }
      const type = raw.type as ActorEntry['type'];
      const codeField = single('code');
      const code = codeField?.value ?? null;
      if (code !== null && !CODE.test(code))
        throw new KnowledgeError(file, codeField!.line, `"${code}" is not a code of 3-letter parts`);
      const countryField = single('country');
      const country = type === 'country' ? code : (countryField?.value ?? null);
      if (countryField && !/^(?:[A-Z]{3}|---)$/.test(countryField.value)) {
        throw new KnowledgeError(file, countryField.line, `"${countryField.value}" is not a 3-letter country code`);
      }
      if ((type === 'country' || type === 'organisation' || type === 'group') && !code) {
        throw new KnowledgeError(file, raw.line, `the ${type} ${raw.name} has no code`);
      }
      const roles = (fields.get('role') ?? []).map((f) => parseRole(f, file));
      if (type === 'person' && !roles.length)
        throw new KnowledgeError(file, raw.line, `the person ${raw.name} has no role`);
      const genderField = single('gender');
      if (genderField && !/^(male|female)$/.test(genderField.value)) {
        throw new KnowledgeError(file, genderField.line, `gender is "male" or "female", found "${genderField.value}"`);
      }
      const short = (fields.get('short') ?? []).flatMap((f) =>
        splitList(f, file).map((item) => {
          const m = /^(.+?)\s*@\s*([A-Z]{3})$/.exec(item);
          if (!m)
            throw new KnowledgeError(
              file,
              f.line,
              `a short form is "<phrase> @ <CODE>", found ${JSON.stringify(item)}`,
            );
          return { phrase: m[1]!, when: m[2]! };
        }),
      );
      const entry: ActorEntry = {
        id: `${type}:${raw.name}`,
        type,
        name: raw.name,
        code: type === 'media' ? (code ?? composeCode(country && country !== '---' ? country : null, 'MED')) : code,
        country: country === '---' ? null : country,
        roles,
        gender: (genderField?.value as 'male' | 'female' | undefined) ?? null,
        short,
        file,
        line: raw.line,
      };
      const earlier = this.entries.get(entry.id);
      if (earlier && options.replace) this.removePhrasesOf(entry.id);
      else if (earlier) {
        entry.roles = [...earlier.roles, ...entry.roles];
        entry.short = [...earlier.short, ...entry.short];
        entry.gender ??= earlier.gender;
        entry.code ??= earlier.code;
        entry.country ??= earlier.country;
        this.repointPhrases(earlier, entry);
      }
      this.entries.set(entry.id, entry);
      const add = (text: string, kind: PhraseKind, when?: string) =>
        this.addPhrase(text, when ? { kind, entry, when } : { kind, entry });
      for (const name of new Set([raw.name, ...list('names')])) add(name, 'name');
      for (const demonym of list('demonyms')) add(demonym, 'demonym');
      for (const metonym of list('metonyms')) add(metonym, 'metonym');
      for (const description of list('descriptions')) add(description, 'description');
      for (const s of short) add(s.phrase, 'short', s.when);
      const surname = single('surname');
      if (surname) add(surname.value, 'surname');
    }
  }

  /**
   * Adds the word lists of a lexicon file (`lexicon: <name>` entries with a `words:` field). A
   * list of the same name as an earlier one is extended.
   * @throws KnowledgeError naming file and line.
   */
  addLexiconFile(text: string, file: string): void {
    this.files.push(file);
    for (const raw of parseEntries(text, file, LEXICON_TYPES)) {
      const words: string[] = [];
      for (const field of raw.fields) {
        if (field.key !== 'words')
          throw new KnowledgeError(
            file,
            field.line,
            `"${field.key}" is not a field of a lexicon entry (expected: words)`,
          );
        words.push(...splitList(field, file));
      }
      if (!words.length) throw new KnowledgeError(file, raw.line, `the lexicon ${raw.name} has no words`);
      this.lexicons.set(raw.name, [...(this.lexicons.get(raw.name) ?? []), ...words]);
    }
  }

  /** Adds a list of given names, one per line (`#` comments allowed). */
  addGivenNames(text: string, file: string): void {
    this.files.push(file);
    for (const line of text.split(/\r?\n/)) {
      const name = line.replace(/#.*/, '').trim();
      if (name) this.givenNames.add(foldToken(name));
    }
  }

  /** Adds honorific titles, one per line as `<title>` or `<title> | <gender>`. */
  addHonorifics(text: string, file: string): void {
    this.files.push(file);
    text.split(/\r?\n/).forEach((line, i) => {
      const body = line.replace(/#.*/, '').trim();
      if (!body) return;
      const [title, gender] = body.split('|').map((s) => s.trim());
      if (gender && gender !== 'male' && gender !== 'female')
        throw new KnowledgeError(file, i + 1, `gender is "male" or "female", found "${gender}"`);
      this.honorifics.set(
        tokenisePhrase(title!).map(foldToken).join(' '),
        (gender as 'male' | 'female' | undefined) ?? null,
      );
    });
  }

  private addPhrase(text: string, phrase: Omit<Phrase, 'tokens' | 'caseRules'>): void {
    const tokens = tokenisePhrase(text);
    const key = tokens.map(foldToken).join(' ');
    if (!key) return;
    const list = this.phrases.get(key) ?? [];
    if (phrase.entry && list.some((p) => p.entry === phrase.entry && p.kind === phrase.kind)) return;
    list.push({ ...phrase, tokens, caseRules: tokens.map(caseRuleOf) });
    this.phrases.set(key, list);
    if (phrase.entry) this.keysOf.set(phrase.entry.id, [...(this.keysOf.get(phrase.entry.id) ?? []), key]);
  }

  private removePhrasesOf(entryId: string): void {
    for (const key of this.keysOf.get(entryId) ?? []) {
      const kept = (this.phrases.get(key) ?? []).filter((p) => p.entry?.id !== entryId);
      if (kept.length) this.phrases.set(key, kept);
      else this.phrases.delete(key);
    }
    this.keysOf.delete(entryId);
  }

  /** Points the phrases of a merged entry's earlier version at the merged entry. */
  private repointPhrases(earlier: ActorEntry, merged: ActorEntry): void {
    for (const key of this.keysOf.get(earlier.id) ?? []) {
      for (const p of this.phrases.get(key) ?? []) if (p.entry === earlier) p.entry = merged;
    }
  }

  /** Everything added so far, as plain JSON (the inverse of `KnowledgeBuilder.fromState`). */
  state(): BuilderState {
    const entries = [...this.entries.values()];
    const indexOf = new Map(entries.map((entry, i) => [entry, i]));
    const phrases: BuilderState['phrases'] = [];
    for (const [key, list] of this.phrases) {
      phrases.push([
        key,
        list.map((p) => {
          const index = p.entry ? indexOf.get(p.entry) : undefined;
          // Replaced entries take their phrases with them and merged ones repoint theirs, so this cannot happen.
          if (index === undefined) throw new Error(`the phrase "${key}" names no entry of the knowledge base`);
          return p.when === undefined
            ? [p.tokens, p.caseRules, p.kind, index]
            : [p.tokens, p.caseRules, p.kind, index, p.when];
        }),
      ]);
    }
    return {
      entries,
      agents: [...this.agents.values()],
      phrases,
      givenNames: [...this.givenNames],
      honorifics: [...this.honorifics],
      lexicons: [...this.lexicons],
      files: [...this.files],
    };
  }

  /** A builder holding a state written by `state()`, ready for more files (a user's) and `build()`. */
  static fromState(state: BuilderState): KnowledgeBuilder {
    const builder = new KnowledgeBuilder();
    for (const entry of state.entries) builder.entries.set(entry.id, entry);
    for (const agent of state.agents) builder.agents.set(agent.code, agent);
    for (const [key, list] of state.phrases) {
      const phrases: Phrase[] = [];
      for (const [tokens, caseRules, kind, index, when] of list) {
        const entry = state.entries[index];
        if (!entry) throw new Error(`the phrase "${key}" names entry ${index}, which does not exist`);
        phrases.push(
          when === undefined ? { kind, entry, tokens, caseRules } : { kind, entry, when, tokens, caseRules },
        );
        const keys = builder.keysOf.get(entry.id);
        if (keys) keys.push(key);
        else builder.keysOf.set(entry.id, [key]);
      }
      builder.phrases.set(key, phrases);
    }
    for (const name of state.givenNames) builder.givenNames.add(name);
    for (const [title, gender] of state.honorifics) builder.honorifics.set(title, gender);
    for (const [name, words] of state.lexicons) builder.lexicons.set(name, words);
    builder.files.push(...state.files);
    return builder;
  }

  /** Compiles everything added so far into a knowledge base with its phrase trie. */
  build(): KnowledgeBase {
    // Most of the 20,000 nodes are leaves or inner nodes without phrases: sharing their empty map
    // and list saves allocating (and collecting) tens of thousands of objects at every start.
    const trie: GrowingNode = { next: new Map(), phrases: NO_PHRASES };
    const add = (folded: readonly string[], phrases: readonly Phrase[]) => {
      let node = trie;
      for (const key of folded) {
        let child = node.next.get(key);
        if (!child) {
          child = { next: NO_CHILDREN, phrases: NO_PHRASES };
          if (node.next === NO_CHILDREN) node.next = new Map();
          node.next.set(key, child);
        }
        node = child;
      }
      node.phrases = node.phrases === NO_PHRASES ? [...phrases] : [...node.phrases, ...phrases];
    };
    // A phrase key is its folded tokens joined by spaces, and no token holds a space.
    for (const [key, list] of this.phrases) add(key.split(' '), list);
    for (const agent of this.agents.values()) {
      for (const noun of agent.nouns) {
        const tokens = tokenisePhrase(noun);
        add(tokens.map(foldToken), [{ kind: 'agent', agent, tokens, caseRules: tokens.map(caseRuleOf) }]);
      }
    }
    const entries = [...this.entries.values()];
    return {
      entries,
      agents: new Map(this.agents),
      trie,
      countries: new Map(entries.filter((e) => e.type === 'country').map((e) => [e.code!, e])),
      givenNames: new Set(this.givenNames),
      honorifics: new Map(this.honorifics),
      lexicons: new Map(this.lexicons),
      files: [...this.files],
    };
  }
}

/**
 * The role a person held on `date` (ISO). With no role in force, the latest role that ended
 * before the date, marked `former`; before any role, the earliest, marked `before`.
 */
export function roleOn(
  entry: ActorEntry,
  date: string | null,
): { role: Role; when: 'in-office' | 'former' | 'before' } | null {
  if (!entry.roles.length) return null;
  const day = date?.slice(0, 10) ?? null;
  if (day === null)
    return { role: entry.roles.reduce((a, b) => ((b.from ?? '') > (a.from ?? '') ? b : a)), when: 'in-office' };
  // Several roles may be in force (a minister who is also party leader): the narrowest wins.
  const current = entry.roles.filter((r) => (r.from === null || r.from <= day) && (r.to === null || day <= r.to));
  if (current.length) {
    const span = (r: Role) => Date.parse(r.to ?? '2999-12-31') - Date.parse(r.from ?? '1900-01-01');
    return { role: current.reduce((a, b) => (span(b) < span(a) ? b : a)), when: 'in-office' };
  }
  const ended = entry.roles.filter((r) => r.to !== null && r.to < day);
  if (ended.length) return { role: ended.reduce((a, b) => (b.to! > a.to! ? b : a)), when: 'former' };
  return { role: entry.roles.reduce((a, b) => ((b.from ?? '') < (a.from ?? '') ? b : a)), when: 'before' };
}
