/**
 * Sparse term vectors (term id → weight) and the few operations the clusterer needs on them.
 * Plain Maps keyed by small integers (vocabulary.ts): articles have a few hundred distinct
 * terms, stories a bounded centroid, and integer-keyed lookups are cheap.
 */

export type SparseVector<K = number> = Map<K, number>;

export function dot<K>(a: SparseVector<K>, b: SparseVector<K>): number {
  // Iterate the smaller map: cost is min(|a|, |b|) lookups. forEach, not for-of: no entry arrays to allocate.
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  small.forEach((w, term) => {
    const v = large.get(term);
    if (v !== undefined) sum += w * v;
  });
  return sum;
}

/** A vector as parallel arrays: scanning it allocates nothing. */
export interface PackedVector {
  ids: Int32Array;
  weights: Float64Array;
}

export function pack(v: SparseVector): PackedVector {
  const ids = new Int32Array(v.size);
  const weights = new Float64Array(v.size);
  let i = 0;
  v.forEach((w, id) => {
    ids[i] = id;
    weights[i++] = w;
  });
  return { ids, weights };
}

export function norm<K>(a: SparseVector<K>): number {
  let sum = 0;
  for (const w of a.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** Cosine of two vectors; 0 when either is empty. */
export function cosine<K>(a: SparseVector<K>, b: SparseVector<K>, normA = norm(a), normB = norm(b)): number {
  return normA > 0 && normB > 0 ? dot(a, b) / (normA * normB) : 0;
}

/** Adds `v` into `sum` in place. */
export function addInto<K>(sum: SparseVector<K>, v: SparseVector<K>): void {
  for (const [term, w] of v) sum.set(term, (sum.get(term) ?? 0) + w);
}

/** The k heaviest entries, heaviest first (ties by term, so results do not depend on insertion order). */
export function topEntries<K extends number | string>(v: SparseVector<K>, k: number): Array<[K, number]> {
  if (v.size <= k) return [...v].sort(byWeightThenTerm);
  // Selection before sorting: find the k-th largest weight on a typed array (a numeric sort
  // is several times cheaper than sorting tuples with a comparator), then sort only the winners.
  const weights = new Float64Array(v.size);
  let i = 0;
  for (const w of v.values()) weights[i++] = w;
  weights.sort();
  const cut = weights[weights.length - k];
  const out: Array<[K, number]> = [];
  for (const entry of v) if (entry[1] >= cut) out.push(entry);
  return out.sort(byWeightThenTerm).slice(0, k);
}

function byWeightThenTerm<K extends number | string>(a: [K, number], b: [K, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** Keeps the k heaviest entries of `v` (returns `v` itself when it is already small enough). */
export function truncate<K extends number | string>(v: SparseVector<K>, k: number): SparseVector<K> {
  return v.size <= k ? v : new Map(topEntries(v, k));
}
