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
// addResolved keeps one local sum per label: written out for exactly 17 (BILOU × 4 types + O).
if (LABEL_COUNT !== 17) throw new Error('WeightTable.addResolved is written for 17 labels');

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
  /** Row offsets for addRows (see resolve). */
  private scratchRows = new Int32Array(256);

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
   * Byte offset of each feature's weight row, or -1 for features the model does not know:
   * rows[k] for features[k], k < count. Looking every feature of a sentence up first, in a
   * tight loop of independent loads, lets the processor wait on many cache misses at once;
   * interleaved with the summing it waits on one at a time (one-off microbenchmark on 3,000
   * bench articles; tagging as a whole: `storyline eval ner --speed`).
   */
  resolve(features: Uint32Array, count: number, rows: Int32Array): void {
    const keys = this.keys;
    const mask = this.mask;
    const filter = this.filter;
    for (let k = 0; k < count; k++) {
      const key = features[k] === 0 ? 1 : features[k] | 0;
      const bit = key >>> (32 - FILTER_BITS_LOG2);
      let row = -1;
      if ((filter[bit >>> 5] & (1 << (bit & 31))) !== 0) {
        let slot = key & mask;
        for (;;) {
          const found = keys[slot * KEY_WORDS];
          if (found === key) {
            row = slot * SLOT_BYTES + 4;
            break;
          }
          if (found === 0) break;
          slot = (slot + 1) & mask;
        }
      }
      rows[k] = row;
    }
  }

  /**
   * Adds the rows resolve() found for features[from..to) to out[base..base+LABEL_COUNT).
   * The 17 sums live in locals, written once at the end: adding into `out` row after row
   * makes every add a load and a store (about twice as slow in the same microbenchmark).
   */
  addResolved(rows: Int32Array, from: number, to: number, value: Float64Array, out: Float64Array, base: number): void {
    const b = this.bytes;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0;
    let s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0, s16 = 0;
    for (let k = from; k < to; k++) {
      const w = rows[k];
      if (w < 0) continue;
      s0 += value[b[w] & 0xff];
      s1 += value[b[w + 1] & 0xff];
      s2 += value[b[w + 2] & 0xff];
      s3 += value[b[w + 3] & 0xff];
      s4 += value[b[w + 4] & 0xff];
      s5 += value[b[w + 5] & 0xff];
      s6 += value[b[w + 6] & 0xff];
      s7 += value[b[w + 7] & 0xff];
      s8 += value[b[w + 8] & 0xff];
      s9 += value[b[w + 9] & 0xff];
      s10 += value[b[w + 10] & 0xff];
      s11 += value[b[w + 11] & 0xff];
      s12 += value[b[w + 12] & 0xff];
      s13 += value[b[w + 13] & 0xff];
      s14 += value[b[w + 14] & 0xff];
      s15 += value[b[w + 15] & 0xff];
      s16 += value[b[w + 16] & 0xff];
    }
    out[base] += s0;
    out[base + 1] += s1;
    out[base + 2] += s2;
    out[base + 3] += s3;
    out[base + 4] += s4;
    out[base + 5] += s5;
    out[base + 6] += s6;
    out[base + 7] += s7;
    out[base + 8] += s8;
    out[base + 9] += s9;
    out[base + 10] += s10;
    out[base + 11] += s11;
    out[base + 12] += s12;
    out[base + 13] += s13;
    out[base + 14] += s14;
    out[base + 15] += s15;
    out[base + 16] += s16;
  }

  /**
   * Adds the weight rows of features[from..to) to out[base..base+LABEL_COUNT), each byte
   * decoded through `value` (see quantize.ts). Features the model does not know add nothing.
   */
  addRows(features: Uint32Array, from: number, to: number, value: Float64Array, out: Float64Array, base: number): void {
    const count = to - from;
    if (this.scratchRows.length < count) this.scratchRows = new Int32Array(count * 2);
    this.resolve(features.subarray(from, to), count, this.scratchRows);
    this.addResolved(this.scratchRows, 0, count, value, out, base);
  }
}
