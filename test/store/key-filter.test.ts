import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { KeyFilter } from '../../src/store/sqlite/key-filter.ts';
import { Postings, POSTINGS_SCHEMA } from '../../src/store/sqlite/postings.ts';
import { scratchDir } from '../helpers.ts';

test('the key filter never forgets a key and rarely claims one it was not given, across its growth', () => {
  const filter = new KeyFilter();
  const added: number[] = [];
  // Band keys reach 2^52; copy keys are 32-bit. 300,000 keys: the filter grows by layers.
  for (let i = 0; i < 300_000; i++) added.push(i % 2 ? (i * 2654435761) % 2 ** 32 : Math.floor(i * 15_485_863.7) * 1_048_573);
  for (const key of added) filter.add(key);
  assert.equal(filter.size, added.length);
  for (const key of added) assert.ok(filter.mightHold(key), `forgot ${key}`);
  const given = new Set(added);
  let claimed = 0;
  let asked = 0;
  for (let i = 0; asked < 100_000; i++) {
    const key = 2 ** 40 + i * 7919;
    if (given.has(key)) continue;
    asked++;
    if (filter.mightHold(key)) claimed++;
  }
  assert.ok(claimed / asked < 0.05, `false positives ${(100 * claimed / asked).toFixed(2)}%`);
});

test('band look-ups through the filter find every holder, including keys added later here or by another connection', () => {
  const file = path.join(scratchDir(), 'postings.sqlite');
  const db = new Database(file);
  db.exec(POSTINGS_SCHEMA);
  const postings = new Postings(db, { bandFilterAfterLookups: 3 });
  const keys = Array.from({ length: 50 }, (_, i) => `band:${i}`);
  keys.forEach((key, i) => postings.addBatch([{ rowid: i + 1, bandKeys: [key], copyKeys: [] }]));
  const lookUp = (key: string) => postings.bandHolders([key, 'band:absent']);
  for (let round = 0; round < 3; round++) assert.deepEqual(lookUp('band:7'), [8]);
  assert.equal(postings.bandFilterLoaded, true);
  assert.deepEqual(lookUp('band:49'), [50]);
  assert.deepEqual(lookUp('band:absent'), []);
  postings.addBatch([{ rowid: 51, bandKeys: ['band:new', 'band:7'], copyKeys: [] }]);
  assert.deepEqual(lookUp('band:new'), [51], 'added by this connection after the filter was loaded');
  assert.deepEqual(lookUp('band:7').sort((a, b) => a - b), [8, 51]);
  // Another process appends a key this connection's filter has never seen.
  const other = new Database(file);
  new Postings(other).addBatch([{ rowid: 60, bandKeys: ['band:elsewhere'], copyKeys: [] }]);
  other.close();
  assert.deepEqual(lookUp('band:elsewhere'), [60]);
  db.close();
});
