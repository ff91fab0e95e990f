import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/store/sqlite/index.ts';
import { ingest, publicationOrder } from '../../src/pipeline/ingest.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import { collect, scratchDir } from '../helpers.ts';

const paragraph = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `The ${topic} report number ${i} describes event ${topic}-${i * 7} in careful detail with unique wording ${topic}${i}.`).join(' ');

function writeJsonl(dir: string, name: string, rows: object[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

async function storyOf(store: ReturnType<typeof openStore>, id: string) {
  return (await store.getArticle(id))?.storyId;
}

test('re-ingesting the same input adds no article and changes no story', async () => {
  const dir = scratchDir();
  const file = writeJsonl(dir, 'a.jsonl', [
    { id: 'a1', title: 'Volcano erupts in Iceland', text: paragraph('volcano', 6), published: '2021-03-20T10:00:00Z', source: 'a.com' },
    { id: 'a2', title: 'Election results in Peru', text: paragraph('election', 6), published: '2021-04-12T10:00:00Z', source: 'b.com' },
    { text: paragraph('undated', 5) },
  ]);
  const store = openStore(path.join(dir, 'db.sqlite'));
  const first = await ingest(store, readInputs([file]));
  assert.equal(first.added, 3);
  const before = JSON.stringify(await store.listStories({ limit: 100 }));
  const second = await ingest(store, readInputs([file]));
  assert.equal(second.added, 0);
  assert.equal(second.alreadyStored, 3);
  assert.equal((await store.counts()).articles, 3);
  assert.equal(JSON.stringify(await store.listStories({ limit: 100 })), before);
  await store.close();
});

test('exact and near duplicates point to the earliest published copy, even when it arrives later', async () => {
  const dir = scratchDir();
  const base = paragraph('flood', 12);
  const near = base.replace('number 3', 'no. 3').replace('careful detail', 'close detail');
  const store = openStore(path.join(dir, 'db.sqlite'));
  await ingest(store, readInputs([writeJsonl(dir, 'one.jsonl', [
    { id: 'late', text: base, published: '2020-01-03T00:00:00Z', source: 'late.com' },
    { id: 'near', text: near, published: '2020-01-04T00:00:00Z', source: 'near.com' },
  ])]));
  assert.equal((await store.getArticle('near'))?.duplicateOf, 'late');
  // The earliest copy arrives in a later run: every copy is relinked to it.
  const summary = await ingest(store, readInputs([writeJsonl(dir, 'two.jsonl', [
    { id: 'early', text: base, published: '2020-01-01T00:00:00Z', source: 'early.com' },
  ])]));
  assert.equal(summary.duplicates, 1);
  assert.equal((await store.getArticle('early'))?.duplicateOf, null);
  assert.equal((await store.getArticle('late'))?.duplicateOf, 'early');
  assert.equal((await store.getArticle('near'))?.duplicateOf, 'early');
  const story = await storyOf(store, 'late');
  assert.equal(await storyOf(store, 'early'), story);
  assert.equal(await storyOf(store, 'near'), story);
  // A different text is not a duplicate.
  await ingest(store, readInputs([writeJsonl(dir, 'three.jsonl', [{ id: 'other', text: paragraph('earthquake', 12) }])]));
  assert.equal((await store.getArticle('other'))?.duplicateOf, null);
  await store.close();
});

test('bad records are reported with their origin and the rest of the batch is stored', async () => {
  const dir = scratchDir();
  const file = path.join(dir, 'mixed.jsonl');
  fs.writeFileSync(
    file,
    [
      JSON.stringify({ id: 'ok1', text: paragraph('ok', 3) }),
      JSON.stringify({ id: 'notext', title: 'no body' }),
      JSON.stringify({ id: 'baddate', text: paragraph('date', 3), published: '2019-02-30' }),
      '{"id": "broken"',
      JSON.stringify({ id: 'ok2', text: paragraph('fine', 3) }),
    ].join('\n'),
  );
  const store = openStore(path.join(dir, 'db.sqlite'));
  const summary = await ingest(store, readInputs([file]));
  assert.equal(summary.added, 2);
  assert.deepEqual(
    summary.errors.map((e) => [e.origin.line, e.reason.slice(0, 14)]),
    [[2, 'missing text'], [3, 'impossible dat'], [4, 'malformed JSON']],
  );
  assert.ok(await store.getArticle('ok1'));
  assert.ok(await store.getArticle('ok2'));
  await store.close();
});

test('publication order is stable and keeps undated records after their predecessor', () => {
  const items = [
    { n: 'c', publishedMs: 30 },
    { n: 'u1', publishedMs: null },
    { n: 'a', publishedMs: 10 },
    { n: 'b', publishedMs: 20 },
    { n: 'u2', publishedMs: null },
  ];
  assert.deepEqual(publicationOrder(items).map((i) => i.n), ['a', 'b', 'u2', 'c', 'u1']);
});

test('story records: label is a member title, times span the members, sources counted', async () => {
  const dir = scratchDir();
  const text = paragraph('summit', 8);
  const store = openStore(path.join(dir, 'db.sqlite'));
  await ingest(store, readInputs([writeJsonl(dir, 's.jsonl', [
    { id: 's1', title: 'Leaders meet at summit', text, published: '2020-05-01T08:00:00Z', url: 'https://www.one.com/a' },
    { id: 's2', title: 'Summit opens', text: text + ' Extra closing line for the second outlet.', published: '2020-05-02T08:00:00Z', url: 'https://two.org/b' },
  ])]));
  const story = (await store.getStory((await storyOf(store, 's1'))!))!;
  assert.equal(await storyOf(store, 's2'), story.id);
  assert.ok(['Leaders meet at summit', 'Summit opens'].includes(story.label!));
  assert.equal(story.firstMs, Date.parse('2020-05-01T08:00:00Z'));
  assert.equal(story.lastMs, Date.parse('2020-05-02T08:00:00Z'));
  assert.equal(story.sourceCount, 2);
  const hits = await store.search('summit', 10);
  assert.ok(hits.length >= 1);
  assert.deepEqual(await store.search('"); DROP TABLE article; --', 5), []);
  assert.equal((await store.counts()).articles, 2);
  await store.close();
});

test('worker-thread preparation gives exactly the result of inline preparation', async () => {
  const dir = scratchDir();
  const topics = ['storm', 'court', 'market', 'vote', 'strike', 'fire', 'treaty', 'launch'];
  const rows = Array.from({ length: 600 }, (_, i) => ({
    id: `w${i}`,
    title: `${topics[i % 8]} news ${i % 50}`,
    text: paragraph(`${topics[i % 8]}${i % 50}`, 3) + (i % 9 === 0 ? '' : ` Item ${i}.`),
    published: new Date(Date.UTC(2021, 0, 1) + i * 600_000).toISOString(),
  }));
  const file = writeJsonl(dir, 'w.jsonl', rows);
  const results: Array<Map<string, string>> = [];
  for (const workers of [0, 1]) {
    const store = openStore(path.join(dir, `w${workers}.db`));
    const summary = await ingest(store, readInputs([file]), { workers, workerThreshold: 150 });
    assert.equal(summary.added, rows.length);
    const seen = new Map<string, string>();
    for await (const a of store.iterateArticles()) seen.set(a.id, `${a.storyId}|${a.duplicateOf}|${a.language}`);
    results.push(seen);
    await store.close();
  }
  assert.deepEqual(results[1], results[0]);
});

test('lines a source repeats across its articles are marked as template boilerplate', async () => {
  const dir = scratchDir();
  const plea = 'Support independent journalism and subscribe to the Daily Example newsletter today';
  const rows = ['harbour', 'museum', 'railway', 'orchard'].map((topic, i) => ({
    id: `t${i}`,
    source: 'daily.example',
    title: `${topic} story`,
    text: `${paragraph(topic, 4)}\n\n${plea}`,
    published: `2022-03-0${i + 1}T10:00:00Z`,
  }));
  const store = openStore(path.join(dir, 'db.sqlite'));
  await ingest(store, readInputs([writeJsonl(dir, 't.jsonl', rows)]), { workers: 0 });
  const last = (await store.getArticle('t3'))!;
  const template = last.boilerplate.find((b) => b.kind === 'template');
  assert.ok(template, 'the repeated plea is marked');
  assert.equal(last.text.slice(template.start, template.end), plea);
  const first = (await store.getArticle('t0'))!;
  assert.equal(first.boilerplate.filter((b) => b.kind === 'template').length, 0, 'not yet seen when the first article arrived');
  await store.close();
});
