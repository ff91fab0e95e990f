/** The story page cache: revision checks, expiry, least-recently-used eviction. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoryPageCache } from '../../src/server/story-cache.ts';

test('a page is served while its story keeps its revision, and not after it changes or expires', () => {
  let now = 0;
  const cache = new StoryPageCache({ capacity: 10, ttlMs: 1000 }, () => now);
  cache.set('1:50', 'r1', 'page one');
  assert.equal(cache.get('1:50', 'r1'), 'page one');
  assert.equal(cache.get('1:50', 'r2'), undefined, 'a new revision misses');
  assert.equal(cache.get('1:50', 'r1'), undefined, 'and the stale page is gone');
  cache.set('1:50', 'r2', 'page two');
  now = 1001;
  assert.equal(cache.get('1:50', 'r2'), undefined, 'expired');
});

test('the least recently used page leaves first; capacity 0 keeps nothing', () => {
  const cache = new StoryPageCache({ capacity: 2, ttlMs: 60_000 });
  cache.set('a', 'r', 'A');
  cache.set('b', 'r', 'B');
  assert.equal(cache.get('a', 'r'), 'A');
  cache.set('c', 'r', 'C');
  assert.equal(cache.get('b', 'r'), undefined, 'b was least recently used');
  assert.equal(cache.get('a', 'r'), 'A');
  assert.equal(cache.get('c', 'r'), 'C');
  const off = new StoryPageCache({ capacity: 0, ttlMs: 60_000 });
  off.set('a', 'r', 'A');
  assert.equal(off.size, 0);
});
