import {
  byPosition,
  endsInPlural,
  isCapitalised,
  type ActorState,
  type ActorStep,
  type WorkingMention,
} from './state.js';

/** Pronouns and the antecedents they accept. */
const PRONOUNS = new Map<string, 'male' | 'female' | 'thing' | 'plural'>([
  ['he', 'male'],
  ['him', 'male'],
  ['his', 'male'],
  ['she', 'female'],
  ['her', 'female'],
  ['hers', 'female'],
  ['it', 'thing'],
  ['its', 'thing'],
  ['they', 'plural'],
  ['them', 'plural'],
  ['their', 'plural'],
]);
/** Words that make "his", "her" or "their" part of a style of address ("His Majesty King Abdullah II"). */
const STYLES_OF_ADDRESS = new Set([
  'majesty',
  'majesties',
  'excellency',
  'excellencies',
  'highness',
  'highnesses',
  'holiness',
  'eminence',
  'grace',
  'lordship',
  'ladyship',
]);
/** How many sentences back a pronoun may look for its antecedent. */
const PRONOUN_REACH = 2;

function isPerson(m: WorkingMention): boolean {
  return m.kind === 'new-person' || m.entry?.type === 'person';
}

/** A person named in full: one the article introduces, or one of the dictionary by a full name. */
function isFullName(m: WorkingMention): boolean {
  if (m.antecedent) return false;
  return m.kind === 'new-person' || (m.entry?.type === 'person' && m.via.startsWith('dictionary:name'));
}

function genderOf(m: WorkingMention): 'male' | 'female' | null {
  return m.person?.gender ?? m.entry?.gender ?? null;
}

/** The first full mention a coreferent mention points back to. */
function root(m: WorkingMention): WorkingMention {
  return m.antecedent ? root(m.antecedent) : m;
}

/**
 * True when an antecedent can take the pronoun: "he"/"she" a person of that gender (or of none
 * known); "they" a group or a plural role ("officials"); "it" a country, government or
 * organisation. Adjectives and media never take a pronoun.
 */
function accepts(state: ActorState, m: WorkingMention, want: 'male' | 'female' | 'thing' | 'plural'): boolean {
  const r = root(m);
  if (want === 'male' || want === 'female') {
    const gender = genderOf(r);
    return isPerson(r) && (gender === null || gender === want);
  }
  if (isPerson(r) || r.kind === 'demonym' || r.entry?.type === 'media' || r.entry?.type === 'place') return false;
  const plural = r.entry?.type === 'group' || (r.kind === 'compound' && endsInPlural(state, r));
  return want === 'plural' ? plural : !plural;
}

/**
 * Picks a pronoun's antecedent among compatible mentions: the subject of the pronoun's own
 * sentence when it fits ("North Korea has said it will ...", "as it pursues its goal" after
 * "North Korea conducted ..."), else the nearest mention in that sentence, else the subject or
 * the nearest mention of the sentences before.
 */
function preferredAntecedent(
  pool: readonly WorkingMention[],
  sentence: number,
  isSubject: (m: WorkingMention) => boolean,
): WorkingMention | undefined {
  // `pool` runs from the nearest mention backwards.
  for (let s = sentence; s >= sentence - PRONOUN_REACH; s--) {
    const here = pool.filter((m) => m.sentence === s);
    if (here.length) return here.find(isSubject) ?? here[0];
  }
  return undefined;
}

/**
 * Links mentions that refer back: surnames of people the article introduced ("Morimoto" after
 * "Kenji Morimoto"), surnames of known people to their full mention, pronouns outside quotations
 * to the nearest compatible actor within two sentences, and descriptions ("the communist state")
 * to the most recently mentioned country that the description fits.
 */
export const resolveCoreference: ActorStep = (state) => {
  const { tokens, folded } = state;
  const covered = new Uint8Array(tokens.length);
  for (const m of state.mentions) covered.fill(1, m.tokenStart, m.tokenEnd);

  // Document first: a surname is the person the article itself named with it ("Johnson" after
  // "Mark Johnson"), the nearest such name before it, and only then whoever the dictionary knows
  // by that surname. What an article teaches holds for the rest of it.
  const namedBy = new Map<string, WorkingMention[]>(); // full names by folded last word, in text order
  for (const m of state.mentions) {
    if (!isFullName(m)) continue;
    const last = folded[m.tokenEnd - 1]!;
    const list = namedBy.get(last);
    if (list) list.push(m);
    else namedBy.set(last, [m]);
  }
  const namedBefore = (surname: string, token: number, introducedOnly = false): WorkingMention | undefined =>
    namedBy
      .get(surname)
      ?.filter((m) => m.tokenEnd <= token && (!introducedOnly || m.kind === 'new-person'))
      .at(-1);
  const added: WorkingMention[] = [];
  if (namedBy.size) {
    for (let t = 0; t < tokens.length; t++) {
      if (covered[t] || !namedBy.has(folded[t]!) || !/^\p{Lu}/u.test(tokens[t]!.text)) continue;
      // Only the names of people the article introduced: a dictionary name's last word may be no
      // surname at all ("Queen Elizabeth II"), and its surname, when it has one, is matched already.
      const named = namedBefore(folded[t]!, t, true);
      if (!named) continue;
      added.push({
        tokenStart: t,
        tokenEnd: t + 1,
        sentence: state.sentenceOf[t]!,
        kind: 'new-person',
        person: named.person!,
        antecedent: named,
        via: 'coref:surname',
      });
      covered[t] = 1;
    }
  }
  // Known people named by surname point back to the name the article gave: their own full
  // mention, or another person's of the same surname.
  const firstOf = new Map<string, WorkingMention>();
  for (const m of state.mentions) {
    if (m.entry?.type !== 'person') continue;
    const bySurname = m.via.startsWith('dictionary:surname');
    const named = bySurname ? namedBefore(folded[m.tokenEnd - 1]!, m.tokenStart) : undefined;
    if (named && named.entry !== m.entry) {
      m.kind = named.kind;
      m.entry = named.entry;
      m.person = named.person;
      m.antecedent = named;
      m.via = 'coref:surname';
      continue;
    }
    const first = firstOf.get(m.entry.id);
    if (!first) firstOf.set(m.entry.id, m);
    else if (bySurname) m.antecedent = first;
  }

  let mentions = [...state.mentions, ...added].sort(byPosition);
  // Descriptions resolve to the latest fitting country before them, or are dropped. The latest
  // mention of each country is kept as the text is read, so that this stays linear in its length.
  const candidateAt = new Map(state.candidates.map((c) => [c.tokenStart, c]));
  const byEnd = mentions
    .map((o, index) => ({ o, index }))
    .filter(({ o }) => o.kind !== 'description')
    .sort((a, b) => a.o.tokenEnd - b.o.tokenEnd || a.index - b.index);
  const latestOf = new Map<string | null | undefined, { o: WorkingMention; index: number }>();
  let read = 0;
  mentions = mentions.filter((m) => {
    if (m.kind !== 'description') return true;
    for (; read < byEnd.length && byEnd[read]!.o.tokenEnd <= m.tokenStart; read++) {
      const { o, index } = byEnd[read]!;
      const country = o.entry?.country ?? o.country ?? undefined;
      const earlier = latestOf.get(country);
      if (!earlier || earlier.index < index) latestOf.set(country, { o, index });
    }
    const phrases = candidateAt.get(m.tokenStart)?.phrases ?? [];
    const fits = new Set(phrases.filter((p) => p.kind === 'description').map((p) => p.entry?.country));
    let latest: { o: WorkingMention; index: number } | undefined;
    for (const country of fits) {
      const seen = latestOf.get(country);
      if (seen && (!latest || latest.index < seen.index)) latest = seen;
    }
    const antecedent = latest?.o;
    if (!antecedent) return false;
    m.entry =
      antecedent.kind === 'entry' && antecedent.entry?.type === 'country'
        ? antecedent.entry
        : (state.kb.countries.get(antecedent.entry?.country ?? '') ?? m.entry);
    m.antecedent = antecedent;
    m.via = `coref:description ${m.via.replace(/^dictionary:\S+ /, '')}`;
    return true;
  });

  // Pronouns, in text order, so that a resolved pronoun can serve the next one.
  const isPronoun = (t: number): boolean => {
    if (!PRONOUNS.has(folded[t]!) || covered[t] || state.quoted[t]) return false;
    // "it is", "it was": mostly an empty subject, not an actor.
    if (folded[t] === 'it' && tokens[t + 1]?.lemma === 'be') return false;
    // "His Majesty King Abdullah II": a style of address before the name it belongs to, not a
    // possessive. Alone ("thanked His Majesty for ...") it does refer back, as a pronoun would.
    return !(STYLES_OF_ADDRESS.has(folded[t + 1] ?? '') && isCapitalised(tokens[t + 2]?.text ?? ''));
  };
  const firstInSentence = new Map<number, number>();
  const noteFirst = (sentence: number, token: number) => {
    if (!(firstInSentence.get(sentence)! <= token)) firstInSentence.set(sentence, token);
  };
  for (const m of mentions) noteFirst(m.sentence, m.tokenStart);
  const pronounTokens: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    if (!isPronoun(t)) continue;
    pronounTokens.push(t);
    noteFirst(state.sentenceOf[t]!, t);
  }
  const isSubject = (m: WorkingMention): boolean =>
    firstInSentence.get(m.sentence) === m.tokenStart && tokens[m.tokenStart - 1]?.pos !== 'ADP';

  const pronouns: WorkingMention[] = [];
  const seen: WorkingMention[] = []; // mentions and resolved pronouns before the current token, in order
  let next = 0;
  for (const t of pronounTokens) {
    while (next < mentions.length && mentions[next]!.tokenEnd <= t) seen.push(mentions[next++]!);
    const want = PRONOUNS.get(folded[t]!)!;
    const sentence = state.sentenceOf[t]!;
    const pool: WorkingMention[] = [];
    for (let k = seen.length - 1; k >= 0 && sentence - seen[k]!.sentence <= PRONOUN_REACH; k--) {
      if (accepts(state, seen[k]!, want)) pool.push(seen[k]!);
    }
    const antecedent = preferredAntecedent(pool, sentence, isSubject);
    if (!antecedent) continue;
    const pronoun: WorkingMention = {
      tokenStart: t,
      tokenEnd: t + 1,
      sentence,
      kind: 'pronoun',
      antecedent,
      via: 'coref:pronoun',
    };
    pronouns.push(pronoun);
    seen.push(pronoun);
  }
  state.mentions = [...mentions, ...pronouns].sort(byPosition);
};
