/**
 * The web inputs through the real CLI. The runs are slow to start (a whole process each),
 * so the tests of this file run concurrently, each with its own server and database.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { scratchDir } from '../helpers.ts';
import { articlePage, runCliAsync, startServer, type Handler } from './web-helpers.ts';

/** A news site: robots.txt, an RSS feed with ETag, two articles, a malformed page and one page robots.txt forbids. */
function newsSite(): Handler {
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title>
    <item><title>Bridge vote delayed</title><link>/news/bridge</link><pubDate>Tue, 16 Apr 2019 10:00:00 GMT</pubDate></item>
    <item><title>Harbour reopens</title><link>/news/harbour</link><pubDate>Wed, 17 Apr 2019 09:00:00 GMT</pubDate></item>
    <item><title>Members only</title><link>/members/secret</link></item>
    <item><title>Garbled</title><link>/news/garbled</link></item>
  </channel></rss>`;
  return (req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /members/\n');
    } else if (req.url === '/feed.xml') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' });
        res.end(feed);
      }
    } else if (req.url === '/news/bridge') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage('Bridge vote delayed', 'the new bridge over the river'));
    } else if (req.url === '/news/garbled') {
      // Malformed HTML with no text in it: the pipeline reports it by URL, the run goes on.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body><div><p><b></div></p><script>var x = "</b>";</script><td></table>');
    } else if (req.url === '/news/harbour') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage('Harbour reopens', 'the harbour and its fishing fleet'));
    }
  };
}

const WEB = ['--allow-private', '--delay', '0'];

/** Articles as stored (read straight from SQLite: cheaper than spawning `export`). */
function storedArticles(db: string): Array<{ url: string; title: string; published: string; source: string; text: string }> {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare('SELECT url, title, published, source, text FROM article ORDER BY url').all() as never;
  } finally {
    handle.close();
  }
}

describe('web inputs through the CLI', { concurrency: true }, () => {
  test('ingest <feed-url> <page.html>, then watch --once: items ingested once; the second run is a conditional GET answered 304', async () => {
    const server = await startServer(newsSite());
    const dir = scratchDir('storyline-web-cli-');
    const db = path.join(dir, 'feed.db');
    const feeds = path.join(dir, 'feeds.txt');
    fs.writeFileSync(feeds, `# local test feed\n\n${server.origin}/feed.xml\n`);
    // Issue item 3 rides along: an HTML file ingested end to end in the same run.
    const page = path.join(dir, 'page.html');
    fs.writeFileSync(page, articlePage('Dam inspection finds cracks', 'the old dam above the valley'));
    try {
      const first = await runCliAsync(['ingest', `${server.origin}/feed.xml`, page, '--db', db, ...WEB]);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /read 4, new 3/);
      assert.match(first.stdout, /web: 1 feed \(0 not modified\), 4 items \(0 already stored\), 3 pages fetched, 1 disallowed by robots\.txt/);
      assert.match(first.stderr, /\/news\/garbled: error: (no article text found in HTML|cannot extract text from HTML)/);
      assert.match(first.stderr, /\/members\/secret: error: cannot fetch item page: disallowed by .*robots\.txt/);
      assert.ok(!server.paths().includes('/members/secret'));
      assert.ok(fs.existsSync(`${db}.fetch-state.json`));
      const stored = storedArticles(db);
      assert.deepEqual(
        stored.filter((a) => a.url).map((a) => [a.url, a.title, a.published, a.source]),
        [
          [`${server.origin}/news/bridge`, 'Bridge vote delayed', '2019-04-16T10:00:00.000Z', '127.0.0.1'],
          [`${server.origin}/news/harbour`, 'Harbour reopens', '2019-04-17T09:00:00.000Z', '127.0.0.1'],
        ],
      );
      const fromFile = stored.find((a) => a.title === 'Dam inspection finds cracks');
      assert.ok(fromFile, 'the HTML file is stored with its extracted title');
      assert.match(fromFile.text, /the old dam above the valley — part 5/);
      assert.doesNotMatch(fromFile.text, /Home|© Test/, 'navigation and footer are not article text');

      // --once, with the state the first run left next to the database.
      const once = await runCliAsync(['watch', feeds, '--once', '--db', db, ...WEB]);
      assert.equal(once.status, 0, once.stderr);
      assert.match(once.stdout, /round 1 at \S+: web: 1 feed \(1 not modified\).*read 0, new 0/);
      assert.doesNotMatch(once.stdout, /\+ /);
      const feedRequests = server.requests.filter((r) => r.path === '/feed.xml');
      assert.equal(feedRequests.length, 2);
      assert.equal(feedRequests[1].headers['if-none-match'], '"v1"');
      assert.equal(server.paths().filter((p) => p === '/news/bridge').length, 1);
    } finally {
      await server.close();
    }
  });

  test('watch: each round prints what it ingested; Ctrl-C stops it cleanly', async () => {
    const server = await startServer(newsSite());
    const dir = scratchDir('storyline-web-cli-');
    const db = path.join(dir, 'watch.db');
    const feeds = path.join(dir, 'feeds.txt');
    fs.writeFileSync(feeds, `${server.origin}/feed.xml # the only feed\n`);
    try {
      const run = await runCliAsync(['watch', feeds, '--every', '1h', '--db', db, ...WEB], {
        onStdout: (soFar) => /round 1 .*\n(.*\n)*.*Harbour reopens/.test(soFar),
        timeoutMs: 120_000,
      });
      assert.equal(run.signal, null, `killed: ${run.stderr}`);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /round 1 at \S+: web: 1 feed \(0 not modified\), 4 items .*; read 3, new 2, duplicates 0, errors 2/);
      assert.match(run.stdout, /\+ Bridge vote delayed {2}http:\/\/127\.0\.0\.1:\d+\/news\/bridge/);
      assert.match(run.stdout, /watch stopped/);
      assert.doesNotMatch(run.stdout, /round 2/);
      assert.equal(storedArticles(db).length, 2);
    } finally {
      await server.close();
    }
  });
});
