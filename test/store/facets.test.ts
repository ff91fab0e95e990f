/**
 * Entity and place facets are written by the store from the annotations it inserts (schema
 * v5 dropped the insert trigger); what lands in article_facet must be exactly what the
 * stored annotations JSON says, and a later annotation update still goes through the
 * update trigger.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { openStore } from '../../src/store/sqlite/index.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import { runCli, scratchDir } from '../helpers.ts';

const SAMPLE = path.join(import.meta.dirname, '..', '..', 'examples', 'sample', 'news-sample.jsonl');

type FacetRow = { kind: string; key: string; article_rowid: number; detail: string | null };

const ORDER = 'ORDER BY article_rowid, kind, key COLLATE BINARY';

/** The stored facet rows, and the rows the v3 trigger would have written from the stored annotations. */
function storedAndProjected(store: ReturnType<typeof openStore>): { stored: FacetRow[]; expected: FacetRow[] } {
  const stored = store.db.prepare(`SELECT kind, key, article_rowid, detail FROM article_facet ${ORDER}`).all() as FacetRow[];
  // The trigger's own backfill query, run into a scratch table.
  store.db.exec(`CREATE TEMP TABLE expected_facet (kind TEXT NOT NULL, key TEXT NOT NULL COLLATE NOCASE, article_rowid INTEGER NOT NULL, detail TEXT,
    PRIMARY KEY (kind, key, article_rowid)) WITHOUT ROWID`);
  const v3 = MIGRATIONS.find((m) => m.version === 3)!.sql;
  const backfill = v3.slice(v3.lastIndexOf('END;') + 'END;'.length).replaceAll('INTO article_facet', 'INTO expected_facet');
  assert.match(backfill, /INSERT OR IGNORE INTO expected_facet/);
  store.db.exec(backfill);
  const expected = store.db.prepare(`SELECT kind, key, article_rowid, detail FROM expected_facet ${ORDER}`).all() as FacetRow[];
  store.db.exec('DROP TABLE expected_facet');
  return { stored, expected };
}

test('facets after ingest equal the projection of the stored annotations', async () => {
  const db = path.join(scratchDir(), 'facets.db');
  const ingest = runCli(['ingest', SAMPLE, '--db', db]);
  assert.equal(ingest.status, 0, ingest.stderr);
  const store = openStore(db);
  const { stored, expected } = storedAndProjected(store);
  assert.ok(expected.length > 100, `only ${expected.length} facets in the sample`);
  assert.deepEqual(stored, expected);

  // Rewriting an article's annotations in SQL replaces its facets (the update trigger).
  const rowid = stored[0].article_rowid;
  store.db.prepare('UPDATE article SET annotations = ? WHERE rowid = ?').run(
    JSON.stringify({ entities: [{ start: 0, end: 3, text: 'ACME', type: 'ORG', canonical: 'Acme Corp' }], places: [], dates: [] }),
    rowid,
  );
  assert.deepEqual(store.db.prepare('SELECT kind, key, detail FROM article_facet WHERE article_rowid = ?').all(rowid), [{ kind: 'entity', key: 'Acme Corp', detail: 'ORG' }]);
  await store.close();
});

test('a database from a newer Storyline is refused, not written without the parts it keeps in code', async () => {
  const file = path.join(scratchDir(), 'newer.db');
  const store = openStore(file);
  const newest = store.schemaVersion();
  store.db.pragma(`user_version = ${newest + 1}`);
  await store.close();
  assert.throws(() => openStore(file), new RegExp(`schema v${newest + 1} is newer than this Storyline`));
});

test('articles prepared on a worker store the same annotations and facets as articles prepared inline', async () => {
  const dir = scratchDir();
  const annotationsById = async (workers: number) => {
    const store = openStore(path.join(dir, `workers-${workers}.db`));
    // A worker posts annotations as JSON plus facet rows (src/store/facets.ts); inline they stay objects.
    await ingest(store, readInputs([SAMPLE]), { workers, workerThreshold: workers > 0 ? 1 : Infinity });
    const rows = store.db.prepare('SELECT id, annotations FROM article ORDER BY id').all() as Array<{ id: string; annotations: string | null }>;
    const { stored, expected } = storedAndProjected(store);
    assert.deepEqual(stored, expected, `facets with ${workers} workers`);
    await store.close();
    return { rows, facets: stored.length };
  };
  const inline = await annotationsById(0);
  const onWorker = await annotationsById(1);
  assert.ok(inline.rows.filter((r) => r.annotations !== null).length > 30);
  assert.deepEqual(onWorker.rows, inline.rows);
  assert.equal(onWorker.facets, inline.facets);
});
