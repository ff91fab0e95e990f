/**
 * Build-time world map: Natural Earth countries (world-atlas, 1:110m) projected once with
 * d3-geo into SVG path strings, served to the UI as the virtual module `virtual:world-paths`.
 * The browser then only projects the story's places and zooms with the viewBox, instead of
 * converting TopoJSON and resampling every border on each story page.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:world-paths';
const RESOLVED_ID = '\0' + VIRTUAL_ID;
export const WORLD_WIDTH = 960;
export const WORLD_HEIGHT = 467;

export function worldPathsModule(): string {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
  const countries = feature(topology, topology.objects.countries) as unknown as { features: unknown[] };
  const projection = geoEqualEarth().fitExtent([[2, 2], [WORLD_WIDTH - 2, WORLD_HEIGHT - 2]], { type: 'Sphere' });
  const path = geoPath(projection);
  // One decimal is a tenth of a unit on a 960-wide map: invisible, and half the bytes.
  const round = (d: string) => d.replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));
  // All borders in one path: one element to lay out instead of 177.
  const land = countries.features.map((f) => round(path(f as never) ?? '')).join('');
  const sphere = round(path({ type: 'Sphere' }) ?? '');
  return `export const WORLD = ${JSON.stringify({
    width: WORLD_WIDTH,
    height: WORLD_HEIGHT,
    scale: projection.scale(),
    translate: projection.translate(),
    sphere,
    land,
  })};\n`;
}

export function worldPaths(): Plugin {
  return {
    name: 'storyline-world-paths',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : null),
    load: (id) => (id === RESOLVED_ID ? worldPathsModule() : null),
  };
}
