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

/** 32-bit hash of a string (unsigned). */
export function hash32(text: string, seed = 0): number {
  return requireHasher().h32Raw(encoder.encode(text), seed) >>> 0;
}

/** 64-bit hash of a string as 16 hex digits: stable ids and content keys. */
export function hash64Hex(text: string, seed = 0n): string {
  return requireHasher().h64ToString(text, seed);
}
