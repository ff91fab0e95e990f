import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WeightTable } from '../../src/annotate/ner/weight-table.ts';
import { LABEL_COUNT } from '../../src/annotate/ner/labels.ts';
import { prng } from '../../src/eval/bench-corpus.ts';

test('weight rows are found by feature hash, absent features add nothing, 0 is a valid key', () => {
  const random = prng(3);
  const rows = 5000;
  const keys = new Uint32Array(rows);
  const used = new Set<number>();
  for (let r = 0; r < rows; r++) {
    let k: number;
    do k = r === 0 ? 0 : Math.floor(random() * 2 ** 32);
    while (used.has(k));
    used.add(k);
    keys[r] = k;
  }
  const weights = new Int8Array(rows * LABEL_COUNT).map(() => Math.floor(random() * 255) - 127);
  const value = new Float64Array(256).map((_, b) => (b < 128 ? b : b - 256) / 4);
  const table = new WeightTable(keys, weights);

  // Query: every 7th known key, each twice, mixed with unknown keys.
  const query: number[] = [];
  const expected = new Float64Array(LABEL_COUNT);
  for (let r = 0; r < rows; r += 7) {
    for (let twice = 0; twice < 2; twice++) {
      query.push(keys[r]);
      for (let y = 0; y < LABEL_COUNT; y++) expected[y] += value[weights[r * LABEL_COUNT + y] & 0xff];
    }
    let unknown: number;
    do unknown = Math.floor(random() * 2 ** 32);
    while (used.has(unknown));
    query.push(unknown);
  }
  const out = new Float64Array(LABEL_COUNT * 2).fill(1);
  table.addRows(Uint32Array.from(query), 0, query.length, value, out, LABEL_COUNT);
  for (let y = 0; y < LABEL_COUNT; y++) {
    assert.equal(out[y], 1, 'rows before base are untouched');
    assert.ok(Math.abs(out[LABEL_COUNT + y] - 1 - expected[y]) < 1e-6, `label ${y}`);
  }
});
