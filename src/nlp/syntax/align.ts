import { getNlp } from '../wink.js';
import { surfaceText, type ConlluSentence } from './conllu.js';

/**
 * The one place where wink-nlp's tokens and Universal Dependencies words meet.
 *
 * wink already splits most of what UD splits: "do|n't", "ca|n't", "wo|n't", "can|not",
 * "John|'s", "I|'d|'ve", and keeps "U.S.", "1,000,000", "3.5", "p.m." and e-mail addresses whole,
 * as UD English does. Two cases differ and are handled here, one token to several words:
 * - hyphenated words: UD English splits "well-known" into "well", "-", "known" but keeps words
 *   with a bound prefix ("e-mail", "non-profit", "re-read") whole; wink keeps some of the former
 *   together ("anti-war" and "ballot-box" are one token);
 * - "gonna", "wanna", "gotta": UD has two words ("gon" + "na").
 * Back from words to tokens, a token takes the analysis of the word of its group whose head lies
 * outside the group, and an arc into a group points at the group's token.
 */

/** Prefixes that UD English leaves attached with their hyphen ("co-workers", "pre-war"). */
const BOUND_PREFIXES = new Set([
  'e',
  'co',
  'pre',
  'post',
  'non',
  're',
  'mid',
  'over',
  'pro',
  'multi',
  'ex',
  'sub',
  'semi',
  'neo',
  'cross',
  'un',
  'micro',
  'intra',
  'counter',
  'vice',
]);

/** Contractions written as one token that UD splits into two words. */
const FUSED: Record<string, [number, number]> = { gonna: [3, 5], wanna: [3, 5], gotta: [3, 5] };

/** How UD words were made from tokens: the words, wink's tag for each, and each word's token. */
export interface WordAlignment {
  words: string[];
  wink: string[];
  /** Index of the token each word came from. */
  tokenOf: Int32Array;
}

/** Splits one token into UD words ([token] when UD keeps it whole). */
export function splitToken(text: string): string[] {
  const fused = FUSED[text.toLowerCase()];
  if (fused) return [text.slice(0, fused[0]), text.slice(fused[0], fused[1])];
  if (!/^\p{L}+(?:-\p{L}+)+$/u.test(text)) return [text];
  const parts = text.split('-');
  if (BOUND_PREFIXES.has(parts[0]!.toLowerCase())) return [text];
  return parts.flatMap((p, i) => (i ? ['-', p] : [p]));
}

/** Turns the tokens of one sentence (wink's, with its tags) into UD words. */
export function tokensToWords(tokens: ReadonlyArray<{ text: string; pos: string }>): WordAlignment {
  const words: string[] = [];
  const wink: string[] = [];
  const tokenOf: number[] = [];
  tokens.forEach((token, t) => {
    for (const word of splitToken(token.text)) {
      words.push(word);
      wink.push(word === '-' && token.text !== '-' ? 'PUNCT' : token.pos);
      tokenOf.push(t);
    }
  });
  return { words, wink, tokenOf: Int32Array.from(tokenOf) };
}

/** The analysis of tokens, mapped back from their words. */
export interface TokenAnalysis {
  upos: string[];
  /** Head of each token: -1 for the root, else the index of the head token in the sentence. */
  heads: Int32Array;
  deprels: string[];
}

/**
 * Maps a word-level analysis back to the tokens the words came from.
 * @param tokenCount how many tokens the sentence has.
 */
export function wordsToTokens(
  alignment: WordAlignment,
  analysis: { upos: readonly string[]; heads: Int32Array; deprels: readonly string[] },
  tokenCount: number,
): TokenAnalysis {
  const { tokenOf } = alignment;
  // The word that stands for each token: the first of its group whose head is outside the group.
  const rep = new Int32Array(tokenCount).fill(-1);
  const leaves = (w: number): boolean => analysis.heads[w]! < 0 || tokenOf[analysis.heads[w]!] !== tokenOf[w];
  for (let w = 0; w < tokenOf.length; w++) {
    const t = tokenOf[w]!;
    if (rep[t] === -1 || (leaves(w) && !leaves(rep[t]!))) rep[t] = w;
  }
  const upos: string[] = [];
  const deprels: string[] = [];
  const heads = new Int32Array(tokenCount);
  for (let t = 0; t < tokenCount; t++) {
    const w = rep[t]!;
    upos.push(analysis.upos[w]!);
    deprels.push(analysis.deprels[w]!);
    const h = analysis.heads[w]!;
    heads[t] = h < 0 ? -1 : tokenOf[h]!;
  }
  return { upos, heads, deprels };
}

/**
 * wink-nlp's tag for each word of a CoNLL-U sentence, read from the sentence's own text (rebuilt
 * from its tokens and `SpaceAfter=No`), so that training and `dyad parse` see the tags wink gives
 * in running text. The words of a multiword token take wink's tokens inside it in order when
 * the counts agree, else the tag of the token at its start.
 */
export function winkTagsForWords(sentence: ConlluSentence): string[] {
  const { text, spans } = surfaceText(sentence);
  const nlp = getNlp();
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(nlp.its.value) as string[];
  const pos = doc.tokens().out(nlp.its.pos) as string[];
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  for (const v of values) {
    const at = text.indexOf(v, cursor);
    starts.push(at < 0 ? cursor : at);
    ends.push(at < 0 ? cursor : at + v.length);
    if (at >= 0) cursor = at + v.length;
  }
  const tokenAt = (offset: number): number => {
    let best = 0;
    for (let t = 0; t < starts.length; t++) if (starts[t]! <= offset) best = t;
    return best;
  };
  const tags: string[] = [];
  for (let i = 0; i < spans.length; ) {
    const [start, end] = spans[i]!;
    let j = i;
    while (j + 1 < spans.length && spans[j + 1]![0] === start) j++;
    const inside: number[] = [];
    for (let t = 0; t < starts.length; t++)
      if (starts[t]! >= start && ends[t]! <= end && ends[t]! > starts[t]!) inside.push(t);
    for (let k = i; k <= j; k++) {
      const t = inside.length === j - i + 1 ? inside[k - i]! : tokenAt(start);
      // A hyphen split off a token wink kept whole is punctuation, as `tokensToWords` tags it.
      tags.push(sentence.words[k] === '-' && values[t] !== '-' ? 'PUNCT' : (pos[t] ?? 'X'));
    }
    i = j + 1;
  }
  return tags;
}
