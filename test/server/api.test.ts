/** What the API answers, on a constructed corpus with copies, duplicates, boilerplate and annotations. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Hono } from 'hono';
import { registerStoryRoutes } from '../../src/server/routes/stories.ts';
import { StoryPageCache } from '../../src/server/story-cache.ts';
import { createApp } from '../../src/server/app.ts';
import { loadUiFiles } from '../../src/server/static-ui.ts';
import { SqliteReadQueries } from '../../src/store/sqlite/queries.ts';
import type { SqliteStore } from '../../src/store/sqlite/index.ts';
import { scratchDir } from '../helpers.ts';
import { buildConstructedDb, CONSTRUCTED as C, SUMMIT_PARAGRAPH, SUMMIT_SPUN } from './fixtures.ts';
import fs from 'node:fs';

let store: SqliteStore;
let app: Hono;
const logged: string[] = [];

async function get(pathname: string, init?: RequestInit) {
  const response = await app.request(pathname, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

before(async () => {
  const dir = scratchDir('storyline-api-');
  store = await buildConstructedDb(path.join(dir, 'constructed.db'));
  const uiDir = path.join(dir, 'ui');
  fs.mkdirSync(path.join(uiDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>ui</title><script type="module" src="/assets/app-1.js"></script>');
  fs.writeFileSync(path.join(uiDir, 'assets/app-1.js'), 'console.log(1)');
  // Source statistics recomputed on every change, so the tests see their writes at once.
  const queries = new SqliteReadQueries(store.db, { sourceStats: { maxAgeMs: 0, background: false } });
  app = createApp({ store, queries, ui: loadUiFiles(uiDir), logError: (e) => logged.push(String(e)) });
});

after(async () => {
  await store.close();
});

test('stories: newest first by default, biggest first on request, paged with a total', async () => {
  const recent = await get('/api/stories');
  assert.deepEqual(recent.body.stories.map((s: any) => s.id), [C.summitStory, C.rocketStory, C.undatedStory]);
  assert.equal(recent.body.total, 3);
  const page = await get('/api/stories?sort=size&limit=1&offset=1');
  assert.deepEqual(page.body.stories.map((s: any) => s.id), [C.rocketStory]);
  assert.equal(page.body.total, 3);
  const summit = recent.body.stories[0];
  assert.equal(summit.articleCount, 5);
  assert.equal(summit.sourceCount, 4);
  // daily.example has a copy and a duplicate only; spinner.example a spun copy: 2 of 4 sources are independent.
  assert.equal(summit.independentSourceCount, 2);
  assert.equal(summit.topEntities[0].name, 'Kim Jong Un');
  assert.equal(summit.topPlaces[0].name, 'Vladivostok');
  assert.equal(summit.topPlaces[0].articles, 5);
});

test('stories are filtered by time range, source, entity, place and text', async () => {
  const ids = async (query: string) => (await get(`/api/stories?${query}`)).body.stories.map((s: any) => s.id);
  assert.deepEqual(await ids('from=2019-01-01'), [C.summitStory]);
  assert.deepEqual(await ids('to=2018-12-31'), [C.rocketStory]);
  assert.deepEqual(await ids('from=2018-02-06T00:00:00Z&to=2018-02-06T23:59:59Z'), [C.rocketStory]);
  assert.deepEqual(await ids('source=wire.example'), [C.summitStory, C.rocketStory]);
  assert.deepEqual(await ids('source=space.example'), [C.rocketStory]);
  assert.deepEqual(await ids('entity=Vladimir%20Putin'), [C.summitStory]);
  assert.deepEqual(await ids('entity=vladimir%20putin'), [C.summitStory], 'entity names match ASCII case-insensitively');
  assert.deepEqual(await ids('entity=SpaceX'), [C.rocketStory]);
  assert.deepEqual(await ids('place=Beijing'), [C.summitStory]);
  assert.deepEqual(await ids('place=Cape%20Canaveral'), [C.rocketStory]);
  assert.deepEqual(await ids('q=falcon%20heavy'), [C.rocketStory]);
  assert.deepEqual(await ids('q=falcon%20vladivostok'), [], 'every word must occur');
  assert.deepEqual(await ids('place=Vladivostok&source=space.example'), [], 'filters combine');
  const bad = await get('/api/stories?from=2019-02-01&to=2019-01-01');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /after/);
});

test('one story: articles in time order, first report, sources, copy graph, facets and timeline', async () => {
  const { status, body } = await get(`/api/stories/${C.summitStory}`);
  assert.equal(status, 200);
  assert.deepEqual(body.articles.map((a: any) => a.id), [C.wire, C.copy, C.spun, C.duplicate, C.independent]);
  assert.equal(body.firstReport, C.wire);
  assert.deepEqual(body.articles.map((a: any) => a.firstReport), [true, false, false, false, false]);
  assert.deepEqual(body.articles[2].copiedFrom, [{ id: C.wire, share: 0.62, spun: true }]);

  const daily = body.sources.find((s: any) => s.source === 'daily.example');
  assert.deepEqual({ articles: daily.articles, copies: daily.copies, independent: daily.independent }, { articles: 2, copies: 2, independent: false });
  assert.equal(body.sources.find((s: any) => s.source === 'indie.example').independent, true);

  const edges = body.copyGraph.edges.map((e: any) => `${e.from}>${e.to}:${e.kind}${e.spun ? ':spun' : ''}`).sort();
  assert.deepEqual(edges, [`${C.copy}>${C.wire}:copy`, `${C.duplicate}>${C.copy}:duplicate`, `${C.spun}>${C.wire}:copy:spun`].sort());
  assert.ok(body.copyGraph.nodes.find((n: any) => n.id === C.wire).firstReport);
  assert.ok(!body.copyGraph.nodes.some((n: any) => n.id === C.independent), 'articles on no edge are left out');

  const vladivostok = body.places.find((p: any) => p.name === 'Vladivostok');
  assert.deepEqual([vladivostok.lat, vladivostok.lon, vladivostok.articles], [43.1056, 131.874, 5]);
  assert.deepEqual(body.entities.slice(0, 2).map((e: any) => e.canonical).sort(), ['Kim Jong Un', 'Vladimir Putin']);
  assert.deepEqual(body.dates, [{ value: '2019-W17', text: 'next week', mentions: 3, articles: 3 }]);

  // 2019-04-16 08:00 → 2019-04-18 06:00 spans two days: hourly buckets, all five articles drawn.
  assert.equal(body.timeline.unit, 'hour');
  assert.equal(body.timeline.startMs, Date.parse('2019-04-16T08:00:00Z'));
  const drawn = body.timeline.series.reduce((n: number, s: any) => n + s.counts.reduce((a: number, b: number) => a + b, 0), 0);
  assert.equal(drawn, 5);
  assert.equal(body.timeline.buckets, 47);
  const spinner = body.timeline.series.find((s: any) => s.source === 'spinner.example');
  assert.equal(spinner.counts[4], 1, '12:30 falls in the fifth hour');
});

test('a story page is kept between requests and recomputed when its story changes', async () => {
  const before = (await get(`/api/stories/${C.rocketStory}`)).body;
  store.db.prepare('UPDATE article SET title = ? WHERE id = ?').run('Falcon Heavy lifts off (updated)', C.rocketB);
  const cached = (await get(`/api/stories/${C.rocketStory}`)).body;
  assert.deepEqual(cached, before, 'same revision: served from memory');
  store.db.prepare('UPDATE story SET touched_seq = touched_seq + 100 WHERE id = ?').run(C.rocketStory);
  const fresh = (await get(`/api/stories/${C.rocketStory}`)).body;
  assert.equal(fresh.articles.find((a: any) => a.id === C.rocketB).title, 'Falcon Heavy lifts off (updated)');
  store.db.prepare('UPDATE article SET title = ? WHERE id = ?').run('Falcon Heavy lifts off', C.rocketB);
});

test('warming computes the pages of the most recent stories into the cache', async () => {
  const cache = new StoryPageCache({ capacity: 10, ttlMs: 60_000 });
  const routes = registerStoryRoutes(new Hono(), new SqliteReadQueries(store.db), cache);
  assert.equal(await routes.warm(2), 2);
  assert.equal(cache.size, 2);
  assert.equal(await routes.warm(100), 3, 'every story, at most the limit');
});

test('story articles can be capped; unknown and malformed ids are 404 and 400', async () => {
  const capped = await get(`/api/stories/${C.summitStory}?articles=2`);
  assert.equal(capped.body.articlesShown, 2);
  assert.equal(capped.body.story.articleCount, 5);
  assert.equal(capped.body.sources.reduce((n: number, s: any) => n + s.articles, 0), 5, 'source counts cover every article');
  assert.equal((await get('/api/stories/12345')).status, 404);
  const bad = await get('/api/stories/1e3');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.issues[0].path, 'id');
  const unknown = await get('/api/stories?colour=red');
  assert.equal(unknown.status, 400);
  assert.deepEqual(unknown.body.issues, [{ path: 'colour', message: 'unknown parameter' }]);
  const repeated = await get('/api/stories?limit=1&limit=2');
  assert.equal(repeated.status, 400);
});

test('one article: marked segments, clean text, provenance and copies', async () => {
  const spun = (await get(`/api/articles/${C.spun}`)).body;
  const kinds = spun.segments.map((s: any) => s.kind);
  assert.deepEqual(kinds, ['copied', 'text', 'boilerplate']);
  assert.equal(spun.text.slice(spun.segments[0].start, spun.segments[0].end), SUMMIT_SPUN);
  assert.deepEqual(spun.segments[0].copy, { articleId: C.wire, sourceStart: 0, sourceEnd: SUMMIT_PARAGRAPH.length, share: 0.62, spun: true });
  assert.equal(spun.segments[2].boilerplateKind, 'promo');
  assert.ok(!spun.cleanText.includes('More news'));
  assert.equal(spun.copiedFrom[0].article.source, 'wire.example');
  assert.equal(spun.spinScore, 0.91);

  const wire = (await get(`/api/articles/${C.wire}`)).body;
  assert.deepEqual(
    wire.copies.map((c: any) => `${c.id}:${c.kind}:${c.spun}`),
    [`${C.copy}:copy:false`, `${C.spun}:copy:true`],
  );
  const copy = (await get(`/api/articles/${C.copy}`)).body;
  assert.deepEqual(copy.copies.map((c: any) => `${c.id}:${c.kind}`), [`${C.duplicate}:duplicate`]);
  assert.equal((await get(`/api/articles/${C.duplicate}`)).body.duplicateOf.id, C.copy);
  assert.equal(wire.storyLabel, 'Kim and Putin to meet in Vladivostok');
  assert.equal(wire.raw, JSON.stringify({ id: C.wire, text: wire.text }));
});

test('sources: per-source counts of articles, first reports, copies, spun copies and boilerplate', async () => {
  const { body } = await get('/api/sources?sort=articles&limit=10');
  const by = Object.fromEntries(body.sources.map((s: any) => [s.source, s]));
  assert.deepEqual(
    { articles: by['wire.example'].articles, firstReports: by['wire.example'].firstReports, copies: by['wire.example'].copiesMade, rate: by['wire.example'].boilerplateRate },
    { articles: 2, firstReports: 1, copies: 0, rate: 0.5 },
  );
  assert.deepEqual([by['daily.example'].copiesMade, by['daily.example'].spunCopies], [2, 0]);
  assert.deepEqual([by['spinner.example'].copiesMade, by['spinner.example'].spunCopies, by['spinner.example'].boilerplateRate], [1, 1, 1]);
  assert.equal(by['space.example'].firstReports, 1);
  assert.equal(by['(unknown)'].firstReports, 1, 'an undated story without a source still has a first report');
  assert.equal(body.sources[0].source, 'daily.example');
  const one = await get('/api/sources/wire.example?limit=1');
  assert.deepEqual(one.body.articles.map((a: any) => a.id), [C.wire], 'most recent first');
  const filtered = await get('/api/sources?q=SPACE');
  assert.deepEqual(filtered.body.sources.map((s: any) => s.source), ['space.example']);
});

test('source statistics follow writes (kept per database version)', async () => {
  const before = (await get('/api/sources/indie.example')).body.source.boilerplateRate;
  store.db.prepare(`UPDATE article SET boilerplate = '[{"start":0,"end":8,"kind":"template"}]' WHERE id = ?`).run(C.independent);
  const after = (await get('/api/sources/indie.example')).body.source.boilerplateRate;
  assert.deepEqual([before, after], [0, 1]);
  store.db.prepare(`UPDATE article SET boilerplate = '[]' WHERE id = ?`).run(C.independent);
});

test('search: ranked hits with plain-text snippet parts, and the entity index follows re-annotation', async () => {
  const { body } = await get('/api/search?q=vladivostok%20security');
  assert.deepEqual(body.hits.map((h: any) => h.id), [C.independent]);
  const parts = body.hits[0].snippet;
  assert.ok(parts.some((p: any) => p.match && /vladivostok/i.test(p.text)));
  assert.ok(parts.every((p: any) => !/[\u0002\u0003]/.test(p.text)));
  assert.equal(body.hits[0].storyLabel, 'Kim and Putin to meet in Vladivostok');
  assert.equal((await get('/api/search?q=%22%20*%20-')).status, 400, 'no words: nothing to search');
  const fts = await get('/api/search?q=' + encodeURIComponent('vladivostok" OR "falcon'));
  assert.equal(fts.status, 200, 'FTS syntax in the query is data, not syntax');
  assert.equal(fts.body.total, 0);

  const suggestions = await get('/api/facets?kind=entity&prefix=VLAD');
  assert.deepEqual(suggestions.body.values, [{ name: 'Vladimir Putin', detail: 'PERSON', articles: 4 }]);
  store.db.prepare('UPDATE article SET annotations = ? WHERE id = ?').run(JSON.stringify({ entities: [{ start: 0, end: 6, text: 'Falcon', type: 'MISC', canonical: 'Falcon Heavy' }], places: [], dates: [] }), C.rocketB);
  assert.deepEqual((await get('/api/stories?entity=Falcon%20Heavy')).body.stories.map((s: any) => s.id), [C.rocketStory]);
});

test('errors: JSON with a message, never a stack trace; unknown API routes are 404', async () => {
  const missing = await get('/api/nothing-here');
  assert.equal(missing.status, 404);
  assert.match(missing.body.error, /no API route/);
  const broken = createApp({
    store,
    queries: { ...new SqliteReadQueries(store.db), counts: async () => { throw new Error('disk on fire at /secret/path.db'); } } as any,
    logError: (e) => logged.push(String(e)),
  });
  const response = await broken.request('/api/health');
  const text = await response.text();
  assert.equal(response.status, 500);
  assert.deepEqual(JSON.parse(text), { error: 'internal error' });
  assert.ok(!text.includes('secret') && !text.includes(' at '));
  assert.ok(logged.some((l) => l.includes('disk on fire')), 'the error is logged on the server');
});

test('security headers: strict CSP on the UI, CORS off by default, SPA fallback outside /api', async () => {
  const page = await app.request('/');
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /default-src 'none'/);
  assert.ok(!/unsafe-inline|unsafe-eval/.test(csp));
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await app.request('/story/1')).status, 200, 'history-style URLs get the app');
  assert.equal((await app.request('/assets/missing.js')).status, 404);
  const asset = await app.request('/assets/app-1.js');
  assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);

  const cross = await app.request('/api/stories', { headers: { Origin: 'https://evil.example' } });
  assert.equal(cross.headers.get('access-control-allow-origin'), null);
  const preflight = await app.request('/api/stories', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  const allowed = createApp({ store, queries: new SqliteReadQueries(store.db), corsOrigin: 'https://dash.example' });
  const ok = await allowed.request('/api/stories', { headers: { Origin: 'https://dash.example' } });
  assert.equal(ok.headers.get('access-control-allow-origin'), 'https://dash.example');
});
