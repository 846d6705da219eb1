import { useEffect, useRef, useState } from 'preact/hooks';
import { advice, getJson, type ArticleSpan, type ArticleView, type Explanation } from '../api';
import { Load, Message } from '../components/status';
import { useApi } from '../components/use-api';
import { href, navigate } from '../router';

const LAYERS = [
  { key: 'actor', label: 'Actors' },
  { key: 'time', label: 'Times' },
  { key: 'quote', label: 'Quotations' },
  { key: 'event', label: 'Events' },
] as const;

/** A run of text between two span boundaries, with the layers that cover it. */
interface Segment {
  start: number;
  end: number;
  layers: Set<string>;
  labels: string[];
  selected: boolean;
  sentence: number;
}

/**
 * Cuts the text at every boundary of the shown spans and of the selected event's evidence, so each
 * run of text knows which layers cover it. The text stays text: it is never parsed as HTML.
 */
export function segment(
  view: ArticleView,
  shown: Set<string>,
  selected: { start: number; end: number } | null,
): Segment[] {
  const spans: ArticleSpan[] = view.spans.filter((s) => shown.has(s.layer));
  const cuts = new Set<number>([0, view.text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  for (const s of view.sentences) cuts.add(s.start).add(s.end);
  if (selected) cuts.add(selected.start).add(selected.end);
  const points = [...cuts].filter((n) => n >= 0 && n <= view.text.length).sort((a, b) => a - b);
  const segments: Segment[] = [];
  let sentence = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    while (sentence + 1 < view.sentences.length && view.sentences[sentence]!.end <= start) sentence++;
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    segments.push({
      start,
      end,
      sentence,
      layers: new Set(covering.map((s) => s.layer)),
      labels: covering.map((s) => s.label),
      selected: selected !== null && selected.start <= start && selected.end >= end,
    });
  }
  return segments;
}

/** One article: its cleaned text with spans by layer, its events, `explain` on request, and the furniture taken out. */
export function Article({ params }: { params: Record<string, string> }) {
  const article = useApi<ArticleView>(params.id ? `articles/${encodeURIComponent(params.id)}` : null);
  if (!params.id)
    return <Message kind="empty">No article chosen: open one from an event in the Dyad view or a quotation.</Message>;
  return <Load loaded={article}>{(view) => <ArticleBody view={view} params={params} />}</Load>;
}

function ArticleBody({ view, params }: { view: ArticleView; params: Record<string, string> }) {
  const shown = new Set(params.layers ? params.layers.split(',') : LAYERS.map((l) => l.key));
  const chosen = params.event !== undefined ? view.events[Number(params.event)] : undefined;
  // A quotation is named by its words (`quote=`): the quotations table has no index into the article.
  const quoted = params.quote
    ? view.spans.find((s) => s.layer === 'quote' && view.text.slice(s.start, s.end) === params.quote)
    : undefined;
  const selected = chosen
    ? { start: chosen.evidenceStart, end: chosen.evidenceEnd }
    : quoted
      ? { start: quoted.start, end: quoted.end }
      : null;
  const segments = segment(view, shown, selected);
  const [explained, setExplained] = useState<{
    sentence: number;
    result: Explanation | null;
    error: string | null;
  } | null>(null);
  const selectedRef = useRef<HTMLSpanElement>(null);
  useEffect(() => selectedRef.current?.scrollIntoView({ block: 'center' }), [params.event, params.quote]);

  const explain = (sentence: number) => {
    setExplained({ sentence, result: null, error: null });
    getJson<Explanation>(`explain/${encodeURIComponent(view.id)}/${sentence}`).then(
      (result) => setExplained({ sentence, result, error: null }),
      (error: unknown) => setExplained({ sentence, result: null, error: advice(error) }),
    );
  };
  const toggle = (layer: string) => {
    const next = new Set(shown);
    if (next.has(layer)) next.delete(layer);
    else next.add(layer);
    navigate('article', {
      ...params,
      layers:
        LAYERS.map((l) => l.key)
          .filter((k) => next.has(k))
          .join(',') || 'none',
    });
  };
  let firstSelected = true;
  return (
    <section aria-labelledby="article-title" class="article">
      <h2 id="article-title">{view.title ?? view.id}</h2>
      <p class="meta">
        {[
          view.published ?? 'undated',
          view.source ?? '',
          view.duplicateOf ? `near-duplicate of ${view.duplicateOf}` : '',
        ]
          .filter(Boolean)
          .join(' · ')}
        {/* Only web addresses become links: an article's own metadata could carry a javascript: URL. */}
        {view.url && /^https?:\/\//i.test(view.url) && (
          <>
            {' '}
            ·{' '}
            <a href={view.url} rel="noreferrer noopener">
              original
            </a>
          </>
        )}
      </p>
      <fieldset class="layers">
        <legend>Highlight</legend>
        {LAYERS.map((l) => (
          <label class={`swatch-${l.key}`}>
            <input type="checkbox" checked={shown.has(l.key)} onChange={() => toggle(l.key)} /> {l.label}
          </label>
        ))}
      </fieldset>
      <div class="article-grid">
        <div class="article-text" data-testid="article-text">
          {segments.map((s) => {
            const text = view.text.slice(s.start, s.end);
            if (!s.layers.size && !s.selected) return text;
            const classes = [...s.layers].map((l) => `hl-${l}`);
            if (s.selected) classes.push('selected');
            const ref = s.selected && firstSelected ? ((firstSelected = false), selectedRef) : undefined;
            return (
              <span
                class={classes.join(' ')}
                title={s.labels.join('\n') || undefined}
                data-sentence={s.sentence}
                ref={ref}
                onClick={() => explain(s.sentence)}
              >
                {text}
              </span>
            );
          })}
        </div>
        <aside aria-label="Events in this article">
          <h3>Events ({view.events.length})</h3>
          {view.events.length === 0 ? (
            <Message kind="empty">No event was coded in this article. Explain a sentence to see why.</Message>
          ) : (
            <ol class="event-list">
              {view.events.map((e) => (
                <li class={chosen === e ? 'current' : undefined}>
                  <a
                    href={href('article', { ...params, event: e.idx })}
                    aria-current={chosen === e ? 'true' : undefined}
                  >
                    {`${e.code} ${e.name}`}
                  </a>
                  <span class="meta">
                    {`${e.source ?? '?'} → ${e.target ?? 'no target'} · ` + `Goldstein ${e.goldstein} · “${e.trigger}”`}
                  </span>
                  <button type="button" onClick={() => explain(e.sentence)}>
                    Explain sentence {e.sentence}
                  </button>
                </li>
              ))}
            </ol>
          )}
          {explained && (
            <div class="explain" role="region" aria-label={`Explanation of sentence ${explained.sentence}`}>
              <h3>Sentence {explained.sentence}</h3>
              {explained.error ? (
                <Message kind="error">{explained.error}</Message>
              ) : explained.result ? (
                <pre>{explained.result.explanation}</pre>
              ) : (
                <Message kind="loading">Coding the sentence again to explain it…</Message>
              )}
            </div>
          )}
        </aside>
      </div>
      <details class="furniture">
        <summary>
          {`Removed furniture (${view.removed.length}): title, bylines, captions and other text taken out of the body`}
        </summary>
        {view.removed.length === 0 ? (
          <p>Nothing was removed.</p>
        ) : (
          <ul>
            {view.removed.map((r) => (
              <li>
                <strong>{r.kind}</strong> <code>{r.rule}</code>: {r.text}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
