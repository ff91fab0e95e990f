/**
 * Benchmark of the web readers (not a test: run with `npm run bench:web`). Uses the 181 real
 * news pages of ../shared/data/extraction/zyte-aeb with their real URLs:
 *  1. a gzip WARC of them (request + response records) is written and read back;
 *  2. a local server publishes them in an RSS feed and the feed reader fetches every page;
 *  3. the per-host delay is checked on a run with --delay 100ms;
 *  4. RSS and Atom parsing speed on synthetic 5,000-item feeds.
 * Prints one JSON object per measurement.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { WARCRecord } from 'warcio';
import { WARCSerializer } from 'warcio/node';
import { SHARED, scratchDir } from '../helpers.ts';
import { readWarc } from '../../src/ingest/warc-reader.ts';
import { readWebUrl } from '../../src/ingest/feed-reader.ts';
import { WebSession } from '../../src/ingest/fetch-session.ts';
import { parseFeed } from '../../src/ingest/feed-parse.ts';
import type { ReadItem } from '../../src/types.ts';
import { startServer } from './web-helpers.ts';

const AEB = path.join(SHARED, 'data/extraction/zyte-aeb');

interface Page {
  id: string;
  url: string;
  html: Buffer;
}

function loadPages(): Page[] {
  const truth = JSON.parse(fs.readFileSync(path.join(AEB, 'ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
  return Object.entries(truth).map(([id, { url }]) => ({ id, url, html: zlib.gunzipSync(fs.readFileSync(path.join(AEB, 'html', `${id}.html.gz`))) }));
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function count(items: AsyncIterable<ReadItem>): Promise<{ records: number; errors: number; warnings: number; urls: string[] }> {
  const out = { records: 0, errors: 0, warnings: 0, urls: [] as string[] };
  for await (const item of items) {
    if ('record' in item) {
      out.records++;
      out.urls.push(item.record.input.url ?? '');
    } else if (item.error.level === 'warning') out.warnings++;
    else out.errors++;
  }
  return out;
}

async function benchWarc(pages: Page[], dir: string): Promise<void> {
  const file = path.join(dir, 'aeb.warc.gz');
  const parts: Uint8Array[] = [await WARCSerializer.serialize(WARCRecord.createWARCInfo({ filename: 'aeb.warc.gz' }, { software: 'storyline bench' }), { gzip: true })];
  for (const [i, page] of pages.entries()) {
    const date = new Date(Date.UTC(2019, 3, 16, 0, i)).toISOString();
    const request = WARCRecord.create({ url: page.url, date, type: 'request', httpHeaders: { Host: new URL(page.url).host }, statusline: `GET ${new URL(page.url).pathname} HTTP/1.1` });
    const response = WARCRecord.create({ url: page.url, date, type: 'response', httpHeaders: { 'Content-Type': 'text/html' } }, once(page.html));
    parts.push(await WARCSerializer.serialize(request, { gzip: true }), await WARCSerializer.serialize(response, { gzip: true }));
  }
  fs.writeFileSync(file, Buffer.concat(parts));
  const bytes = pages.reduce((n, p) => n + p.html.length, 0);
  const started = performance.now();
  const result = await count(readWarc(file));
  const seconds = (performance.now() - started) / 1000;
  const urlsMatch = result.urls.every((url, i) => url === new URL(pages[i].url).href);
  console.log(JSON.stringify({
    bench: 'warc-read', file: path.basename(file), warcBytes: fs.statSync(file).size, htmlBytes: bytes, records: result.records, errors: result.errors,
    skippedWarnings: result.warnings, urlsMatch, seconds: +seconds.toFixed(3), recordsPerSecond: Math.round(result.records / seconds),
    mbPerSecond: +(bytes / 1048576 / seconds).toFixed(1),
  }));
  console.error(`warc written to ${file} (try: node bin/storyline.js ingest ${file} --db ${path.join(dir, 'warc.db')})`);
}

async function benchFeed(pages: Page[]): Promise<void> {
  const byPath = new Map(pages.map((p) => [`/p/${p.id}`, p]));
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>AEB</title>${pages
    .map((p, i) => `<item><title>page ${i}</title><link>/p/${p.id}</link><pubDate>${new Date(Date.UTC(2019, 3, 16, 0, i)).toUTCString()}</pubDate></item>`)
    .join('')}</channel></rss>`;
  const server = await startServer((req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /private/\n');
    } else if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"1"' });
      res.end(feed);
    } else {
      const page = byPath.get(req.url ?? '');
      if (page) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page.html);
      }
    }
  });
  try {
    const session = new WebSession({ allowPrivate: true, delayMs: 0 });
    let started = performance.now();
    const result = await count(readWebUrl(`${server.origin}/feed.xml`, { web: session }));
    let seconds = (performance.now() - started) / 1000;
    console.log(JSON.stringify({
      bench: 'feed-fetch', items: pages.length, records: result.records, errors: result.errors, requests: server.requests.length,
      seconds: +seconds.toFixed(3), pagesPerSecond: Math.round(result.records / seconds),
    }));
    started = performance.now();
    const again = await count(readWebUrl(`${server.origin}/feed.xml`, { web: session }));
    seconds = (performance.now() - started) / 1000;
    console.log(JSON.stringify({ bench: 'feed-refetch-known-items', records: again.records, requestsThisRun: server.requests.length - result.records - 2, seconds: +seconds.toFixed(3) }));
    session.close();

    const paced = new WebSession({ allowPrivate: true, delayMs: 100 });
    const sample = pages.slice(0, 20);
    const before = server.requests.length;
    started = performance.now();
    for (const page of sample) await paced.get(`${server.origin}/p/${page.id}`);
    seconds = (performance.now() - started) / 1000;
    const times = server.requests.slice(before).map((r) => r.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    console.log(JSON.stringify({ bench: 'delay-100ms', requests: times.length, seconds: +seconds.toFixed(3), minGapMs: Math.min(...gaps) }));
    paced.close();
  } finally {
    await server.close();
  }
}

function benchParse(): void {
  const n = 5000;
  const text = 'Officials said on Tuesday that the work would continue through the summer. '.repeat(8);
  const rss = `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>big</title>${Array.from(
    { length: n },
    (_, i) => `<item><title>Item ${i} &amp; more</title><link>https://x.example/${i}</link><pubDate>Tue, 16 Apr 2019 10:00:00 GMT</pubDate><description>${text}</description><content:encoded><![CDATA[<p>${text}</p>]]></content:encoded></item>`,
  ).join('')}</channel></rss>`;
  const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>big</title>${Array.from(
    { length: n },
    (_, i) => `<entry><title>Item ${i}</title><link href="https://x.example/${i}"/><id>${i}</id><published>2019-04-16T10:00:00Z</published><summary>${text}</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>${text}</p></div></content></entry>`,
  ).join('')}</feed>`;
  for (const [name, xml] of [['rss2', rss], ['atom', atom]] as const) {
    const started = performance.now();
    const feed = parseFeed(xml);
    const seconds = (performance.now() - started) / 1000;
    console.log(JSON.stringify({ bench: `parse-${name}`, items: feed.items.length, mb: +(xml.length / 1048576).toFixed(1), seconds: +seconds.toFixed(3), itemsPerSecond: Math.round(feed.items.length / seconds) }));
  }
}

const pages = loadPages();
const dir = scratchDir('storyline-bench-web-');
await benchWarc(pages, dir);
await benchFeed(pages);
benchParse();
