import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRANSITION_SIZE, viterbi } from '../../src/annotate/ner/decode.ts';
import { bilouTransitions, LABEL_COUNT, OUTSIDE } from '../../src/annotate/ner/labels.ts';
import { prng } from '../../src/eval/bench-corpus.ts';

const L = LABEL_COUNT;
const { allowed, allowedStart, allowedEnd } = bilouTransitions();

function randomTransitions(random: () => number): Float64Array {
  return Float64Array.from({ length: TRANSITION_SIZE }, () => (random() - 0.5) * 8);
}

/** Emissions with the tokens marked in `only` ruled out for every label but O, as the tagger's mask does. */
function randomEmissions(random: () => number, only: Uint8Array): Float64Array {
  const n = only.length;
  const e = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < L; y++) e[i * L + y] = only[i] && y !== OUTSIDE ? -Infinity : (random() - 0.5) * 6;
  }
  return e;
}

/** Every well-formed label sequence scored directly: the reference for short sequences. */
function bruteForce(e: Float64Array, n: number, t: Float64Array): { labels: number[]; score: number } {
  let best = { labels: [] as number[], score: -Infinity };
  const labels = new Array<number>(n).fill(0);
  const visit = (i: number, score: number) => {
    if (i === n) {
      const total = score + t[L * L + L + labels[n - 1]];
      if (allowedEnd[labels[n - 1]] && total > best.score) best = { labels: [...labels], score: total };
      return;
    }
    for (let y = 0; y < L; y++) {
      if (e[i * L + y] === -Infinity) continue;
      if (i === 0 ? !allowedStart[y] : !allowed[labels[i - 1] * L + y]) continue;
      labels[i] = y;
      visit(i + 1, score + e[i * L + y] + (i === 0 ? t[L * L + y] : t[labels[i - 1] * L + y]));
    }
  };
  visit(0, 0);
  return best;
}

function decode(e: Float64Array, n: number, t: Float64Array, only?: Uint8Array): number[] {
  const out = new Int32Array(n);
  viterbi(e, n, t, out, only);
  return [...out];
}

test('viterbi finds the best well-formed sequence (brute force on short sequences), with and without the outside-only mask', () => {
  const random = prng(7);
  for (let trial = 0; trial < 60; trial++) {
    const n = 1 + (trial % 4);
    const only = Uint8Array.from({ length: n }, () => (random() < 0.4 ? 1 : 0));
    const t = randomTransitions(random);
    const e = randomEmissions(random, only);
    const expected = bruteForce(e, n, t).labels;
    assert.deepEqual(decode(e, n, t), expected, `trial ${trial}`);
    assert.deepEqual(decode(e, n, t, only), expected, `trial ${trial}, masked`);
  }
});

test('the outside-only mask changes nothing on long sequences: runs of masked tokens at the start, the end, alone and back to back', () => {
  const random = prng(11);
  const patterns: Array<(i: number, n: number) => boolean> = [
    () => random() < 0.6,
    (i) => i < 5,
    (i, n) => i >= n - 5,
    (i) => i % 2 === 1,
    () => true,
    () => false,
  ];
  let masked = 0;
  for (let trial = 0; trial < 300; trial++) {
    const n = 20 + Math.floor(random() * 200);
    const pattern = patterns[trial % patterns.length];
    const only = Uint8Array.from({ length: n }, (_, i) => (pattern(i, n) ? 1 : 0));
    masked += only.reduce((sum, x) => sum + x, 0);
    const t = randomTransitions(random);
    const e = randomEmissions(random, only);
    const plain = decode(e, n, t);
    assert.deepEqual(decode(e, n, t, only), plain, `trial ${trial}`);
    // The decode did real work: entities appear, and masked tokens are O.
    for (let i = 0; i < n; i++) if (only[i]) assert.equal(plain[i], OUTSIDE);
  }
  assert.ok(masked > 10_000);
});
