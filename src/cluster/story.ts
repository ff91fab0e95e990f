/**
 * A story as the clusterer keeps it, and its compact persisted form (StoryRow.state).
 * The state is rewritten on every update of a story, so it holds only what scoring needs:
 * a truncated centroid of the members' TF-IDF vectors, a small centroid of their titles,
 * the member count and the sources.
 */
import type { StoryRow } from '../store/types.ts';
import { norm, type PackedVector, type SparseVector } from './vectors.ts';
import type { Vocabulary } from './vocabulary.ts';

export interface StoryState {
  id: number;
  /** Sum of the members' unit TF-IDF vectors (by term id), truncated to the heaviest terms. */
  centroid: SparseVector;
  /** Sum of the members' unit title vectors, truncated. */
  titleCentroid: SparseVector;
  count: number;
  firstMs: number | null;
  lastMs: number | null;
  sources: Set<string>;
  label: string | null;
  labelArticleId: string | null;
  /** Centrality of the label's article when it was chosen (decays so a better title can win later). */
  labelScore: number;
  touchedSeq: number;
  /** Cached norms, recomputed when the centroids change (not persisted). */
  centroidNorm: number;
  titleNorm: number;
  /** Both centroids as arrays for scoring, built on demand; null after a change (not persisted). */
  packed: { centroid: PackedVector; title: PackedVector } | null;
}

interface SerialisedState {
  /** Centroid as [term, weight] pairs. */
  c: Array<[string, number]>;
  /** Title centroid. */
  t?: Array<[string, number]>;
  n: number;
  s: string[];
  ls: number;
}

/** Four significant decimals are plenty for cosine scoring and keep the JSON short. */
function round(w: number): number {
  return Math.round(w * 1e4) / 1e4;
}

export function emptyStory(id: number): StoryState {
  return {
    id,
    centroid: new Map(),
    titleCentroid: new Map(),
    count: 0,
    firstMs: null,
    lastMs: null,
    sources: new Set(),
    label: null,
    labelArticleId: null,
    labelScore: -1,
    touchedSeq: 0,
    centroidNorm: 0,
    titleNorm: 0,
    packed: null,
  };
}

/** Term strings → ids of `vocabulary` (terms are stored as strings: ids are per process). */
function toIds(pairs: Array<[string, number]>, vocabulary: Vocabulary): SparseVector {
  return new Map(pairs.map(([term, w]) => [vocabulary.id(term), w]));
}

function toTerms(v: SparseVector, vocabulary: Vocabulary): Array<[string, number]> {
  return [...v].map(([id, w]) => [vocabulary.term(id), round(w)]);
}

export function storyFromRow(row: StoryRow, vocabulary: Vocabulary): StoryState {
  const state = JSON.parse(row.state) as SerialisedState;
  const centroid = toIds(state.c, vocabulary);
  const titleCentroid = toIds(state.t ?? [], vocabulary);
  return {
    id: row.id,
    centroid,
    titleCentroid,
    count: state.n,
    firstMs: row.firstMs,
    lastMs: row.lastMs,
    sources: new Set(state.s),
    label: row.label,
    labelArticleId: row.labelArticleId,
    labelScore: state.ls,
    touchedSeq: row.touchedSeq,
    centroidNorm: norm(centroid),
    titleNorm: norm(titleCentroid),
    packed: null,
  };
}

export function storyToRow(story: StoryState, vocabulary: Vocabulary): StoryRow {
  const state: SerialisedState = {
    c: toTerms(story.centroid, vocabulary),
    t: toTerms(story.titleCentroid, vocabulary),
    n: story.count,
    s: [...story.sources],
    ls: round(story.labelScore),
  };
  return {
    id: story.id,
    label: story.label,
    labelArticleId: story.labelArticleId,
    firstMs: story.firstMs,
    lastMs: story.lastMs,
    articleCount: story.count,
    sourceCount: story.sources.size,
    touchedSeq: story.touchedSeq,
    state: JSON.stringify(state),
  };
}
