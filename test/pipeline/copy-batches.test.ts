import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openStore } from '../../src/store/sqlite/index.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { MAX_CANDIDATES } from '../../src/dedup/copies-index.ts';
import type { ReadItem } from '../../src/types.ts';
import { scratchDir } from '../helpers.ts';

/** Deterministic pseudo-random words, so each paragraph is distinctive prose. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const WORDS = (
  'harbour council budget river bridge mayor storm village market school teacher railway station ' +
  'farmer harvest drought minister parliament vote protest police court judge hospital doctor ' +
  'nurse factory worker union strike bank loan tax price fuel energy wind solar coast fishing ' +
  'tourism museum festival music theatre airport flight delay weather flood warning rescue team'
).split(' ');

function paragraph(random: () => number): string {
  const words = Array.from({ length: 45 }, () => WORDS[Math.floor(random() * WORDS.length)]);
  return `The ${words.join(' ')}.`;
}

/**
 * Forty articles, each three paragraphs drawn from a pool of eight: every article reuses
 * prose of many earlier ones (more than MAX_CANDIDATES), in publication order.
 */
function articles(): ReadItem[] {
  const random = rng(7);
  const pool = Array.from({ length: 8 }, () => paragraph(random));
  return Array.from({ length: 40 }, (_, i) => {
    const picks = [0, 1, 2].map(() => pool[Math.floor(random() * pool.length)]);
    const text = `${picks.join('\n\n')}\n\nOwn closing words for article ${i}: ${paragraph(random)}`;
    const published = new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString();
    return { record: { input: { id: `p${i}`, title: `Report ${i}`, text, published, source: `outlet${i % 5}.example` }, raw: '{}', origin: { file: 'mem', line: i + 1 } } } as ReadItem;
  });
}

async function* from(items: ReadItem[]): AsyncIterable<ReadItem> {
  yield* items;
}

async function copyGraph(batchSize: number) {
  const store = openStore(path.join(scratchDir(), `b${batchSize}.sqlite`));
  await ingest(store, from(articles()), { workers: 0, batchSize });
  const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);
  const edges = (await store.copyEdges(ids)).map((e) => `${e.articleId}<-${e.sourceId}:${e.share.toFixed(4)}`).sort();
  const spins = await Promise.all(ids.map(async (id) => (await store.getArticle(id))?.spinScore));
  await store.close();
  return { edges, spins };
}

test('copy links do not depend on batch boundaries when the input is in publication order', async () => {
  const whole = await copyGraph(1000);
  const small = await copyGraph(6);
  assert.ok(whole.edges.length > 40, `the corpus is full of reuse (${whole.edges.length} links)`);
  assert.deepEqual(small.edges, whole.edges);
  assert.deepEqual(small.spins, whole.spins);
  // Each article is compared with at most MAX_CANDIDATES earlier ones, batch or store alike:
  // the links it gets as the copy are bounded by that.
  const asCopy = new Map<string, number>();
  for (const e of whole.edges) asCopy.set(e.split('<-')[0], (asCopy.get(e.split('<-')[0]) ?? 0) + 1);
  assert.ok(Math.max(...asCopy.values()) <= MAX_CANDIDATES);
});

test('an original that arrives after its copy is stored becomes the copy’s source, in a later ingest too', async () => {
  const random = rng(11);
  const shared = [paragraph(random), paragraph(random), paragraph(random)].join('\n\n');
  const record = (id: string, hour: number, own: string, line: number): ReadItem =>
    ({
      record: {
        input: { id, title: `Report ${id}`, text: `${shared}\n\n${own}`, published: new Date(Date.UTC(2022, 0, 1, hour)).toISOString(), source: `${id}.example` },
        raw: '{}',
        origin: { file: 'mem', line },
      },
    }) as ReadItem;
  const store = openStore(path.join(scratchDir(), 'late-original.sqlite'));
  // Other articles first, so the rowids of the copy and of its original are far from each other's.
  await ingest(store, from(articles()), { workers: 0 });
  await ingest(store, from([record('copy', 12, `Added at noon: ${paragraph(random)}`, 1)]), { workers: 0 });
  await ingest(store, from([record('original', 6, `First words: ${paragraph(random)}`, 1)]), { workers: 0 });
  const copy = await store.getArticle('copy');
  assert.deepEqual(copy?.copiedFrom.map((c) => c.id), ['original']);
  assert.deepEqual((await store.copyEdges(['original'])).map((e) => `${e.articleId}<-${e.sourceId}`), ['copy<-original']);
  assert.deepEqual((await store.getArticle('original'))?.copiedFrom, []);
  await store.close();
});
