/** Coverage timeline: articles per hour / day / week, stacked by source (SVG). */
import type { StoryDetailT } from '../api.ts';
import { plural } from '../format.ts';

type TimelineData = StoryDetailT['timeline'];

export const SERIES_COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#6b7280'];
const WIDTH = 640;
const HEIGHT = 170;
const PAD = { left: 34, right: 8, top: 10, bottom: 28 };

function bucketLabel(ms: number, unit: TimelineData['unit']): string {
  const iso = new Date(ms).toISOString();
  return unit === 'hour' ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(0, 10);
}

export function Timeline({ timeline }: { timeline: TimelineData }) {
  if (timeline.buckets === 0) {
    return <p class="empty">No dated articles{timeline.undated ? ` (${plural(timeline.undated, 'undated article')})` : ''}.</p>;
  }
  const n = timeline.buckets;
  const totals = Array.from({ length: n }, (_, i) => timeline.series.reduce((sum, s) => sum + s.counts[i], 0));
  const max = Math.max(1, ...totals);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = plotW / n;
  const gap = barW > 4 ? Math.min(2, barW * 0.15) : 0;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  const bars = [];
  for (let i = 0; i < n; i++) {
    if (totals[i] === 0) continue;
    let base = 0;
    const start = timeline.startMs + i * timeline.bucketMs;
    const parts = timeline.series
      .map((s, k) => ({ s, k, v: s.counts[i] }))
      .filter((p) => p.v > 0)
      .map((p) => {
        const rect = (
          <rect x={PAD.left + i * barW + gap / 2} width={Math.max(0.5, barW - gap)} y={y(base + p.v)} height={y(base) - y(base + p.v)} fill={SERIES_COLOURS[p.k % SERIES_COLOURS.length]} key={p.k} />
        );
        base += p.v;
        return rect;
      });
    bars.push(
      <g key={i} class="bar">
        <title>{`${bucketLabel(start, timeline.unit)}: ${timeline.series
          .filter((s) => s.counts[i] > 0)
          .map((s) => `${s.source} ${s.counts[i]}`)
          .join(', ')}`}</title>
        {parts}
      </g>,
    );
  }
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Articles per ${timeline.unit} by source, ${n} ${timeline.unit}s`}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} class="axis" />
        <text x={PAD.left - 6} y={PAD.top + 8} class="tick" text-anchor="end">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} class="tick" text-anchor="end">
          0
        </text>
        {ticks.map((i) => (
          <text key={i} x={PAD.left + (i + 0.5) * barW} y={HEIGHT - 8} class="tick" text-anchor={i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle'}>
            {bucketLabel(timeline.startMs + i * timeline.bucketMs, timeline.unit)}
          </text>
        ))}
        {bars}
      </svg>
      <figcaption>
        Articles per {timeline.unit} (UTC)
        {timeline.undated ? `; ${plural(timeline.undated, 'undated article')} not shown` : ''}.
        <ul class="legend">
          {timeline.series.map((s, k) => (
            <li key={s.source}>
              <svg viewBox="0 0 10 10" class="swatch" aria-hidden="true">
                <rect width="10" height="10" fill={SERIES_COLOURS[k % SERIES_COLOURS.length]} />
              </svg>
              {s.source} ({s.total})
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
