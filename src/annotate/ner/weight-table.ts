/**
 * Feature hash → weight row, packed for scoring: each 32-byte slot holds the key and its
 * LABEL_COUNT int8 weights side by side, so a look-up that hits reads one cache line.
 * Scoring is bound by these random reads (a few thousand per article); a separate key
 * table and weight array cost two cache misses per feature.
 */
import { LABEL_COUNT } from './labels.ts';

const SLOT_BYTES = 32;
const KEY_WORDS = SLOT_BYTES / 4;
if (4 + LABEL_COUNT > SLOT_BYTES) throw new Error('weight rows no longer fit a 32-byte slot');

/** Bits of the presence filter: 2^21 bits = 256 kB, small enough to stay in cache. */
const FILTER_BITS_LOG2 = 21;

export class WeightTable {
  private readonly keys: Int32Array;
  private readonly bytes: Int8Array;
  private readonly mask: number;
  /**
   * One bit per hash value (high bits of the key): a feature whose bit is clear is not in
   * the model, known without touching the table. Many context features (word pairs, shape
   * and word combinations) were pruned in training; without the filter each costs a probe
   * into an 8 MB table, that is a cache miss.
   */
  private readonly filter = new Int32Array(1 << (FILTER_BITS_LOG2 - 5));

  /** `weights` holds rows × LABEL_COUNT int8 weights, row r for featureKeys[r]. */
  constructor(featureKeys: Uint32Array, weights: Int8Array) {
    let capacity = 1024;
    while (capacity < featureKeys.length * 2) capacity *= 2;
    const buffer = new ArrayBuffer(capacity * SLOT_BYTES);
    this.keys = new Int32Array(buffer);
    this.bytes = new Int8Array(buffer);
    this.mask = capacity - 1;
    for (let row = 0; row < featureKeys.length; row++) {
      const key = featureKeys[row] === 0 ? 1 : featureKeys[row] | 0;
      let slot = key & this.mask;
      while (this.keys[slot * KEY_WORDS] !== 0 && this.keys[slot * KEY_WORDS] !== key) slot = (slot + 1) & this.mask;
      this.keys[slot * KEY_WORDS] = key;
      const bit = key >>> (32 - FILTER_BITS_LOG2);
      this.filter[bit >>> 5] |= 1 << (bit & 31);
      this.bytes.set(weights.subarray(row * LABEL_COUNT, (row + 1) * LABEL_COUNT), slot * SLOT_BYTES + 4);
    }
  }

  /**
   * Adds the weight rows of features[from..to) to out[base..base+LABEL_COUNT), each byte
   * decoded through `value` (see quantize.ts). Features the model does not know add nothing.
   */
  addRows(features: Uint32Array, from: number, to: number, value: Float64Array, out: Float64Array, base: number): void {
    const keys = this.keys;
    const bytes = this.bytes;
    const mask = this.mask;
    const filter = this.filter;
    for (let k = from; k < to; k++) {
      const key = features[k] === 0 ? 1 : features[k] | 0;
      const bit = key >>> (32 - FILTER_BITS_LOG2);
      if ((filter[bit >>> 5] & (1 << (bit & 31))) === 0) continue;
      let slot = key & mask;
      for (;;) {
        const found = keys[slot * KEY_WORDS];
        if (found === key) {
          const w = slot * SLOT_BYTES + 4;
          for (let y = 0; y < LABEL_COUNT; y++) out[base + y] += value[bytes[w + y] & 0xff];
          break;
        }
        if (found === 0) break;
        slot = (slot + 1) & mask;
      }
    }
  }
}
