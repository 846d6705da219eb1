import type { ArticleDocument } from '../document/types.js';

/**
 * The dependency parse of one sentence, a token a line: index in the sentence, word, Dyad's tag,
 * head (index in the sentence, or `root`) and relation.
 */
function syntaxLines(doc: ArticleDocument, from: number, to: number): string[] {
  const syntax = doc.syntax!;
  const tokens = doc.tokens ?? [];
  const width = Math.max(4, ...tokens.slice(from, to).map((t) => t.text.length));
  const lines = ['  syntax:'];
  for (let t = from; t < to; t++) {
    const head = syntax.heads[t]!;
    const headText = head < 0 ? 'root' : `→ ${head - from} ${tokens[head]!.text}`;
    const word = tokens[t]!.text.padEnd(width);
    lines.push(
      `    ${String(t - from).padStart(3)}  ${word}  ${syntax.upos[t]!.padEnd(5)} ` +
        ` ${headText.padEnd(width + 7)}  ${syntax.deprels[t]}`,
    );
  }
  return lines;
}

/**
 * Prints, for each sentence asked for, why it was or was not coded: its tokens with their tags
 * and dependency parse,
 * the actors in it, the verb groups (negation, intent, voice, mood), every candidate pattern with
 * its outcome, and the events chosen.
 */
export function explainSentences(doc: ArticleDocument, only?: number): string {
  const lines: string[] = [];
  const sentences = doc.sentences ?? [];
  sentences.forEach((sentence, index) => {
    if (only !== undefined && index !== only) return;
    lines.push(`sentence ${index}: ${sentence.text}`);
    const tokens = (doc.tokens ?? []).slice(sentence.tokenStart, sentence.tokenEnd);
    lines.push(`  tokens: ${tokens.map((t) => `${t.text}/${t.pos}`).join(' ')}`);
    if (doc.syntax) lines.push(...syntaxLines(doc, sentence.tokenStart, sentence.tokenEnd));
    const actors = (doc.actors ?? []).filter((a) => a.sentence === index);
    const actorList = actors.map((a) => `${a.text} = ${a.actor.code ?? '?'} (${a.actor.kind}, ${a.via.split(' ')[0]})`);
    lines.push(`  actors: ${actors.length ? actorList.join('; ') : 'none'}`);
    const trace = doc.eventTrace?.find((t) => t.sentence === index);
    for (const v of trace?.verbs ?? []) {
      const flags = [v.negated && 'negated', v.intent && 'intent', v.passive && 'passive', v.mood !== 'fact' && v.mood]
        .filter(Boolean)
        .join(', ');
      lines.push(`  verb group: ${v.text} (lemma ${v.lemma})${flags ? ` — ${flags}` : ''}`);
    }
    const candidates = trace?.candidates ?? [];
    if (!candidates.length) lines.push('  patterns: no verb or noun in this sentence has a pattern');
    for (const c of candidates) lines.push(`  pattern ${c.pattern}: ${c.outcome}`);
    for (const d of trace?.decisions ?? []) {
      lines.push(`  trigger ${d.trigger}: source ${d.source}; target ${d.target}`);
      lines.push(`    modality: ${d.modality}`);
      lines.push(`    date: ${d.dating}`);
    }
    const events = (doc.events ?? []).filter(
      (e) => e.sentence === index || e.repeats?.some((r) => r.start === sentence.start),
    );
    for (const e of events) {
      lines.push(
        `  ⇒ event ${e.code} ${e.name}: ${e.source.actor.code} (${e.source.mention.text}) ` +
          `→ ${e.target ? `${e.target.actor.code} (${e.target.mention.text})` : 'no target'}` +
          `${e.intent ? ', intent' : ''}${e.negated ? ', refusal' : ''}; Goldstein ${e.goldstein}, ` +
          `QuadClass ${e.quadClass}; date ${e.date?.value ?? '?'} (${e.date?.source ?? 'none'})` +
          `${e.historical ? ', historical' : ''}${e.place ? `; place ${e.place.name}` : ''}; ` +
          `via "${e.via.pattern}" (${e.via.file}:${e.via.line})`,
      );
    }
    if (!events.length) lines.push('  ⇒ no event');
  });
  return lines.join('\n');
}
