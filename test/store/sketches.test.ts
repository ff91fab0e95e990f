import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/sqlite/index.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { prepareArticle } from '../../src/pipeline/prepare.ts';
import { DEFAULT_CLUSTER_PARAMS } from '../../src/cluster/features.ts';
import { initHashing } from '../../src/dedup/hash.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import { scratchDir } from '../helpers.ts';

const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `The ${topic} report number ${i} describes event ${topic}-${i * 7} in careful detail with unique wording ${topic}${i}.`).join(' ');

function fingerprint(text: string) {
  const result = prepareArticle({ input: { text }, origin: { file: 'test' }, raw: text }, { clusterParams: DEFAULT_CLUSTER_PARAMS });
  if (!('article' in result)) throw new Error(result.error.reason);
  return { minhash: result.article.minhash, bands: result.article.nearDuplicateKeys };
}

test('near-duplicate candidates: holders whose stored signature is known to be far are left out, unknown ones kept', async () => {
  await initHashing();
  const dir = scratchDir();
  const file = path.join(dir, 'in.jsonl');
  const stored = paragraph('flood', 12);
  fs.writeFileSync(file, JSON.stringify({ id: 'flood', text: stored, published: '2020-01-01T00:00:00Z' }) + '\n');
  const db = path.join(dir, 'db.sqlite');
  const store = openStore(db);
  await ingest(store, readInputs([file]));
  const own = fingerprint(stored);
  const far = fingerprint(paragraph('harvest', 12));
  const ids = async (s: ReturnType<typeof openStore>, near?: { minhash: Uint32Array; minJaccard: number }) =>
    (await s.nearDuplicateCandidates(own.bands, near)).map((r) => r.id);
  assert.deepEqual(await ids(store), ['flood']);
  assert.deepEqual(await ids(store, { minhash: own.minhash, minJaccard: 0.7 }), ['flood']);
  // The signature was remembered when the batch committed: the far query needs no row.
  assert.deepEqual(await ids(store, { minhash: far.minhash, minJaccard: 0.7 }), []);
  await store.close();
  // Another process knows no signature yet: every holder comes back for the caller to check.
  const fresh = openStore(db);
  assert.deepEqual(await ids(fresh, { minhash: far.minhash, minJaccard: 0.7 }), ['flood']);
  assert.deepEqual(await ids(fresh, { minhash: far.minhash, minJaccard: 0.7 }), [], 'the row read taught it the signature');
  await fresh.close();
});
