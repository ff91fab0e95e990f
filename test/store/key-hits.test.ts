import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowidTally, type KeyHits } from '../../src/store/sqlite/key-hits.ts';
import { prng as random } from '../../src/eval/bench-corpus.ts';

/** The tally's result as [rowid, count] pairs, in its order. */
const pairsOf = (hits: KeyHits): Array<[number, number]> => Array.from(hits.rowids, (rowid, i) => [rowid, hits.counts[i]]);

test('the tally counts like a Map, in first-seen order, across queries of growing and shrinking size', () => {
  const tally = new RowidTally();
  const next = random(7);
  // Sizes that force the table to grow between queries, then reuse it for small ones: a slot
  // left over from an earlier query must not count in a later one.
  for (const adds of [5, 40, 3000, 12, 700, 1, 9000, 30]) {
    const rowids: number[] = [];
    // Few distinct values (many repeats), rowids up to 2^32 − 1, and neighbours that share low bits.
    for (let i = 0; i < adds; i++) {
      const kind = next();
      rowids.push(kind < 0.4 ? 1 + Math.floor(next() * 50) : kind < 0.7 ? Math.floor(next() * 0xffffffff) : 4096 * Math.floor(next() * 64));
    }
    const expected = new Map<number, number>();
    for (const r of rowids) expected.set(r, (expected.get(r) ?? 0) + 1);
    tally.start(rowids.length);
    for (const r of rowids) tally.add(r);
    const hits = tally.result();
    assert.deepEqual(pairsOf(hits), [...expected], `query of ${adds}`);
    assert.equal(hits.counts.length, expected.size);
  }
});

test('top ranks by keys held, then earlier rowid, drops those below the minimum, and keeps the limit', () => {
  const tally = new RowidTally();
  const adds = [9, 3, 9, 7, 3, 9, 5, 7, 3, 11];
  tally.start(adds.length);
  for (const r of adds) tally.add(r);
  const hits = tally.result();
  // counts: 9 → 3, 3 → 3, 7 → 2, 5 → 1, 11 → 1
  assert.deepEqual(hits.top(2, 10), [
    { rowid: 3, shared: 3 },
    { rowid: 9, shared: 3 },
    { rowid: 7, shared: 2 },
  ]);
  assert.deepEqual(hits.top(1, 4).map((h) => h.rowid), [3, 9, 7, 5]);
  assert.deepEqual(hits.top(4, 10), []);
});

test('top agrees with sorting every qualifying rowid, for any limit and minimum', () => {
  const next = random(11);
  const tally = new RowidTally();
  for (let round = 0; round < 30; round++) {
    const adds = Array.from({ length: 1 + Math.floor(next() * 400) }, () => 1 + Math.floor(next() * 120));
    tally.start(adds.length);
    for (const r of adds) tally.add(r);
    const hits = tally.result();
    const pairs = pairsOf(hits);
    for (const [minShared, limit] of [[1, 8], [2, 8], [3, 1], [1, 0], [2, 1000]]) {
      const expected = pairs
        .filter(([, n]) => n >= minShared)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([rowid, shared]) => ({ rowid, shared }));
      assert.deepEqual(hits.top(minShared, limit), expected, `round ${round}, min ${minShared}, limit ${limit}`);
    }
  }
});
