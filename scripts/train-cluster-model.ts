/**
 * Trains the join model (src/cluster/model.json) on the public clustering sets and reports
 * cross-validated figures with whole events held out.
 *
 *   node --import tsx scripts/train-cluster-model.ts [--write] [--transfer] [--folds 5] [--features a,b,c]
 *       [--thresholds 0.2,0.25,…] [--set-weights news_cluster=3] [--top 3] [--l2 0.01] [--params '{"…":…}']
 *
 * Defaults reproduce the shipped model.json (`npm run train:clusters`, ~5 min on 2 cores).
 *
 * Training pairs come from following the gold assignments (cluster-data.ts `followGold`):
 * for each article, its top candidates by cosine, labelled "gold story" or not. Both sets
 * count equally (news_cluster has 342 articles, mstream-news-t 11,109 headlines), so one
 * model serves long texts and short headlines. Cross-validation: events are split into folds;
 * a model trained without a fold's events clusters the whole set, and B-cubed/NMI are taken
 * over the held-out articles only (each article is held out once).
 */
import { DEFAULT_CLUSTER_PARAMS, type ClusterParams } from '../src/cluster/features.ts';
import { fitLogistic } from '../src/cluster/logistic.ts';
import type { JoinModel } from '../src/cluster/model.ts';
import { PAIR_FEATURE_NAMES, type PairFeatureName } from '../src/cluster/pair-features.ts';
import { clusterOnline, followGold, format, goldOf, loadClusteringSet, evaluate, type ForcedStep, type LabelledArticle } from './cluster-data.ts';
import { scoreClustering } from '../src/eval/cluster-metrics.ts';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MODEL_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cluster/model.json');

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at !== -1 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const DEFAULT_FEATURES: PairFeatureName[] = ['cosine', 'titleCosine', 'textToTitles', 'logGapDays', 'logSize', 'logIdleUndated', 'logTerms', 'cosineByLogTerms'];
const features = arg('features', DEFAULT_FEATURES.join(',')).split(',') as PairFeatureName[];
for (const f of features) if (!(PAIR_FEATURE_NAMES as readonly string[]).includes(f)) throw new Error(`unknown feature ${f}`);
const folds = Number(arg('folds', '5'));
const topK = Number(arg('top', '3'));
const l2 = Number(arg('l2', '0.01'));
const params: ClusterParams = { ...DEFAULT_CLUSTER_PARAMS, ...JSON.parse(arg('params', '{}')) };
const sets = arg('sets', 'news_cluster,mstream-news-t').split(',');
/** Relative weight of each set's examples (default: equal); news_cluster is the product's own kind of input. */
const setWeights = new Map(
  arg('set-weights', 'news_cluster=3')
    .split(',')
    .filter(Boolean)
    .map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])] as [string, number]),
);

interface Example {
  x: number[];
  y: number;
  event: string;
}

/** Training examples of one set: the top-K candidates by cosine of each article. */
function examples(steps: ForcedStep[]): Example[] {
  const out: Example[] = [];
  for (const step of steps) {
    const ranked = [...step.candidates].sort((a, b) => b.features.cosine - a.features.cosine).slice(0, topK);
    for (const c of ranked) out.push({ x: features.map((f) => c.features[f]), y: c.isGold ? 1 : 0, event: step.event });
  }
  return out;
}

function train(bySet: Array<[string, Example[]]>): JoinModel {
  const x: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  // Each set carries the same total weight whatever its size, times its --set-weights factor.
  for (const [name, ex] of bySet) {
    const factor = setWeights.get(name) ?? 1;
    for (const e of ex) {
      x.push(e.x);
      y.push(e.y);
      w.push((1000 * factor) / Math.max(1, ex.length));
    }
  }
  const fit = fitLogistic(x, y, { l2, sampleWeights: w });
  return { features, weights: fit.weights.map((v) => Math.round(v * 1e4) / 1e4), bias: Math.round(fit.bias * 1e4) / 1e4, threshold: 0.5 };
}

/** Deterministic fold of an event (a hash of its name, so folds do not depend on order). */
function foldOf(event: string): number {
  let h = 2166136261;
  for (let i = 0; i < event.length; i++) h = Math.imul(h ^ event.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/** B-cubed and NMI over a subset of items, with predicted clusters as formed over all items. */
function heldOutScores(predicted: Map<string, string>, gold: Map<string, string>, heldOut: Set<string>) {
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const joint = new Map<string, number>();
  for (const [id, p] of predicted) {
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
    const g = gold.get(id)!;
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    joint.set(p + '\0' + g, (joint.get(p + '\0' + g) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const id of heldOut) {
    const p = predicted.get(id)!;
    const g = gold.get(id)!;
    const both = joint.get(p + '\0' + g)!;
    precision += both / predSize.get(p)!;
    recall += both / goldSize.get(g)!;
  }
  return { precision, recall, n: heldOut.size };
}

const t0 = Date.now();
const data = new Map<string, LabelledArticle[]>();
const steps = new Map<string, ForcedStep[]>();
for (const name of sets) {
  const items = loadClusteringSet(name, params);
  data.set(name, items);
  steps.set(name, followGold(items, params));
}
console.error(`prepared ${[...data.values()].reduce((s, d) => s + d.length, 0)} articles in ${Date.now() - t0} ms`);

const allExamples = new Map([...steps].map(([name, s]) => [name, examples(s)]));
const model = train([...allExamples]);
console.log('model', JSON.stringify(model));
// Leave-events-out cross-validation (each set's events split into folds; the other set stays
// whole in training). The join threshold is chosen here too: the one with the best mean of
// the held-out figures (news_cluster B-cubed F1, mstream-news-t NMI) over a coarse grid.
const thresholds = arg('thresholds', '0.2,0.25,0.3,0.35,0.4').split(',').map(Number);
const cv: Record<string, Record<string, unknown>> = {};
const cvScore = new Map<number, number[]>(thresholds.map((t) => [t, []]));
for (const [name, items] of data) {
  if (folds < 2) break;
  const gold = goldOf(items);
  const acc = thresholds.map(() => ({ precision: 0, recall: 0, n: 0, predicted: new Map<string, string>(), foldF1: [] as number[] }));
  for (let f = 0; f < folds; f++) {
    const trainSets = [...allExamples].map(([other, ex]): [string, Example[]] => [other, other === name ? ex.filter((e) => foldOf(e.event) !== f) : ex]);
    const foldModel = train(trainSets);
    const heldOut = new Set(items.filter((i) => foldOf(i.event) === f).map((i) => i.article.id));
    if (heldOut.size === 0) continue;
    thresholds.forEach((threshold, ti) => {
      const predicted = clusterOnline(items, params, { ...foldModel, threshold });
      const s = heldOutScores(predicted, gold, heldOut);
      const a = acc[ti];
      a.precision += s.precision;
      a.recall += s.recall;
      a.n += s.n;
      for (const id of heldOut) a.predicted.set(id, `${f}:${predicted.get(id)}`);
      const p = s.precision / s.n;
      const r = s.recall / s.n;
      a.foldF1.push((2 * p * r) / (p + r));
    });
  }
  cv[name] = {};
  thresholds.forEach((threshold, ti) => {
    const a = acc[ti];
    const p = a.precision / a.n;
    const r = a.recall / a.n;
    const f1 = (2 * p * r) / (p + r);
    const nmi = scoreClustering(a.predicted, gold).nmi;
    console.log(`cv-${folds}fold t=${threshold} ${name.padEnd(16)} P ${p.toFixed(4)} R ${r.toFixed(4)} F1 ${f1.toFixed(4)} NMI ${nmi.toFixed(4)}  fold F1 ${a.foldF1.map((v) => v.toFixed(3)).join(' ')}`);
    cv[name][String(threshold)] = { precision: +p.toFixed(4), recall: +r.toFixed(4), f1: +f1.toFixed(4), nmi: +nmi.toFixed(4), foldF1: a.foldF1.map((v) => +v.toFixed(4)) };
    // The metric each set is judged by: B-cubed F1 for news_cluster, NMI for the headline stream.
    cvScore.get(threshold)!.push(name.startsWith('mstream') ? nmi : f1);
  });
}
if (folds >= 2) {
  const best = [...cvScore].sort((a, b) => mean(b[1]) - mean(a[1]))[0];
  model.threshold = best[0];
  console.log(`chosen threshold ${best[0]} (mean held-out score ${mean(best[1]).toFixed(4)})`);
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
}

const results: Record<string, unknown> = {};
for (const [name, items] of data) {
  const s = evaluate(items, params, model);
  console.log(`train-all  ${name.padEnd(16)} ${format(s)}`);
  results[name] = { f1: +s.f1.toFixed(4), nmi: +s.nmi.toFixed(4) };
}

// Transfer across sets: trained on one set only, scored on the other.
if (sets.length === 2 && process.argv.includes("--transfer")) {
  for (const [name, items] of data) {
    const other = sets.find((s) => s !== name)!;
    const s = scoreClustering(clusterOnline(items, params, { ...train([[other, allExamples.get(other)!]]), threshold: model.threshold }), goldOf(items));
    console.log(`from-${other.padEnd(16)} to ${name.padEnd(16)} ${format(s)}`);
  }
}

if (process.argv.includes('--write')) {
  const out: JoinModel = {
    ...model,
    trainedOn: {
      script: 'scripts/train-cluster-model.ts',
      sets,
      date: new Date().toISOString().slice(0, 10),
      topK,
      l2,
      setWeights: Object.fromEntries(setWeights),
      trainAll: results,
      crossValidation: { folds, thresholds, byEvents: cv },
    },
  };
  fs.writeFileSync(MODEL_FILE, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${MODEL_FILE}`);
}
console.error(`done in ${Date.now() - t0} ms`);
