/**
 * MinHash signatures and banded LSH keys (our own code: the npm packages are old and slow).
 *
 * Permutations use double hashing (h1 + i·h2 mod 2^32, Kirsch–Mitzenmacher): one xxhash per
 * shingle instead of one per shingle and permutation, which is what keeps ingest fast.
 */
import { hash32, xxh32Ascii } from './hash.ts';

export interface MinhashParams {
  /** Number of hash functions (signature length). */
  numHashes: number;
  /** LSH bands; numHashes must be divisible by bands. */
  bands: number;
}

/**
 * 64 hashes in 16 bands of 4 rows: a pair at Jaccard 0.7 becomes a candidate with probability
 * 0.99, at 0.3 with 0.12; candidates are then verified on the full signature.
 */
export const NEAR_DUPLICATE_PARAMS: MinhashParams = { numHashes: 64, bands: 16 };

/**
 * Token hashes of non-ASCII tokens are cached (those go through WASM with an encoded copy);
 * ASCII tokens hash in JavaScript faster than a cache look-up (see hash32).
 */
const tokenHashCache = new Map<string, number>();
const TOKEN_CACHE_LIMIT = 500_000;

function tokenHash(token: string): number {
  const ascii = xxh32Ascii(token);
  if (ascii >= 0) return ascii;
  let h = tokenHashCache.get(token);
  if (h === undefined) {
    h = hash32(token);
    if (tokenHashCache.size >= TOKEN_CACHE_LIMIT) tokenHashCache.clear();
    tokenHashCache.set(token, h);
  }
  return h;
}

/**
 * Hashes of word n-gram shingles. A shingle's hash combines its tokens' hashes (position
 * matters), so no n-gram string is built or encoded; fewer than n tokens give one shingle.
 */
export function shingleHashes(tokens: readonly string[], n: number): Uint32Array {
  if (tokens.length === 0) return new Uint32Array(0);
  const hashes = tokens.map(tokenHash);
  const width = Math.min(n, tokens.length);
  const seen = new Set<number>();
  for (let i = 0; i + width <= hashes.length; i++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < width; j++) h = mix32(Math.imul(h, 0x01000193) ^ hashes[i + j]);
    seen.add(h >>> 0);
  }
  return Uint32Array.from(seen);
}

/** Second, independent hash of a 32-bit value (a murmur3 finaliser), odd so steps cover 2^32. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return ((x ^ (x >>> 16)) | 1) >>> 0;
}

export function minhashSignature(shingles: Uint32Array, numHashes: number): Uint32Array {
  const signature = new Uint32Array(numHashes).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const h1 = shingles[s];
    const h2 = mix32(h1);
    let value = h1;
    for (let i = 0; i < numHashes; i++) {
      value = (value + h2) >>> 0;
      // A final mix breaks the arithmetic progression so permutations are not correlated.
      const permuted = mix32(value ^ i) >>> 0;
      if (permuted < signature[i]) signature[i] = permuted;
    }
  }
  return signature;
}

/** Fraction of equal positions: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** One key per band: "band:hex" strings, stored in the LSH index table. */
export function lshBandKeys(signature: Uint32Array, bands: number): string[] {
  const rows = signature.length / bands;
  if (!Number.isInteger(rows)) throw new Error(`signature length ${signature.length} not divisible by ${bands} bands`);
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    let key = `${b}:`;
    for (let r = 0; r < rows; r++) key += signature[b * rows + r].toString(36) + '.';
    keys.push(key);
  }
  return keys;
}

/** Signature as bytes for storage, and back. */
export function signatureToBuffer(signature: Uint32Array): Buffer {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
}

export function signatureFromBuffer(buffer: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buffer);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}
