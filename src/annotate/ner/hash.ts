/**
 * 32-bit hashing for feature hashing and gazetteer keys.
 *
 * Features are never materialised as strings: each token's strings (word, shape, affixes …)
 * are hashed once, and a feature is the mix of a template id with one or two of those
 * hashes. That keeps tagging allocation-free in the inner loop (the speed target is
 * ≥ 100k tokens/s on one core) and the model free of a string dictionary.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units. */
export function hashString(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Continue an FNV-1a hash with one more code unit (used for prefixes while scanning). */
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME) >>> 0;
}

export const HASH_SEED = FNV_OFFSET;

/** murmur3 finaliser: spreads bits so that nearby inputs land far apart. */
function avalanche(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-sensitive combination of two 32-bit values. */
export function mix2(a: number, b: number): number {
  return avalanche((Math.imul(a, 0x9e3779b1) ^ b) + 0x7f4a7c15);
}

export function mix3(a: number, b: number, c: number): number {
  return mix2(mix2(a, b), c);
}
