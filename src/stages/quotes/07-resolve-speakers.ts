import type { ActorMention, Quote, QuoteSpeaker, ResolvedActor } from '../../document/types.js';
import { baseRel, dependent, phraseOf, subtreeRange } from './parse.js';
import { actorsBetween, isOutlet, tokenAt, type QuoteState, type SpeakerWords, type WorkingQuote } from './state.js';

const LINKS = new Set(['of', 'within', 'from', 'at', 'for', 'in', 'close', 'familiar', 'with']);

function span(state: QuoteState, start: number, end: number) {
  const s = state.tokens[start]!.start;
  const e = state.tokens[end - 1]!.end;
  return { start: s, end: e, text: state.text.slice(s, e) };
}

/** The head noun of a speaker phrase: its last noun before any post-modifier. */
function headOf(state: QuoteState, words: SpeakerWords): string | null {
  let end = words.tokenEnd;
  for (let k = words.tokenStart + 1; k < words.tokenEnd; k++) {
    if (LINKS.has(state.folded[k]!)) {
      end = k;
      break;
    }
  }
  for (let k = end - 1; k >= words.tokenStart; k--)
    if (['NOUN', 'PROPN', 'PRON'].includes(state.tokens[k]!.pos)) return state.folded[k]!;
  return null;
}

/** Actor mentions inside a token range, outside any post-modifier ("a source within [the IOC]"). */
function actorsIn(state: QuoteState, words: SpeakerWords): ActorMention[] {
  let end = words.tokenEnd;
  for (let k = words.tokenStart + 1; k < words.tokenEnd; k++) {
    if (LINKS.has(state.folded[k]!) && state.tokens[k - 1]!.pos === 'NOUN') {
      end = k;
      break;
    }
  }
  return actorsBetween(state, state.tokens[words.tokenStart]!.start, state.tokens[end - 1]!.end);
}

/** Pronouns that stand for a person, and for a body or a state. */
const PERSON_PRONOUNS = new Set(['he', 'she']);
const THING_PRONOUNS = new Set(['it']);
/** How many sentences back a pronoun's antecedent may stand. */
const ANTECEDENT_SENTENCES = 2;

/**
 * True when an actor is of the kind a pronoun stands for: "he" a person; "it" a body or a state,
 * or a name a body's title makes one ("the automaker Chrysler", which the actors layer may take for a person).
 */
function fitsPronoun(state: QuoteState, actor: ResolvedActor, person: boolean): boolean {
  if (actor.kind === 'place' || actor.kind === 'city') return false;
  const body =
    actor.kind !== 'person' || state.lexicon.bodyTitles.has(actor.title?.split(/\s+/).pop()?.toLowerCase() ?? '');
  return person ? !body : body;
}

/** The actor a subject names that fits a pronoun: the name at its head first, never its possessor's. */
function subjectActor(state: QuoteState, k: number, person: boolean): ActorMention | null {
  const words = phraseOf(state, k);
  const from = state.tokens[words.tokenStart]!.start;
  const to = state.tokens[words.tokenEnd - 1]!.end;
  // "Putin's restraint was aimed ...": the possessor of a subject is not what the subject names.
  const possessor = dependent(state, k, 'nmod:poss');
  const owned = (m: ActorMention) => {
    if (possessor === null) return false;
    const [ps, pe] = subtreeRange(state, possessor);
    return m.start >= state.tokens[ps]!.start && m.end <= state.tokens[pe - 1]!.end;
  };
  // "The US automaker Ford": Ford, not "US automaker".
  const head = state.tokens[k]!;
  const atHead = (m: ActorMention) => m.start <= head.start && m.end >= head.end;
  const found = actorsBetween(state, from, to).sort((a, b) => Number(atHead(b)) - Number(atHead(a)));
  return found.find((m) => fitsPronoun(state, m.actor, person) && m.via !== 'coref:pronoun' && !owned(m)) ?? null;
}

/**
 * The actor a speaker pronoun ("he", "she", "it") stands for, sentence by sentence back from it
 * (its own and the two before): in each, the subject of the main clause, else an earlier speaker,
 * else another subject that is not someone's reported words, the nearest first, of the pronoun's
 * kind. A subject is what a pronoun most often takes up ("Henderson described ... he said"), which
 * the nearest name in any role ("the history of General Motors") is not. Null when none is found:
 * the actors layer's antecedent stands then.
 */
function pronounAntecedent(state: QuoteState, pronoun: number, earlier: readonly Quote[]): ActorMention | null {
  const word = state.folded[pronoun]!;
  const person = PERSON_PRONOUNS.has(word);
  if (!person && !THING_PRONOUNS.has(word)) return null;
  const last = state.sentenceOf[pronoun]!;
  // Only the quotes of the sentences searched (in text order, from the end): a long article costs no more per pronoun.
  let from = earlier.length;
  while (from > 0 && earlier[from - 1]!.sentence >= last - ANTECEDENT_SENTENCES - 1) from--;
  const recent = earlier.slice(from);
  const said = (k: number) => recent.some((q) => q.start <= state.tokens[k]!.start && q.end >= state.tokens[k]!.end);
  for (let s = last; s >= Math.max(0, last - ANTECEDENT_SENTENCES); s--) {
    const { tokenStart, tokenEnd } = state.sentences[s]!;
    const end = Math.min(tokenEnd, pronoun);
    const subjects: number[] = [];
    let main: number | null = null;
    for (let k = end - 1; k >= tokenStart; k--) {
      if (baseRel(state.syntax.deprels[k]) !== 'nsubj' || state.tokens[k]!.pos === 'PRON') continue;
      const head = state.syntax.heads[k]!;
      if (head >= 0 && state.syntax.heads[head] === -1) main = k;
      else if (!said(k)) subjects.push(k);
    }
    const fromMain = main === null ? null : subjectActor(state, main, person);
    if (fromMain) return fromMain;
    // Earlier speakers in the sentence, the nearest first ("According to Natalia Brandt, ... she said").
    const speakers = recent.filter(
      (q) => q.speaker && q.sentence === s && q.speaker.mention.end <= state.tokens[end - 1]!.end,
    );
    for (const q of speakers.reverse()) {
      const { start, end: stop } = q.speaker!.mention;
      const fit = actorsBetween(state, start, stop).find(
        (m) => fitsPronoun(state, m.actor, person) && m.via !== 'coref:pronoun',
      );
      if (fit) return fit;
    }
    for (const k of subjects) {
      const fit = subjectActor(state, k, person);
      if (fit) return fit;
    }
  }
  return null;
}

/**
 * Resolves the words naming a speaker: the actor mentioned there (a person before anything else;
 * a pronoun through its antecedent, as the actors stage resolved it); a document ("the
 * statement") to the actor whose statement came just before; an unnamed source kept anonymous
 * with whatever actor its words give ("a South Korean government official" → KORGOV).
 */
function resolveSpeaker(
  state: QuoteState,
  words: SpeakerWords,
  issuer: Quote | null,
  earlier: readonly Quote[],
): QuoteSpeaker {
  const mention = span(state, words.tokenStart, words.tokenEnd);
  const pronoun = words.tokenEnd - words.tokenStart === 1 ? pronounAntecedent(state, words.tokenStart, earlier) : null;
  const actors = pronoun ? [{ ...pronoun, via: 'coref:pronoun' }] : actorsIn(state, words);
  const political = actors.filter((m) => m.actor.kind !== 'place' && m.actor.kind !== 'city');
  // "her spokesman Tom Rask": the name, not the pronoun's antecedent, unless the name is all there is.
  const chosen =
    political.find((m) => m.actor.kind === 'person' && m.via !== 'coref:pronoun') ??
    political.find((m) => m.actor.kind === 'person') ??
    political[political.length - 1] ??
    null;
  const head = headOf(state, words);
  const named =
    chosen !== null && chosen.actor.kind === 'person' && chosen.via !== 'coref:pronoun'
      ? true
      : chosen?.via === 'coref:pronoun';
  const anonymous = !named && head !== null && state.lexicon.anonymousHeads.has(head);
  if (!chosen && head && state.lexicon.documents.has(head)) {
    if (issuer?.speaker?.actor)
      return { actor: issuer.speaker.actor, mention, anonymous: false, issuer: issuer.speaker.mention };
  }
  return { actor: chosen?.actor ?? null, mention, anonymous };
}

/** The news outlet that carried a statement: a medium after "told", "with", "in" ... in the attribution. */
function relayOf(state: QuoteState, from: number, to: number, speaker: SpeakerWords | null): Quote['via'] {
  const start = state.tokens[from]?.start ?? 0;
  const end = state.tokens[Math.max(from, to - 1)]?.end ?? 0;
  const inSpeaker = (m: ActorMention) =>
    speaker !== null &&
    m.start >= state.tokens[speaker.tokenStart]!.start &&
    m.end <= state.tokens[speaker.tokenEnd - 1]!.end;
  const medium = actorsBetween(state, start, end).find(
    (m) =>
      m.actor.kind === 'media' &&
      !inSpeaker(m) &&
      (() => {
        const t = tokenAt(state, m.start);
        return state.folded.slice(Math.max(0, t - 4), t).some((w) => state.lexicon.relayWords.has(w));
      })(),
  );
  return medium ? { actor: medium.actor, mention: { start: medium.start, end: medium.end, text: medium.text } } : null;
}

/** The outlet standing where a speaker would ("Japanese media reported"): its actor when it names one. */
function relayFrom(state: QuoteState, words: SpeakerWords): Quote['via'] {
  const mention = span(state, words.tokenStart, words.tokenEnd);
  const medium = actorsIn(state, words).find((m) => m.actor.kind === 'media');
  return { actor: medium?.actor ?? null, mention };
}

/** Builds the `quotes` layer from working quotes, in text order. */
export function resolveSpeakers(state: QuoteState): Quote[] {
  const out: Quote[] = [];
  const built = new Map<WorkingQuote, Quote>();
  // The last quote an organisation or state spoke: the issuer of a document that speaks next.
  let issuer: Quote | null = null;
  for (const q of state.quotes) {
    // An outlet where the speaker would stand relays what it reports; it is never the speaker.
    if (q.speaker && !q.relay && !q.outletSpeaks && isOutlet(state, q.speaker)) {
      q.relay = q.speaker;
      q.speaker = null;
    }
    const sentenceEnd = state.sentences[q.sentence]!.tokenEnd;
    const speaker = q.speaker
      ? resolveSpeaker(state, q.speaker, issuer, out)
      : q.inheritsFrom
        ? (built.get(q.inheritsFrom)?.speaker ?? null)
        : null;
    let via: Quote['via'] = null;
    if (q.relay) {
      via = relayFrom(state, q.relay);
    } else if (q.cue) {
      const cueSentence = state.sentences[q.cue.sentence]!;
      const contentToken = tokenAt(state, q.contentStart);
      const regionEnd = contentToken > q.cue.tokenStart ? contentToken : cueSentence.tokenEnd;
      via = relayOf(state, q.cue.tokenStart, Math.min(regionEnd, sentenceEnd), q.speaker);
    } else if (q.inheritsFrom) {
      via = built.get(q.inheritsFrom)?.via ?? null;
    }
    const quote: Quote = {
      start: q.contentStart,
      end: q.contentEnd,
      text: state.text.slice(q.contentStart, q.contentEnd),
      kind: q.kind,
      sentence: q.sentence,
      speaker,
      cue: q.cue ? { ...span(state, q.cue.tokenStart, q.cue.tokenEnd), lemma: q.cue.lemma } : null,
      via,
      rule: q.rule,
    };
    if (q.continuation) quote.continuation = true;
    built.set(q, quote);
    out.push(quote);
    if (speaker?.actor && speaker.actor.kind !== 'person') issuer = quote;
  }
  return out;
}
