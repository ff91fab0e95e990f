/**
 * Places on an offline world map. The countries (Natural Earth 1:110m from world-atlas) are
 * projected once at build time (ui/world-paths.ts); here the story's places are projected with
 * the same Equal Earth projection and the view zooms to them through the viewBox, with a
 * minimum extent so one city still shows its region. Nothing comes from the network.
 */
import { geoEqualEarth } from 'd3-geo';
import { WORLD } from 'virtual:world-paths';
import type { StoryDetailT } from '../api.ts';
import { href } from '../router.ts';

type Place = StoryDetailT['places'][number];

/** Shape of the drawing (its on-screen width follows the panel). */
const VIEW_ASPECT = 640 / 340;
/** Narrowest view, as a share of the world's width (about 80° of longitude). */
const MIN_VIEW_SHARE = 0.22;
/** Places labelled on the map (the list under it names them all). */
const MAX_LABELS = 8;

const projection = geoEqualEarth().scale(WORLD.scale).translate(WORLD.translate);

interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest box of the map's aspect that holds every point with a margin, inside the world. */
export function viewAround(points: Array<[number, number]>): ViewBox {
  const world = { x: 0, y: 0, width: WORLD.width, height: WORLD.height };
  if (points.length === 0) return world;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let width = Math.max((x1 - x0) * 1.3, WORLD.width * MIN_VIEW_SHARE);
  let height = Math.max((y1 - y0) * 1.3, width / VIEW_ASPECT);
  width = Math.max(width, height * VIEW_ASPECT);
  if (width >= WORLD.width || height >= WORLD.height) {
    width = Math.min(WORLD.width, WORLD.height * VIEW_ASPECT);
    height = width / VIEW_ASPECT;
  }
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  const x = clamp((x0 + x1) / 2 - width / 2, 0, WORLD.width - width);
  const y = clamp((y0 + y1) / 2 - height / 2, 0, WORLD.height - height);
  return { x, y, width, height };
}

export function WorldMap({ places }: { places: Place[] }) {
  const located = places
    .filter((p): p is Place & { lat: number; lon: number } => p.lat !== null && p.lon !== null)
    .map((p) => ({ place: p, xy: projection([p.lon, p.lat]) }))
    .filter((p): p is { place: Place & { lat: number; lon: number }; xy: [number, number] } => p.xy !== null);
  if (located.length === 0) return <p class="empty">No places with coordinates in this story.</p>;
  const view = viewAround(located.map((p) => p.xy));
  // Markers and labels keep their on-screen size whatever the zoom.
  const k = view.width / 640;
  const maxArticles = Math.max(...located.map((p) => p.place.articles));
  // Labels for the most mentioned places first, skipping any that would overprint one placed before.
  const placed: Array<[number, number, number, number]> = [];
  const labels = located.map(({ place: p, xy }, i) => {
    if (i >= MAX_LABELS) return null;
    const r = (4 + 6 * Math.sqrt(p.articles / maxArticles)) * k;
    const width = p.name.length * 7 * k;
    const right = xy[0] > view.x + view.width * 0.75;
    const x = right ? xy[0] - r - 3 * k - width : xy[0] + r + 3 * k;
    const box: [number, number, number, number] = [x, xy[1] - 10 * k, x + width, xy[1] + 6 * k];
    if (placed.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) return null;
    placed.push(box);
    return { x: right ? x + width : x, anchor: right ? 'end' : 'start' };
  });
  return (
    <figure class="world-map">
      <svg viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`} role="img" aria-label={`map of ${located.length} places mentioned`}>
        <path d={WORLD.sphere} class="sea" />
        <path d={WORLD.land} class="land" />
        {located.map(({ place: p, xy }, i) => {
          const r = (4 + 6 * Math.sqrt(p.articles / maxArticles)) * k;
          const label = labels[i];
          return (
            <a href={href('/', { place: p.name })} class="marker" key={`${p.name}${p.lat}${p.lon}`} data-place={p.name}>
              <title>{`${p.name}${p.country ? `, ${p.country}` : ''} — ${p.articles} article${p.articles === 1 ? '' : 's'} (${p.lat.toFixed(1)}, ${p.lon.toFixed(1)})`}</title>
              <circle cx={xy[0]} cy={xy[1]} r={r} />
              {label ? (
                <text x={label.x} y={xy[1] + 4 * k} text-anchor={label.anchor} font-size={12 * k} stroke-width={3 * k}>
                  {p.name}
                </text>
              ) : null}
            </a>
          );
        })}
      </svg>
      <figcaption>Places mentioned, sized by the number of articles; Natural Earth borders (1:110m).</figcaption>
    </figure>
  );
}
