/**
 * Index keys for finding copy candidates without a scan.
 *
 * A key is the hash of a shingle of consecutive canonical content words (function words
 * skipped, so an inserted "the" or a dropped "that" does not break it). Two selections of
 * shingles, both decided by the shingle hashes alone, are united:
 *
 * - sampling: shingles whose hash falls in a fixed 1/sampleRate slice of the hash space. The
 *   choice does not depend on the neighbours, so every shingle that survives spinning in a
 *   copy is kept in both texts alike: a copy with m surviving shingles shares about
 *   m/sampleRate keys with its source, however scattered they are.
 * - winnowing (Schleimer et al. 2003): the smallest hash in every window of `window`
 *   consecutive shingles. Guarantees a shared key for any run of window + shingle − 1 content
 *   words copied unchanged, which sampling cannot promise for a copy of one short paragraph.
 */
import { FLAG_STOPWORD, type CanonicalText } from './canonical.ts';

export interface CopyKeyParams {
  /** Content words per shingle. */
  shingle: number;
  /** Keep shingles whose hash is 0 modulo this. */
  sampleRate: number;
  /** Winnowing window in shingles. */
  window: number;
}

/**
 * 3 content words survive moderate spinning (each word is folded to a canonical synonym,
 * so only unfolded substitutions break a shingle) and are specific enough that unrelated
 * articles rarely share one. Sampling 1 in 8 plus winnowing over 8 keeps about a third of
 * the shingles; any 10 content words copied verbatim (one sentence) share a key.
 */
export const COPY_KEY_PARAMS: CopyKeyParams = { shingle: 3, sampleRate: 8, window: 8 };

/** Version prefix: keys computed with other parameters or tables must not be mixed. */
export const COPY_KEY_VERSION = 'c1';

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes of consecutive content-word shingles (stopwords skipped), in text order. */
export function contentShingleHashes(c: CanonicalText, shingle: number): Uint32Array {
  const content: number[] = [];
  for (let i = 0; i < c.hashes.length; i++) if ((c.flags[i] & FLAG_STOPWORD) === 0) content.push(c.hashes[i]);
  const count = Math.max(0, content.length - shingle + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x3c6ef372;
    for (let k = 0; k < shingle; k++) h = mix(h, content[i + k]);
    out[i] = h;
  }
  return out;
}

/**
 * Keys to store in an inverted index (key → article ids); two articles sharing at least one
 * key are a candidate copy pair. Deterministic and order-free (a set of strings).
 */
export function copyCandidateKeys(c: CanonicalText, params: CopyKeyParams = COPY_KEY_PARAMS): string[] {
  const shingles = contentShingleHashes(c, params.shingle);
  const selected = new Set<number>();
  for (const h of shingles) {
    // Select on a re-mixed hash so the selection is independent of the key's own bits.
    if (mix(h, 0x85ebca6b) % params.sampleRate === 0) selected.add(h);
  }
  // Winnowing; a text shorter than one window keeps its smallest shingle.
  const w = Math.min(params.window, shingles.length);
  // Fewer content words than one shingle: nothing to key (w = 0 would select nothing real).
  for (let start = 0; w > 0 && start + w <= shingles.length; start++) {
    let min = start;
    for (let i = start + 1; i < start + w; i++) if (shingles[i] <= shingles[min]) min = i;
    selected.add(shingles[min]);
  }
  return [...selected].map((h) => `${COPY_KEY_VERSION}:${h.toString(36)}`);
}
