import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import Sigma from 'sigma';
import { useEffect, useRef, useState } from 'preact/hooks';
import { csvUrl, type EdgeRow, type EventRow, type Table } from '../api';
import { DataTable } from '../components/data-table';
import { FilterForm } from '../components/period-form';
import { Load, Message } from '../components/status';
import { useApi } from '../components/use-api';
import { href, navigate } from '../router';

interface NetworkData {
  nodes: Array<{ id: string; events: number }>;
  edges: Table<EdgeRow>;
}

/** Mean Goldstein (−10 … +10) as a colour: red for conflict, grey near zero, blue for cooperation. */
export function goldsteinColour(value: number | null): string {
  const g = Math.max(-10, Math.min(10, value ?? 0)) / 10;
  const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);
  const [r, gr, b] =
    g < 0
      ? [mix(150, 192, -g), mix(150, 57, -g), mix(150, 43, -g)]
      : [mix(150, 33, g), mix(150, 102, g), mix(150, 172, g)];
  return `rgb(${r}, ${gr}, ${b})`;
}

/** Actors as nodes and dyads as edges for a period (sigma, ForceAtlas2 layout); a click on a node lists its events. */
export function Network({ params }: { params: Record<string, string> }) {
  const minWeight = Math.max(1, Number(params.minWeight ?? 1) || 1);
  const period = { from: params.from, to: params.to, all: params.all };
  const network = useApi<NetworkData>('network', { ...period, minWeight, limit: 300 });
  const events = useApi<Table<EventRow>>(params.actor ? 'events' : null, {
    actor: params.actor,
    ...period,
    limit: 200,
  });
  return (
    <section aria-labelledby="network-title">
      <h2 id="network-title">Network</h2>
      <FilterForm view="network" params={params} historical>
        <label for="network-min">
          Fewest events per edge
          <input id="network-min" name="minWeight" type="number" min="1" value={String(minWeight)} />
        </label>
      </FilterForm>
      <Load loaded={network}>
        {(data) =>
          data.nodes.length ? (
            <>
              <p class="legend" aria-hidden="true">
                Edge colour: mean Goldstein, <span class="swatch" style={{ background: goldsteinColour(-10) }} />{' '}
                conflict (−10) … <span class="swatch" style={{ background: goldsteinColour(0) }} /> 0 …{' '}
                <span class="swatch" style={{ background: goldsteinColour(10) }} /> cooperation (+10). Click a node to
                list its events.
              </p>
              <Graphic
                data={data}
                selected={params.actor ?? null}
                onPick={(actor) => navigate('network', { ...params, actor })}
              />
              <DataTable
                caption="Edges"
                rows={data.edges.rows}
                csv={csvUrl('network', { ...period, minWeight, limit: 300 })}
                empty="No edges."
                columns={[
                  {
                    key: 'source',
                    label: 'Source',
                    cell: (r) => <a href={href('network', { ...params, actor: r.source })}>{r.source}</a>,
                  },
                  {
                    key: 'target',
                    label: 'Target',
                    cell: (r) => <a href={href('network', { ...params, actor: r.target })}>{r.target}</a>,
                  },
                  { key: 'events', label: 'Events', numeric: true },
                  { key: 'mean_goldstein', label: 'Mean Goldstein', numeric: true },
                ]}
              />
            </>
          ) : (
            <Message kind="empty">
              No dyad has {minWeight} or more events in this period: lower the fewest events per edge, or widen the
              dates.
            </Message>
          )
        }
      </Load>
      {params.actor && (
        <Load loaded={events}>
          {(table) => (
            <DataTable
              caption={`Events of ${params.actor}`}
              rows={table.rows}
              csv={csvUrl('events', { actor: params.actor, ...period, limit: 1000 })}
              empty="No events for this actor in this period."
              columns={[
                { key: 'date', label: 'Date' },
                { key: 'dyad', label: 'Dyad', cell: (r) => `${r.source ?? '?'} → ${r.target ?? '—'}` },
                { key: 'code', label: 'Event', cell: (r) => `${r.code} ${r.name}` },
                {
                  key: 'evidence',
                  label: 'Evidence',
                  cell: (r) => <a href={href('article', { id: r.article, event: r.idx })}>{r.evidence ?? 'open'}</a>,
                },
              ]}
            />
          )}
        </Load>
      )}
    </section>
  );
}

function Graphic({
  data,
  selected,
  onPick,
}: {
  data: NetworkData;
  selected: string | null;
  onPick: (actor: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const graph = new Graph({ type: 'directed', multi: false });
    const biggest = Math.max(...data.nodes.map((n) => n.events));
    data.nodes.forEach((n, i) => {
      // A circle to start from: ForceAtlas2 needs positions, and these make the layout the same every time.
      const angle = (2 * Math.PI * i) / data.nodes.length;
      graph.addNode(n.id, {
        label: n.id,
        x: Math.cos(angle),
        y: Math.sin(angle),
        size: 6 + 14 * Math.sqrt(n.events / biggest),
        color: n.id === selected ? '#d35400' : '#34495e',
      });
    });
    for (const e of data.edges.rows) {
      if (e.source === e.target || graph.hasEdge(e.source, e.target)) continue;
      graph.addEdge(e.source, e.target, {
        size: 1 + Math.min(6, e.events),
        color: goldsteinColour(e.mean_goldstein),
        label: `${e.events} events`,
      });
    }
    forceAtlas2.assign(graph, { iterations: 150, settings: forceAtlas2.inferSettings(graph) });
    let renderer: Sigma | null = null;
    try {
      renderer = new Sigma(graph, container, {
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 0,
        defaultEdgeType: 'arrow',
      });
      renderer.on('clickNode', ({ node }) => onPick(node));
      container.dataset.nodes = String(graph.order);
    } catch (e) {
      setError(`The network cannot be drawn here (${(e as Error).message}); the edges table below has the same data.`);
    }
    return () => renderer?.kill();
  }, [data, selected]);
  return (
    <>
      {error && <Message kind="error">{error}</Message>}
      <div
        class="graph"
        ref={ref}
        role="img"
        aria-label={`Network of ${data.nodes.length} actors and ${data.edges.rows.length} dyads`}
      />
    </>
  );
}
