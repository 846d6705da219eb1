import type { ArticleView } from '../../query/dashboard-queries.js';
import type { Engine } from '../../engine.js';
import { explainSentences } from '../explain.js';

/** A sentence the server cannot explain (the re-coded text no longer has it). */
export class ExplainError extends Error {
  readonly status = 422;
}

/**
 * The store keeps no trace of why a sentence was coded (it is large), so `explain` codes the
 * stored cleaned text again with the trace on, under the article's publication date, and reports
 * the sentence with the same text. The engine (dictionaries, language model: about a second) is
 * loaded on the first request only.
 */
let engine: Promise<Engine> | null = null;

function loadEngine(): Promise<Engine> {
  engine ??= import('../../engine.js').then(({ createEngine }) => createEngine({ explain: true }));
  return engine;
}

/** Explains sentence `index` of a stored article: its tokens, actors, verb groups, candidate patterns and events. */
export async function explainStoredSentence(
  view: ArticleView,
  index: number,
): Promise<{ article: string; sentence: number; text: string; explanation: string }> {
  const span = view.sentences[index];
  if (!span) throw new ExplainError(`article "${view.id}" has no sentence ${index}`);
  const text = view.text.slice(span.start, span.end);
  const doc = (await loadEngine()).process({
    origin: { source: view.source ?? view.id },
    format: 'text',
    content: view.text,
    ...(view.title ? { title: view.title } : {}),
    ...(view.published ? { date: view.published } : {}),
  });
  const again = (doc.sentences ?? []).findIndex((s) => s.text === text);
  if (again < 0)
    throw new ExplainError(`sentence ${index} of "${view.id}" could not be found again when its text was re-coded`);
  return { article: view.id, sentence: index, text, explanation: explainSentences(doc, again) };
}
