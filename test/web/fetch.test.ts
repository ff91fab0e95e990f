import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchUrl, FetchError } from '../../src/ingest/fetch.ts';
import { WebSession } from '../../src/ingest/fetch-session.ts';
import { readWebUrl } from '../../src/ingest/feed-reader.ts';
import { collect } from '../helpers.ts';
import { articlePage, startServer } from './web-helpers.ts';

test('redirects are followed up to 5; the 6th is refused with a clear error', async () => {
  const server = await startServer((req, res) => {
    const hop = /^\/r(\d+)$/.exec(req.url ?? '');
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(n === 0 ? 200 : 302, n === 0 ? { 'content-type': 'text/plain' } : { location: `/r${n - 1}` });
      res.end(n === 0 ? 'arrived' : '');
    }
  });
  try {
    const ok = await fetchUrl(`${server.origin}/r5`, { allowPrivate: true });
    assert.equal(ok.body.toString(), 'arrived');
    assert.equal(ok.url, `${server.origin}/r0`);
    assert.equal(ok.redirects.length, 5);
    const before = server.requests.length;
    await assert.rejects(fetchUrl(`${server.origin}/r6`, { allowPrivate: true }), (err: FetchError) => {
      assert.match(err.message, /too many redirects: more than 5/);
      assert.match(err.message, /\/r6 → .*\/r1 → \/r0/);
      return true;
    });
    // Six requests (r6 … r1); the 6th redirect's target r0 is never requested.
    assert.deepEqual(server.paths().slice(before), ['/r6', '/r5', '/r4', '/r3', '/r2', '/r1']);
  } finally {
    await server.close();
  }
});

test('only http(s): other schemes are refused, also as a redirect target', async () => {
  for (const url of ['file:///etc/passwd', 'ftp://example.org/feed.xml', 'javascript:alert(1)', 'data:text/html,hi', 'gopher://x/']) {
    await assert.rejects(fetchUrl(url, { allowPrivate: true }), /refused: only http and https URLs are fetched/, url);
  }
  await assert.rejects(fetchUrl('not a url'), /not a valid URL/);
  const server = await startServer((req, res) => {
    if (req.url === '/to-file') {
      res.writeHead(301, { location: 'file:///etc/passwd' });
      res.end();
    }
  });
  try {
    await assert.rejects(fetchUrl(`${server.origin}/to-file`, { allowPrivate: true }), /redirect from .*\/to-file to file:\/\/\/etc\/passwd: refused: only http and https/);
  } finally {
    await server.close();
  }
});

test('private and loopback addresses are refused before any connection unless allowPrivate', async () => {
  const server = await startServer((_req, res) => res.end('should not be reached'));
  const lookup = async (host: string) => (host === 'loopback.test' ? ['127.0.0.1'] : host === 'localhost' ? ['127.0.0.1', '::1'] : ['93.184.216.34']);
  try {
    const urls = [
      `${server.origin}/`,
      `http://localhost:${server.port}/`,
      `http://[::1]:${server.port}/`,
      `http://loopback.test:${server.port}/`,
      `http://2130706433:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
    ];
    for (const url of urls) {
      await assert.rejects(fetchUrl(url, { lookup }), (err: FetchError) => {
        assert.match(err.message, /^refused: .*not a public address \(loopback.*\); use --allow-private/, url);
        return true;
      });
    }
    assert.equal(server.requests.length, 0, 'no request reached the server');
    // With the system resolver too: localhost is refused.
    await assert.rejects(fetchUrl(`http://localhost:${server.port}/`), /refused: localhost resolves to/);
    assert.equal(server.requests.length, 0);
    const allowed = await fetchUrl(`${server.origin}/`, { allowPrivate: true });
    assert.equal(allowed.body.toString(), 'should not be reached');
  } finally {
    await server.close();
  }
});

test('a redirect to a private address is refused before connecting (checked on every hop)', async () => {
  const server = await startServer((_req, res) => res.end('private data'));
  // The first hop is a "public" host whose response the test supplies without a network.
  const lookup = async () => ['93.184.216.34'];
  const fakeRedirect = (location: string) => ({ response: new Response(null, { status: 302, headers: { location } }), body: Buffer.alloc(0) });
  try {
    await assert.rejects(
      fetchUrl('http://news.example/feed', {
        lookup,
        aroundRequest: async <T>(url: URL, request: () => Promise<T>): Promise<T> =>
          (url.hostname === 'news.example' ? fakeRedirect(`http://127.0.0.1:${server.port}/secret`) : await request()) as T,
      }),
      /refused: 127\.0\.0\.1 is not a public address \(loopback\).*redirected to http:\/\/127\.0\.0\.1:\d+\/secret from http:\/\/news\.example\/feed/,
    );
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test('bodies over maxBytes are cut off with a clear error, with or without Content-Length', async () => {
  const big = 'x'.repeat(50_000);
  const server = await startServer((req, res) => {
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(big.length) });
      res.end(big);
    } else if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 10; i++) res.write(big.slice(0, 5_000));
      res.end();
    } else if (req.url === '/small') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('small');
    }
  });
  try {
    await assert.rejects(fetchUrl(`${server.origin}/declared`, { allowPrivate: true, maxBytes: 10_000 }), /response body of 50000 bytes exceeds the 10000-byte limit \(--max-bytes\)/);
    await assert.rejects(fetchUrl(`${server.origin}/chunked`, { allowPrivate: true, maxBytes: 10_000 }), /exceeds the 10000-byte limit \(--max-bytes\); cut off after \d+ bytes/);
    assert.equal((await fetchUrl(`${server.origin}/small`, { allowPrivate: true, maxBytes: 10_000 })).body.toString(), 'small');
  } finally {
    await server.close();
  }
});

test('a slow server times out with a clear, transient error', async () => {
  const server = await startServer((req, res) => {
    if (req.url !== '/slow') return;
    setTimeout(() => res.end('late'), 2_000);
    return 'async';
  });
  try {
    await assert.rejects(fetchUrl(`${server.origin}/slow`, { allowPrivate: true, timeoutMs: 200 }), (err: FetchError) => {
      assert.match(err.message, /timed out after 0\.2 s/);
      assert.equal(err.transient, true);
      return true;
    });
    await assert.rejects(fetchUrl(`${server.origin}/missing`, { allowPrivate: true }), (err: FetchError) => err.message === 'HTTP 404 Not Found' && !err.transient);
  } finally {
    await server.close();
  }
});

test('conditional GET: the second fetch sends If-None-Match / If-Modified-Since and a 304 yields nothing', async () => {
  const etag = '"feed-v1"';
  const modified = 'Tue, 16 Apr 2019 10:00:00 GMT';
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><link>/a/1</link></item></channel></rss>`;
  const server = await startServer((req, res) => {
    if (req.url === '/feed.xml') {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': modified });
      res.end(feed);
    } else if (req.url === '/a/1') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(articlePage('One', 'the bridge'));
    }
  });
  const session = new WebSession({ allowPrivate: true, delayMs: 0 });
  try {
    const first = await collect(readWebUrl(`${server.origin}/feed.xml`, { web: session }));
    assert.equal(first.filter((i) => 'record' in i).length, 1);
    const firstFeedRequest = server.requests.find((r) => r.path === '/feed.xml')!;
    assert.equal(firstFeedRequest.headers['if-none-match'], undefined);

    const second = await collect(readWebUrl(`${server.origin}/feed.xml`, { web: session }));
    assert.deepEqual(second, []);
    const feedRequests = server.requests.filter((r) => r.path === '/feed.xml');
    assert.equal(feedRequests.length, 2);
    assert.equal(feedRequests[1].headers['if-none-match'], etag);
    assert.equal(feedRequests[1].headers['if-modified-since'], modified);
    assert.equal(session.stats.feedsNotModified, 1);
    assert.equal(server.paths().filter((p) => p === '/a/1').length, 1, 'the item page is fetched once');
  } finally {
    session.close();
    await server.close();
  }
});
