/**
 * The join decision: a logistic model over pair features (pair-features.ts), trained by
 * scripts/train-cluster-model.ts on the public clustering sets with events held out, and
 * shipped as model.json. An article joins its most probable candidate story when that
 * probability reaches `threshold`; otherwise it starts a new story.
 */
import trained from './model.json' with { type: 'json' };
import { PAIR_FEATURE_NAMES, type PairFeatureName, type PairFeatures } from './pair-features.ts';

export interface JoinModel {
  /** Feature names, in the order of `weights`. */
  features: PairFeatureName[];
  weights: number[];
  bias: number;
  /** Probability needed to join (0.5 unless the training script chose otherwise). */
  threshold: number;
  /** Free-form provenance: data, date, cross-validation figures. */
  trainedOn?: unknown;
}

export function validateModel(model: JoinModel): JoinModel {
  if (model.features.length !== model.weights.length) throw new Error('join model: features and weights differ in length');
  for (const name of model.features) {
    if (!(PAIR_FEATURE_NAMES as readonly string[]).includes(name)) throw new Error(`join model: unknown feature "${name}"`);
  }
  return model;
}

export const DEFAULT_JOIN_MODEL: JoinModel = validateModel(trained as JoinModel);

/** Log-odds that the article belongs to the story. */
export function joinLogit(model: JoinModel, x: PairFeatures): number {
  let z = model.bias;
  for (let i = 0; i < model.features.length; i++) z += model.weights[i] * x[model.features[i]];
  return z;
}

export function joinProbability(model: JoinModel, x: PairFeatures): number {
  return 1 / (1 + Math.exp(-joinLogit(model, x)));
}
