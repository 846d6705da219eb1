import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';
import type { TimelineRow } from '../api';

/** QuadClass names and colours: cooperation in blues/greens, conflict in oranges/reds. */
export const QUADS = [
  { key: 'verbal_coop', label: 'Verbal cooperation', colour: '#4e79a7' },
  { key: 'material_coop', label: 'Material cooperation', colour: '#2a9d8f' },
  { key: 'verbal_conflict', label: 'Verbal conflict', colour: '#e09f3e' },
  { key: 'material_conflict', label: 'Material conflict', colour: '#c0392b' },
] as const;

/**
 * Names a chart as one image for screen readers. Plot labels its mark groups (`<g aria-label="bar">`),
 * which ARIA does not allow on a group without a role, inside an image that already says it all.
 */
function asImage(svg: Element, label: string): Element {
  for (const group of svg.querySelectorAll('g[aria-label]')) group.removeAttribute('aria-label');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg;
}

/**
 * Events per period stacked by QuadClass (Observable Plot), with, when asked, the mean Goldstein
 * per period as a line in a panel below on the same periods.
 */
export function QuadTimeline({ rows, goldstein, title }: { rows: TimelineRow[]; goldstein: boolean; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const long = rows.flatMap((r) => QUADS.map((q) => ({ period: r.period, quad: q.label, events: r[q.key] })));
    const domain = rows.map((r) => r.period);
    const width = Math.max(320, Math.min(1100, node.clientWidth || 900));
    // Rotated period labels need room below the axis.
    const marginBottom = domain.length > 12 ? 56 : 30;
    const bars = Plot.plot({
      width,
      height: 260 + marginBottom,
      marginLeft: 48,
      marginBottom,
      x: { domain, label: null, tickRotate: domain.length > 12 ? -45 : 0 },
      y: { label: 'events', grid: true },
      color: { domain: QUADS.map((q) => q.label), range: QUADS.map((q) => q.colour), legend: true },
      marks: [Plot.barY(long, { x: 'period', y: 'events', fill: 'quad', tip: true }), Plot.ruleY([0])],
    });
    node.replaceChildren(asImage(bars, `${title}: events per period by QuadClass`));
    if (goldstein) {
      const line = Plot.plot({
        width,
        height: 150 + marginBottom,
        marginLeft: 48,
        marginBottom,
        x: { domain, type: 'point', label: null, tickRotate: domain.length > 12 ? -45 : 0 },
        y: { domain: [-10, 10], label: 'mean Goldstein', grid: true },
        marks: [
          Plot.ruleY([0], { stroke: '#888' }),
          Plot.lineY(rows, { x: 'period', y: 'mean_goldstein', stroke: '#333' }),
          Plot.dot(rows, {
            x: 'period',
            y: 'mean_goldstein',
            fill: (r: TimelineRow) => ((r.mean_goldstein ?? 0) < 0 ? '#c0392b' : '#2a9d8f'),
            tip: true,
          }),
        ],
      });
      node.append(asImage(line, `${title}: mean Goldstein per period`));
    }
  }, [rows, goldstein, title]);
  return <div class="chart" ref={ref} />;
}
