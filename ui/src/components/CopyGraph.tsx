/**
 * Who copied whom (SVG): articles left to right in publication order, one lane per source;
 * an arrow runs from the copy to the article it took text from. Spun copies are dashed and
 * red, duplicates grey. A list under the drawing says the same in words.
 */
import type { StoryDetailT } from '../api.ts';
import { formatDateTime, percent, truncate } from '../format.ts';
import { articleHref } from '../router.ts';

type Graph = StoryDetailT['copyGraph'];

const COLUMN = 70;
const LANE = 46;
const PAD = { left: 140, top: 24, right: 30, bottom: 16 };

export function CopyGraph({ graph }: { graph: Graph }) {
  if (graph.edges.length === 0) {
    return <p class="empty">No copies or duplicates detected among these articles: every report stands on its own.</p>;
  }
  const lanes = [...new Set(graph.nodes.map((n) => n.source ?? 'unknown source'))];
  const pos = new Map(graph.nodes.map((n, i) => [n.id, { x: PAD.left + i * COLUMN, y: PAD.top + lanes.indexOf(n.source ?? 'unknown source') * LANE }]));
  const width = PAD.left + Math.max(1, graph.nodes.length - 1) * COLUMN + PAD.right;
  const height = PAD.top + Math.max(1, lanes.length - 1) * LANE + PAD.bottom + 10;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const label = (id: string) => {
    const n = byId.get(id);
    return n ? `${n.source ?? 'unknown source'} (${formatDateTime(n.published)})` : id;
  };
  return (
    <figure class="copy-graph">
      <div class="scroll-x">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label="copy graph: arrows point from a copy to its source">
          <defs>
            {(['copy', 'spun', 'duplicate'] as const).map((kind) => (
              <marker id={`arrow-${kind}`} key={kind} viewBox="0 0 10 10" refX="16" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" class={`arrow-${kind}`} />
              </marker>
            ))}
          </defs>
          {lanes.map((lane, i) => (
            <g key={lane}>
              <line x1={PAD.left - 10} x2={width - 10} y1={PAD.top + i * LANE} y2={PAD.top + i * LANE} class="lane" />
              <text x={PAD.left - 16} y={PAD.top + i * LANE + 4} text-anchor="end" class="lane-label">
                {truncate(lane, 20)}
              </text>
            </g>
          ))}
          {graph.edges.map((e, i) => {
            const a = pos.get(e.from)!;
            const b = pos.get(e.to)!;
            const kind = e.kind === 'duplicate' ? 'duplicate' : e.spun ? 'spun' : 'copy';
            const bend = a.y === b.y ? -Math.min(40, Math.abs(a.x - b.x) / 3) - 10 : 0;
            const mx = (a.x + b.x) / 2;
            const my = (a.y + b.y) / 2 + bend;
            return (
              <path key={i} d={`M${a.x},${a.y} Q${mx},${my} ${b.x},${b.y}`} class={`edge edge-${kind}`} marker-end={`url(#arrow-${kind})`}>
                <title>{`${label(e.from)} ${kind === 'duplicate' ? 'duplicates' : kind === 'spun' ? 'is a spun copy of' : 'copies'} ${label(e.to)}${e.share !== null ? ` (${percent(e.share)})` : ''}`}</title>
              </path>
            );
          })}
          {graph.nodes.map((n) => {
            const p = pos.get(n.id)!;
            return (
              <a href={articleHref(n.id)} key={n.id} class="node-link">
                <title>{`${n.title ?? n.id} — ${n.source ?? 'unknown source'}, ${formatDateTime(n.published)}${n.firstReport ? ' (first report)' : ''}${n.inStory ? '' : ' (in another story)'}`}</title>
                <circle cx={p.x} cy={p.y} r={n.firstReport ? 9 : 7} class={`node${n.firstReport ? ' node-first' : ''}${n.inStory ? '' : ' node-outside'}`} />
              </a>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <ul class="edge-list">
          {graph.edges.map((e, i) => (
            <li key={i}>
              <a href={articleHref(e.from)}>{label(e.from)}</a>{' '}
              {e.kind === 'duplicate' ? (
                'duplicates'
              ) : e.spun ? (
                <>
                  <strong class="spun-text">spun copy</strong> of
                </>
              ) : (
                'copies'
              )}{' '}
              {e.share !== null ? `${percent(e.share)} of ` : ''}
              <a href={articleHref(e.to)}>{label(e.to)}</a>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
