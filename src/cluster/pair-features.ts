/**
 * What the join decision looks at for one (article, candidate story) pair (after Miranda et
 * al. 2018, "Multilingual clustering of streaming news"): several similarities rather than one
 * cosine, because a story can match on its headline words while the body drifts, or on the
 * body while headlines differ, and the same cosine means more for a long text than for a
 * six-word headline. A small logistic model (model.ts) weighs them.
 */
import { dot, pack, type PackedVector, type SparseVector } from './vectors.ts';
import type { StoryState } from './story.ts';

const DAY_MS = 86_400_000;

/** The article side of a comparison: unit TF-IDF vectors (by term id) of the whole text and of the title. */
export interface ArticleVectors {
  text: SparseVector;
  /** `text` as arrays, to scatter into the dense array the candidates are scored against. */
  packedText: PackedVector;
  title: SparseVector;
  publishedMs: number | null;
  /** Distinct features of the article (text length on a log-friendly scale). */
  terms: number;
  /** The clusterer's update counter when the article arrived: the clock for undated text. */
  arrival: number;
}

/** Every pair feature the model may use, by name (model.json lists the ones it uses). */
export const PAIR_FEATURE_NAMES = [
  'cosine',
  'titleCosine',
  'textToTitles',
  'titleToText',
  'logSize',
  'logGapDays',
  'logTerms',
  'cosineByLogTerms',
  'logIdleUndated',
] as const;

export type PairFeatureName = (typeof PAIR_FEATURE_NAMES)[number];
export type PairFeatures = Record<PairFeatureName, number>;

/** Days between the article and the nearest end of the story's time span (0 inside it or undated). */
export function gapDays(story: StoryState, ms: number | null): number {
  if (ms === null || story.firstMs === null || story.lastMs === null) return 0;
  return Math.max(0, story.firstMs - ms, ms - story.lastMs) / DAY_MS;
}

/** The story's centroids as arrays, packed on first use after a change. */
function packedCentroids(story: StoryState): NonNullable<StoryState['packed']> {
  return (story.packed ??= { centroid: pack(story.centroid), title: pack(story.titleCentroid) });
}

/** Σ weights[i] · dense[ids[i]]. */
function dotDense(v: PackedVector, dense: Float64Array): number {
  let sum = 0;
  const { ids, weights } = v;
  for (let i = 0; i < ids.length; i++) sum += weights[i] * dense[ids[i]];
  return sum;
}

/**
 * `dense`: the article's text weights scattered over an array indexed by term id (0
 * elsewhere); the caller scatters once per article and scores every candidate against it, so
 * each centroid is summed with array reads instead of one Map look-up per term.
 */
export function pairFeatures(article: ArticleVectors, story: StoryState, dense: Float64Array): PairFeatures {
  const cn = story.centroidNorm || 1;
  const tn = story.titleNorm || 1;
  const packed = packedCentroids(story);
  const textDotCentroid = dotDense(packed.centroid, dense);
  const textDotTitles = dotDense(packed.title, dense);
  const cosine = textDotCentroid / cn;
  const logTerms = Math.log(1 + article.terms);
  return {
    cosine,
    titleCosine: story.titleNorm > 0 ? dot(article.title, story.titleCentroid) / tn : 0,
    textToTitles: story.titleNorm > 0 ? textDotTitles / tn : 0,
    titleToText: dot(article.title, story.centroid) / cn,
    logSize: Math.log(story.count),
    logGapDays: Math.log1p(gapDays(story, article.publishedMs)),
    logTerms,
    cosineByLogTerms: cosine * logTerms,
    // Without dates, the arrival order is the only clock: updates to other stories since this one was last touched.
    logIdleUndated: article.publishedMs === null ? Math.log1p(Math.max(0, article.arrival - story.touchedSeq)) : 0,
  };
}

/** Terms by vocabulary id and their weighted frequencies, side by side (ids distinct). */
export interface TermCounts {
  ids: number[];
  counts: number[];
}

/**
 * Unit vector of `terms` weighted by `idf`, as a map and packed (both in the order of
 * `terms`). Weighted in a typed array first: building the map once, with the final weights,
 * costs half the map writes of setting and then normalising it in place.
 */
export function unitTfIdf(terms: TermCounts, idf: (id: number) => number): { vector: SparseVector; packed: PackedVector } {
  const n = terms.ids.length;
  const ids = new Int32Array(n);
  const weights = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const id = terms.ids[i];
    const w = terms.counts[i] * idf(id);
    ids[i] = id;
    weights[i] = w;
    sum += w * w;
  }
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < n; i++) weights[i] = weights[i] / norm;
  const vector: SparseVector = new Map();
  for (let i = 0; i < n; i++) vector.set(ids[i], weights[i]);
  return { vector, packed: { ids, weights } };
}
