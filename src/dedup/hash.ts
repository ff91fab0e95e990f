/**
 * Hashing on xxhash-wasm. The WASM module loads asynchronously once; every caller
 * awaits `initHashing()` at its edge and then uses the synchronous helpers.
 */
import xxhash from 'xxhash-wasm';

type Hasher = Awaited<ReturnType<typeof xxhash>>;
let hasher: Hasher | null = null;
const encoder = new TextEncoder();

export async function initHashing(): Promise<void> {
  if (!hasher) hasher = await xxhash();
}

function requireHasher(): Hasher {
  if (!hasher) throw new Error('hashing not initialised: await initHashing() first');
  return hasher;
}

/** 32-bit hash of a string (unsigned): XXH32 of its UTF-8 bytes. */
export function hash32(text: string, seed = 0): number {
  const ascii = xxh32Ascii(text, seed);
  return ascii >= 0 ? ascii : requireHasher().h32Raw(encoder.encode(text), seed) >>> 0;
}

const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function lane(text: string, at: number): number {
  return text.charCodeAt(at) | (text.charCodeAt(at + 1) << 8) | (text.charCodeAt(at + 2) << 16) | (text.charCodeAt(at + 3) << 24);
}

function round(acc: number, input: number): number {
  return Math.imul(rotl((acc + Math.imul(input, P2)) | 0, 13), P1);
}

/**
 * XXH32 in JavaScript for ASCII strings (UTF-8 bytes = char codes), -1 for any other string.
 * Shingling hashes every token of every article: crossing into WASM and encoding a string
 * per token cost more than the hash. Same values as xxhash-wasm (tested).
 */
export function xxh32Ascii(text: string, seed = 0): number {
  const length = text.length;
  for (let i = 0; i < length; i++) if (text.charCodeAt(i) > 127) return -1;
  let at = 0;
  let h: number;
  if (length >= 16) {
    let v1 = (seed + P1 + P2) | 0;
    let v2 = (seed + P2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - P1) | 0;
    for (; at + 16 <= length; at += 16) {
      v1 = round(v1, lane(text, at));
      v2 = round(v2, lane(text, at + 4));
      v3 = round(v3, lane(text, at + 8));
      v4 = round(v4, lane(text, at + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = (seed + P5) | 0;
  }
  h = (h + length) | 0;
  for (; at + 4 <= length; at += 4) h = Math.imul(rotl((h + Math.imul(lane(text, at), P3)) | 0, 17), P4);
  for (; at < length; at++) h = Math.imul(rotl((h + Math.imul(text.charCodeAt(at), P5)) | 0, 11), P1);
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 64-bit hash of a string as 16 hex digits: stable ids and content keys. */
export function hash64Hex(text: string, seed = 0n): string {
  return requireHasher().h64ToString(text, seed);
}
