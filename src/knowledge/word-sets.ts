import type { KnowledgeBase } from './actor-kb.js';

const compiled = new WeakMap<KnowledgeBase, Map<string, ReadonlySet<string>>>();

/**
 * A word list of the knowledge base (a `lexicon:` entry under `data/`) as a set of lower-case
 * words, compiled once per knowledge base: the one home of lists several stages read, such as
 * `speech-verbs`. An unknown name gives an empty set.
 *
 * @example
 *   wordSet(ctx.knowledge, 'speech-verbs').has('say'); // true
 */
export function wordSet(kb: KnowledgeBase, name: string): ReadonlySet<string> {
  let sets = compiled.get(kb);
  if (!sets) compiled.set(kb, (sets = new Map()));
  let set = sets.get(name);
  if (!set) sets.set(name, (set = new Set((kb.lexicons.get(name) ?? []).map((w) => w.toLowerCase()))));
  return set;
}
