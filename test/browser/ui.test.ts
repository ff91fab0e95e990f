/**
 * The web UI in a real browser (Debian's chromium driven by playwright-core): story list,
 * the seeds' story, search, article marks, a fully annotated story, hostile content, keyboard
 * use and a phone-sized screen. Screenshots go to test-results/.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { ROOT, scratchDir } from '../helpers.ts';
import { buildConstructedDb, CONSTRUCTED as C, ingestExamples, SEED_FILES } from '../server/fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.join(ROOT, 'test-results');
const TOKEN = 'browser-test-token-42';

let examples: RunningServer;
let constructed: RunningServer;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
const cspViolations: string[] = [];
const pageErrors: string[] = [];

async function api(server: RunningServer, pathname: string): Promise<any> {
  const response = await fetch(new URL(pathname, server.url));
  assert.equal(response.status, 200, `${pathname}: ${response.status}`);
  return response.json();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Navigates inside the app and waits for the story page to have rendered. */
async function openStory(server: RunningServer, id: number): Promise<void> {
  await page.goto(`${server.url}#/story/${id}`);
  await page.waitForSelector('.story .article-list li');
}

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const dir = scratchDir('storyline-browser-');
  const examplesDb = path.join(dir, 'examples.db');
  await (await ingestExamples(examplesDb, { sample: true })).close();
  const constructedDb = path.join(dir, 'constructed.db');
  await (await buildConstructedDb(constructedDb)).close();
  examples = await startServer({ dbPath: examplesDb, port: 0, ingestToken: TOKEN, log: () => {} });
  constructed = await startServer({ dbPath: constructedDb, port: 0, log: () => {} });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await examples?.close();
  await constructed?.close();
});

test('story list: the sample and the seeds as stories, with counts', async () => {
  await page.goto(examples.url);
  await page.waitForSelector('.story-card');
  const { total } = await api(examples, '/api/stories?limit=1');
  assert.match((await page.textContent('.count')) ?? '', new RegExp(`^${total} stor`));
  const cards = await page.locator('.story-card').count();
  assert.equal(cards, Math.min(20, total));
  assert.match((await page.locator('.story-card .meta').first().textContent()) ?? '', /articles?.*sources?.*independent/);
  await shot('story-list');
});

test("the seeds' story: both seed articles in one story, flags and map as the data has them", async () => {
  const search = await api(examples, '/api/search?q=vladivostok&limit=50');
  const seedIds: string[] = [];
  for (const hit of search.hits) {
    const article = await api(examples, `/api/articles/${encodeURIComponent(hit.id)}`);
    if (SEED_FILES.some((f) => article.origin.file?.endsWith(f))) seedIds.push(hit.id);
  }
  assert.equal(seedIds.length, 2, 'both seed documents are found by "vladivostok"');
  const storyIds = new Set(await Promise.all(seedIds.map(async (id) => (await api(examples, `/api/articles/${encodeURIComponent(id)}`)).storyId)));
  assert.equal(storyIds.size, 1, 'the two seeds are in one story');
  const storyId = [...storyIds][0] as number;
  const detail = await api(examples, `/api/stories/${storyId}`);

  // Reach it the way a reader does: from the list, sorted by size if need be, by its link.
  await page.goto(`${examples.url}#/?q=vladivostok`);
  await page.click(`.story-card a[href="#/story/${storyId}"]`);
  await page.waitForSelector('.story .article-list li');
  for (const id of seedIds) {
    const item = page.locator(`li[data-article-id="${id}"]`);
    assert.equal(await item.count(), 1, `seed article ${id} is listed`);
    const data = detail.articles.find((a: any) => a.id === id);
    const copied = data.copiedFrom.length > 0 || data.duplicateOf !== null;
    const spun = data.copiedFrom.some((c: any) => c.spun) || (data.spinScore ?? 0) >= 0.5;
    if (spun) assert.ok((await item.locator('.badge-spun').count()) > 0, `${id}: spin flag shown`);
    if (copied) assert.ok((await item.locator('.badge-copy, .badge-spun, .badge-duplicate').count()) > 0, `${id}: copy flag shown`);
  }
  assert.equal(await page.locator('li.first-report').count(), 1, 'one first report is marked');
  const vladivostok = detail.places.find((p: any) => /vladivostok/i.test(p.name) && p.lat !== null);
  if (vladivostok) {
    // The map loads in its own chunk just after the page.
    await page.waitForSelector(`.world-map a.marker[data-place="${vladivostok.name}"]`);
    const marker = page.locator(`.world-map a.marker[data-place="${vladivostok.name}"]`);
    assert.equal(await marker.count(), 1, 'Vladivostok is on the map');
  }
  await page.waitForLoadState('networkidle');
  await shot('seeds-story');
});

test('search from the header: "Vladivostok" finds the seed articles with highlighted snippets', async () => {
  await page.goto(examples.url);
  await page.waitForSelector('.story-card');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'global-search', '"/" focuses the search box');
  await page.keyboard.type('Vladivostok');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.hits li');
  assert.match(page.url(), /#\/search\?q=Vladivostok$/);
  const hits = await page.locator('.hits li').count();
  assert.ok(hits >= 2, `${hits} hits`);
  const marked = await page.locator('.hits .snippet mark').allTextContents();
  assert.ok(marked.some((m) => /vladivostok/i.test(m)), 'the query word is highlighted');
  assert.ok((await page.locator('#h-stories ~ .story-list .story-card, section .story-list .story-card').count()) >= 1, 'matching stories are listed');
  await shot('search');
});

test('article page: boilerplate and reused passages are marked, reused passages link to their source', async () => {
  // On the seeds, when the boilerplate stage has marked the pasted link list.
  const seed = (await api(examples, '/api/search?q=vladivostok%20canterbury')).hits[0];
  if (seed) {
    const article = await api(examples, `/api/articles/${encodeURIComponent(seed.id)}`);
    if (article.boilerplate.length) {
      await page.goto(`${examples.url}#/article/${encodeURIComponent(seed.id)}`);
      await page.waitForSelector('.article-text');
      assert.ok((await page.locator('.article-text mark.boilerplate').count()) >= 1, 'seed boilerplate marked');
      await shot('seed-article');
    }
  }
  // On the constructed corpus, always.
  await page.goto(`${constructed.url}#/article/${C.wire}`);
  await page.waitForSelector('.article-text');
  const boilerplate = await page.locator('.article-text mark.boilerplate').textContent();
  assert.match(boilerplate ?? '', /Top stories: Trump withdraws nomination/);
  assert.equal(await page.locator('.article-text mark.boilerplate').getAttribute('data-kind'), 'link-list');
  await page.check('.toggle input');
  assert.equal(await page.locator('.article-text mark.boilerplate').isVisible(), false, 'boilerplate can be hidden');
  await shot('article-boilerplate');

  await page.goto(`${constructed.url}#/article/${C.spun}`);
  await page.waitForSelector('.article-text mark.copied');
  assert.equal(await page.locator('.article-text mark.copied.spun').count(), 1);
  const link = page.locator('.article-text a.copy-ref');
  assert.equal(await link.getAttribute('href'), `#/article/${C.wire}`);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'a javascript: URL is not a link');
  assert.ok(((await page.locator('.metadata').textContent()) ?? '').includes('javascript:alert(1)'), 'it is shown as text');
  await link.click();
  await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title, 'Kim and Putin to meet in Vladivostok');
  await shot('article-copied');
});

test('an annotated story: timeline, copy graph with the spun copy, entities, dates and the Vladivostok marker', async () => {
  await openStory(constructed, C.summitStory);
  assert.ok((await page.locator('.timeline .bar').count()) >= 4, 'timeline bars');
  assert.equal(await page.locator('.copy-graph path.edge-spun').count(), 1, 'the spun copy is drawn');
  assert.equal(await page.locator('.copy-graph path.edge-duplicate').count(), 1);
  assert.match((await page.locator('.edge-list').textContent()) ?? '', /spinner\.example.*spun copy of 62% of wire\.example/);
  await page.waitForSelector('.world-map a.marker[data-place="Vladivostok"]');
  assert.equal(await page.locator('.world-map a.marker[data-place="Vladivostok"]').count(), 1);
  const land = (await page.locator('.world-map path.land').getAttribute('d')) ?? '';
  assert.ok(land.length > 20_000, 'country shapes are drawn offline');
  assert.match((await page.locator('.dates').textContent()) ?? '', /2019-W17.*next week/);
  assert.equal(await page.locator(`li[data-article-id="${C.wire}"] .badge-first`).count(), 1);
  assert.equal(await page.locator(`li[data-article-id="${C.spun}"] .badge-spun`).count(), 1);
  await shot('annotated-story');

  // Entity chips filter the story list.
  await page.click('a.chip-person:has-text("Vladimir Putin")');
  await page.waitForSelector('.story-card');
  assert.match(page.url(), /entity=Vladimir\+Putin|entity=Vladimir%20Putin/);
  assert.deepEqual(await page.locator('.story-card h2').allTextContents(), ['Kim and Putin to meet in Vladivostok']);
});

test('hostile content is shown as text and never runs', async () => {
  const payloads = [
    {
      id: 'hostile-1',
      title: '<img src=x onerror="window.__pwned=\'title\'">Xylophonic <b>bold</b> claim',
      text: 'Xylophonic report. <script>window.__pwned = "script"</script> <svg onload="window.__pwned=\'svg\'"></svg> javascript:window.__pwned=1 and more words to make a real article body.',
      url: "javascript:window.__pwned='url'",
      source: '<iframe src="javascript:window.__pwned=\'source\'"></iframe>',
      published: '2024-05-01T10:00:00Z',
    },
    {
      id: 'hostile-2',
      html: '<html><head><title>Xylophonic page</title></head><body><article><h1>Xylophonic page</h1><p>Xylophonic text <img src=x onerror="window.__pwned=\'html\'"> with an inline handler and enough words to count as an article body for extraction.</p><p>Second paragraph of xylophonic prose.</p></article></body></html>',
      url: 'https://hostile.example/page',
    },
  ];
  const response = await fetch(new URL('/api/ingest', examples.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(payloads),
  });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).added, 2);

  const visits = [`#/search?q=xylophonic`, `#/?q=xylophonic`, `#/article/hostile-1`, `#/article/hostile-2`];
  for (const hash of visits) {
    await page.goto(`${examples.url}${hash}`);
    await page.waitForSelector('h1');
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => (window as any).__pwned), undefined, `${hash}: nothing ran`);
    assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, `${hash}: no javascript: links`);
    assert.equal(await page.locator('main img, main iframe, main script, main b').count(), 0, `${hash}: no markup from data`);
  }
  await page.goto(`${examples.url}#/article/hostile-1`);
  await page.waitForSelector('.article-text');
  assert.equal(await page.textContent('h1'), payloads[0].title, 'the title shows literally');
  assert.ok(((await page.textContent('.article-text')) ?? '').includes('<script>window.__pwned = "script"</script>'));
  assert.ok(((await page.textContent('.metadata')) ?? '').includes('<iframe'), 'the source name shows literally');
  await shot('hostile-article');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.equal(await page.evaluate(() => (window as any).__pwned), undefined);
});

test('keyboard: tab to a story and open it with Enter; a phone-sized screen does not scroll sideways', async () => {
  await page.goto(`${constructed.url}#/`);
  await page.waitForSelector('.story-card');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.closest('.story-card h2') !== null);
  }
  assert.ok(reached, 'a story link is reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.story .article-list li');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new page heading');

  const phone = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  try {
    for (const [name, hash] of [
      ['phone-story', `#/story/${C.summitStory}`],
      ['phone-article', `#/article/${C.spun}`],
      ['phone-list', '#/'],
    ]) {
      await phone.goto(`${constructed.url}${hash}`);
      await phone.waitForSelector('h1');
      await phone.waitForLoadState('networkidle');
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${name}: page is ${overflow}px wider than the screen`);
      await phone.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    }
  } finally {
    await phone.close();
  }
});

test('fast and clean: story page renders quickly, no CSP violations, no script errors', async () => {
  // In-app navigation from the list (what a reader does): click → data → rendered page.
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${examples.url}#/`);
    await page.waitForSelector('.story-card');
    const href = await page.locator('.story-card h2 a').nth(i % 3).getAttribute('href');
    const ms = await page.evaluate(async (target) => {
      performance.clearMarks('story-rendered');
      const t0 = performance.now();
      location.hash = target!;
      for (;;) {
        const mark = performance.getEntriesByName('story-rendered')[0];
        if (mark) return mark.startTime - t0;
        await new Promise((r) => setTimeout(r, 2));
      }
    }, href);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  process.stdout.write(`# story page render (click → rendered) median ${median.toFixed(0)} ms, all ${times.map((t) => t.toFixed(0)).join(' ')}\n`);
  // 200 ms is the target on an idle machine; the shared CI box gets a margin.
  assert.ok(median < 600, `median story render ${median.toFixed(0)} ms`);
  assert.deepEqual(cspViolations, []);
  assert.deepEqual(pageErrors, []);
});
