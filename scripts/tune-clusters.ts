/**
 * Runs the online clusterer over a labelled set and prints B-cubed and NMI, for tuning.
 *
 *   node --import tsx scripts/tune-clusters.ts news_cluster '{"activeWindowDays":30}'
 *   node --import tsx scripts/tune-clusters.ts mstream-news-t '{"sweep":[0.3,0.5,0.7]}'
 *   node --import tsx scripts/tune-clusters.ts news_cluster '{"show":0.5}'
 *
 * The JSON object overrides cluster params; besides those:
 *   "model": a join model ({features, weights, bias, threshold}) instead of model.json,
 *   "sweep": join-probability thresholds to try, "show": a threshold at which to list
 *   merged and split gold events.
 */
import { DEFAULT_CLUSTER_PARAMS } from '../src/cluster/features.ts';
import { DEFAULT_JOIN_MODEL, type JoinModel } from '../src/cluster/model.ts';
import { scoreClustering } from '../src/eval/cluster-metrics.ts';
import { clusterOnline, format, goldOf, loadClusteringSet } from './cluster-data.ts';

const which = process.argv[2] ?? 'news_cluster';
const overrides = JSON.parse(process.argv[3] ?? '{}');
const { model: modelOverride, sweep, show, ...paramOverrides } = overrides;
const params = { ...DEFAULT_CLUSTER_PARAMS, ...paramOverrides };
const model: JoinModel = { ...DEFAULT_JOIN_MODEL, ...(modelOverride ?? {}) };
const t0 = Date.now();
const items = loadClusteringSet(which, params);
const gold = goldOf(items);
console.error(`prepared ${items.length} articles in ${Date.now() - t0} ms`);

for (const threshold of (sweep as number[] | undefined) ?? [model.threshold]) {
  const t1 = Date.now();
  const s = scoreClustering(clusterOnline(items, params, { ...model, threshold }), gold);
  console.log(`threshold ${threshold}  ${format(s)}  (${Date.now() - t1} ms)`);
}

if (show !== undefined) {
  const predicted = clusterOnline(items, params, { ...model, threshold: show });
  const nameOf = new Map(items.map((i) => [i.article.id, i.eventName]));
  const byStory = new Map<string, string[]>();
  for (const [id, story] of predicted) {
    if (!byStory.has(story)) byStory.set(story, []);
    byStory.get(story)!.push(nameOf.get(id)!);
  }
  for (const [story, events] of byStory) {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e, (counts.get(e) ?? 0) + 1);
    if (counts.size > 1) console.log('MERGED', story, [...counts].map(([e, n]) => `${e.slice(0, 40)}×${n}`).join(' | '));
  }
  const storiesOfEvent = new Map<string, Set<string>>();
  for (const [id, story] of predicted) {
    const e = nameOf.get(id)!;
    if (!storiesOfEvent.has(e)) storiesOfEvent.set(e, new Set());
    storiesOfEvent.get(e)!.add(story);
  }
  for (const [e, stories] of storiesOfEvent) if (stories.size > 1) console.log('SPLIT', e.slice(0, 50), stories.size);
}
