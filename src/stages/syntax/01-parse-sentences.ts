import type { Sentence, Token, TokenSyntax } from '../../document/types.js';
import { parseTokenSentences, type SyntaxModel } from '../../nlp/syntax/index.js';

/**
 * Tags and parses each sentence on its own tokens (the article's sentences in one call, which
 * keeps the model's tables in cache). Heads come back as indexes within the sentence and are
 * shifted to indexes into `doc.tokens`.
 */
export function parseSentences(
  model: SyntaxModel,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
): TokenSyntax {
  const upos = new Array<string>(tokens.length).fill('X');
  const deprels = new Array<string>(tokens.length).fill('dep');
  const heads = new Int32Array(tokens.length).fill(-1);
  const analyses = parseTokenSentences(
    model,
    sentences.map((s) => tokens.slice(s.tokenStart, s.tokenEnd)),
  );
  sentences.forEach((sentence, index) => {
    const analysis = analyses[index]!;
    for (let i = 0; i < sentence.tokenEnd - sentence.tokenStart; i++) {
      const t = sentence.tokenStart + i;
      upos[t] = analysis.upos[i]!;
      deprels[t] = analysis.deprels[i]!;
      heads[t] = analysis.heads[i]! < 0 ? -1 : sentence.tokenStart + analysis.heads[i]!;
    }
  });
  return { upos, heads, deprels };
}
