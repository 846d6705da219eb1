import type { ActorMention, Quote, QuoteSpeaker } from '../../document/types.js';
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

/**
 * Resolves the words naming a speaker: the actor mentioned there (a person before anything else;
 * a pronoun through its antecedent, as the actors stage resolved it); a document ("the
 * statement") to the actor whose statement came just before; an unnamed source kept anonymous
 * with whatever actor its words give ("a South Korean government official" → KORGOV).
 */
function resolveSpeaker(state: QuoteState, words: SpeakerWords, issuer: Quote | null): QuoteSpeaker {
  const mention = span(state, words.tokenStart, words.tokenEnd);
  const actors = actorsIn(state, words);
  const political = actors.filter((m) => m.actor.kind !== 'place' && m.actor.kind !== 'city');
  const chosen = political.find((m) => m.actor.kind === 'person') ?? political[political.length - 1] ?? null;
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
    if (q.speaker && !q.relay && isOutlet(state, q.speaker)) {
      q.relay = q.speaker;
      q.speaker = null;
    }
    const sentenceEnd = state.sentences[q.sentence]!.tokenEnd;
    const speaker = q.speaker
      ? resolveSpeaker(state, q.speaker, issuer)
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
