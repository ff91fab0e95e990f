/**
 * Entity and place facets are written by the store from the annotations it inserts (schema
 * v5 dropped the insert trigger); what lands in article_facet must be exactly what the
 * stored annotations JSON says, and a later annotation update still goes through the
 * update trigger.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openStore } from '../../src/store/sqlite/index.ts';
import { runCli, scratchDir } from '../helpers.ts';

const SAMPLE = path.join(import.meta.dirname, '..', '..', 'examples', 'sample', 'news-sample.jsonl');

type FacetRow = { kind: string; key: string; article_rowid: number; detail: string | null };

test('facets after ingest equal the projection of the stored annotations', async () => {
  const db = path.join(scratchDir(), 'facets.db');
  const ingest = runCli(['ingest', SAMPLE, '--db', db]);
  assert.equal(ingest.status, 0, ingest.stderr);
  const store = openStore(db);
  const order = 'ORDER BY article_rowid, kind, key COLLATE BINARY';
  const stored = store.db.prepare(`SELECT kind, key, article_rowid, detail FROM article_facet ${order}`).all() as FacetRow[];
  // The rows the v3 trigger wrote, first mention of each key deciding the detail.
  const expected: FacetRow[] = [];
  for (const row of store.db.prepare('SELECT rowid, annotations FROM article WHERE annotations IS NOT NULL ORDER BY rowid').all() as Array<{ rowid: number; annotations: string }>) {
    const annotations = JSON.parse(row.annotations);
    const seen = new Set<string>();
    for (const e of annotations.entities) {
      const k = `entity\u0000${e.canonical.toLowerCase()}`;
      if (!seen.has(k)) expected.push({ kind: 'entity', key: e.canonical, article_rowid: row.rowid, detail: e.type });
      seen.add(k);
    }
    for (const p of annotations.places) {
      const k = `place\u0000${p.name.toLowerCase()}`;
      if (!seen.has(k)) expected.push({ kind: 'place', key: p.name, article_rowid: row.rowid, detail: p.country ?? null });
      seen.add(k);
    }
  }
  const sort = (rows: FacetRow[]) => [...rows].sort((a, b) => a.article_rowid - b.article_rowid || a.kind.localeCompare(b.kind) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  assert.ok(expected.length > 100, `only ${expected.length} facets in the sample`);
  assert.deepEqual(sort(stored), sort(expected));

  // Rewriting an article's annotations in SQL replaces its facets (the update trigger).
  const rowid = stored[0].article_rowid;
  store.db.prepare('UPDATE article SET annotations = ? WHERE rowid = ?').run(
    JSON.stringify({ entities: [{ start: 0, end: 3, text: 'ACME', type: 'ORG', canonical: 'Acme Corp' }], places: [], dates: [] }),
    rowid,
  );
  assert.deepEqual(store.db.prepare('SELECT kind, key, detail FROM article_facet WHERE article_rowid = ?').all(rowid), [{ kind: 'entity', key: 'Acme Corp', detail: 'ORG' }]);
  await store.close();
});
