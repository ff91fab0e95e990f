import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPathAllowed, parseRobots, productToken, robotsPolicyFor, robotsPolicyFromResponse } from '../../src/ingest/robots.ts';
import { WebSession } from '../../src/ingest/fetch-session.ts';
import { FetchError } from '../../src/ingest/fetch.ts';
import { startServer } from './web-helpers.ts';

const ROBOTS = `
# comments and blank lines are ignored
User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Crawl-delay: 5

User-agent: OtherBot
User-agent: Storyline
Disallow: /
Allow: /news/
Allow: /$
Crawl-delay: 0.5
`;

test('the group naming our product token applies (case-insensitive), else the * group', () => {
  const groups = parseRobots(ROBOTS);
  assert.equal(productToken('Storyline/0.1 (news)'), 'storyline');
  const ours = robotsPolicyFor(groups, 'storyline/2.0');
  assert.equal(ours.crawlDelaySeconds, 0.5);
  assert.equal(isPathAllowed(ours, '/news/today'), true);
  assert.equal(isPathAllowed(ours, '/'), true, 'Allow: /$ matches the root only');
  assert.equal(isPathAllowed(ours, '/sport/x'), false);
  assert.equal(isPathAllowed(ours, '/robots.txt'), true);

  const others = robotsPolicyFor(groups, 'SomeCrawler/1.0');
  assert.equal(others.crawlDelaySeconds, 5);
  assert.equal(isPathAllowed(others, '/sport/x'), true);
  assert.equal(isPathAllowed(others, '/private/secret'), false);
  assert.equal(isPathAllowed(others, '/private/open/page'), true, 'the longer Allow wins over the shorter Disallow');
  assert.equal(isPathAllowed(others, '/files/report.pdf'), false);
  assert.equal(isPathAllowed(others, '/files/report.pdf?x=1'), true, '$ anchors the end');
});

test('ties go to Allow; wildcards; percent-encoding is normalised; empty Disallow allows all', () => {
  const policy = robotsPolicyFor(parseRobots('User-agent: *\nDisallow: /a\nAllow: /a\nDisallow: /*/print\nDisallow: /caf%C3%A9\nDisallow:\n'), 'x');
  assert.equal(isPathAllowed(policy, '/a/b'), true);
  assert.equal(isPathAllowed(policy, '/2019/story/print'), false);
  assert.equal(isPathAllowed(policy, '/café/menu'), false);
  assert.equal(isPathAllowed(policy, '/caf%c3%a9/menu'), false);
  assert.equal(isPathAllowed(robotsPolicyFor(parseRobots('User-agent: *\nDisallow:\n'), 'x'), '/anything'), true);
  assert.equal(isPathAllowed(robotsPolicyFor([], 'x'), '/anything'), true);
});

test('missing robots.txt allows everything; an unreachable one blocks the host', () => {
  assert.equal(isPathAllowed(robotsPolicyFromResponse({ error: 'HTTP 404', status: 404 }, 'x'), '/a'), true);
  const down = robotsPolicyFromResponse({ error: 'HTTP 503 Service Unavailable', status: 503 }, 'x');
  assert.equal(isPathAllowed(down, '/a'), false);
  assert.match(down.blockedReason!, /robots\.txt unreachable \(HTTP 503/);
  assert.equal(isPathAllowed(robotsPolicyFromResponse({ error: 'connection failed: ECONNREFUSED' }, 'x'), '/a'), false);
});

test('session: a disallowed page is never requested; Crawl-delay spaces requests to the host', async () => {
  const server = await startServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n');
    } else if (req.url?.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>ok</p>');
    }
  });
  const session = new WebSession({ allowPrivate: true, delayMs: 0 });
  try {
    await assert.rejects(session.get(`${server.origin}/private/doc`), (err: FetchError) => {
      assert.match(err.message, /disallowed by http:\/\/127\.0\.0\.1:\d+\/robots\.txt/);
      return true;
    });
    await session.get(`${server.origin}/page1`);
    await session.get(`${server.origin}/page2`);
    await session.get(`${server.origin}/page3`);
    assert.deepEqual(server.paths(), ['/robots.txt', '/page1', '/page2', '/page3'], 'robots.txt once, the private page never');
    const times = server.requests.filter((r) => r.path.startsWith('/page')).map((r) => r.at);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 280, `requests ${times[i] - times[i - 1]} ms apart`);
    assert.equal(session.stats.robotsDisallowed, 1);
  } finally {
    session.close();
    await server.close();
  }
});

test('session: --delay spaces requests to one host even without robots.txt', async () => {
  const server = await startServer((req, res) => {
    if (req.url?.startsWith('/p')) res.end('ok');
  });
  const session = new WebSession({ allowPrivate: true, delayMs: 250 });
  try {
    await Promise.all([session.get(`${server.origin}/p1`), session.get(`${server.origin}/p2`)]);
    const [a, b] = server.requests.filter((r) => r.path.startsWith('/p')).map((r) => r.at);
    assert.ok(b - a >= 230, `requests ${b - a} ms apart`);
  } finally {
    session.close();
    await server.close();
  }
});
