import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseFeed, parseFeedDate } from '../../src/ingest/feed-parse.ts';
import { readInputs } from '../../src/ingest/readers.ts';
import '../../src/ingest/web-readers.ts';
import { WebSession } from '../../src/ingest/fetch-session.ts';
import type { ReadItem, RawRecord, Message } from '../../src/types.ts';
import Database from 'better-sqlite3';
import { collect, scratchDir } from '../helpers.ts';
import { articlePage, startServer } from './web-helpers.ts';

const records = (items: ReadItem[]): RawRecord[] => items.flatMap((i) => ('record' in i ? [i.record] : []));
const messages = (items: ReadItem[]): Message[] => items.flatMap((i) => ('error' in i ? [i.error] : []));

test('Atom: summary, published, XHTML content, xml:base links and the alternate link are kept', () => {
  const feed = parseFeed(
    `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/world/">
  <title type="html">World &amp;amp; more</title>
  <author><name>Desk</name></author>
  <entry>
    <title type="html">Summit &lt;em&gt;ends&lt;/em&gt;</title>
    <link rel="enclosure" href="/audio.mp3"/>
    <link rel="alternate" type="text/html" href="summit-ends"/>
    <id>tag:news.example,2019:1</id>
    <updated>2019-04-26T09:00:00Z</updated>
    <published>2019-04-25T08:30:00+10:00</published>
    <summary>Leaders met in Vladivostok.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First &amp; <b>second</b>.</p></div></content>
  </entry>
  <entry><title>Only updated</title><link href="https://other.example/x"/><updated>2019-04-27T00:00:00Z</updated>
    <content type="html">&lt;p&gt;Escaped &amp;amp; content&lt;/p&gt;</content></entry>
</feed>`,
    'https://news.example/feed.atom',
  );
  assert.equal(feed.format, 'atom');
  assert.equal(feed.title, 'World & more');
  const [a, b] = feed.items;
  assert.equal(a.title, 'Summit ends');
  assert.equal(a.link, 'https://news.example/world/summit-ends');
  assert.equal(a.published, '2019-04-24T22:30:00.000Z', 'published wins over updated');
  assert.equal(a.summaryHtml, '<p>Leaders met in Vladivostok.</p>');
  assert.match(a.contentHtml!, /<p>First &amp; <b>second<\/b>\.<\/p>/);
  assert.equal(a.author, 'Desk');
  assert.equal(b.published, '2019-04-27T00:00:00.000Z');
  assert.equal(b.contentHtml, '<p>Escaped &amp; content</p>');
});

test('RSS 2.0 with namespaced content under any prefix, and RSS 1.0 (RDF)', () => {
  const rss = parseFeed(
    `<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/"><channel>
      <title>Paper</title><link>https://paper.example/</link>
      <item><title>Bridge vote &amp;amp; delay</title><link>/2019/bridge</link><pubDate>Tue, 16 Apr 2019 10:00:00 CEST</pubDate>
        <guid isPermaLink="false">b-1</guid><description>&lt;p&gt;Short&lt;/p&gt;</description>
        <c:encoded><![CDATA[<p>Full <i>text</i></p>]]></c:encoded><d:creator>Ann Lee</d:creator></item>
      <item><title>Guid only</title><guid>https://paper.example/guid-link</guid><d:date>2019-04-17T06:00:00Z</d:date></item>
    </channel></rss>`,
  );
  assert.equal(rss.format, 'rss2');
  assert.deepEqual(
    rss.items.map((i) => [i.title, i.link, i.published, i.author]),
    [
      ['Bridge vote & delay', 'https://paper.example/2019/bridge', '2019-04-16T08:00:00.000Z', 'Ann Lee'],
      ['Guid only', 'https://paper.example/guid-link', '2019-04-17T06:00:00.000Z', null],
    ],
  );
  assert.equal(rss.items[0].contentHtml, '<p>Full <i>text</i></p>');
  assert.equal(rss.items[0].summaryHtml, '<p>Short</p>');

  const rdf = parseFeed(
    `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://rdf.example/"><title>RDF news</title><link>https://rdf.example/</link></channel>
      <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link><dc:date>2019-04-16T10:00:00+02:00</dc:date></item>
      <item rdf:about="https://rdf.example/2"><title>Two</title></item>
    </rdf:RDF>`,
  );
  assert.equal(rdf.format, 'rss1');
  assert.equal(rdf.title, 'RDF news');
  assert.deepEqual(rdf.items.map((i) => [i.link, i.published]), [['https://rdf.example/1', '2019-04-16T08:00:00.000Z'], ['https://rdf.example/2', null]]);
});

test('feed dates: RFC 822 with named zones, ISO, unreadable ones become null', () => {
  assert.equal(parseFeedDate('Tue, 16 Apr 2019 10:00:00 GMT'), '2019-04-16T10:00:00.000Z');
  assert.equal(parseFeedDate('Tue, 16 Apr 2019 10:00:00 +0300'), '2019-04-16T07:00:00.000Z');
  assert.equal(parseFeedDate('Tue, 16 Apr 2019 10:00:00 EDT'), '2019-04-16T14:00:00.000Z');
  assert.equal(parseFeedDate('Tue, 16 Apr 2019 10:00:00 JST'), '2019-04-16T01:00:00.000Z');
  assert.equal(parseFeedDate('2019-04-16T10:00:00+02:00'), '2019-04-16T08:00:00.000Z');
  assert.equal(parseFeedDate('yesterday-ish'), null);
});

test('broken XML is a clear error with line and column; a bare & is repaired with a warning', () => {
  assert.throws(() => parseFeed('<rss version="2.0"><channel><item><title>cut off</title></item></chann'), /not well-formed XML at line 1, column \d+/);
  assert.throws(() => parseFeed('<html><body>a page</body></html>'), /not an RSS or Atom feed: root element <html>/);
  const repaired = parseFeed('<rss><channel><item><title>AT&T and Q&A</title><link>https://x.example/1</link></item></channel></rss>');
  assert.equal(repaired.items[0].title, 'AT&T and Q&A');
  assert.match(repaired.warnings.join(), /bare "&"/);
});

test('feed URL end to end: new items fetched as HTML records, known ones skipped, fallbacks and errors named', async () => {
  const item = (n: string, extra = '') => `<item><title>Item ${n}</title><link>/a/${n}</link><pubDate>Tue, 16 Apr 2019 1${n.length}:00:00 GMT</pubDate>${extra}</item>`;
  const fullContent = `<content:encoded><![CDATA[${articlePage('x', 'the harbour').replace(/^[\s\S]*<article>|<\/article>[\s\S]*$/g, '')}]]></content:encoded>`;
  const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
    ${item('1')}${item('2')}${item('gone', fullContent)}${item('pdf')}${item('missing')}${item('binary')}</channel></rss>`;
  const server = await startServer((req, res) => {
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(feed);
    } else if (req.url === '/broken.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel><item><title>x</title></item></chan');
    } else if (req.url === '/a/1' || req.url === '/a/2') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage(`Page ${req.url}`, 'the bridge'));
    } else if (req.url === '/a/binary') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    } else if (req.url === '/a/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.4');
    }
  });
  const session = new WebSession({ allowPrivate: true, delayMs: 0 });
  try {
    const items = await collect(readInputs([`${server.origin}/broken.xml`, `${server.origin}/feed.xml`], { web: session } as Parameters<typeof readInputs>[1]));
    const got = records(items);
    assert.deepEqual(got.map((r) => r.input.url), [`${server.origin}/a/1`, `${server.origin}/a/2`, `${server.origin}/a/gone`]);
    assert.equal(got[0].fallback?.title, 'Item 1');
    assert.equal(got[0].fallback?.published, '2019-04-16T11:00:00.000Z');
    assert.match(got[0].input.html!, /Page \/a\/1/);
    assert.match(got[2].input.html!, /the harbour/, 'the feed content stands in for the missing page');
    const errors = messages(items);
    const find = (re: RegExp) => errors.find((e) => re.test(e.reason));
    assert.equal(find(/broken feed: not well-formed XML/)?.origin.url, `${server.origin}/broken.xml`);
    assert.equal(find(/not an HTML page \(content-type application\/pdf\)/)?.origin.url, `${server.origin}/a/pdf`);
    assert.equal(find(/cannot fetch item page: HTTP 404/)?.origin.url, `${server.origin}/a/missing`);
    assert.equal(find(/not an HTML page \(binary content, content-type text\/html\)/)?.origin.url, `${server.origin}/a/binary`);
    assert.equal(find(/ingested the feed's own content/)?.level, 'warning');

    // Items handed over once are not fetched again (the store check works the same way by URL).
    const before = server.requests.length;
    const again = await collect(readInputs([`${server.origin}/feed.xml`], { web: session } as Parameters<typeof readInputs>[1]));
    assert.equal(records(again).length, 0);
    assert.deepEqual(server.paths().slice(before), ['/feed.xml', '/a/pdf', '/a/missing', '/a/binary']);
  } finally {
    session.close();
    await server.close();
  }
});

test('feed files on disk: items fetched; a non-feed .xml and a binary .rss are clear errors; the batch goes on', async () => {
  const server = await startServer((req, res) => {
    if (req.url === '/story') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(articlePage('Story', 'the dam'));
    }
  });
  const dir = scratchDir('storyline-feedfile-');
  fs.writeFileSync(path.join(dir, 'a-sitemap.xml'), '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>');
  fs.writeFileSync(path.join(dir, 'b-binary.rss'), Buffer.from([0, 1, 2, 3, 0, 0, 7]));
  fs.writeFileSync(
    path.join(dir, 'c-news.atom'),
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>Story</title><link href="${server.origin}/story"/><published>2019-04-16T10:00:00Z</published></entry></feed>`,
  );
  const session = new WebSession({ allowPrivate: true, delayMs: 0 });
  try {
    const items = await collect(readInputs([dir], { web: session } as Parameters<typeof readInputs>[1]));
    const errors = messages(items);
    assert.match(errors.find((e) => e.origin.file?.endsWith('a-sitemap.xml'))!.reason, /not an RSS or Atom feed: root element <urlset>/);
    assert.match(errors.find((e) => e.origin.file?.endsWith('b-binary.rss'))!.reason, /binary content/);
    const [story] = records(items);
    assert.equal(story.input.url, `${server.origin}/story`);
    assert.equal(story.fallback?.published, '2019-04-16T10:00:00.000Z');
  } finally {
    session.close();
    await server.close();
  }
});

test('without allowPrivate, feed items on loopback are refused and named', async () => {
  const server = await startServer((_req, res) => {
    res.end('x');
  });
  const dir = scratchDir('storyline-feedfile-');
  const file = path.join(dir, 'local.rss');
  fs.writeFileSync(file, `<rss><channel><item><title>L</title><link>${server.origin}/x</link></item></channel></rss>`);
  const session = new WebSession({ delayMs: 0 });
  try {
    const items = await collect(readInputs([file, `ftp://${server.origin.slice(7)}/feed`], { web: session } as Parameters<typeof readInputs>[1]));
    const errors = messages(items);
    assert.equal(errors.length, 2);
    assert.equal(errors[0].origin.url, `${server.origin}/x`);
    assert.match(errors[0].reason, /refused: 127\.0\.0\.1 is not a public address \(loopback\)/);
    assert.match(errors[1].reason, /refused: only http and https URLs are fetched, not ftp:/);
    assert.equal(server.requests.length, 0);
  } finally {
    session.close();
    await server.close();
  }
});

test('an item that failed transiently keeps the feed revalidating in full, so it is retried next run', async () => {
  let flakyCalls = 0;
  const server = await startServer((req, res) => {
    if (req.url === '/feed.xml') {
      if (req.headers['if-none-match'] === '"f1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f1"' });
      res.end('<rss><channel><item><title>Flaky</title><link>/flaky</link></item></channel></rss>');
    } else if (req.url === '/flaky') {
      flakyCalls++;
      res.writeHead(flakyCalls === 1 ? 503 : 200, { 'content-type': 'text/html' });
      res.end(flakyCalls === 1 ? 'busy' : articlePage('Flaky', 'the tunnel'));
    }
  });
  const session = new WebSession({ allowPrivate: true, delayMs: 0 });
  try {
    const first = await collect(readInputs([`${server.origin}/feed.xml`], { web: session } as Parameters<typeof readInputs>[1]));
    assert.match(messages(first)[0].reason, /cannot fetch item page: HTTP 503/);
    const second = await collect(readInputs([`${server.origin}/feed.xml`], { web: session } as Parameters<typeof readInputs>[1]));
    assert.equal(records(second).length, 1, 'the item is fetched again and read');
    const feedRequests = server.requests.filter((r) => r.path === '/feed.xml');
    assert.equal(feedRequests[1].headers['if-none-match'], undefined, 'no conditional GET while an item is pending');
    const third = await collect(readInputs([`${server.origin}/feed.xml`], { web: session } as Parameters<typeof readInputs>[1]));
    assert.equal(third.length, 0);
    assert.equal(server.requests.filter((r) => r.path === '/feed.xml')[2].headers['if-none-match'], '"f1"');
  } finally {
    session.close();
    await server.close();
  }
});

test('items whose URL (or the URL their link redirected to) is in the database are not fetched', async () => {
  const server = await startServer((req, res) => {
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel><item><title>Old</title><link>/old</link></item><item><title>Moved</title><link>/short/1</link></item><item><title>New</title><link>/new</link></item></channel></rss>');
    } else if (req.url === '/new') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(articlePage('New', 'the ferry'));
    }
  });
  // A database as the store leaves it: only the article table's url column matters here.
  const db = path.join(scratchDir('storyline-known-'), 'known.db');
  const handle = new Database(db);
  handle.exec('CREATE TABLE article (id TEXT, url TEXT)');
  handle.prepare('INSERT INTO article VALUES (?, ?)').run('a1', `${server.origin}/old`);
  handle.prepare('INSERT INTO article VALUES (?, ?)').run('a2', `${server.origin}/articles/moved-story`);
  handle.close();
  const session = new WebSession({ allowPrivate: true, delayMs: 0, dbPath: db });
  session.state.rememberAlias(`${server.origin}/short/1`, `${server.origin}/articles/moved-story`);
  try {
    const items = await collect(readInputs([`${server.origin}/feed.xml`], { web: session } as Parameters<typeof readInputs>[1]));
    assert.deepEqual(records(items).map((r) => r.input.url), [`${server.origin}/new`]);
    assert.deepEqual(server.paths().filter((p) => p !== '/robots.txt'), ['/feed.xml', '/new']);
    assert.equal(session.stats.itemsAlreadyStored, 2);
  } finally {
    session.close();
    await server.close();
  }
});
