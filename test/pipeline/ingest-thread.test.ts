import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/sqlite/index.ts';
import { ingest, StrictModeError } from '../../src/pipeline/ingest.ts';
import { ingestInThread } from '../../src/pipeline/ingest-thread.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import { scratchDir } from '../helpers.ts';

const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `The ${topic} report number ${i} describes event ${topic}-${i * 7} in careful detail with unique wording ${topic}${i}.`).join(' ');

function writeInput(dir: string): string {
  const file = path.join(dir, 'mixed.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 450; i++) {
    // Three topics, copies among them, and two bad records in the middle.
    const topic = ['flood', 'election', 'volcano'][i % 3];
    lines.push(JSON.stringify({ id: `a${i}`, title: `${topic} news ${i % 5}`, text: paragraph(topic, 4 + (i % 4)), published: `2021-03-${String(1 + (i % 20)).padStart(2, '0')}T10:00:00Z`, source: `s${i % 7}.com` }));
    if (i === 200) lines.push('{"id": "broken"');
    if (i === 300) lines.push(JSON.stringify({ id: 'notext', title: 'no body' }));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function snapshot(dbPath: string) {
  const store = openStore(dbPath);
  const stories = await store.listStories({ limit: 1000 });
  const articles = await Promise.all(['a0', 'a1', 'a2', 'a449'].map((id) => store.getArticle(id)));
  await store.close();
  return { stories: stories.map((s) => [s.id, s.articleCount, s.label]), articles: articles.map((a) => [a?.storyId, a?.duplicateOf, a?.spinScore]) };
}

test('ingest on its own thread stores exactly what in-process ingest stores, errors included', async () => {
  const dir = scratchDir();
  const file = writeInput(dir);
  const inProcessDb = path.join(dir, 'in.sqlite');
  const store = openStore(inProcessDb);
  // Same batch size on both sides: batches are ordered by publication time one at a time, so
  // another batch size is another processing order (and other first holders of shared keys).
  const expected = await ingest(store, readInputs([file]), { workers: 0, batchSize: 100 });
  await store.close();

  const threadDb = path.join(dir, 'thread.sqlite');
  let progressCalls = 0;
  const summary = await ingestInThread(threadDb, readInputs([file]), { workers: 0, batchSize: 100, onProgress: () => progressCalls++ });
  assert.equal(summary.read, expected.read);
  assert.equal(summary.added, 450);
  assert.equal(summary.duplicates, expected.duplicates);
  assert.equal(summary.storiesTouched.size, expected.storiesTouched.size);
  // Line 202: the broken JSON after record 200; line 303: the record without text after record 300.
  assert.deepEqual(summary.errors.map((e) => e.origin.line), [202, 303]);
  assert.deepEqual(summary.errors, expected.errors);
  assert.ok(progressCalls > 0);
  assert.deepEqual(await snapshot(threadDb), await snapshot(inProcessDb));

  // Re-running adds nothing.
  const again = await ingestInThread(threadDb, readInputs([file]), { workers: 0 });
  assert.equal(again.added, 0);
  assert.equal(again.alreadyStored, 450);
});

test('strict mode on the ingest thread fails with the first bad record, nothing of its batch stored', async () => {
  const dir = scratchDir();
  const file = writeInput(dir);
  const db = path.join(dir, 'strict.sqlite');
  await assert.rejects(ingestInThread(db, readInputs([file]), { workers: 0, strict: true, batchSize: 1000 }), (err: Error) => err instanceof StrictModeError && /mixed\.jsonl:202/.test(err.message));
  const store = openStore(db);
  assert.equal((await store.counts()).articles, 0);
  await store.close();
});
