import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLogistic } from '../../src/cluster/logistic.ts';
import { joinProbability, validateModel, DEFAULT_JOIN_MODEL } from '../../src/cluster/model.ts';
import { PAIR_FEATURE_NAMES } from '../../src/cluster/pair-features.ts';

test('logistic regression recovers the generating weights', () => {
  // y ~ Bernoulli(σ(3·x0 − 2·x1 + 0.5)), deterministic pseudo-random inputs.
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const row = [rand() * 2 - 1, rand() * 2 - 1];
    const p = 1 / (1 + Math.exp(-(3 * row[0] - 2 * row[1] + 0.5)));
    x.push(row);
    y.push(rand() < p ? 1 : 0);
  }
  const fit = fitLogistic(x, y, { l2: 1e-6 });
  assert.ok(Math.abs(fit.weights[0] - 3) < 0.4, `w0 ${fit.weights[0]}`);
  assert.ok(Math.abs(fit.weights[1] + 2) < 0.4, `w1 ${fit.weights[1]}`);
  assert.ok(Math.abs(fit.bias - 0.5) < 0.25, `b ${fit.bias}`);
});

test('sample weights shift the fitted bias toward the heavier class', () => {
  const x = [[0], [0], [0], [0]];
  const y = [1, 0, 0, 0];
  const plain = fitLogistic(x, y);
  const weighted = fitLogistic(x, y, { sampleWeights: [3, 1, 1, 1] });
  assert.ok(Math.abs(plain.bias - Math.log(1 / 3)) < 1e-3);
  assert.ok(Math.abs(weighted.bias) < 1e-3, 'equal weighted mass gives even odds');
});

test('the shipped join model is valid and prefers closer stories', () => {
  assert.ok(DEFAULT_JOIN_MODEL.features.every((f) => (PAIR_FEATURE_NAMES as readonly string[]).includes(f)));
  const base = Object.fromEntries(PAIR_FEATURE_NAMES.map((n) => [n, 0])) as Record<(typeof PAIR_FEATURE_NAMES)[number], number>;
  const articleTerms = { ...base, logTerms: Math.log(200) };
  const close = { ...articleTerms, cosine: 0.6, titleCosine: 0.5, textToTitles: 0.4, titleToText: 0.4, cosineByLogTerms: 0.6 * Math.log(200) };
  const far = { ...articleTerms, cosine: 0.05, titleCosine: 0, textToTitles: 0.02, titleToText: 0.01, cosineByLogTerms: 0.05 * Math.log(200) };
  assert.ok(joinProbability(DEFAULT_JOIN_MODEL, close) > DEFAULT_JOIN_MODEL.threshold);
  assert.ok(joinProbability(DEFAULT_JOIN_MODEL, far) < DEFAULT_JOIN_MODEL.threshold);
  const later = { ...close, logGapDays: Math.log1p(400) };
  assert.ok(joinProbability(DEFAULT_JOIN_MODEL, later) < joinProbability(DEFAULT_JOIN_MODEL, close), 'a long time gap lowers the probability');
  assert.throws(() => validateModel({ features: ['nope' as never], weights: [1], bias: 0, threshold: 0.5 }), /unknown feature/);
});
