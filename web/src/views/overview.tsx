import { csvUrl, type Overview as OverviewData, type Table, type TimelineRow } from '../api';
import { DataTable } from '../components/data-table';
import { FilterForm } from '../components/period-form';
import { QuadTimeline } from '../components/quad-timeline';
import { Load, Message } from '../components/status';
import { useApi } from '../components/use-api';
import { href } from '../router';

/** Totals, events by QuadClass over time, top dyads and top speakers for a period. */
export function Overview({ params }: { params: Record<string, string> }) {
  const period = { from: params.from, to: params.to, all: params.all };
  const by = params.by === 'day' || params.by === 'week' ? params.by : 'month';
  const overview = useApi<OverviewData>('overview', period);
  const timeline = useApi<Table<TimelineRow>>('timeline', { ...period, by });
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Overview</h2>
      <FilterForm view="overview" params={params} historical>
        <label for="overview-by">
          Per
          <select id="overview-by" name="by" value={by}>
            <option value="month">month</option>
            <option value="week">week</option>
            <option value="day">day</option>
          </select>
        </label>
      </FilterForm>
      <Load loaded={overview}>
        {(data) => (
          <>
            <dl class="totals">
              <div>
                <dt>Events</dt>
                <dd data-total="events">{data.totals.events}</dd>
              </div>
              <div>
                <dt>Articles with events</dt>
                <dd>{data.totals.articles}</dd>
              </div>
              <div>
                <dt>Quotations</dt>
                <dd>{data.totals.quotes}</dd>
              </div>
            </dl>
            {data.totals.events === 0 && (
              <Message kind="empty">
                No events in this period. Clear the dates, or ingest articles with: dyad ingest FILES --db STORE.
              </Message>
            )}
          </>
        )}
      </Load>
      <h3>Events by QuadClass per {by}</h3>
      <Load loaded={timeline}>
        {(table) =>
          table.rows.length ? (
            <QuadTimeline rows={table.rows} goldstein={false} title="All events" />
          ) : (
            <Message kind="empty">No dated events to draw for this period.</Message>
          )
        }
      </Load>
      <div class="columns">
        <Load loaded={overview}>
          {(data) => (
            <DataTable
              caption="Top dyads"
              rows={data.dyads.rows}
              csv={csvUrl('network', { ...period, limit: 10 })}
              empty="No dyads in this period: widen the dates."
              columns={[
                {
                  key: 'dyad',
                  label: 'Dyad',
                  cell: (r) => (
                    <a href={href('dyad', { a: r.source, b: r.target, ...period })}>{`${r.source} → ${r.target}`}</a>
                  ),
                },
                { key: 'events', label: 'Events', numeric: true },
                { key: 'mean_goldstein', label: 'Mean Goldstein', numeric: true },
              ]}
            />
          )}
        </Load>
        <Load loaded={overview}>
          {(data) => (
            <DataTable
              caption="Top speakers"
              rows={data.speakers.rows}
              csvKeys={['speaker', 'code', 'quotes']}
              empty="No quotations in this period: widen the dates."
              columns={[
                {
                  key: 'speaker',
                  label: 'Speaker',
                  cell: (r) => <a href={href('quotes', { speaker: r.speaker, ...period })}>{r.speaker}</a>,
                },
                { key: 'code', label: 'Code' },
                { key: 'quotes', label: 'Quotations', numeric: true },
              ]}
            />
          )}
        </Load>
      </div>
    </section>
  );
}
