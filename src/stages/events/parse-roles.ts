import type { ActorMention, Token, TokenSyntax } from '../../document/types.js';

/**
 * The dependency parse as the events steps read it: each token's head and relation, its
 * dependents, and the actor mention that covers it, so that roles are read off arcs
 * (`nsubj`, `obl:agent`, `obj`, `case`) instead of word windows.
 */
export interface RoleParse {
  heads: Int32Array;
  deprels: readonly string[];
  /** The dependents of each token, in text order. */
  children: readonly number[][];
  /** The actor mention covering each token, or null. */
  mentionOf: ReadonlyArray<ActorMention | null>;
}

/**
 * Dependents a noun's party never comes from: clauses that modify it ("militias armed by Iran",
 * "North Korea, which fired ..."), and punctuation. `conj` and `appos` are read apart.
 */
const CLAUSAL = new Set([
  'acl',
  'advcl',
  'parataxis',
  'ccomp',
  'xcomp',
  'csubj',
  'punct',
  'cc',
  'dep',
  'list',
  'reparandum',
]);
/** Relations through which a verb shares the subject of the verb it hangs on ("agreed to create"). */
const SHARES_SUBJECT = new Set(['xcomp', 'conj']);
/** Noun modifiers that belong to the phrase's party: possessors and titles ("Russia's", "President"). */
const KEPT_NMODS = new Set(['nmod:poss', 'nmod:desc']);
/** Prepositions whose noun belongs to the phrase's party: "the government of X", "countries including X". */
const MEMBER_LISTS = new Set(['of', 'including']);
const RELATIVE_PRONOUNS = new Set(['which', 'who', 'that', 'whom']);

/** Builds the dependents and the token-to-mention map of a document's parse, once per document. */
export function roleParse(tokens: readonly Token[], syntax: TokenSyntax, actors: readonly ActorMention[]): RoleParse {
  const children: number[][] = tokens.map(() => []);
  for (let i = 0; i < tokens.length; i++) {
    const h = syntax.heads[i]!;
    if (h >= 0) children[h]!.push(i);
  }
  const mentionOf: Array<ActorMention | null> = tokens.map(() => null);
  const sorted = [...actors].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const m of sorted) {
    while (k < tokens.length && tokens[k]!.end <= m.start) k++;
    for (let j = k; j < tokens.length && tokens[j]!.start < m.end; j++) mentionOf[j] ??= m;
  }
  return { heads: syntax.heads, deprels: syntax.deprels, children, mentionOf };
}

const bothPeople = (a: ActorMention, b: ActorMention): boolean =>
  a.actor.kind === 'person' && b.actor.kind === 'person';
const base = (rel: string | undefined): string => rel?.split(':')[0] ?? '';

/** The dependents of `token` with relation `rel` (exactly, or its base when `rel` has no subtype). */
function dependents(parse: RoleParse, token: number, rel: string): number[] {
  const general = !rel.includes(':');
  return parse.children[token]!.filter((c) => parse.deprels[c] === rel || (general && base(parse.deprels[c]) === rel));
}

/** The preposition marking a nominal ("on" in "on North Korea"), lower case, or null. */
export function caseOf(parse: RoleParse, tokens: readonly Token[], token: number): string | null {
  const marker = dependents(parse, token, 'case')[0];
  return marker === undefined ? null : tokens[marker]!.text.toLowerCase();
}

/**
 * The actors a noun phrase headed at `head` names, one per conjunct ("Putin and Erdogan"): for each
 * conjunct, the mention covering its head word, else a person named in it ("Turkish President
 * Tayyip Erdogan"), else the mention nearest its head. Modifying clauses and prepositional phrases
 * other than "of" lend no actor. An appositive gives the actor when its head names none, and a
 * second person when the parser took a conjunct for one.
 */
export function partiesOf(
  parse: RoleParse,
  tokens: readonly Token[],
  head: number,
  accept: (m: ActorMention) => boolean,
): ActorMention[] {
  const found: ActorMention[] = [];
  const add = (m: ActorMention | null) => {
    if (m && !found.includes(m)) found.push(m);
  };
  const conjunct = (c: number): ActorMention | null => {
    const region: number[] = [c];
    const others: number[] = [];
    const appositives: number[] = [];
    // "activists from Fatah", "lawmakers in Gondor": whose members they are, when the phrase names no one else.
    const memberOf: number[] = [];
    const shared: number[] = [];
    const memberList = (k: number) =>
      parse.heads[k] === c && base(parse.deprels[k]) === 'nmod' && MEMBER_LISTS.has(caseOf(parse, tokens, k) ?? '');
    for (let q = 0; q < region.length; q++) {
      for (const child of parse.children[region[q]!]!) {
        const rel = parse.deprels[child]!;
        // A noun joined by "and" but labelled `nmod` with no preposition is a conjunct the parser
        // mislabelled ("The United States and South Korea").
        const bareNmod = rel === 'nmod' && !caseOf(parse, tokens, child);
        // A country joined to the one a member phrase names ("the foreign ministers of France [and
        // Germany]") has members of its own, below.
        if (rel === 'conj' && q > 0 && memberList(region[q]!)) shared.push(child);
        else if (rel === 'conj' || (bareNmod && joinedByAnd(parse, tokens, child))) others.push(child);
        else if (rel === 'appos') appositives.push(child);
        else if (CLAUSAL.has(base(rel))) continue;
        else if (
          base(rel) === 'nmod' &&
          !KEPT_NMODS.has(rel) &&
          !MEMBER_LISTS.has(caseOf(parse, tokens, child) ?? '')
        ) {
          const marker = caseOf(parse, tokens, child);
          // "in" names members only after a plural of people ("lawmakers in Gondor", not "an attack in Gondor").
          const members = marker === 'from' || (marker === 'in' && tokens[c]!.text.toLowerCase() !== tokens[c]!.lemma);
          if (q === 0 && members) memberOf.push(child);
        } else region.push(child);
      }
    }
    const here = region.map((t) => parse.mentionOf[t]).filter((m): m is ActorMention => !!m && accept(m));
    const own = parse.mentionOf[c];
    // A named group before the head word is whose the head is ("Hamas fighters in Lebanon").
    const named = parse.children[c]!.filter((k) => parse.deprels[k] === 'compound').map((k) => parse.mentionOf[k]);
    const isGroup = (m: ActorMention) => m.actor.kind === 'group' || m.actor.kind === 'organisation';
    const group = named.find((m) => m && m !== own && accept(m) && isGroup(m));
    const person = here.find((m) => m.actor.kind === 'person') ?? null;
    let pick: ActorMention | null = group ?? (own && accept(own) ? own : person);
    if (!pick && here.length) {
      const at = tokens[c]!.start;
      pick = here.reduce((a, b) => (Math.abs(b.start - at) < Math.abs(a.start - at) ? b : a));
    }
    for (const m of memberOf) pick ??= conjunct(m);
    // "Lawmakers in Kenya and Uganda", "the foreign ministers of France and Germany": the members
    // the head names belong to each country joined in the phrase, with the head's role.
    // (The member phrase is one the head's own mention spans: the actors layer read it as members.)
    const spanned = (k: number) => own !== null && own === pick && parse.mentionOf[k] === own;
    for (const m of parse.children[c]!.filter((k) => base(parse.deprels[k]) === 'nmod' && spanned(k)))
      if (!memberList(m)) shared.push(...dependents(parse, m, 'conj'));
    for (const k of shared) {
      const country = parse.mentionOf[k];
      const members = pick && country ? membersOf(pick, country) : null;
      if (members) add(members);
      else others.push(k);
    }
    for (const a of appositives) {
      const other = conjunct(a);
      if (!pick) pick = other;
      else if (other && other.actor.id !== pick.actor.id && bothPeople(other, pick)) add(other);
    }
    for (const o of others) add(conjunct(o));
    return pick;
  };
  const first = conjunct(head);
  if (first) found.unshift(first);
  return found.filter((m, k) => found.indexOf(m) === k).sort((a, b) => a.start - b.start);
}

/**
 * The members of country `country` that `members` names for another ("lawmakers" of Kenya for
 * Uganda: Uganda's legislature): the same role and the code's role part on the other country.
 * Null when `members` has no role or `country` is not a bare country.
 */
function membersOf(members: ActorMention, country: ActorMention): ActorMention | null {
  const { role, code, country: own } = members.actor;
  if (role === null || own === null || code === null || !code.startsWith(own)) return null;
  if (country.actor.kind !== 'country' || country.actor.role !== null || country.actor.country === null) return null;
  const suffix = code.slice(own.length);
  const actor = {
    ...country.actor,
    id: `${country.actor.id}/${suffix}`,
    code: `${country.actor.country}${suffix}`,
    role,
    kind: members.actor.kind,
  };
  return { ...country, actor };
}

/** True when the phrase headed at `t` opens with "and" or "or", or follows one. */
function joinedByAnd(parse: RoleParse, tokens: readonly Token[], t: number): boolean {
  let first = t;
  const stack = [t];
  while (stack.length) {
    const k = stack.pop()!;
    first = Math.min(first, k);
    stack.push(...parse.children[k]!);
  }
  return /^(and|or)$/i.test(tokens[first]!.text) || /^(and|or)$/i.test(tokens[first - 1]?.text ?? '');
}

/**
 * The subject words of verb `verb`: its `nsubj` (or `nsubj:pass`; the parser sometimes gives a
 * joint subject two), else those of the verb it completes or is joined to ("agreed to create",
 * "attacked and occupied"); for a relative clause whose subject is "which" or "who", the noun the
 * clause modifies. Null when the parse has none.
 */
export function subjectWords(parse: RoleParse, tokens: readonly Token[], verb: number): number[] | null {
  let v = verb;
  for (let hops = 0; hops < 4 && v >= 0; hops++) {
    const subjects = dependents(parse, v, 'nsubj');
    const rel = parse.deprels[v]!;
    // "Pakistan, a key U.S. ally, has refused": the parser takes the name set off before an
    // appositive subject for a vocative or a dislocated phrase (of the verb or of the subject).
    const first = subjects[0] ?? -1;
    const setOff = [...parse.children[v]!, ...(first >= 0 ? parse.children[first]! : [])].find(
      (c) => /^(vocative|dislocated)$/.test(parse.deprels[c]!) && c < first && tokens[c + 1]?.text === ',',
    );
    if (setOff !== undefined) return [setOff];
    if (subjects.length) {
      const relative = RELATIVE_PRONOUNS.has(tokens[subjects[0]!]!.text.toLowerCase());
      if (rel === 'acl:relcl' && relative) return [parse.heads[v]!];
      return subjects;
    }
    if (!SHARES_SUBJECT.has(rel)) return null;
    v = parse.heads[v]!;
  }
  return null;
}

/** The `by` agent of a passive verb ("killed by rebels"), or null. */
export function agentWord(parse: RoleParse, tokens: readonly Token[], verb: number): number | null {
  // Only "by" marks the agent: the parser labels some "according to X" phrases `obl:agent` too.
  const byPhrase = dependents(parse, verb, 'obl').find((o) => caseOf(parse, tokens, o) === 'by');
  return byPhrase ?? null;
}

/** The passive subject of a verb ("Two soldiers were killed"), or null. */
export function passiveSubjectWord(parse: RoleParse, verb: number): number | null {
  return dependents(parse, verb, 'nsubj:pass')[0] ?? null;
}

/**
 * The word a pattern's target slot names, read off the parse from the pattern word before the
 * slot (`anchor`): a preposition's noun ("sanctions on [North Korea]"), else the word's
 * indirect or direct object ("gave [China] a loan", "attacked [Ukraine]"). Null when none.
 */
export function slotWord(parse: RoleParse, tokens: readonly Token[], anchor: number): number | null {
  if (parse.deprels[anchor] === 'case') return parse.heads[anchor]! >= 0 ? parse.heads[anchor]! : null;
  const object = dependents(parse, anchor, 'iobj')[0] ?? dependents(parse, anchor, 'obj')[0];
  if (object === undefined) return null;
  // "North Korea, which Japan condemned": the relative pronoun stands for the noun the clause modifies.
  const relative = RELATIVE_PRONOUNS.has(tokens[object]!.text.toLowerCase()) && parse.deprels[anchor] === 'acl:relcl';
  return relative ? parse.heads[anchor]! : object;
}

/**
 * True when actor `m` is named inside a clause that modifies the noun `noun` ("militias [armed
 * by Iran]"): such an actor is not the noun's party.
 */
export function insideNounClause(parse: RoleParse, tokens: readonly Token[], m: ActorMention, noun: number): boolean {
  let clause = false;
  for (let k = tokenAt(tokens, m.start), hops = 0; k >= 0 && hops < 40; k = parse.heads[k]!, hops++) {
    if (k === noun) return clause;
    if (base(parse.deprels[k]) === 'acl') clause = true;
  }
  return false;
}

/** The index of the token that covers character `offset` (the last one starting at or before it). */
function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The dependency path from token `from` to the words of mention `m`, for `dyad explain`: arcs up
 * as `↑rel`, arcs down as `↓rel word` ("ordered ↓nsubj Caracas"); `window` when no arc joins them
 * (the party came from the word windows).
 * @example arcPath(parse, tokens, imposed, "the EU") → 'imposed ↓nsubj Union'
 */
export function arcPath(parse: RoleParse, tokens: readonly Token[], from: number, m: ActorMention): string {
  const target = tokenAt(tokens, m.start);
  let last = target;
  while (last + 1 < tokens.length && tokens[last + 1]!.end <= m.end) last++;
  const word = spanHead(parse, target, last);
  const path = pathBetween(parse, from, word);
  if (!path) return `window: ${m.text}`;
  const [up, down] = path;
  const steps = [tokens[from]!.text];
  for (const k of up) steps.push(`↑${parse.deprels[k]}`);
  for (const k of [...down].reverse()) steps.push(`↓${parse.deprels[k]} ${tokens[k]!.text}`);
  return `${steps.join(' ')} (${m.text})`;
}

/** The word of tokens `first..last` that the parse hangs outside them: the phrase's head. */
export function spanHead(parse: RoleParse, first: number, last: number): number {
  for (let k = first; k <= last; k++) {
    const h = parse.heads[k]!;
    if (h < first || h > last) return k;
  }
  return first;
}

/**
 * The arcs between tokens `a` and `b` through their lowest common ancestor: the tokens from `a`
 * up to it and from `b` up to it (the ancestor itself left out), or null when no arc joins them.
 */
export function pathBetween(parse: RoleParse, a: number, b: number): [number[], number[]] | null {
  const chain = (k: number): number[] => {
    const path = [k];
    for (let h = parse.heads[k]!; h >= 0 && path.length < 40; h = parse.heads[h]!) path.push(h);
    return path;
  };
  const fromA = chain(a);
  const fromB = chain(b);
  const common = fromA.find((k) => fromB.includes(k));
  if (common === undefined) return null;
  return [fromA.slice(0, fromA.indexOf(common)), fromB.slice(0, fromB.indexOf(common))];
}

/**
 * The mood the parse gives the clause of token `k` from the verb governing it: `urged` in the
 * "that" clause of a proposal ("proposed that Russia expel"), `alleged` in that of an allegation
 * ("argued that the blockade violates the law"); null otherwise. A noun's clause is that of the
 * verb it hangs on.
 */
export function governedMood(
  parse: RoleParse,
  tokens: readonly Token[],
  k: number,
  proposals: ReadonlySet<string>,
  allegations: ReadonlySet<string>,
): 'urged' | 'alleged' | null {
  let clause = k;
  for (let hops = 0; hops < 8 && clause >= 0; hops++) {
    const rel = base(parse.deprels[clause]);
    if (tokens[clause]!.pos === 'VERB' && rel !== 'conj') break;
    if (rel === 'ccomp' || rel === 'root') break;
    clause = parse.heads[clause]!;
  }
  if (clause < 0 || base(parse.deprels[clause]) !== 'ccomp') return null;
  const governor = tokens[parse.heads[clause]!]!.lemma;
  if (proposals.has(governor)) return 'urged';
  if (allegations.has(governor)) return 'alleged';
  return null;
}

/** The subject word of the "that" clause verb `verb` governs ("demanded that [Israel] ease"), or null. */
export function thatClauseSubject(parse: RoleParse, tokens: readonly Token[], verb: number): number | null {
  // The parser labels some "that" clauses `advcl`; the "that" marks them either way.
  for (const clause of [...dependents(parse, verb, 'ccomp'), ...dependents(parse, verb, 'advcl')]) {
    const marked = dependents(parse, clause, 'mark').some((m) => tokens[m]!.text.toLowerCase() === 'that');
    const subject = dependents(parse, clause, 'nsubj')[0];
    if (marked && subject !== undefined) return subject;
  }
  return null;
}

/** The word lists that say whom an act is aimed at when its pattern names no slot (`data/words/roles.txt`). */
export interface AimWords {
  /** Prepositions on a verb whose noun the act faces ("delivered goods to X", "withdrew from X"). */
  verbToward: ReadonlySet<string>;
  /** Prepositions on a noun whose noun the act faces ("sanctions on X", "aid for X", "an offer from X"). */
  nounToward: ReadonlySet<string>;
  /** Nouns whose possessor or nationality is their author ("a Senegalese plan", "Russia's offer"). */
  authored: ReadonlySet<string>;
  /** Words that open a condition ("if", "unless"): a threat is aimed at the condition's subject. */
  conditions: ReadonlySet<string>;
}

/**
 * The words an act whose pattern names no target slot is aimed at, read off the parse, nearest
 * first: the trigger's object when the pattern's words are in it, by the author of a pattern noun
 * that has one ("rejected [a Senegalese] peace plan") or a noun it names after a preposition
 * ("demanded a meeting [of the Security Council]", "opened investigations [against] officials");
 * a noun after a preposition on the trigger that names whom an act faces ("donated goods [to] a
 * school", "withdrew inspectors [from] Iraq"); the same in its "to" complement ("agreed to provide
 * aid for Romania"), in a noun trigger's own phrases ("riots [against] Israeli policies") and in a
 * verb joined to it with no subject of its own; last, the subject of a "that" clause on it (and,
 * for a threat, `conditionTargets`, of its condition). A statement's or a meeting's object is its
 * topic (`topicOnly`: "the two leaders discussed North Korea"), so only the trigger's own
 * prepositions and clauses count there. Clauses that modify a noun lend it nothing.
 */
export function aimedAtWords(
  parse: RoleParse,
  tokens: readonly Token[],
  trigger: number,
  taken: readonly number[],
  words: AimWords,
  topicOnly: boolean,
  conditionTargets: boolean,
): number[] {
  const found: number[] = [];
  const add = (k: number) => {
    if (!found.includes(k)) found.push(k);
  };
  const nounModifiers = (noun: number, depth: number) => {
    if (depth > 3) return;
    for (const child of parse.children[noun]!) {
      if (base(parse.deprels[child]) !== 'nmod' || parse.deprels[child] === 'nmod:poss') continue;
      if (!words.nounToward.has(caseOf(parse, tokens, child) ?? '')) continue;
      add(child);
      nounModifiers(child, depth + 1);
    }
  };
  const fromVerb = (verb: number, depth: number) => {
    for (const object of topicOnly ? [] : [...dependents(parse, verb, 'iobj'), ...dependents(parse, verb, 'obj')]) {
      // At the trigger, an object with no pattern word in it is the act's topic or thing, not its target.
      const patternWord = taken.includes(object);
      if (depth > 0 || holdsAny(parse, object, taken)) add(object);
      else if (!patternWord) continue;
      if (patternWord && words.authored.has(tokens[object]!.lemma))
        for (const modifier of parse.children[object]!)
          if (/^(nmod:poss|amod|compound)$/.test(parse.deprels[modifier]!)) add(modifier);
      nounModifiers(object, 1);
    }
    for (const oblique of dependents(parse, verb, 'obl')) {
      if (!words.verbToward.has(caseOf(parse, tokens, oblique) ?? '')) continue;
      add(oblique);
      if (!topicOnly) nounModifiers(oblique, 1);
    }
    if (depth >= 2 || topicOnly) return;
    // The parser labels some "to" complements `advcl` ("agreed in principle on Saturday to provide").
    const toClause = (c: number) => dependents(parse, c, 'mark').some((m) => tokens[m]!.text.toLowerCase() === 'to');
    for (const complement of [
      ...dependents(parse, verb, 'xcomp'),
      ...dependents(parse, verb, 'advcl').filter(toClause),
    ])
      fromVerb(complement, depth + 1);
  };
  fromVerb(trigger, 0);
  // A noun trigger's own prepositional phrases ("riots against Israeli policies").
  if (tokens[trigger]!.pos === 'NOUN' && !topicOnly) nounModifiers(trigger, 1);
  // A verb joined to the trigger with no subject of its own shares its object ("donated and
  // personally delivered goods to a school").
  for (const joined of dependents(parse, trigger, 'conj'))
    if (tokens[joined]!.pos === 'VERB' && !dependents(parse, joined, 'nsubj').length) fromVerb(joined, 1);
  // Last, the subject of a "that" clause on the trigger or its object ("reiterated its demand that
  // [Israel] ease", "issued a declaration demanding that [the government] provide"); for a threat,
  // that of its condition ("threatened to stop talks if [the United States] goes ahead").
  const clauseSubjects = (head: number, depth: number) => {
    for (const clause of parse.children[head]!) {
      const rel = base(parse.deprels[clause]);
      if (rel !== 'ccomp' && rel !== 'advcl' && rel !== 'acl') continue;
      const marks = dependents(parse, clause, 'mark').map((m) => tokens[m]!.text.toLowerCase());
      const asked = marks.includes('that') || (conditionTargets && marks.some((m) => words.conditions.has(m)));
      const subject = dependents(parse, clause, 'nsubj')[0];
      if (asked && subject !== undefined) add(subject);
      else if (rel === 'acl' && depth === 0) clauseSubjects(clause, 1);
    }
  };
  clauseSubjects(trigger, 0);
  for (const object of dependents(parse, trigger, 'obj')) clauseSubjects(object, 0);
  // A noun the verb it is the object of states ("reiterated its demand today that Israel ease").
  if (parse.deprels[trigger] === 'obj') clauseSubjects(parse.heads[trigger]!, 1);
  for (let verb = trigger, hops = 0; hops < 3; hops++) {
    const complement = dependents(parse, verb, 'xcomp')[0];
    if (complement === undefined) break;
    clauseSubjects(complement, 1);
    verb = complement;
  }
  return found;
}

/** True when the phrase headed at `head` holds one of the tokens `words` ("part of a military [aid] program"). */
function holdsAny(parse: RoleParse, head: number, words: readonly number[]): boolean {
  const stack = [...parse.children[head]!];
  for (let seen = 0; stack.length && seen < 40; seen++) {
    const k = stack.pop()!;
    if (words.includes(k)) return true;
    stack.push(...parse.children[k]!);
  }
  return false;
}

/** The noun of an "in" phrase on verb `verb` ("was arrested [in] Lebanon"), or null. */
export function placeWord(parse: RoleParse, tokens: readonly Token[], verb: number): number | null {
  return dependents(parse, verb, 'obl').find((o) => caseOf(parse, tokens, o) === 'in') ?? null;
}
