/**
 * 8-bit weights on a square-root scale. Perceptron weights are heavy-tailed; the root
 * keeps resolution for the many small ones. The model file stores these bytes, and the
 * tagger scores with them directly: a weight row is 17 bytes instead of 68, so the rows a
 * sentence touches stay in cache (tagging speed is bound by those memory reads).
 */

/** Scale that maps the largest |weight| to ±127. */
export function weightScale(weights: ArrayLike<number>): number {
  let max = 0;
  for (let k = 0; k < weights.length; k++) max = Math.max(max, Math.abs(weights[k]));
  return max === 0 ? 1 : max / (127 * 127);
}

export function quantiseWeight(w: number, scale: number): number {
  return Math.max(-127, Math.min(127, Math.round(Math.sign(w) * Math.sqrt(Math.abs(w) / scale))));
}

export function quantiseWeights(weights: ArrayLike<number>, scale: number): Int8Array {
  const out = new Int8Array(weights.length);
  for (let k = 0; k < weights.length; k++) out[k] = quantiseWeight(weights[k], scale);
  return out;
}

/** Value of each byte (indexed as unsigned: q & 0xff). */
export function dequantisationTable(scale: number): Float64Array {
  const table = new Float64Array(256);
  for (let q = -127; q <= 127; q++) table[q & 0xff] = Math.sign(q) * q * q * scale;
  return table;
}
