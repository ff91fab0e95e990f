/** The pure parts of the story and article views: timeline buckets, copy graph, dates, text segments. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText, segmentText } from '../../src/server/article-segments.ts';
import { buildCopyGraph, buildTimeline, chooseBucket, OTHER_SOURCES, rankDates } from '../../src/server/story-view.ts';
import type { StoryArticle } from '../../src/store/queries.ts';

const H = 3_600_000;
const D = 24 * H;

test('chooseBucket: hours for a few days, days up to ~3 months, Monday weeks beyond', () => {
  const t = Date.parse('2019-04-16T08:20:00Z');
  assert.deepEqual(chooseBucket(t, t + 30 * H), { unit: 'hour', bucketMs: H, startMs: Date.parse('2019-04-16T08:00:00Z') });
  assert.deepEqual(chooseBucket(t, t + 20 * D), { unit: 'day', bucketMs: D, startMs: Date.parse('2019-04-16T00:00:00Z') });
  const weeks = chooseBucket(t, t + 400 * D);
  assert.equal(weeks.unit, 'week');
  assert.equal(new Date(weeks.startMs).getUTCDay(), 1, 'weeks start on Monday');
  assert.equal(new Date(weeks.startMs).toISOString(), '2019-04-15T00:00:00.000Z');
});

test('buildTimeline: one series per top source, the rest summed; every article counted once', () => {
  const counts = [
    ...['a', 'b', 'c', 'd'].map((source, i) => ({ source, bucket: i, count: 10 - i })),
    { source: 'e', bucket: 0, count: 1 },
    { source: 'f', bucket: 5, count: 2 },
  ];
  const timeline = buildTimeline(counts, { unit: 'day', bucketMs: D, startMs: 0 }, 3, 4);
  assert.equal(timeline.buckets, 6);
  assert.deepEqual(timeline.series.map((s) => s.source), ['a', 'b', 'c', OTHER_SOURCES]);
  const other = timeline.series[3];
  assert.deepEqual(other.counts, [1, 0, 0, 7, 0, 2]);
  const total = timeline.series.reduce((n, s) => n + s.total, 0);
  assert.equal(total, counts.reduce((n, c) => n + c.count, 0));
  assert.equal(timeline.undated, 3);
  const small = buildTimeline(counts.slice(0, 2), { unit: 'day', bucketMs: D, startMs: 0 }, 0, 4);
  assert.ok(!small.series.some((s) => s.source === OTHER_SOURCES), 'no "other" series when every source fits');
});

function storyArticle(id: string, extra: Partial<StoryArticle> = {}): StoryArticle {
  return {
    id,
    title: id,
    source: `${id}.example`,
    url: null,
    publishedMs: null,
    storyId: 1,
    language: 'en',
    duplicateOf: null,
    copiedFrom: [],
    spinScore: null,
    ...extra,
  };
}

test('buildCopyGraph: edges from copy to source, the strongest sources only; outside sources are nodes when known', () => {
  const articles = [
    storyArticle('orig', { publishedMs: 1 }),
    storyArticle('copy', {
      publishedMs: 2,
      copiedFrom: [
        { id: 'orig', share: 0.7, spun: false },
        { id: 'gone', share: 0.3, spun: false },
        { id: 'weak', share: 0.2, spun: false },
      ],
    }),
    storyArticle('spun', { publishedMs: 3, copiedFrom: [{ id: 'elsewhere', share: 0.5, spun: true }] }),
    storyArticle('dup', { publishedMs: 4, duplicateOf: 'orig' }),
    storyArticle('alone', { publishedMs: 5 }),
    storyArticle('weak', { publishedMs: 0 }),
  ];
  const outside = new Map([['elsewhere', { id: 'elsewhere', title: 'E', source: 'e.example', url: null, publishedMs: -1, storyId: 9 }]]);
  const graph = buildCopyGraph(articles, 'orig', outside);
  assert.deepEqual(
    graph.edges.map((e) => `${e.from}>${e.to}:${e.kind}:${e.spun}`),
    ['copy>orig:copy:false', 'spun>elsewhere:copy:true', 'dup>orig:duplicate:false'],
    'the third source is past the cap, and an edge to an unknown article is dropped',
  );
  assert.deepEqual(graph.nodes.map((n) => n.id), ['elsewhere', 'orig', 'copy', 'spun', 'dup'], 'in time order, lone articles left out');
  assert.equal(graph.nodes.find((n) => n.id === 'elsewhere')!.inStory, false);
  assert.equal(graph.nodes.find((n) => n.id === 'orig')!.firstReport, true);
});

test('rankDates: resolved dates group by value, unresolved by text; the commonest wording names them', () => {
  const dates = rankDates([
    { article: 1, value: '2019-W17', text: 'next week' },
    { article: 1, value: null, text: 'soon' },
    { article: 2, value: '2019-W17', text: 'April 22' },
    { article: 2, value: '2019-W17', text: 'next week' },
    { article: 2, value: null, text: 'Soon' },
    { article: 3, value: '2019-04-25', text: 'Thursday' },
  ]);
  assert.deepEqual(dates[0], { value: '2019-W17', text: 'next week', mentions: 3, articles: 2 });
  assert.deepEqual(dates[1], { value: null, text: 'soon', mentions: 2, articles: 2 }, 'a tie goes to alphabetical order');
  assert.deepEqual(dates[2], { value: '2019-04-25', text: 'Thursday', mentions: 1, articles: 1 });
  assert.equal(rankDates([], 5).length, 0);
});

test('segmentText: boilerplate wins over copies, the larger copy over the smaller, offsets are clamped', () => {
  const copies = [
    { id: 'small', share: 0.1, spun: false, passages: [{ start: 5, end: 30, sourceStart: 0, sourceEnd: 25 }] },
    { id: 'big', share: 0.6, spun: true, passages: [{ start: 20, end: 60, sourceStart: 100, sourceEnd: 140 }] },
  ];
  const segments = segmentText(80, [{ start: 50, end: 500, kind: 'link-list' }], copies);
  assert.deepEqual(
    segments.map((s) => [s.start, s.end, s.kind, s.copy?.articleId ?? s.boilerplateKind ?? '']),
    [
      [0, 5, 'text', ''],
      [5, 20, 'copied', 'small'],
      [20, 50, 'copied', 'big'],
      [50, 80, 'boilerplate', 'link-list'],
    ],
  );
  assert.deepEqual(segmentText(0, [], []), []);
  assert.deepEqual(segmentText(10, [{ start: 7, end: 3, kind: 'x' }], []), [{ start: 0, end: 10, kind: 'text' }], 'an empty span marks nothing');
});

test('cleanText removes boilerplate spans and tidies the blank lines they leave', () => {
  const text = 'First paragraph.\n\nMore news: click here\n\nSecond paragraph.';
  const start = text.indexOf('More news');
  assert.equal(cleanText(text, [{ start, end: start + 'More news: click here'.length, kind: 'promo' }]), 'First paragraph.\n\nSecond paragraph.');
  assert.equal(cleanText(text, []), text);
});
