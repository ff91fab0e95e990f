import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { openStore } from '../../src/store/sqlite/index.ts';
import { scratchDir } from '../helpers.ts';

/** A database as an older Storyline left it: migrations up to `version` only. */
function databaseAt(file: string, version: number): Database.Database {
  const db = new Database(file);
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(m.sql);
    m.run?.(db);
  }
  db.pragma(`user_version = ${version}`);
  return db;
}

test('v6 reorders the article columns and keeps every value, rowid, index, full-text entry and facet trigger', async () => {
  const file = path.join(scratchDir(), 'v5.sqlite');
  const db = databaseAt(file, 5);
  const row = {
    id: 'a1', input_id: 'in1', url: 'https://example.org/a', source: 'example.org', title: 'Flood in the valley',
    published: '2021-05-01T00:00:00.000Z', published_ms: Date.parse('2021-05-01T00:00:00.000Z'), language: 'en',
    text: 'The river rose overnight and the valley flooded.', raw: '{"id":"in1"}', origin: '{"file":"x.jsonl","line":3}',
    content_hash: 'abc', duplicate_of: 'a0', story_id: 7, ingest_seq: 12, boilerplate: '[{"start":0,"end":3,"kind":"template"}]',
    annotations: '{"entities":[{"canonical":"River","type":"PLACE"}],"places":[],"dates":[]}', copied_from: '[]', spin_score: 0.25,
    minhash: Buffer.from([1, 2, 3, 4]),
  };
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO article (rowid, ${columns.join(', ')}) VALUES (42, ${columns.map((c) => '@' + c).join(', ')})`).run(row);
  db.prepare('INSERT INTO article_fts (rowid, title, text) VALUES (42, ?, ?)').run(row.title, row.text);
  db.close();

  const store = openStore(file);
  assert.equal(store.schemaVersion(), MIGRATIONS[MIGRATIONS.length - 1].version);
  const migrated = store.db.prepare('SELECT rowid, * FROM article').get() as Record<string, unknown>;
  assert.equal(migrated.rowid, 42);
  for (const c of columns) assert.deepEqual(migrated[c], row[c as keyof typeof row], c);
  // The hot columns come before the text in the new row.
  const order = (store.db.prepare("SELECT name FROM pragma_table_info('article')").all() as Array<{ name: string }>).map((r) => r.name);
  assert.ok(order.indexOf('minhash') < order.indexOf('text') && order.indexOf('spin_score') < order.indexOf('raw'));
  const indexes = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'article'").all() as Array<{ name: string }>).map((r) => r.name);
  for (const name of ['article_content_hash', 'article_source', 'article_url', 'article_story_cover']) assert.ok(indexes.includes(name), name);
  assert.deepEqual((await store.search('valley', 5)).map((h) => h.id), ['a1'], 'full-text search still finds it');
  // The facet triggers are back: an annotation update rewrites the facets.
  store.db.prepare(`UPDATE article SET annotations = '{"entities":[{"canonical":"Valley Council","type":"ORG"}],"places":[],"dates":[]}' WHERE id = 'a1'`).run();
  assert.deepEqual(store.db.prepare('SELECT kind, key FROM article_facet WHERE article_rowid = 42').all(), [{ kind: 'entity', key: 'Valley Council' }]);
  await store.close();
});

test('v7 lets the full-text index buffer more than its 1 MiB default before writing a segment, on new and migrated databases', async () => {
  const hashsize = (db: Database.Database) => Number((db.prepare("SELECT v FROM article_fts_config WHERE k = 'hashsize'").get() as { v: number } | undefined)?.v ?? 0);
  const FTS5_DEFAULT = 1024 * 1024;
  const fresh = openStore(path.join(scratchDir(), 'new.sqlite'));
  assert.ok(hashsize(fresh.db) > FTS5_DEFAULT);
  await fresh.close();

  const file = path.join(scratchDir(), 'v6.sqlite');
  const db = databaseAt(file, 6);
  assert.equal(hashsize(db), 0, 'a v6 database has no setting');
  db.close();
  const migrated = openStore(file);
  assert.ok(hashsize(migrated.db) > FTS5_DEFAULT);
  await migrated.close();
});

test('v8 keys copy edges by article rowids and keeps every edge readable by article id, both ways', async () => {
  const file = path.join(scratchDir(), 'v7.sqlite');
  const db = databaseAt(file, 7);
  const insert = db.prepare(`INSERT INTO article (rowid, id, text, raw, origin, content_hash, ingest_seq) VALUES (?, ?, 'text', '{}', '{}', ?, ?)`);
  // Rowids out of id order, and an edge from an older row to a newer one.
  insert.run(5, 'wire-1', 'h1', 1);
  insert.run(9, 'copy-2', 'h2', 2);
  insert.run(7, 'copy-3', 'h3', 3);
  const edge = db.prepare('INSERT INTO copy_edge (article_id, source_id, share, spun, passages) VALUES (?, ?, ?, ?, ?)');
  const passages = [{ start: 0, end: 4, sourceStart: 10, sourceEnd: 14 }];
  edge.run('copy-2', 'wire-1', 0.9, 0, JSON.stringify(passages));
  edge.run('copy-3', 'wire-1', 0.4, 1, '[]');
  edge.run('wire-1', 'copy-3', 0.1, 0, '[]');
  // Two sources at the same share, their rowids in the opposite order of their ids.
  insert.run(20, 'src-b', 'h4', 4);
  insert.run(21, 'src-a', 'h5', 5);
  insert.run(22, 'tied', 'h6', 6);
  edge.run('tied', 'src-b', 0.5, 0, '[]');
  edge.run('tied', 'src-a', 0.5, 0, '[]');
  db.close();

  const store = openStore(file);
  assert.equal(store.schemaVersion(), MIGRATIONS[MIGRATIONS.length - 1].version);
  const columns = (store.db.prepare("SELECT name FROM pragma_table_info('copy_edge')").all() as Array<{ name: string }>).map((r) => r.name);
  assert.deepEqual(columns.slice(0, 2), ['article_rowid', 'source_rowid']);
  assert.deepEqual(store.db.prepare('SELECT article_rowid, source_rowid FROM copy_edge ORDER BY 1, 2').raw().all(), [[5, 7], [7, 5], [9, 5], [22, 20], [22, 21]]);
  const plan = (store.db.prepare('EXPLAIN QUERY PLAN SELECT article_rowid FROM copy_edge WHERE source_rowid = 5').all() as Array<{ detail: string }>).map((r) => r.detail).join(' ');
  assert.match(plan, /copy_edge_source/, 'copies of an article are found through the source index');
  // Ties in share list their sources in id order, whatever the rowids.
  assert.deepEqual((await store.getArticle('tied'))?.copiedFrom.map((c) => c.id), ['src-a', 'src-b']);
  assert.deepEqual((await store.copyEdges(['tied'])).map((e) => e.sourceId), ['src-a', 'src-b']);
  const copy2 = await store.getArticle('copy-2');
  assert.deepEqual(copy2?.copiedFrom, [{ id: 'wire-1', share: 0.9, spun: false, passages }]);
  const edges = await store.copyEdges(['wire-1']);
  assert.deepEqual(edges.map((e) => `${e.articleId}<${e.sourceId}:${e.spun}`).sort(), ['copy-2<wire-1:false', 'copy-3<wire-1:true', 'wire-1<copy-3:false']);
  await store.close();
});
