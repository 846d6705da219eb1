import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let shared: WinkMethods | null = null;

/**
 * The wink-nlp instance with sentence boundaries and part-of-speech tagging. Loading the model
 * takes a noticeable fraction of a second, so it is loaded once per process, on first use, and
 * then only read.
 */
export function getNlp(): WinkMethods {
  shared ??= winkNLP(model, ['sbd', 'pos']);
  return shared;
}
