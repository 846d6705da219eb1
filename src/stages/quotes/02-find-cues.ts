import { dependent } from './parse.js';
import type { Cue, QuoteState } from './state.js';

const WORD = /[\p{L}\p{N}]/u;
/** Longest speech-like quote, in words, still taken for a scare quote when it ends without punctuation. */
const SCARE_MAX_WORDS = 3;

/**
 * Sorts the marked spans into speech and other quoted words: a title of a work when a title noun
 * stands before it ("the film “Parasite”"), a scare quote when it is one to three words with no
 * punctuation of its own ("its “maximum pressure campaign”"), or single-quoted words without
 * punctuation of their own; the rest are speech candidates.
 */
export function classifyMarks(state: QuoteState): void {
  const { text, lexicon } = state;
  for (const mark of state.marks) {
    const content = text.slice(mark.contentStart, mark.contentEnd);
    const words = content.trim().split(/\s+/).filter(Boolean);
    const before =
      text
        .slice(Math.max(0, mark.open - 30), mark.open)
        .trim()
        .split(/\s+/)
        .pop()
        ?.toLowerCase()
        .replace(/[^a-z]/g, '') ?? '';
    const ownPunctuation = /[.,!?…;:]\s*$/.test(content);
    if (mark.close === null || mark.continues) continue;
    if (lexicon.titleNouns.has(before) && words.length <= 8 && !ownPunctuation) {
      state.phrases.push({ start: mark.contentStart, end: mark.contentEnd, text: content, kind: 'title' });
    } else if (!ownPunctuation && (words.length <= SCARE_MAX_WORDS || !mark.double)) {
      state.phrases.push({ start: mark.contentStart, end: mark.contentEnd, text: content, kind: 'scare' });
    }
  }
  const phraseStarts = new Set(state.phrases.map((p) => p.start));
  // Marks around no word at all (“”, “ ,”) hold nothing anyone said: no empty quotes.
  const wordless = (m: { contentStart: number; contentEnd: number }) =>
    !WORD.test(text.slice(m.contentStart, m.contentEnd));
  state.marks = state.marks.filter((m) => !phraseStarts.has(m.contentStart) && !wordless(m));
}

/**
 * The lemma of a verb form the tagger did not read as a verb ("claims", "reported", "revealing"):
 * the first of the plausible stems that `known` accepts, else the plain one. Enough for a cue list.
 */
function verbLemma(word: string, known: (lemma: string) => boolean): string {
  const stems: string[] = [];
  if (/ies$/.test(word)) stems.push(`${word.slice(0, -3)}y`);
  else if (/(ss|sh|ch|x)es$/.test(word)) stems.push(word.slice(0, -2));
  else if (/[^s]s$/.test(word)) stems.push(word.slice(0, -1));
  for (const ending of ['ing', 'ed']) {
    if (!word.endsWith(ending) || word.length < ending.length + 3) continue;
    const stem = word.slice(0, -ending.length);
    // "revealing" → reveal, "stating" → state, "admitted" → admit, "denied" → deny.
    stems.push(stem, `${stem}e`, stem.slice(0, -1), stem.replace(/i$/, 'y'));
  }
  return stems.find(known) ?? stems[0] ?? word;
}

/**
 * Articles: a speech verb right after one is an adjective ("the announced iPhone"). Not "that":
 * in "a report that said" the report speaks.
 */
const ARTICLES = new Set(['a', 'an', 'the']);

/** A speech verb used as an adjective ("the announced iPhone", "a claimed seven hours"): no one speaks. */
function attributive(state: QuoteState, i: number): boolean {
  // Part of a hyphenated adjective: "so-called", "self-described".
  const prev = state.tokens[i - 1];
  if (prev && /^[-‐–]$/.test(prev.text) && prev.end === state.tokens[i]!.start) return true;
  // Past adverbs: "the recently announced iPhone".
  let k = i - 1;
  while (k >= 0 && state.tokens[k]!.pos === 'ADV') k--;
  return k >= 0 && ARTICLES.has(state.folded[k]!);
}

/**
 * A speech verb in the passive ("the glitch was not reported"): its subject is what was said, not
 * who said it. Phrases made for the passive ("was quoted as saying") are cues of their own.
 */
function passive(state: QuoteState, i: number): boolean {
  // A past participle after "be", past any adverbs: "was not reported", "were told"; not "is saying".
  let k = i - 1;
  while (k >= 0 && (state.tokens[k]!.pos === 'ADV' || state.tokens[k]!.pos === 'PART')) k--;
  // "as stated on the website", "as reported": the same participle after "as".
  const be = k >= 0 && (state.tokens[k]!.lemma === 'be' || state.folded[k] === 'as');
  return be && /(ed|en|wn|id|ld|ght)$/.test(state.folded[i]!);
}

/** Words that deny a verb: "did not say whether", "has never said". */
const NEGATIONS = new Set(['not', "n't", 'never']);

/** A negated speech verb ("Apple did not say whether he left"): nothing was said, so nothing is quoted. */
function negated(state: QuoteState, i: number): boolean {
  for (let k = i - 1; k >= 0 && (state.tokens[k]!.pos === 'ADV' || state.tokens[k]!.pos === 'PART'); k--)
    if (NEGATIONS.has(state.folded[k]!)) return true;
  return false;
}

/** A speech noun with a speaker of its own: a possessor ("the ministry's statement") or a `by` phrase. */
function speechNoun(state: QuoteState, i: number): boolean {
  if (!state.lexicon.speechNouns.has(state.folded[i]!) && !state.lexicon.speechNouns.has(state.tokens[i]!.lemma))
    return false;
  return state.folded[i + 1] === 'by' || dependent(state, i, 'nmod:poss') !== null;
}

/**
 * Finds reporting cues: speech verbs by lemma ("said", "told", "noted") where either tagger
 * (wink-nlp's or the parser's) reads a verb, verbs that report a clause ("ruled"), passive
 * reporting ("was quoted"), cue phrases ("according to", "quoted as saying"), and speech nouns
 * with a speaker ("the announcement by GM", "Fiat's statement").
 */
export function findCues(state: QuoteState): void {
  const { tokens, folded, lexicon } = state;
  const cues: Cue[] = [];
  const isSpeech = (lemma: string) => lexicon.speechVerbs.has(lemma);
  const byFirst = new Map<string, string[][]>();
  for (const words of lexicon.cuePhrases) byFirst.set(words[0]!, [...(byFirst.get(words[0]!) ?? []), words]);
  for (let i = 0; i < tokens.length; i++) {
    const phrase = byFirst.get(folded[i]!)?.find((words) => words.every((w, k) => folded[i + k] === w));
    if (phrase) {
      cues.push({
        tokenStart: i,
        tokenEnd: i + phrase.length,
        sentence: state.sentenceOf[i]!,
        lemma: phrase.join(' '),
        according: phrase[0] === 'according',
      });
      i += phrase.length - 1;
      continue;
    }
    const t = tokens[i]!;
    const single = (lemma: string, nominal: boolean) => {
      const cue: Cue = { tokenStart: i, tokenEnd: i + 1, sentence: state.sentenceOf[i]!, lemma, according: false };
      if (nominal) cue.nominal = true;
      if (lexicon.namingVerbs.has(lemma) || lexicon.requestVerbs.has(lemma)) cue.parseOnly = true;
      cues.push(cue);
      state.cueAt.set(i, cue);
    };
    if (t.pos === 'NOUN' && state.syntax.upos[i] === 'NOUN') {
      if (speechNoun(state, i)) single(t.lemma, true);
      // "Boeing claims that ...": a name, a speech verb read as a plural noun, and "that".
      else if (folded[i + 1] === 'that' && tokens[i - 1]?.pos === 'PROPN' && /s$/.test(folded[i]!)) {
        const lemma = verbLemma(folded[i]!, isSpeech);
        if (lexicon.speechVerbs.has(lemma)) single(lemma, false);
      }
      continue;
    }
    if (t.pos !== 'VERB' && state.syntax.upos[i] !== 'VERB' && !(t.pos === 'AUX' && t.lemma === 'say')) continue;
    // The parser's verb ("Boeing claims that ...") is one wink-nlp may have read as a noun: its lemma too.
    const lemma = t.pos === 'VERB' || t.pos === 'AUX' ? t.lemma : verbLemma(state.folded[i]!, isSpeech);
    // After "to" a speech verb is a purpose or an appeal ("to add liquidity", "telling people to
    // call back"), unless a "that" clause follows.
    if (folded[i - 1] === 'to' && folded[i + 1] !== 'that') continue;
    const speech =
      lexicon.speechVerbs.has(lemma) ||
      lexicon.clauseCues.has(lemma) ||
      lexicon.namingVerbs.has(lemma) ||
      lexicon.requestVerbs.has(lemma);
    if (negated(state, i)) continue;
    if (lexicon.passiveCues.has(lemma) || (speech && !attributive(state, i) && !passive(state, i)))
      single(lemma, false);
  }
  state.cues = cues;
}
