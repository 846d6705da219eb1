import type { ArticleDocument } from '../document/types.js';

/** A few lines a person can read about one coded article: what it is and what was found in it. */
export function summariseArticle(doc: ArticleDocument): string {
  const meta = doc.meta;
  const removedKinds = new Map<string, number>();
  for (const r of doc.removed ?? []) removedKinds.set(r.kind, (removedKinds.get(r.kind) ?? 0) + 1);
  const removed = [...removedKinds].map(([kind, n]) => `${kind} ${n}`).join(', ') || 'nothing';
  const lines = [
    `■ ${meta?.title ?? '(no title)'}`,
    `  ${doc.input.origin.source}` +
      ` · published ${meta?.published ?? '?'}${meta?.updated ? ` · updated ${meta.updated}` : ''}` +
      `${meta?.authors.length ? ` · by ${meta.authors.join(', ')}` : ''}${meta?.agency ? ` · ${meta.agency}` : ''}`,
    `  ${doc.paragraphs?.length ?? 0} paragraphs, ${doc.sentences?.length ?? 0} ` +
      `sentences, ${doc.tokens?.length ?? 0} tokens; removed: ${removed}`,
  ];
  const counts = new Map<string, { name: string; code: string | null; n: number }>();
  for (const m of doc.actors ?? []) {
    if (m.actor.kind === 'media' || m.actor.kind === 'city' || m.actor.kind === 'place') continue;
    const entry = counts.get(m.actor.id) ?? { name: m.actor.name, code: m.actor.code, n: 0 };
    entry.n++;
    counts.set(m.actor.id, entry);
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n).slice(0, 6);
  if (top.length) lines.push(`  actors: ${top.map((a) => `${a.name} ${a.code ?? '?'} ×${a.n}`).join(', ')}`);
  const speakers = new Map<string, number>();
  for (const q of doc.quotes ?? []) {
    const name = q.speaker?.actor?.name ?? q.speaker?.mention.text ?? '(unattributed)';
    speakers.set(name, (speakers.get(name) ?? 0) + 1);
  }
  const events = (doc.events ?? []).map(
    (e) => `${e.source.actor.code}→${e.target?.actor.code ?? '-'} ${e.code}${e.intent ? '(intent)' : ''}`,
  );
  if (events.length)
    lines.push(`  events: ${events.slice(0, 8).join(', ')}${events.length > 8 ? ` (+${events.length - 8} more)` : ''}`);
  if (speakers.size)
    lines.push(
      `  quotes: ${[...speakers]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([name, n]) => `${name} ×${n}`)
        .join(', ')}`,
    );
  return lines.join('\n');
}
