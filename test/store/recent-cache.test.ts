import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentCache } from '../../src/store/recent-cache.ts';

test('the recent cache keeps what is used, forgets what is not, and never holds more than its capacity', () => {
  const cache = new RecentCache<number, string>(10);
  for (let i = 0; i < 5; i++) cache.set(i, `v${i}`);
  // 0..4 filled the young half and aged; keep 0 in use while 5..14 arrive.
  for (let i = 5; i < 15; i++) {
    assert.equal(cache.get(0), 'v0', `entry 0 survives while used (after ${i})`);
    cache.set(i, `v${i}`);
  }
  assert.equal(cache.get(1), undefined, 'entry 1, never used again, is gone');
  assert.equal(cache.get(14), 'v14');
  let held = 0;
  for (let i = 0; i < 15; i++) if (cache.get(i) !== undefined) held++;
  assert.ok(held <= 10, `holds ${held}`);
});

test('clear empties both generations', () => {
  const cache = new RecentCache<string, number>(4);
  for (const [i, k] of ['a', 'b', 'c'].entries()) cache.set(k, i);
  cache.clear();
  assert.deepEqual(['a', 'b', 'c'].map((k) => cache.get(k)), [undefined, undefined, undefined]);
});
