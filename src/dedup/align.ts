/**
 * Passage alignment between two canonical token streams (seed-and-extend, as BLAST does for
 * sequences): short exact runs of canonical tokens are the seeds; each seed is extended in
 * both directions without gaps while the score — matches up, mismatches down — stays within
 * X_DROP of its best; extensions that end close together on nearby diagonals are chained, so
 * an inserted or dropped word does not split a passage.
 *
 * What this survives: synonym substitution (canonical folding, then a WordNet check at each
 * mismatch), reordered sentences (each passage is found on its own diagonal), dropped
 * sentences (two passages) and partial copying (passages cover only part of either text).
 */
import { FLAG_QUOTED, FLAG_STOPWORD, type CanonicalText } from './canonical.ts';
import { synsetsIntersect } from './synonyms.ts';

export interface AlignedPassage {
  /** UTF-16 span in the first text. */
  aStart: number;
  aEnd: number;
  /** UTF-16 span in the second text. */
  bStart: number;
  bEnd: number;
  /** Aligned token pairs that match (same canonical token or WordNet synonyms). */
  tokens: number;
  /** Token index range [from, to) in each canonical text. */
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
  /** Matched content (non-stopword) tokens. */
  contentTokens: number;
  /** Matched tokens inside quotation marks in either text (one may have lost its quote marks). */
  quotedTokens: number;
  /**
   * Token index pairs (a, b) where the texts use different words of one meaning: the
   * rewriting a spinner leaves behind. Flattened: [a0, b0, a1, b1, …].
   */
  substitutions: number[];
}

/** Seed length in canonical tokens; at least one must be a content word. */
const SEED_TOKENS = 3;
/** A k-gram that occurs more often than this in one text is boilerplate-like, not a seed. */
const MAX_SEED_OCCURRENCES = 6;
/** Extension stops once the score falls this far below its best. */
const X_DROP = 4;
const MATCH_SCORE = 1;
const SYNONYM_SCORE = 0.7;
const MISMATCH_SCORE = -1;
/** Chain two extensions when the gap between them is at most this many tokens … */
const CHAIN_MAX_GAP = 6;
/** … and their diagonals differ by at most this many tokens (small insertions/deletions). */
const CHAIN_MAX_SHIFT = 4;
/** Passages with fewer matched tokens are chance (a shared name, a date, a short quote). */
export const MIN_PASSAGE_TOKENS = 8;

interface Extension {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

function seedKey(hashes: Uint32Array, i: number): number {
  let h = hashes[i];
  for (let k = 1; k < SEED_TOKENS; k++) h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + hashes[i + k]) >>> 0;
  return h;
}

function isContentSeed(flags: Uint8Array, i: number): boolean {
  for (let k = 0; k < SEED_TOKENS; k++) if ((flags[i + k] & FLAG_STOPWORD) === 0) return true;
  return false;
}

/** Score of aligning token i of a with token j of b. */
function pairScore(a: CanonicalText, b: CanonicalText, i: number, j: number): number {
  // Equal hashes are nearly always one shared word entry: compare the references before the strings.
  if (a.hashes[i] === b.hashes[j] && (a.entries[i] === b.entries[j] || a.entries[i].canonical === b.entries[j].canonical)) return MATCH_SCORE;
  if (((a.flags[i] | b.flags[j]) & FLAG_STOPWORD) === 0 && synsetsIntersect(a.entries[i].synsets, b.entries[j].synsets)) return SYNONYM_SCORE;
  return MISMATCH_SCORE;
}

/**
 * Ungapped X-drop extension of the seed at (i, j) in both directions. Leftward it stops at
 * `leftLimit` (where an earlier extension on this diagonal ended): walking back over a
 * well-matched stretch again would make long copies quadratic; chain() joins the two.
 */
function extend(a: CanonicalText, b: CanonicalText, i: number, j: number, leftLimit: number): Extension {
  const na = a.hashes.length;
  const nb = b.hashes.length;
  let score = 0;
  let best = 0;
  let bestEnd = 0;
  for (let k = 0; i + k < na && j + k < nb; k++) {
    score += pairScore(a, b, i + k, j + k);
    if (score > best) {
      best = score;
      bestEnd = k + 1;
    } else if (best - score > X_DROP) break;
  }
  score = 0;
  best = 0;
  let bestStart = 0;
  for (let k = 1; i - k >= leftLimit && j - k >= 0; k++) {
    score += pairScore(a, b, i - k, j - k);
    if (score > best) {
      best = score;
      bestStart = k;
    } else if (best - score > X_DROP) break;
  }
  return { aFrom: i - bestStart, aTo: i + bestEnd, bFrom: j - bestStart, bTo: j + bestEnd };
}

/** Joins extensions separated by a small gap on nearly the same diagonal. */
function chain(extensions: Extension[]): Extension[] {
  extensions.sort((x, y) => x.aFrom - y.aFrom || x.bFrom - y.bFrom);
  const chained: Extension[] = [];
  for (const e of extensions) {
    let joined = false;
    for (let c = chained.length - 1; c >= 0 && c >= chained.length - 8; c--) {
      const p = chained[c];
      const gapA = e.aFrom - p.aTo;
      const gapB = e.bFrom - p.bTo;
      const shift = Math.abs(e.aFrom - e.bFrom - (p.aFrom - p.bFrom));
      const overlapsOrNear = gapA <= CHAIN_MAX_GAP && gapB <= CHAIN_MAX_GAP && e.aTo > p.aFrom && e.bTo > p.bFrom;
      if (overlapsOrNear && shift <= CHAIN_MAX_SHIFT && gapA >= -SEED_TOKENS * 4 && gapB >= -SEED_TOKENS * 4) {
        p.aTo = Math.max(p.aTo, e.aTo);
        p.bTo = Math.max(p.bTo, e.bTo);
        p.aFrom = Math.min(p.aFrom, e.aFrom);
        p.bFrom = Math.min(p.bFrom, e.bFrom);
        joined = true;
        break;
      }
    }
    if (!joined) chained.push({ ...e });
  }
  return chained;
}

/**
 * Counts matches along a chained passage. Within a chain the diagonal may shift by a few
 * tokens; each a-token is paired with the best b-token on the diagonals seen nearby.
 */
function describe(a: CanonicalText, b: CanonicalText, e: Extension): AlignedPassage {
  let tokens = 0;
  let contentTokens = 0;
  let quotedTokens = 0;
  const substitutions: number[] = [];
  let diagonal = e.aFrom - e.bFrom;
  let firstA = -1;
  let lastA = -1;
  let firstB = -1;
  let lastB = -1;
  for (let i = e.aFrom; i < e.aTo; i++) {
    let j = i - diagonal;
    let score = j >= e.bFrom && j < e.bTo ? pairScore(a, b, i, j) : MISMATCH_SCORE;
    if (score < MATCH_SCORE) {
      // Look for the diagonal shift an inserted/dropped word caused.
      for (let shift = 1; shift <= CHAIN_MAX_SHIFT && score < MATCH_SCORE; shift++) {
        for (const d of [diagonal + shift, diagonal - shift]) {
          const jj = i - d;
          if (jj < e.bFrom || jj >= e.bTo) continue;
          if (a.hashes[i] === b.hashes[jj] && (a.entries[i] === b.entries[jj] || a.entries[i].canonical === b.entries[jj].canonical) && (a.flags[i] & FLAG_STOPWORD) === 0) {
            diagonal = d;
            j = jj;
            score = MATCH_SCORE;
            break;
          }
        }
      }
    }
    if (score <= 0 || j < e.bFrom || j >= e.bTo) continue;
    tokens++;
    if ((a.flags[i] & FLAG_STOPWORD) === 0) contentTokens++;
    if ((a.flags[i] | b.flags[j]) & FLAG_QUOTED) quotedTokens++;
    if (score < MATCH_SCORE || (a.entries[i] !== b.entries[j] && a.entries[i].word !== b.entries[j].word && (a.flags[i] & FLAG_STOPWORD) === 0 && !sameInflection(a.entries[i].word, b.entries[j].word))) {
      substitutions.push(i, j);
    }
    if (firstA < 0) {
      firstA = i;
      firstB = j;
    }
    lastA = i;
    lastB = Math.max(lastB, j);
    firstB = Math.min(firstB, j);
  }
  const aFrom = firstA < 0 ? e.aFrom : firstA;
  const aTo = lastA < 0 ? e.aTo : lastA + 1;
  const bFrom = firstB < 0 ? e.bFrom : firstB;
  const bTo = lastB < 0 ? e.bTo : lastB + 1;
  return {
    aStart: a.starts[aFrom],
    aEnd: a.ends[aTo - 1],
    bStart: b.starts[bFrom],
    bEnd: b.ends[bTo - 1],
    tokens,
    aFrom,
    aTo,
    bFrom,
    bTo,
    contentTokens,
    quotedTokens,
    substitutions,
  };
}

/** "talks"/"talk", "visited"/"visit": the same word, not a substitution. */
function sameInflection(x: string, y: string): boolean {
  const n = Math.min(x.length, y.length);
  let p = 0;
  while (p < n && x.charCodeAt(p) === y.charCodeAt(p)) p++;
  return p >= 4 && p >= n - 3;
}

/**
 * Seed key at each position of a text, 0 where the k-gram is all stopwords (not a seed).
 * Kept with the text: in a stream each article is compared with several candidates and
 * later serves as a candidate itself.
 */
function seedKeysOf(c: CanonicalText): Uint32Array {
  if (c.seedKeys) return c.seedKeys;
  const n = c.hashes.length;
  const keys = new Uint32Array(Math.max(0, n - SEED_TOKENS + 1));
  for (let j = 0; j + SEED_TOKENS <= n; j++) {
    // 30 bits, never 0: small positive integers stay unboxed in V8.
    if (isContentSeed(c.flags, j)) keys[j] = (seedKey(c.hashes, j) & 0x3fffffff) || 1;
  }
  c.seedKeys = keys;
  return keys;
}

/**
 * Seed key → positions in one text, as an open-addressing table of [key, position] pairs
 * (key 0 marks an empty slot); a key's positions lie on its probe path in increasing order.
 * Built per alignment into one reused buffer: a few hundred typed-array writes cost less
 * than keeping a table with every cached text (it took as much memory as the text itself).
 */
let seedTable = new Int32Array(2048);
let seedMask = 1023;

function buildSeedTable(keys: Uint32Array): void {
  let capacity = 16;
  while (capacity < keys.length * 2) capacity *= 2;
  if (seedTable.length < capacity * 2) seedTable = new Int32Array(capacity * 2);
  else seedTable.fill(0, 0, capacity * 2);
  seedMask = capacity - 1;
  const table = seedTable;
  for (let j = 0; j < keys.length; j++) {
    const key = keys[j];
    if (key === 0) continue;
    let slot = key & seedMask;
    while (table[slot << 1] !== 0) slot = (slot + 1) & seedMask;
    table[slot << 1] = key;
    table[(slot << 1) + 1] = j;
  }
}

/**
 * Positions of `key` in the current seed table, written to `out` (returns how many); 0 when
 * the key is absent or occurs more than MAX_SEED_OCCURRENCES times (too frequent to be a seed).
 */
function seedPositions(key: number, out: Int32Array): number {
  const table = seedTable;
  const mask = seedMask;
  let count = 0;
  for (let slot = key & mask; table[slot << 1] !== 0; slot = (slot + 1) & mask) {
    if (table[slot << 1] !== key) continue;
    if (count === MAX_SEED_OCCURRENCES) return 0;
    out[count++] = table[(slot << 1) + 1];
  }
  return count;
}

const seedHits = new Int32Array(MAX_SEED_OCCURRENCES);
let coveredScratch = new Int32Array(4096);

/** Passages of text reused between a and b, in order of position in a. */
export function alignPassages(a: CanonicalText, b: CanonicalText): AlignedPassage[] {
  const na = a.hashes.length;
  const nb = b.hashes.length;
  if (na < SEED_TOKENS || nb < SEED_TOKENS) return [];
  const seedsOfA = seedKeysOf(a);
  buildSeedTable(seedKeysOf(b));
  // Furthest a-index already covered on each diagonal: a seed inside it adds nothing.
  // Indexed by diagonal + nb; a reused buffer (a fresh typed array per pair cost more than the zeroing).
  if (coveredScratch.length < na + nb) coveredScratch = new Int32Array(Math.max(na + nb, coveredScratch.length * 2));
  const coveredTo = coveredScratch;
  coveredTo.fill(0, 0, na + nb);
  const extensions: Extension[] = [];
  for (let i = 0; i + SEED_TOKENS <= na; i++) {
    if (seedsOfA[i] === 0) continue;
    const hitCount = seedPositions(seedsOfA[i], seedHits);
    for (let h = 0; h < hitCount; h++) {
      const j = seedHits[h];
      const diagonal = i - j;
      const covered = coveredTo[diagonal + nb];
      if (covered > i) continue;
      // The key matched; make sure the tokens do (32-bit keys can collide).
      let equal = true;
      for (let k = 0; k < SEED_TOKENS && equal; k++) equal = a.entries[i + k] === b.entries[j + k] || a.entries[i + k].canonical === b.entries[j + k].canonical;
      if (!equal) continue;
      const e = extend(a, b, i, j, covered);
      coveredTo[diagonal + nb] = e.aTo;
      if (e.aTo - e.aFrom >= SEED_TOKENS) extensions.push(e);
    }
  }
  const passages: AlignedPassage[] = [];
  for (const e of chain(extensions)) {
    const p = describe(a, b, e);
    if (p.tokens >= MIN_PASSAGE_TOKENS) passages.push(p);
  }
  return passages.sort((x, y) => x.aFrom - y.aFrom);
}

/** Share of a's tokens covered by passages (each token counted once), on side 'a' or 'b'. */
export function coveredShare(passages: AlignedPassage[], side: 'a' | 'b', tokenCount: number, keep: (p: AlignedPassage) => boolean = () => true): number {
  if (tokenCount === 0) return 0;
  const ranges = passages.filter(keep).map((p) => (side === 'a' ? [p.aFrom, p.aTo] : [p.bFrom, p.bTo]));
  ranges.sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let end = -1;
  for (const [from, to] of ranges) {
    if (to <= end) continue;
    covered += to - Math.max(from, end);
    end = to;
  }
  return Math.min(1, covered / tokenCount);
}
