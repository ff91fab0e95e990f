/**
 * A Bloom filter over integer keys (posting-table keys: band keys up to 2^52, copy keys up to
 * 2^32): "surely absent" or "maybe present". It grows in layers, each twice the previous
 * one's capacity, so adding never rebuilds; a key is maybe present when any layer says so.
 * About 10 bits and 7 probes per key: ~1% false positives per layer.
 */

const BITS_PER_KEY = 10;
const PROBES = 7;
const FIRST_LAYER_KEYS = 1 << 16;

interface Layer {
  bits: Int32Array;
  /** Bit count minus one (a power of two minus one). */
  mask: number;
  capacity: number;
  count: number;
}

function newLayer(capacity: number): Layer {
  let bitCount = 1024;
  while (bitCount < capacity * BITS_PER_KEY) bitCount *= 2;
  return { bits: new Int32Array(bitCount >>> 5), mask: bitCount - 1, capacity, count: 0 };
}

/** murmur3's 32-bit finaliser: every input bit moves every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class KeyFilter {
  private layers: Layer[] = [newLayer(FIRST_LAYER_KEYS)];
  private h1 = 0;
  private h2 = 0;

  /** Keys added (repeats included). */
  get size(): number {
    let n = 0;
    for (const layer of this.layers) n += layer.count;
    return n;
  }

  /** Two independent 32-bit hashes of a non-negative integer key below 2^53 (double hashing derives the probes). */
  private hash(key: number): void {
    const low = key >>> 0;
    const high = Math.floor(key / 4294967296) >>> 0;
    this.h1 = fmix32(low ^ Math.imul(high, 0x9e3779b1));
    this.h2 = fmix32(Math.imul(low, 0x27d4eb2f) ^ high ^ 0x165667b1) | 1;
  }

  add(key: number): void {
    let layer = this.layers[this.layers.length - 1];
    if (layer.count >= layer.capacity) this.layers.push((layer = newLayer(layer.capacity * 2)));
    layer.count++;
    this.hash(key);
    const { bits, mask } = layer;
    for (let i = 0, h = this.h1; i < PROBES; i++, h = (h + this.h2) | 0) {
      const bit = h & mask;
      bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  /** False only when `key` was never added. */
  mightHold(key: number): boolean {
    this.hash(key);
    for (const { bits, mask } of this.layers) {
      let all = true;
      for (let i = 0, h = this.h1; i < PROBES; i++, h = (h + this.h2) | 0) {
        const bit = h & mask;
        if ((bits[bit >>> 5] & (1 << (bit & 31))) === 0) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }
}
