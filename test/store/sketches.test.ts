import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/sqlite/index.ts';
import { SketchSlab } from '../../src/store/sketch-slab.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { prepareArticle } from '../../src/pipeline/prepare.ts';
import { DEFAULT_CLUSTER_PARAMS } from '../../src/cluster/features.ts';
import { initHashing } from '../../src/dedup/hash.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import { ROOT, scratchDir } from '../helpers.ts';
import { canonicalise } from '../../src/dedup/canonical.ts';
import { copyCandidateKeys } from '../../src/dedup/copies-keys.ts';
import { initCopyDetection } from '../../src/dedup/copies.ts';
import { Spinner, seededRandom } from '../../src/eval/spin-generator.ts';

const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `The ${topic} report number ${i} describes event ${topic}-${i * 7} in careful detail with unique wording ${topic}${i}.`).join(' ');

function writeJsonl(dir: string, name: string, records: object[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

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

test('near-duplicate candidates from memory match the stored rows after copies are relinked to an earlier original', async () => {
  await initHashing();
  const dir = scratchDir();
  const base = paragraph('flood', 12);
  const write = (name: string, records: object[]) => writeJsonl(dir, name, records);
  const db = path.join(dir, 'db.sqlite');
  const store = openStore(db);
  await ingest(store, readInputs([write('one.jsonl', [
    { id: 'late', text: base, published: '2020-01-03T00:00:00Z', source: 'late.com' },
    { id: 'later', text: base.replace('number 3', 'no. 3'), published: '2020-01-04T00:00:00Z', source: 'later.com' },
  ])]));
  // The earliest copy arrives in a later run, to the same store: both rows are relinked.
  await ingest(store, readInputs([write('two.jsonl', [{ id: 'early', text: base, published: '2020-01-01T00:00:00Z', source: 'early.com' }])]));
  const own = fingerprint(base);
  const near = { minhash: own.minhash, minJaccard: 0.7 };
  const refs = async (s: ReturnType<typeof openStore>) =>
    (await s.nearDuplicateCandidates(own.bands, near)).map(({ id, duplicateOf, storyId, publishedMs, ingestSeq }) => ({ id, duplicateOf, storyId, publishedMs, ingestSeq })).sort((a, b) => a.id.localeCompare(b.id));
  const warm = await refs(store);
  assert.deepEqual(warm.map((r) => [r.id, r.duplicateOf]), [['early', null], ['late', 'early'], ['later', 'early']]);
  // A copy arriving next still finds the earliest original through the remembered references.
  await ingest(store, readInputs([write('three.jsonl', [{ id: 'latest', text: base, published: '2020-01-09T00:00:00Z', source: 'latest.com' }])]));
  assert.equal((await store.getArticle('latest'))?.duplicateOf, 'early');
  const afterCopy = await refs(store);
  await store.close();
  const fresh = openStore(db);
  assert.deepEqual(await refs(fresh), afterCopy, 'what memory answered is what the rows say');
  await fresh.close();
});

test('the signature slab answers only for the rowid a slot holds now', () => {
  const slab = new SketchSlab(4, 3);
  const a = Uint32Array.of(1, 2, 3);
  slab.set(1, a);
  assert.equal(slab.jaccard(1, a), 1);
  assert.equal(slab.jaccard(1, Uint32Array.of(1, 9, 3)), 2 / 3);
  assert.equal(slab.jaccard(2, a), undefined, 'never stored');
  slab.set(5, Uint32Array.of(7, 8, 9)); // the same slot as rowid 1
  assert.equal(slab.jaccard(1, a), undefined, 'replaced, not mistaken for rowid 5');
  assert.equal(slab.jaccard(5, a), 0);
  slab.set(6, Uint32Array.of(1, 2));
  assert.equal(slab.jaccard(6, Uint32Array.of(1, 2)), undefined, 'a signature of another length is not kept');
  slab.clear();
  assert.equal(slab.jaccard(5, Uint32Array.of(7, 8, 9)), undefined);
});

test('references remembered by one connection are dropped when another connection relinks the rows', async () => {
  await initHashing();
  const dir = scratchDir();
  const base = paragraph('storm', 12);
  const write = (name: string, records: object[]) => writeJsonl(dir, name, records);
  const db = path.join(dir, 'db.sqlite');
  const first = openStore(db);
  await ingest(first, readInputs([write('one.jsonl', [{ id: 'late', text: base, published: '2020-01-03T00:00:00Z' }])]));
  const own = fingerprint(base);
  const near = { minhash: own.minhash, minJaccard: 0.7 };
  const links = async () => (await first.nearDuplicateCandidates(own.bands, near)).map((r) => [r.id, r.duplicateOf]).sort();
  assert.deepEqual(await links(), [['late', null]]);
  // Another process stores the earlier original: the row of "late" now points to it.
  const second = openStore(db);
  await ingest(second, readInputs([write('two.jsonl', [{ id: 'early', text: base, published: '2020-01-01T00:00:00Z' }])]));
  await second.close();
  assert.deepEqual(await links(), [['early', null], ['late', 'early']]);
  await first.close();
});

test('copy candidates from remembered references carry the spin score the rows hold after an original arrives', async () => {
  await initHashing();
  await initCopyDetection();
  const dir = scratchDir();
  const write = (name: string, records: object[]) => writeJsonl(dir, name, records);
  const sample = fs.readFileSync(path.join(ROOT, 'examples/sample/news-sample.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const original = sample.map((r) => r.text as string).find((t) => t.split(/\s+/).length > 300)!;
  const spun = new Spinner().spin(original, 0.3, seededRandom(7)).text;
  const keys = copyCandidateKeys(canonicalise(spun));
  const spinOf = async (s: ReturnType<typeof openStore>) => (await s.copyCandidates(keys, 8)).candidates.find((c) => c.id === 'spun')?.spinScore;
  const db = path.join(dir, 'db.sqlite');
  const store = openStore(db);
  await ingest(store, readInputs([write('one.jsonl', [{ id: 'spun', text: spun, published: '2020-01-05T00:00:00Z', source: 'copier.example' }])]));
  const alone = await spinOf(store);
  // The original arrives later but was published earlier: the stored copy's score is updated.
  await ingest(store, readInputs([write('two.jsonl', [{ id: 'original', text: original, published: '2020-01-01T00:00:00Z', source: 'wire.example' }])]));
  const fresh = openStore(db);
  const stored = await spinOf(fresh);
  await fresh.close();
  assert.ok(alone != null && stored != null && stored > alone, `spin ${alone} → ${stored}`);
  assert.equal(await spinOf(store), stored, 'memory answers what the row holds');
  await store.close();
});
