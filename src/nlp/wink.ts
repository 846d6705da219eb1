import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** The parts of wink-nlp's private lexicon cache that `forgetLearnedWords` wraps. */
interface WinkCache {
  lookup(text: string): number[] | null;
  add(text: string, category: number): number;
  intrinsicSize(): number;
  currentSize(): number;
}

/**
 * Words wink-nlp may learn before the instance is replaced: enough for thousands of articles; the
 * bound keeps a long run's memory flat (each learned word costs a few dozen bytes, forever).
 */
const MAX_LEARNED_WORDS = 200_000;

let shared: { nlp: WinkMethods; cache: WinkCache } | null = null;

/**
 * wink-nlp learns every word it has not seen (adds it to its lexicon) and its tokenizer then keeps
 * a learned word whole: after one article wrote "U.S written", a later "U.S." split into "U.S" and
 * ".", which moved a sentence break and changed who said what. An article's tokens would depend on
 * the articles read before it. Learned words are therefore hidden from the tokenizer (it looks
 * words up with `lookup`), while `add` — which stores a word's features and looks up the word it
 * has just added — still sees them. Each raw token is then split as a fresh instance would split it.
 */
function forgetLearnedWords(cache: WinkCache): void {
  const lookup = cache.lookup;
  const add = cache.add;
  const intrinsic = cache.intrinsicSize();
  let adding = 0;
  cache.add = (text, category) => {
    adding++;
    try {
      return add(text, category);
    } finally {
      adding--;
    }
  };
  cache.lookup = (text) => {
    const found = lookup(text);
    // A single index past the shipped lexicon is a learned word; contractions are always shipped.
    return adding === 0 && found !== null && found.length === 1 && found[0]! >= intrinsic ? null : found;
  };
}

/**
 * A new wink-nlp instance whose tokenizer ignores learned words. wink keeps its lexicon cache
 * private; the model's feature functions receive it as an argument when a word is first added,
 * so a wrapped `featureFn` catches it while one unknown word is read.
 */
function createNlp(): { nlp: WinkMethods; cache: WinkCache } {
  let cache: WinkCache | null = null;
  const featureFn = (config: unknown) => {
    const features = (
      model as unknown as { featureFn(c: unknown): Record<string, (...a: unknown[]) => unknown> }
    ).featureFn(config);
    const wrapped: Record<string, (...a: unknown[]) => unknown> = {};
    for (const [name, fn] of Object.entries(features)) {
      wrapped[name] = (...args: unknown[]) => {
        if (!cache && typeof (args[2] as WinkCache | undefined)?.lookup === 'function') cache = args[2] as WinkCache;
        return fn(...args);
      };
    }
    return wrapped;
  };
  const nlp = winkNLP({ ...model, featureFn } as unknown as typeof model, ['sbd', 'pos']);
  nlp.readDoc('Qzxv');
  if (!cache) throw new Error('wink-nlp: the lexicon cache could not be reached (has wink-nlp changed?)');
  forgetLearnedWords(cache);
  return { nlp, cache };
}

/**
 * The wink-nlp instance with sentence boundaries and part-of-speech tagging. Loading the model
 * takes a noticeable fraction of a second, so it is loaded once per process, on first use, and
 * replaced only when the words it has learned pass `MAX_LEARNED_WORDS` — which changes no result,
 * since the tokenizer does not see learned words.
 */
export function getNlp(): WinkMethods {
  if (shared && shared.cache.currentSize() - shared.cache.intrinsicSize() > MAX_LEARNED_WORDS) shared = null;
  shared ??= createNlp();
  return shared.nlp;
}
