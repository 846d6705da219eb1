import { COMPILED_KNOWLEDGE_FILE, writeCompiledKnowledge } from './compiled.js';
import { compileShippedKnowledge } from './load.js';
import { KnowledgeError } from './parse-entries.js';

/**
 * Part of `npm run build`: compiles the dictionaries under `data/` and writes the compiled
 * knowledge base beside the built code (`dist/knowledge/compiled-knowledge.json`), so that coding
 * starts without parsing them. A malformed dictionary fails the build with its file and line.
 */
try {
  const started = performance.now();
  const { builder, hash } = compileShippedKnowledge(undefined, null);
  const bytes = writeCompiledKnowledge(COMPILED_KNOWLEDGE_FILE, hash, builder);
  const ms = (performance.now() - started).toFixed(0);
  console.log(`knowledge base compiled to ${COMPILED_KNOWLEDGE_FILE} (${(bytes / 1e6).toFixed(1)} MB, ${ms} ms)`);
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
