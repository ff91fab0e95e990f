/**
 * Shared by the clustering scripts (tune-clusters.ts, train-cluster-model.ts): reads a
 * labelled clustering set from ../shared/data/clustering, prepares its articles the way the
 * ingest pipeline does (tokens, sentences, case, cluster features), runs the online clusterer
 * over them, and collects training pairs by following the gold assignments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenize, splitSentences } from '../src/text/tokens.ts';
import { hasCaseInformation } from '../src/text/normalise.ts';
import { articleFeatures, DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../src/cluster/features.ts';
import { OnlineClusterer, type ClusterArticle } from '../src/cluster/online.ts';
import type { JoinModel } from '../src/cluster/model.ts';
import type { PairFeatures } from '../src/cluster/pair-features.ts';
import { scoreClustering, type ClusterScores } from '../src/eval/cluster-metrics.ts';

export const CLUSTERING_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/clustering');

export interface LabelledArticle {
  article: ClusterArticle;
  event: string;
  /** Readable event name when the gold file has one. */
  eventName: string;
}

/** Publication-time order; undated records keep their input order (as the ingest pipeline does). */
function publicationOrder<T extends { ms: number | null; index: number }>(items: T[]): T[] {
  let lastKey = -Infinity;
  const keyed = items.map((item) => {
    if (item.ms !== null) lastKey = item.ms;
    return { item, key: item.ms ?? lastKey };
  });
  keyed.sort((a, b) => a.key - b.key || a.item.index - b.item.index);
  return keyed.map((k) => k.item);
}

export function loadClusteringSet(name: string, params: ClusterParams = DEFAULT_CLUSTER_PARAMS): LabelledArticle[] {
  const read = (file: string) =>
    fs
      .readFileSync(path.join(CLUSTERING_DIR, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  const gold = new Map<string, { event: string; name: string }>();
  for (const g of read(`${name}.gold.jsonl`)) gold.set(g.id, { event: String(g.event), name: String(g.name ?? g.event) });
  const records = read(`${name}.jsonl`).map((r, index) => ({ r, index, ms: r.published ? Date.parse(r.published) : null }));
  return publicationOrder(records)
    .filter(({ r }) => gold.has(r.id))
    .map(({ r, ms }) => {
      const text: string = r.text ?? '';
      const bodyTokens = tokenize(text);
      const features = articleFeatures(
        { titleTokens: tokenize(r.title ?? ''), bodyTokens, bodySentences: splitSentences(text, bodyTokens), hasCase: hasCaseInformation(text) },
        params,
      );
      const g = gold.get(r.id)!;
      return { article: { id: r.id, title: r.title ?? null, source: r.source ?? null, publishedMs: ms, features }, event: g.event, eventName: g.name };
    });
}

export function goldOf(items: LabelledArticle[]): Map<string, string> {
  return new Map(items.map((i) => [i.article.id, i.event]));
}

/** Clusters the articles online, in order; returns article id → story id. */
export function clusterOnline(items: LabelledArticle[], params: ClusterParams, model?: JoinModel): Map<string, string> {
  const clusterer = new OnlineClusterer(params, { model });
  const predicted = new Map<string, string>();
  for (const item of items) predicted.set(item.article.id, String(clusterer.assign(item.article).storyId));
  return predicted;
}

export function evaluate(items: LabelledArticle[], params: ClusterParams, model?: JoinModel): ClusterScores {
  return scoreClustering(clusterOnline(items, params, model), goldOf(items));
}

/** One article's candidates as seen when following the gold assignments. */
export interface ForcedStep {
  event: string;
  /** Does a story of the article's gold event exist already? */
  goldExists: boolean;
  /** Pair features per candidate and whether the candidate is the gold story. */
  candidates: Array<{ features: PairFeatures; isGold: boolean }>;
}

/**
 * Runs the clusterer but places every article where the gold says (its event's story, or a
 * new one): the candidates and features it sees are those a perfect clusterer would see.
 */
export function followGold(items: LabelledArticle[], params: ClusterParams): ForcedStep[] {
  const clusterer = new OnlineClusterer(params);
  const storyOfEvent = new Map<string, number>();
  const eventOfStory = new Map<number, string>();
  const steps: ForcedStep[] = [];
  for (const item of items) {
    const pending = clusterer.score(item.article);
    const goldStory = storyOfEvent.get(item.event);
    // A gold story that was evicted cannot be joined any more: the article starts a new one.
    const alive = goldStory !== undefined && clusterer.stories.has(goldStory);
    steps.push({
      event: item.event,
      goldExists: alive,
      candidates: pending.candidates.map((c) => ({ features: c.features, isGold: eventOfStory.get(c.story.id) === item.event })),
    });
    const placed = clusterer.place(pending, alive ? goldStory! : null);
    storyOfEvent.set(item.event, placed.storyId);
    eventOfStory.set(placed.storyId, item.event);
  }
  return steps;
}

export function format(s: ClusterScores): string {
  return `P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} NMI ${s.nmi.toFixed(4)} stories ${s.predictedClusters}/${s.goldClusters}`;
}
