/**
 * Clustering metrics: B-cubed precision/recall/F1 (Bagga & Baldwin 1998, averaged over items)
 * and NMI as MI / sqrt(H(pred)·H(gold)).
 */

export interface ClusterScores {
  precision: number;
  recall: number;
  f1: number;
  nmi: number;
  items: number;
  predictedClusters: number;
  goldClusters: number;
}

function groupSizes(labels: Map<string, string>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const label of labels.values()) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  return sizes;
}

function entropy(sizes: Iterable<number>, n: number): number {
  let h = 0;
  for (const size of sizes) if (size > 0) h -= (size / n) * Math.log(size / n);
  return h;
}

/** Scores `predicted` against `gold` over the items present in both. */
export function scoreClustering(predicted: Map<string, string>, gold: Map<string, string>): ClusterScores {
  const items = [...gold.keys()].filter((id) => predicted.has(id));
  const pred = new Map(items.map((id) => [id, predicted.get(id)!]));
  const truth = new Map(items.map((id) => [id, gold.get(id)!]));
  const n = items.length;
  const joint = new Map<string, number>();
  for (const id of items) {
    const key = `${pred.get(id)}\u0000${truth.get(id)}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
  }
  const predSizes = groupSizes(pred);
  const goldSizes = groupSizes(truth);
  let precision = 0;
  let recall = 0;
  for (const id of items) {
    const both = joint.get(`${pred.get(id)}\u0000${truth.get(id)}`)!;
    precision += both / predSizes.get(pred.get(id)!)!;
    recall += both / goldSizes.get(truth.get(id)!)!;
  }
  precision /= n || 1;
  recall /= n || 1;
  let mutual = 0;
  for (const [key, count] of joint) {
    const [p, g] = key.split('\u0000');
    mutual += (count / n) * Math.log((count * n) / (predSizes.get(p)! * goldSizes.get(g)!));
  }
  const hp = entropy(predSizes.values(), n);
  const hg = entropy(goldSizes.values(), n);
  const nmi = hp === 0 && hg === 0 ? 1 : hp === 0 || hg === 0 ? 0 : mutual / Math.sqrt(hp * hg);
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    nmi,
    items: n,
    predictedClusters: predSizes.size,
    goldClusters: goldSizes.size,
  };
}
