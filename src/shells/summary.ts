import type { ArticleDocument } from '../document/types.js';

/** A few lines a person can read about one coded article: what it is and what was found in it. */
export function summariseArticle(doc: ArticleDocument): string {
  const meta = doc.meta;
  const removedKinds = new Map<string, number>();
  for (const r of doc.removed ?? []) removedKinds.set(r.kind, (removedKinds.get(r.kind) ?? 0) + 1);
  const removed = [...removedKinds].map(([kind, n]) => `${kind} ${n}`).join(', ') || 'nothing';
  const lines = [
    `■ ${meta?.title ?? '(no title)'}`,
    `  ${doc.input.origin.source} · published ${meta?.published ?? '?'}${meta?.updated ? ` · updated ${meta.updated}` : ''}` +
      `${meta?.authors.length ? ` · by ${meta.authors.join(', ')}` : ''}${meta?.agency ? ` · ${meta.agency}` : ''}`,
    `  ${doc.paragraphs?.length ?? 0} paragraphs, ${doc.sentences?.length ?? 0} sentences, ${doc.tokens?.length ?? 0} tokens; removed: ${removed}`,
  ];
  return lines.join('\n');
}
