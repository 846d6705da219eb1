import { csvUrl, type EventRow, type Table, type TimelineRow } from '../api';
import { ActorPicker } from '../components/actor-picker';
import { DataTable } from '../components/data-table';
import { FilterForm } from '../components/period-form';
import { QuadTimeline } from '../components/quad-timeline';
import { Load, Message } from '../components/status';
import { useApi } from '../components/use-api';
import { href } from '../router';

const PAGE = 50;

/** The filter of a dyad (both directions) or of one actor on either side. */
export function dyadFilter(params: Record<string, string>): Record<string, string | boolean | undefined> {
  const { a, b, from, to } = params;
  const all = params.all === 'true';
  // By code or country only: a picked code (KOR) must not also match a name (North Korea).
  if (a && b) return { source: a, target: b, undirected: true, exact: true, from, to, all };
  if (a || b) return { actor: a || b, from, to, all };
  return { from, to, all };
}

/** Two actors: their events per period by QuadClass, the mean Goldstein, and the events with their evidence. */
export function Dyad({ params }: { params: Record<string, string> }) {
  const by = params.by === 'day' || params.by === 'week' ? params.by : 'month';
  const offset = Math.max(0, Number(params.offset ?? 0) || 0);
  const filter = dyadFilter(params);
  const chosen = Boolean(params.a || params.b);
  const timeline = useApi<Table<TimelineRow>>(chosen ? 'timeline' : null, { ...filter, by });
  const events = useApi<Table<EventRow> & { total: number }>(chosen ? 'events' : null, {
    ...filter,
    limit: PAGE,
    offset,
  });
  const title = params.a && params.b ? `${params.a} and ${params.b}` : params.a || params.b || '';
  return (
    <section aria-labelledby="dyad-title">
      <h2 id="dyad-title">Dyad{title ? `: ${title}` : ''}</h2>
      <FilterForm view="dyad" params={params} historical>
        <ActorPicker label="Actor A" name="a" value={params.a ?? ''} />
        <ActorPicker label="Actor B" name="b" value={params.b ?? ''} />
        <label for="dyad-by">
          Per
          <select id="dyad-by" name="by" value={by}>
            <option value="month">month</option>
            <option value="week">week</option>
            <option value="day">day</option>
          </select>
        </label>
      </FilterForm>
      {!chosen ? (
        <Message kind="empty">Pick one or two actors (type a code such as RUS or a name) and press Show.</Message>
      ) : (
        <>
          <h3>Events per {by} by QuadClass, and the mean Goldstein</h3>
          <Load loaded={timeline}>
            {(table) =>
              table.rows.length ? (
                <QuadTimeline rows={table.rows} goldstein title={title} />
              ) : (
                <Message kind="empty">
                  No dated events between {title}. Check the codes (the type-ahead lists them), or widen the period.
                </Message>
              )
            }
          </Load>
          <Load loaded={events}>
            {(page) => (
              <DataTable
                caption="Events"
                rows={page.rows}
                csv={csvUrl('events', { ...filter, limit: 1000 })}
                empty={`No events between ${title}: try one actor alone, or widen the period.`}
                columns={[
                  { key: 'date', label: 'Date' },
                  { key: 'source', label: 'Source', cell: (r) => <abbr title={r.source_name ?? ''}>{r.source}</abbr> },
                  { key: 'code', label: 'Event', cell: (r) => `${r.code} ${r.name}` },
                  {
                    key: 'target',
                    label: 'Target',
                    cell: (r) => <abbr title={r.target_name ?? ''}>{r.target ?? '—'}</abbr>,
                  },
                  { key: 'goldstein', label: 'Goldstein', numeric: true },
                  {
                    key: 'evidence',
                    label: 'Evidence',
                    cell: (r) => (
                      <a class="evidence" href={href('article', { id: r.article, event: r.idx })}>
                        {r.evidence ?? 'open the article'}
                      </a>
                    ),
                  },
                ]}
                footer={<Pager total={page.total} offset={offset} params={params} />}
              />
            )}
          </Load>
        </>
      )}
    </section>
  );
}

function Pager({ total, offset, params }: { total: number; offset: number; params: Record<string, string> }) {
  if (total <= PAGE) return <p class="pager">{total} events</p>;
  return (
    <nav class="pager" aria-label="Pages of events">
      {offset > 0 && <a href={href('dyad', { ...params, offset: Math.max(0, offset - PAGE) })}>Previous</a>}
      <span>{`${offset + 1}–${Math.min(total, offset + PAGE)} of ${total}`}</span>
      {offset + PAGE < total && <a href={href('dyad', { ...params, offset: offset + PAGE })}>Next</a>}
    </nav>
  );
}
