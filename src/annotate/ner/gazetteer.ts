/**
 * Gazetteer lookup: which token runs are known names, and of what kind.
 *
 * Entries are phrases from real name lists shipped in npm packages (built at training time
 * by gazetteer-sources.ts and stored inside the model file). A phrase is keyed by the hash
 * of its normalised tokens, so lookup is case-, accent- and punctuation-insensitive and
 * works the same on "Moon Jae-in" and "moon jae in".
 */
import { HASH_SEED, hashString, mix2 } from './hash.ts';

/** Gazetteer categories; the bit index of each is its position in this list. */
export const GAZETTEER_CATEGORIES = [
  'name', // given names and surnames (humannames, cspell people names)
  'person', // people as whole names (WordNet noun.person instances)
  'country',
  'demonym', // Russian, South Korean (country adjectives and peoples)
  'city', // GeoNames cities with a sizeable population
  'bigcity',
  'place', // WordNet noun.location instances (regions, rivers, seas …)
  'org', // WordNet noun.group instances (agencies, parties, teams)
  'company',
  'misc', // other WordNet proper nouns (events, languages, works, holidays)
  'common', // an ordinary English word (a WordNet lowercase lemma)
  // Ordinary words by the WordNet class of their most frequent sense: the contexts names
  // sit in ("president", "spokesman"; "ministry", "party"; "city", "province"; "said").
  'personnoun',
  'groupnoun',
  'placenoun',
  'sayverb',
  // Short all-capital names (UN, IBM, NATO) from any list: kept apart because matching
  // ignores case, and as ordinary words they are "Un", "It", "Who".
  'acronym',
] as const;
export type GazetteerCategory = (typeof GAZETTEER_CATEGORIES)[number];
export const GAZETTEER_CATEGORY_COUNT = GAZETTEER_CATEGORIES.length;
export const MAX_PHRASE_TOKENS = 5;

/**
 * Flag on phrases that are a proper prefix of a longer entry ("new" of "new york"): the
 * lookup extends a match only while the phrase so far is one, so most tokens cost one probe.
 */
export const PREFIX_BIT = 0x80000000;

export function categoryBit(category: GazetteerCategory): number {
  return 1 << GAZETTEER_CATEGORIES.indexOf(category);
}

/** Lowercase, strip accents and everything but letters and digits. */
export function normaliseKeyToken(token: string): string {
  let key = token.toLowerCase();
  if (/[^\x00-\x7f]/.test(key)) key = key.normalize('NFD').replace(/\p{M}/gu, '');
  return key.replace(/[^\p{L}\p{N}]/gu, '');
}

export function keyTokenHash(token: string): number {
  return normalKeyHash(normaliseKeyToken(token));
}

/** keyTokenHash of a token already normalised (0 for an empty one). */
export function normalKeyHash(normal: string): number {
  return normal.length === 0 ? 0 : hashString(normal);
}

/** Hash of a phrase from its token hashes (empty tokens, hash 0, are skipped by callers). */
export function phraseHash(tokenHashes: readonly number[]): number {
  let h = HASH_SEED;
  for (const t of tokenHashes) h = mix2(h, t);
  return h;
}

/**
 * The token variants under which one name is stored: split at spaces, and split at every
 * non-alphanumeric character, so "Jae-in" is found both as one token and as "jae in".
 */
export function phraseVariants(name: string): string[][] {
  const bySpace = name.split(/\s+/).filter((t) => normaliseKeyToken(t).length > 0);
  const byPunct = name.split(/[^\p{L}\p{M}\p{N}]+/u).filter((t) => normaliseKeyToken(t).length > 0);
  const variants = [bySpace];
  if (byPunct.join(' ') !== bySpace.join(' ')) variants.push(byPunct);
  return variants.filter((v) => v.length > 0 && v.length <= MAX_PHRASE_TOKENS);
}

const ACRONYM = /^[A-Z][A-Z0-9&]{1,4}$/;

export function isAcronym(name: string): boolean {
  return ACRONYM.test(name);
}

/** Build-time collection of phrase → category bits. */
export class GazetteerBuilder {
  readonly entries = new Map<number, number>();

  add(name: string, category: GazetteerCategory): void {
    const bit = categoryBit(isAcronym(name) ? 'acronym' : category);
    for (const variant of phraseVariants(name)) {
      const hashes = variant.map(keyTokenHash);
      const h = phraseHash(hashes);
      this.entries.set(h, ((this.entries.get(h) ?? 0) | bit) >>> 0);
      for (let length = 1; length < hashes.length; length++) {
        const p = phraseHash(hashes.slice(0, length));
        this.entries.set(p, ((this.entries.get(p) ?? 0) | PREFIX_BIT) >>> 0);
      }
    }
  }

  /** Sorted keys and their flags: the form stored in the model file. */
  toArrays(): { keys: Uint32Array; flags: Uint32Array } {
    const keys = Uint32Array.from(this.entries.keys()).sort();
    const flags = new Uint32Array(keys.length);
    for (let i = 0; i < keys.length; i++) flags[i] = this.entries.get(keys[i])!;
    return { keys, flags };
  }
}

/** Position of a token inside a gazetteer match: none, Begin, Inside, Last, Unit. */
export const GAZ_NONE = 0;
export const GAZ_B = 1;
export const GAZ_I = 2;
export const GAZ_L = 3;
export const GAZ_U = 4;

/**
 * Runtime gazetteer: open-addressing hash table over phrase hashes, each key beside its
 * category bits ([key, flags, key, flags, …]) so that a probe that hits reads one cache
 * line: the table is 8 MB and every token probes it at least once.
 */
export class Gazetteer {
  private readonly slots: Uint32Array;
  private readonly mask: number;
  private scratch = new Uint8Array(4096);
  readonly size: number;

  constructor(keys: Uint32Array, flags: Uint32Array) {
    let capacity = 1024;
    while (capacity < keys.length * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    this.size = keys.length;
    for (let i = 0; i < keys.length; i++) {
      // Key 0 marks an empty slot; a phrase hashing to 0 is simply not stored.
      if (keys[i] === 0) continue;
      let slot = keys[i] & this.mask;
      while (this.slots[slot << 1] !== 0 && this.slots[slot << 1] !== keys[i]) slot = (slot + 1) & this.mask;
      this.slots[slot << 1] = keys[i];
      this.slots[(slot << 1) + 1] |= flags[i];
    }
  }

  /** Category bits of a phrase hash (0 when unknown). */
  lookup(hash: number): number {
    if (hash === 0) return 0;
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const key = slots[slot << 1];
      if (key === hash) return slots[(slot << 1) + 1];
      if (key === 0) return 0;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Category bits of a one-token phrase (with PREFIX_BIT): what `annotate` probes first for every token. */
  wordBits(keyHash: number): number {
    return keyHash === 0 ? 0 : this.lookup(mix2(HASH_SEED, keyHash));
  }

  /**
   * Per token and category, the position of the token in the longest match of that
   * category (scanned left to right, matches do not overlap within a category).
   * Result: Uint8Array [token * CATEGORY_COUNT + category] of GAZ_* codes, a view of a
   * buffer reused by the next call.
   * `singleBits[i]`, when given, is wordBits(keyHashes[i]) already known (the tagger caches it
   * per word): the first probe of every token is then skipped.
   */
  annotate(keyHashes: ArrayLike<number>, n: number = keyHashes.length, singleBits?: ArrayLike<number>): Uint8Array {
    const C = GAZETTEER_CATEGORY_COUNT;
    if (this.scratch.length < n * C * 2) this.scratch = new Uint8Array(n * C * 4);
    const out = this.scratch.subarray(0, n * C);
    // longest[i * C + c] = length of the longest match of category c starting at i.
    const longest = this.scratch.subarray(n * C, 2 * n * C);
    out.fill(0);
    longest.fill(0);
    let any = false;
    for (let i = 0; i < n; i++) {
      if (keyHashes[i] === 0) continue;
      let h = HASH_SEED;
      for (let len = 1; len <= MAX_PHRASE_TOKENS && i + len <= n; len++) {
        const t = keyHashes[i + len - 1];
        if (t === 0) break;
        h = mix2(h, t);
        const bits = len === 1 && singleBits !== undefined ? singleBits[i] : this.lookup(h);
        if ((bits & ~PREFIX_BIT) >>> 0 !== 0) {
          any = true;
          for (let c = 0; c < C; c++) if (bits & (1 << c)) longest[i * C + c] = len;
        }
        if ((bits & PREFIX_BIT) === 0) break;
      }
    }
    if (!any) return out;
    for (let c = 0; c < C; c++) {
      let i = 0;
      while (i < n) {
        const len = longest[i * C + c];
        if (len === 0) {
          i++;
          continue;
        }
        if (len === 1) out[i * C + c] = GAZ_U;
        else {
          out[i * C + c] = GAZ_B;
          for (let k = i + 1; k < i + len - 1; k++) out[k * C + c] = GAZ_I;
          out[(i + len - 1) * C + c] = GAZ_L;
        }
        i += len;
      }
    }
    return out;
  }
}
