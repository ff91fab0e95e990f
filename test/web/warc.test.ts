import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { WARCRecord } from 'warcio';
import { WARCSerializer } from 'warcio/node';
import { readInputs } from '../../src/ingest/readers.ts';
import '../../src/ingest/web-readers.ts';
import type { Message, RawRecord, ReadItem } from '../../src/types.ts';
import { collect, scratchDir } from '../helpers.ts';
import { articlePage } from './web-helpers.ts';

const records = (items: ReadItem[]): RawRecord[] => items.flatMap((i) => ('record' in i ? [i.record] : []));
const messages = (items: ReadItem[]): Message[] => items.flatMap((i) => ('error' in i ? [i.error] : []));

async function* bytes(text: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof text === 'string' ? new TextEncoder().encode(text) : text;
}

/** A small crawl: warcinfo, request/response pairs, metadata, an image, a 404 and a gzip-encoded page. */
function crawlRecords(): WARCRecord[] {
  const html = (url: string, date: string, body: string | Uint8Array, headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' }) =>
    WARCRecord.create({ url, date, type: 'response', httpHeaders: headers }, bytes(body));
  return [
    WARCRecord.createWARCInfo({ filename: 'crawl.warc.gz' }, { software: 'storyline-test' }),
    WARCRecord.create({ url: 'https://news.example/a', date: '2019-04-16T10:00:00Z', type: 'request', httpHeaders: { Host: 'news.example' }, statusline: 'GET /a HTTP/1.1' }),
    html('https://news.example/a', '2019-04-16T10:00:05Z', articlePage('Summit opens', 'the summit')),
    WARCRecord.create({ url: 'https://news.example/a', date: '2019-04-16T10:00:06Z', type: 'metadata', warcHeaders: { 'Content-Type': 'application/warc-fields' } }, bytes('outlink: https://news.example/b\r\n')),
    WARCRecord.create({ url: 'https://news.example/logo.png', date: '2019-04-16T10:00:07Z', type: 'response', httpHeaders: { 'Content-Type': 'image/png' } }, bytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))),
    WARCRecord.create({ url: 'https://news.example/gone', date: '2019-04-16T10:00:08Z', type: 'response', statusline: 'HTTP/1.1 404 Not Found', httpHeaders: { 'Content-Type': 'text/html' } }, bytes('<p>missing</p>')),
    html('https://news.example/b', '2019-04-17T08:30:00Z', zlib.gzipSync(articlePage('Summit closes', 'the closing talks')), {
      'Content-Type': 'text/html',
      'Content-Encoding': 'gzip',
    }),
  ];
}

async function writeWarc(file: string, gzip: boolean): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const record of crawlRecords()) parts.push(await WARCSerializer.serialize(record, { gzip }));
  const all = Buffer.concat(parts);
  fs.writeFileSync(file, all);
  return all;
}

for (const gzip of [true, false]) {
  test(`WARC${gzip ? '.gz' : ''}: HTML responses become records with target URI and WARC-Date; other records are skipped and counted`, async () => {
    const dir = scratchDir('storyline-warc-');
    const file = path.join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');
    await writeWarc(file, gzip);
    const items = await collect(readInputs([file]));
    const got = records(items);
    assert.deepEqual(got.map((r) => [r.input.url, r.fallback?.published]), [
      ['https://news.example/a', '2019-04-16T10:00:05.000Z'],
      ['https://news.example/b', '2019-04-17T08:30:00.000Z'],
    ]);
    assert.match(got[0].input.html!, /Summit opens/);
    assert.match(got[1].input.html!, /the closing talks/, 'Content-Encoding: gzip is undone');
    assert.deepEqual(got[0].origin, { file, url: 'https://news.example/a' });
    const [summary] = messages(items);
    assert.equal(summary.level, 'warning');
    assert.match(summary.reason, /1 warcinfo record/);
    assert.match(summary.reason, /1 request record/);
    assert.match(summary.reason, /1 metadata record/);
    assert.match(summary.reason, /1 non-HTML response/);
    assert.match(summary.reason, /1 HTTP 4xx response/);
    assert.equal(messages(items).length, 1);
  });
}

test('a truncated WARC keeps the records before the cut, names the file, and the batch goes on', async () => {
  const dir = scratchDir('storyline-warc-');
  const gz = path.join(dir, 'cut.warc.gz');
  const plain = path.join(dir, 'cut.warc');
  const after = path.join(dir, 'zz-after.warc');
  fs.writeFileSync(gz, (await writeWarc(gz, true)).subarray(0, -200));
  fs.writeFileSync(plain, (await writeWarc(plain, false)).subarray(0, -200));
  await writeWarc(after, false);
  const items = await collect(readInputs([gz, plain, after]));
  const errors = messages(items).filter((m) => m.level === 'error');
  assert.equal(errors.length, 2);
  assert.equal(errors[0].origin.file, gz);
  assert.match(errors[0].reason, /truncated WARC: the gzip stream ends inside record/);
  assert.equal(errors[1].origin.file, plain);
  assert.match(errors[1].reason, /truncated WARC: record \d+ \(response https:\/\/news\.example\/b\) lacks \d+ bytes/);
  const urls = records(items).map((r) => `${path.basename(r.origin.file!)} ${r.input.url}`);
  assert.deepEqual(urls, ['cut.warc.gz https://news.example/a', 'cut.warc https://news.example/a', 'zz-after.warc https://news.example/a', 'zz-after.warc https://news.example/b']);
});

test('a file named .warc that is not one is a clear error', async () => {
  const file = path.join(scratchDir('storyline-warc-'), 'fake.warc');
  fs.writeFileSync(file, 'hello, this is not an archive\r\n\r\n');
  const errors = messages(await collect(readInputs([file])));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].origin.file, file);
  assert.match(errors[0].reason, /not a WARC file/);
});
