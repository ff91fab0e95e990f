import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/sqlite/index.ts';
import type { BatchWrite, NewArticle } from '../../src/store/types.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import { scratchDir } from '../helpers.ts';

function article(id: string): NewArticle {
  return {
    id,
    inputId: id,
    url: null,
    source: 'example.org',
    title: `Title ${id}`,
    published: '2021-01-01T00:00:00.000Z',
    publishedMs: Date.parse('2021-01-01T00:00:00.000Z'),
    language: 'en',
    text: `Text of ${id}.`,
    raw: '{}',
    origin: { file: 'test' },
    contentHash: `hash-${id}`,
    duplicateOf: null,
    storyId: null,
    boilerplate: [],
    annotations: null,
    spinScore: null,
    copyKeys: [],
    minhash: null,
    nearDuplicateKeys: [],
  } as NewArticle;
}

function batch(ids: string[]): BatchWrite {
  return { articles: ids.map(article), stories: [], duplicateRelinks: [], dfDeltas: new Map(), docCountDelta: ids.length, nextStoryId: 1 };
}

test('grouped batches are visible to the writer at once and to other readers only after the flush', async () => {
  const db = path.join(scratchDir(), 'g.sqlite');
  const writer = openStore(db);
  const reader = openStore(db);
  await writer.groupWrites(true);
  await writer.commitBatch(batch(['a1', 'a2']));
  await writer.commitBatch(batch(['a3']));
  assert.equal((await writer.counts()).articles, 3);
  assert.equal((await reader.counts()).articles, 0, 'nothing durable yet');
  await writer.flushWrites();
  assert.equal((await reader.counts()).articles, 3);
  await writer.commitBatch(batch(['a4']));
  assert.equal((await reader.counts()).articles, 3);
  await writer.groupWrites(false);
  assert.equal((await reader.counts()).articles, 4, 'turning grouping off flushes');
  await writer.commitBatch(batch(['a5']));
  assert.equal((await reader.counts()).articles, 5, 'ungrouped batches commit alone');
  await writer.close();
  await reader.close();
});

test('a failing batch inside a group is rolled back alone; the batches before it are kept', async () => {
  const db = path.join(scratchDir(), 'g.sqlite');
  const store = openStore(db);
  await store.groupWrites(true);
  await store.commitBatch(batch(['b1']));
  // The same id twice violates the UNIQUE constraint halfway through the batch.
  await assert.rejects(store.commitBatch(batch(['b2', 'b2'])));
  await store.commitBatch(batch(['b3']));
  await store.close();
  const again = openStore(db);
  const ids = [];
  for await (const a of again.iterateArticles()) ids.push(a.id);
  assert.deepEqual(ids, ['b1', 'b3']);
  await again.close();
});

test('an ingest that stops at a bad record in strict mode keeps the batches grouped before it', async () => {
  const dir = scratchDir();
  const file = path.join(dir, 'in.jsonl');
  const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ id: `r${i}`, title: `t${i}`, text: `Article number ${i} says something of its own, ${'word '.repeat(i)}.` }));
  // A record without text fails in preparation, after the twenty before it were prepared.
  lines.splice(20, 0, JSON.stringify({ id: 'notext', title: 'no body' }));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const db = path.join(dir, 's.sqlite');
  const store = openStore(db);
  await assert.rejects(ingest(store, readInputs([file]), { workers: 0, strict: true, batchSize: 5, commitEvery: 3 }));
  // Four batches of five were processed before line 21 failed; the fourth was in an open
  // group, which the failed ingest committed (another connection sees all twenty, as when
  // each batch was committed alone).
  const reader = openStore(db);
  assert.equal((await reader.counts()).articles, 20);
  await reader.close();
  await store.close();
});
