/**
 * Places on the map: each place mention resolved to a GeoNames feature (name, latitude,
 * longitude, country). Ambiguous names are settled by the article itself — the countries
 * and states it names (also through demonyms: "the Russian city of Vladivostok"), a
 * "Paris, Texas" apposition, closeness to the other places it resolves — and otherwise by
 * population and rank (capital, administrative seat). Demonyms are evidence, not places.
 */
import type { PlaceMention } from '../types.ts';
import { distanceKm, foldedPlaceKey, loadGazetteer, metonymPlace, type Gazetteer, type GazetteerPlace, type NameMatch } from './gazetteer.ts';

export interface PlaceCandidate {
  start: number;
  end: number;
  text: string;
  /** The tagger's type: ORG/MISC mentions are places only when they are seats of power. */
  type: 'PERSON' | 'ORG' | 'PLACE' | 'MISC';
}

/** How much each kind of evidence weighs against log-population (see scoreCity). */
const WEIGHTS = {
  populationLog: 1.5,
  capital: 1.5,
  adminSeat: 0.7,
  alternateName: -2,
  countryInArticle: 3,
  stateInArticle: 4,
  apposition: 8,
  nearbyPlace: 1,
};
const NEARBY_KM = 400;
/**
 * GeoNames lists many alternate names per town, some of them junk ("Google" for Topeka):
 * an alternate name alone is trusted only for cities this large (exonyms like "Cologne").
 */
const MIN_POPULATION_FOR_ALTERNATE_NAME = 300_000;
/**
 * When an article names countries, a small town elsewhere is more likely a namesake of
 * something the gazetteer lacks (Nigeria's Borno state vs an Italian village): unresolved
 * beats wrong.
 */
const MIN_POPULATION_OUTSIDE_ARTICLE_COUNTRIES = 50_000;
/** Words taggers mark as places that GeoNames happens to have a hamlet for. */
const NOT_PLACES = new Set([
  'earth', 'world', 'globe', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast',
  'southwest', 'moon', 'sun', 'mars', 'heaven', 'hell', 'city', 'state', 'capital', 'downtown',
  'midtown', 'uptown', 'interior', 'homeland', 'mainland', 'republic', 'kingdom', 'union', 'ok',
]);
const COMPASS = new Set(['north', 'south', 'east', 'west']);

interface ArticleEvidence {
  countries: Set<string>;
  /** `${country}.${admin1}` of states/provinces named in the article. */
  states: Set<string>;
}

/** "the Kremlin's" → "Kremlin"; quotes and a possessive are not part of a place name. */
function cleanPlaceText(text: string): string {
  return text.replace(/['’]s$/i, '').replace(/^the\s+/i, '').replace(/^["“]|["”]$/g, '').trim();
}

/**
 * Resolve place-like mentions of one article. PLACE mentions are all kept (unresolved ones
 * with null coordinates); ORG/MISC mentions only when they name a seat of power.
 */
export function resolvePlaces(text: string, candidates: PlaceCandidate[], gazetteer: Gazetteer = loadGazetteer()): PlaceMention[] {
  const evidence = collectEvidence(text, candidates, gazetteer);
  const mentions = candidates
    .map((c) => ({ ...c, clean: cleanPlaceText(c.text) }))
    .filter((c) => c.clean && (c.type === 'PLACE' || metonymPlace(c.clean)));
  // A demonym tagged as a place ("Russian") is evidence for its country, not a place.
  // (Some village somewhere has every demonym among its alternate names; the adjective wins.)
  const placeMentions = mentions.filter((m) => !gazetteer.demonymCountry(m.clean));

  // Unambiguous places first: they anchor the proximity evidence for the rest.
  const anchors: GazetteerPlace[] = [];
  const byName = new Map<string, GazetteerPlace | null>();
  const resolveOne = (m: (typeof placeMentions)[number], index: number): GazetteerPlace | null => {
    const metonym = metonymPlace(m.clean);
    const lookupName = metonym ? metonym.place : m.clean;
    if (!metonym && NOT_PLACES.has(foldedPlaceKey(lookupName))) return null;
    let matches = gazetteer
      .lookup(lookupName)
      .filter((x) => x.primary || x.place.kind !== 'city' || x.place.population >= MIN_POPULATION_FOR_ALTERNATE_NAME);
    if (metonym) matches = matches.filter((x) => x.place.country === metonym.country);
    if (matches.length === 0) return null;
    const appositive = appositionAfter(placeMentions, index, text, gazetteer);
    const place = pickPlace(matches, evidence, anchors, appositive);
    const foreignHamlet =
      place.kind === 'city' &&
      !appositive &&
      evidence.countries.size > 0 &&
      !(place.country && evidence.countries.has(place.country)) &&
      !(place.country && [...evidence.states].some((s) => s.startsWith(`${place.country}.`))) &&
      place.population < MIN_POPULATION_OUTSIDE_ARTICLE_COUNTRIES;
    return foreignHamlet ? null : place;
  };
  placeMentions.forEach((m, i) => {
    const key = foldedPlaceKey(m.clean);
    if (byName.has(key)) return;
    const matches = gazetteer.lookup(m.clean);
    if (matches.length === 1 || matches.some((x) => x.place.kind === 'country' && x.primary)) {
      const place = resolveOne(m, i);
      byName.set(key, place);
      if (place) anchors.push(place);
    }
  });
  return placeMentions.map((m, i) => {
    const key = foldedPlaceKey(m.clean);
    // Within an article the same name is the same place, except when an apposition ("Paris, Texas") says otherwise.
    const appositive = appositionAfter(placeMentions, i, text, gazetteer);
    let place: GazetteerPlace | null;
    if (!appositive && byName.has(key)) place = byName.get(key)!;
    else {
      place = resolveOne(m, i);
      if (!appositive) byName.set(key, place);
    }
    return {
      start: m.start,
      end: m.end,
      text: m.text,
      name: place ? place.name : m.clean,
      lat: place ? place.lat : null,
      lon: place ? place.lon : null,
      country: place ? place.country : null,
    };
  });
}

/** Countries and states the article names, directly or through demonyms. */
function collectEvidence(text: string, candidates: PlaceCandidate[], gazetteer: Gazetteer): ArticleEvidence {
  const countries = new Set<string>();
  const states = new Set<string>();
  for (const c of candidates) {
    const clean = cleanPlaceText(c.text);
    const demonym = gazetteer.demonymCountry(clean);
    if (demonym) countries.add(demonym);
    if (c.type !== 'PLACE') continue;
    const matches = gazetteer.lookup(clean);
    const country = matches.find((m) => m.place.kind === 'country' && m.primary);
    if (country?.place.country) countries.add(country.place.country);
    else {
      const state = matches.find((m) => m.place.kind === 'admin1' && m.primary);
      // A state is its own evidence; counting its country too would let "Texas" outvote
      // France for "Paris" in a story that names both.
      if (state?.place.country) states.add(`${state.place.country}.${state.place.admin1}`);
    }
  }
  // Demonyms the tagger did not mark ("the far eastern russian city of vladivostok"). In
  // cased text a demonym is capitalised, which lets us skip most words.
  const caseless = !/[A-Z]/.test(text);
  const words = caseless ? /[a-z]+/g : /[A-Z][a-z]+/g;
  let previous = '';
  let previousEnd = -1;
  for (const match of text.matchAll(words)) {
    const word = match[0].toLowerCase();
    const adjacent = match.index === previousEnd + 1;
    const pair = adjacent && COMPASS.has(previous) ? gazetteer.demonymCountry(`${previous} ${word}`) : null;
    const found = pair ?? gazetteer.demonymCountry(word);
    if (found) countries.add(found);
    previous = word;
    previousEnd = match.index + match[0].length;
  }
  return { countries, states };
}

/** "Paris, Texas" / "Springfield, Ill.": the state or country named right after a place. */
function appositionAfter(
  mentions: Array<PlaceCandidate & { clean: string }>,
  index: number,
  text: string,
  gazetteer: Gazetteer,
): GazetteerPlace | null {
  const current = mentions[index];
  const next = mentions[index + 1];
  if (!next || !/^,\s*$/.test(text.slice(current.end, next.start))) return null;
  const matches = gazetteer.lookup(next.clean);
  const container = matches.find((m) => m.primary && (m.place.kind === 'admin1' || m.place.kind === 'country'));
  return container ? container.place : null;
}

function pickPlace(
  matches: readonly NameMatch[],
  evidence: ArticleEvidence,
  anchors: GazetteerPlace[],
  appositive: GazetteerPlace | null,
): GazetteerPlace {
  let best = matches[0].place;
  let bestScore = -Infinity;
  for (const match of matches) {
    const score = scorePlace(match, evidence, anchors, appositive);
    if (score > bestScore) {
      best = match.place;
      bestScore = score;
    }
  }
  return best;
}

function scorePlace(match: NameMatch, evidence: ArticleEvidence, anchors: GazetteerPlace[], appositive: GazetteerPlace | null): number {
  const place = match.place;
  let score: number;
  switch (place.kind) {
    case 'country':
      score = match.primary ? 100 : 30;
      break;
    case 'region':
      score = 40;
      break;
    case 'admin1':
      // A state beats a same-named country only when the article is about that state's country.
      score = 10 + (place.country && evidence.countries.has(place.country) ? 95 : 0);
      break;
    default:
      score = scoreCity(match, evidence, anchors);
  }
  if (appositive && place.kind === 'city') {
    const inside =
      appositive.kind === 'admin1'
        ? place.country === appositive.country && place.admin1 === appositive.admin1
        : place.country === appositive.country;
    if (inside) score += WEIGHTS.apposition;
  }
  return score;
}

function scoreCity(match: NameMatch, evidence: ArticleEvidence, anchors: GazetteerPlace[]): number {
  const place = match.place;
  let score = WEIGHTS.populationLog * Math.log10(place.population + 10);
  if (place.featureCode === 'PPLC') score += WEIGHTS.capital;
  else if (/^PPLA/.test(place.featureCode)) score += WEIGHTS.adminSeat;
  if (!match.primary) score += WEIGHTS.alternateName;
  if (place.country && evidence.countries.has(place.country)) score += WEIGHTS.countryInArticle;
  if (place.country && place.admin1 && evidence.states.has(`${place.country}.${place.admin1}`)) score += WEIGHTS.stateInArticle;
  if (anchors.some((a) => a !== place && a.kind === 'city' && distanceKm(a, place) < NEARBY_KM)) score += WEIGHTS.nearbyPlace;
  return score;
}
