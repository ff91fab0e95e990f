import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OnlineClusterer, storyFromRow, storyToRow } from '../../src/cluster/online.ts';
import { DEFAULT_CLUSTER_PARAMS } from '../../src/cluster/features.ts';
import { makeArticle, nonsenseText } from './helpers.ts';

const QUAKE_1 = {
  title: 'Strong earthquake shakes central Chile, buildings damaged in Valparaiso',
  text: `A magnitude 7.1 earthquake struck off the coast of central Chile on Tuesday, shaking buildings in Santiago and damaging homes in the port city of Valparaiso, the national emergency office said.
The quake hit at a depth of 30 kilometres about 40 kilometres west of Valparaiso. Authorities ordered a precautionary tsunami evacuation of coastal areas and later lifted it.
Three people were injured by falling debris, and power was cut to thousands of homes in the Valparaiso region. Chile's president said rescue teams were inspecting hospitals, bridges and ports.`,
};
const QUAKE_2 = {
  title: 'Chile quake: tsunami alert lifted after tremor damages Valparaiso homes',
  text: `Chilean officials lifted a tsunami warning on Tuesday after a powerful magnitude 7.1 tremor rattled the coast near Valparaiso and Santiago, cracking walls and cutting electricity.
The emergency office said three people suffered minor injuries from debris. Coastal residents had been told to move to higher ground while the navy assessed the risk of a tsunami.
Engineers were checking hospitals, ports and bridges in the Valparaiso region, where the earthquake damaged dozens of older homes, the president said.`,
};
const RATES = {
  title: 'European Central Bank raises interest rates to fight inflation',
  text: `The European Central Bank raised its key interest rate by a quarter point on Thursday, its tenth consecutive increase, saying inflation in the euro zone was expected to remain too high for too long.
ECB President Christine Lagarde told reporters in Frankfurt that the governing council had not decided whether borrowing costs would rise again, and that future decisions would depend on data.
Bond yields fell and the euro weakened against the dollar after the announcement, as investors bet the bank was nearing the end of its tightening cycle.`,
};

test('paraphrased reports of one event join one story; a different event starts its own', () => {
  const c = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  const a = c.assign(makeArticle('q1', QUAKE_1.title, QUAKE_1.text, { published: '2024-03-05T10:00:00Z', source: 'a.example' }));
  const b = c.assign(makeArticle('r1', RATES.title, RATES.text, { published: '2024-03-05T11:00:00Z', source: 'b.example' }));
  const d = c.assign(makeArticle('q2', QUAKE_2.title, QUAKE_2.text, { published: '2024-03-05T12:00:00Z', source: 'c.example' }));
  assert.equal(a.isNew, true);
  assert.equal(b.isNew, true, 'the rate decision must not join the earthquake story');
  assert.notEqual(a.storyId, b.storyId);
  assert.equal(d.isNew, false, 'the paraphrased earthquake report should join');
  assert.equal(d.storyId, a.storyId);
  const story = c.stories.get(a.storyId)!;
  assert.equal(story.count, 2);
  assert.deepEqual([...story.sources].sort(), ['a.example', 'c.example']);
  assert.equal(story.firstMs, Date.parse('2024-03-05T10:00:00Z'));
  assert.equal(story.lastMs, Date.parse('2024-03-05T12:00:00Z'));
});

test('the label is the title of one of the story members', () => {
  const c = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  c.assign(makeArticle('q1', QUAKE_1.title, QUAKE_1.text));
  const joined = c.assign(makeArticle('q2', QUAKE_2.title, QUAKE_2.text));
  const story = c.stories.get(joined.storyId)!;
  assert.ok([QUAKE_1.title, QUAKE_2.title].includes(story.label!), `label ${story.label}`);
  assert.ok(['q1', 'q2'].includes(story.labelArticleId!));
});

test('candidate lookup does not scan all stories (5000 unrelated stories present)', () => {
  const c = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  for (let i = 0; i < 5000; i++) c.assign(makeArticle(`n${i}`, null, nonsenseText(i + 1, 30)));
  assert.ok(c.stories.size >= 4900, `unrelated texts should mostly stay apart, got ${c.stories.size} stories`);
  const before = { ...c.stats };
  c.assign(makeArticle('q1', QUAKE_1.title, QUAKE_1.text));
  const joined = c.assign(makeArticle('q2', QUAKE_2.title, QUAKE_2.text));
  const scored = c.stats.storiesScored - before.storiesScored;
  assert.equal(c.stats.assignments - before.assignments, 2);
  assert.ok(scored <= 60, `scored ${scored} stories for two articles`);
  assert.equal(joined.isNew, false, 'the matching story is still found');
});

test('stories survive a round trip through their stored rows', () => {
  const c = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  c.assign(makeArticle('q1', QUAKE_1.title, QUAKE_1.text, { source: 'a.example' }));
  c.assign(makeArticle('r1', RATES.title, RATES.text));
  const rows = c.takeDirty();
  assert.equal(rows.length, 2);
  assert.deepEqual(c.takeDirty(), [], 'dirty set is cleared');
  const row = rows.find((r) => r.label === QUAKE_1.title)!;
  const restored = storyFromRow(row, c.vocabulary);
  assert.equal(restored.count, 1);
  assert.deepEqual([...restored.sources], ['a.example']);
  assert.ok(restored.centroid.size > 10 && restored.centroid.size <= DEFAULT_CLUSTER_PARAMS.centroidTerms * 1.5);
  assert.deepEqual(storyToRow(restored, c.vocabulary).state, row.state);

  // A new clusterer built from the rows and the document frequencies places the paraphrase the same way.
  const df = c.takeDfDeltas();
  assert.equal(df.docs, 2);
  const again = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS, { df: df.deltas, docCount: df.docs, nextId: c.nextId, stories: rows });
  const joined = again.assign(makeArticle('q2', QUAKE_2.title, QUAKE_2.text));
  assert.equal(joined.storyId, row.id);
  assert.equal(again.nextId, c.nextId, 'no story was created');
});

test('join() puts a duplicate into a known story and refuses an unknown one', () => {
  const c = new OnlineClusterer(DEFAULT_CLUSTER_PARAMS);
  const first = c.assign(makeArticle('r1', RATES.title, RATES.text));
  assert.equal(c.join(first.storyId, makeArticle('r1-copy', RATES.title, RATES.text, { source: 'copy.example' })), true);
  assert.equal(c.stories.get(first.storyId)!.count, 2);
  assert.equal(c.join(9999, makeArticle('x', RATES.title, RATES.text)), false);
});

test('a story outside the active window is not joined', () => {
  const params = { ...DEFAULT_CLUSTER_PARAMS, activeWindowDays: 30 };
  const c = new OnlineClusterer(params);
  const a = c.assign(makeArticle('q1', QUAKE_1.title, QUAKE_1.text, { published: '2020-01-01T00:00:00Z' }));
  const b = c.assign(makeArticle('q2', QUAKE_2.title, QUAKE_2.text, { published: '2020-06-01T00:00:00Z' }));
  assert.notEqual(a.storyId, b.storyId);
  const near = c.assign(makeArticle('q3', QUAKE_1.title, QUAKE_1.text, { published: '2020-06-02T00:00:00Z' }));
  assert.equal(near.storyId, b.storyId);
});

test('a join threshold of 1 keeps every article apart; 0 joins any candidate', () => {
  const strict = new OnlineClusterer({ ...DEFAULT_CLUSTER_PARAMS, joinThreshold: 1 });
  strict.assign(makeArticle('q1', QUAKE_1.title, QUAKE_1.text));
  assert.equal(strict.assign(makeArticle('q2', QUAKE_2.title, QUAKE_2.text)).isNew, true);
  const loose = new OnlineClusterer({ ...DEFAULT_CLUSTER_PARAMS, joinThreshold: 0 });
  loose.assign(makeArticle('q1', QUAKE_1.title, QUAKE_1.text));
  assert.equal(loose.assign(makeArticle('r1', RATES.title, RATES.text)).isNew, false, 'shared words make it a candidate');
});
