import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { openStore } from '../../src/store/sqlite/index.ts';
import { MAX_POSTINGS_PER_BAND, MAX_POSTINGS_PER_COPY_KEY, Postings, bandKeyId, copyKeyId, decodeRowids, encodeRowids } from '../../src/store/sqlite/postings.ts';
import type { KeyHits } from '../../src/store/sqlite/key-hits.ts';
import { scratchDir } from '../helpers.ts';

/** One article's keys appended, as the store appends a batch. */
const addOne = (postings: Postings, rowid: number, bandKeys: string[], copyKeys: string[]) => postings.addBatch([{ rowid, bandKeys, copyKeys }]);

/** rowid → keys held, from a copy-key look-up. */
const countsOf = (hits: KeyHits) => new Map(Array.from(hits.rowids, (rowid, i) => [rowid, hits.counts[i]]));

function freshPostings(): { db: Database.Database; postings: Postings } {
  const db = new Database(path.join(scratchDir(), 'p.sqlite'));
  db.exec('CREATE TABLE band_posting (key INTEGER PRIMARY KEY, rowids BLOB NOT NULL); CREATE TABLE copy_posting (key INTEGER PRIMARY KEY, rowids BLOB NOT NULL);');
  return { db, postings: new Postings(db) };
}

test('rowids survive the blob round trip, including bytes 0x00 and 0xff', () => {
  const rowids = [1, 255, 256, 0x00ff00ff, 0xffffffff, 65536, 0];
  assert.deepEqual(decodeRowids(encodeRowids(rowids)), rowids);
});

test('appended postings keep arrival order, byte-exact, and stop at the cap', () => {
  const { db, postings } = freshPostings();
  const rowids = Array.from({ length: MAX_POSTINGS_PER_COPY_KEY + 6 }, (_, i) => (i % 2 ? 0x00ff00ff + i : 256 * i + 1));
  db.transaction(() => {
    for (const rowid of rowids) addOne(postings, rowid, [], ['c1:abc']);
  })();
  const { hits, holders } = postings.copyKeyHits(['c1:abc', 'c1:zzz']);
  assert.deepEqual([...hits.rowids], rowids.slice(0, MAX_POSTINGS_PER_COPY_KEY));
  assert.ok(hits.counts.every((n) => n === 1));
  // Holders per key: the full list's length; a key nobody holds is absent.
  assert.deepEqual([...holders], [['c1:abc', MAX_POSTINGS_PER_COPY_KEY]]);
});

test('a batch appends as its articles would one by one: arrival order, the cap reached inside the batch, held lists and the table alike', () => {
  const cap = MAX_POSTINGS_PER_COPY_KEY;
  const articles = Array.from({ length: cap + 5 }, (_, i) => ({
    rowid: 10 + i,
    bandKeys: i % 3 === 0 ? ['0:a.b.'] : ['1:c.d.', '0:a.b.'],
    // c1:full passes the cap inside the batch; c1:odd has every other article; c1:held is read
    // (held) first; c1:part has a stored row, not held, three short of the cap (the SQL keeps the cap).
    copyKeys: ['c1:full', ...(i % 2 ? ['c1:odd'] : []), 'c1:held', 'c1:full', 'c1:part'],
  }));
  const stored = Array.from({ length: cap - 3 }, (_, i) => 2 + i);
  const one = freshPostings();
  const batched = freshPostings();
  for (const { db, postings } of [one, batched]) {
    db.transaction(() => {
      addOne(postings, 1, [], ['c1:held']);
      for (const rowid of stored) addOne(postings, rowid, [], ['c1:part']);
    })();
    postings.copyKeyHits(['c1:held']); // now held in memory
  }
  one.db.transaction(() => {
    for (const a of articles) addOne(one.postings, a.rowid, a.bandKeys, a.copyKeys);
  })();
  batched.db.transaction(() => batched.postings.addBatch(articles))();
  const rowsOf = (db: Database.Database, table: string) =>
    (db.prepare(`SELECT key, rowids FROM ${table} ORDER BY key`).all() as Array<{ key: number; rowids: Uint8Array }>).map((r) => [r.key, decodeRowids(r.rowids)]);
  for (const table of ['copy_posting', 'band_posting']) assert.deepEqual(rowsOf(batched.db, table), rowsOf(one.db, table), table);
  const full = new Map(rowsOf(batched.db, 'copy_posting') as Array<[number, number[]]>);
  assert.deepEqual(full.get(copyKeyId('c1:full')), articles.slice(0, cap).map((a) => a.rowid));
  assert.deepEqual(full.get(copyKeyId('c1:held')), [1, ...articles.slice(0, cap - 1).map((a) => a.rowid)]);
  assert.deepEqual(full.get(copyKeyId('c1:odd')), articles.filter((_, i) => i % 2).map((a) => a.rowid));
  assert.deepEqual(full.get(copyKeyId('c1:part')), [...stored, ...articles.slice(0, 3).map((a) => a.rowid)]);
  // The held list took the same appends as the row, no more than the cap.
  batched.db.prepare('DELETE FROM copy_posting').run();
  assert.deepEqual([...batched.postings.copyKeyHits(['c1:held']).hits.rowids], [1, ...articles.slice(0, cap - 1).map((a) => a.rowid)]);
});

test('full lists are served from memory; lists below the cap are read again and see new postings', () => {
  const { db, postings } = freshPostings();
  const full = Array.from({ length: MAX_POSTINGS_PER_COPY_KEY }, (_, i) => i + 1);
  db.transaction(() => {
    for (const rowid of full) addOne(postings, rowid, [], ['c1:f']);
    addOne(postings, 500, [], ['c1:p']);
  })();
  assert.deepEqual(Object.fromEntries(countsOf(postings.copyKeyHits(['c1:f', 'c1:p']).hits)), Object.fromEntries([...full, 500].map((r) => [r, 1])));
  // The full list no longer needs the table (it cannot change): take the row away to prove it.
  db.prepare('DELETE FROM copy_posting WHERE key = ?').run(copyKeyId('c1:f'));
  db.transaction(() => {
    addOne(postings, 900, [], ['c1:f', 'c1:p']);
  })();
  const { hits } = postings.copyKeyHits(['c1:f', 'c1:p']);
  assert.deepEqual([...hits.rowids].sort((a, b) => a - b), [...full, 500, 900]);
  assert.equal(countsOf(hits).get(900), 1, 'the append to the full list was skipped, the one to the open list kept');
  // A fresh reader (another process) sees what was stored.
  assert.deepEqual([...new Postings(db).copyKeyHits(['c1:p']).hits.rowids], [500, 900]);
});

test('held lists follow appends made here, keys found absent included, and are dropped when another connection commits', () => {
  const { db, postings } = freshPostings();
  db.transaction(() => addOne(postings, 1, [], ['c1:a']))();
  const hitsOf = (p: Postings, keys: string[]) => [...p.copyKeyHits(keys).hits.rowids].sort((x, y) => x - y);
  assert.deepEqual(hitsOf(postings, ['c1:a', 'c1:b']), [1]); // c1:a read and held, c1:b held as absent
  db.transaction(() => addOne(postings, 2, [], ['c1:a', 'c1:b']))();
  // Served from memory: take the rows away to prove it; the appends reached the held lists.
  db.prepare('DELETE FROM copy_posting').run();
  assert.deepEqual(hitsOf(postings, ['c1:a']), [1, 2]);
  assert.deepEqual(hitsOf(postings, ['c1:b']), [2]);
  // Another connection appends (and commits): this one's held lists are no longer the rows.
  const other = new Database(db.name);
  const otherPostings = new Postings(other);
  other.transaction(() => addOne(otherPostings, 3, [], ['c1:a', 'c1:c']))();
  other.close();
  assert.deepEqual(hitsOf(postings, ['c1:a', 'c1:c']), [3], 'read again: the rows as they are now');
  // After a failed write the store calls forget(): the next look-up reads the table.
  db.transaction(() => addOne(postings, 4, [], ['c1:a']))();
  postings.forget();
  db.prepare('DELETE FROM copy_posting').run();
  assert.deepEqual(hitsOf(postings, ['c1:a']), []);
});

test('copy-key hits count the keys each article shares; band holders are distinct', () => {
  const { db, postings } = freshPostings();
  db.transaction(() => {
    addOne(postings, 1, ['0:a.b.', '1:c.d.'], ['c1:1', 'c1:2', 'c1:3']);
    addOne(postings, 2, ['0:a.b.'], ['c1:2', 'c1:9']);
  })();
  const { hits, holders } = postings.copyKeyHits(['c1:1', 'c1:2', 'c1:3']);
  assert.deepEqual(Object.fromEntries(countsOf(hits)), { 1: 3, 2: 1 });
  assert.deepEqual(Object.fromEntries(holders), { 'c1:1': 1, 'c1:2': 2, 'c1:3': 1 });
  assert.deepEqual(postings.bandHolders(['0:a.b.', '1:c.d.']).sort(), [1, 2]);
  assert.deepEqual(postings.bandHolders(['9:x.y.']), []);
});

test('key ids: copy keys read their base-36 number, band keys hash to distinct safe integers', () => {
  assert.equal(copyKeyId('c1:zz'), 35 * 36 + 35);
  assert.throws(() => copyKeyId('c1:'), /not a copy key/);
  const ids = new Set<number>();
  for (let b = 0; b < 16; b++) for (let v = 0; v < 500; v++) ids.add(bandKeyId(`${b}:${v.toString(36)}.${(v * 7).toString(36)}.`));
  assert.equal(ids.size, 16 * 500);
  for (const id of ids) assert.ok(Number.isSafeInteger(id) && id >= 0);
});

test('a v3 database is migrated: one-row-per-posting tables become packed lists, first holders first', async () => {
  const file = path.join(scratchDir(), 'v3.sqlite');
  const db = new Database(file);
  for (const m of MIGRATIONS.filter((m) => m.version <= 3)) db.exec(m.sql);
  db.pragma('user_version = 3');
  const insertBand = db.prepare('INSERT INTO near_duplicate_band (band_key, article_rowid) VALUES (?, ?)');
  const insertKey = db.prepare('INSERT INTO copy_key (key, article_rowid) VALUES (?, ?)');
  for (let rowid = 70; rowid >= 1; rowid--) insertBand.run('3:q.r.', rowid);
  insertKey.run('c1:7', 5);
  insertKey.run('c1:7', 2);
  insertKey.run('c1:8', 5);
  db.close();

  const store = openStore(file);
  assert.equal(store.schemaVersion(), MIGRATIONS[MIGRATIONS.length - 1].version);
  const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
  assert.ok(!tables.includes('copy_key') && !tables.includes('near_duplicate_band'));
  const postings = new Postings(store.db);
  assert.deepEqual(Object.fromEntries(countsOf(postings.copyKeyHits(['c1:7', 'c1:8']).hits)), { 2: 1, 5: 2 });
  const holders = postings.bandHolders(['3:q.r.']);
  assert.equal(holders.length, MAX_POSTINGS_PER_BAND);
  assert.deepEqual(holders.slice(0, 3), [1, 2, 3]);
  await store.close();
});
