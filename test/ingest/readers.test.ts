import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { readInputs } from '../../src/ingest/readers.ts';
import { parsePublished, sourceFromUrl } from '../../src/ingest/published.ts';
import { splitTitle } from '../../src/ingest/formats/text.ts';
import type { ReadItem } from '../../src/types.ts';
import { collect, scratchDir } from '../helpers.ts';

const records = (items: ReadItem[]) => items.flatMap((i) => ('record' in i ? [i.record] : []));
const errors = (items: ReadItem[]) => items.flatMap((i) => ('error' in i ? [i.error] : []));

test('JSONL: good lines read, bad lines reported by file and line, the rest goes on', async () => {
  const dir = scratchDir();
  const file = path.join(dir, 'a.jsonl');
  const bad = Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"text":"\xff\xfe"}
  fs.writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('{"id":"1","text":"first"}\n{not json\n'),
      bad,
      Buffer.from('\n[1,2]\n\n{"id":"5","title":"T","text":"fifth","published":"2019-04-16"}\n'),
    ]),
  );
  const items = await collect(readInputs([file]));
  assert.deepEqual(records(items).map((r) => r.input.id), ['1', '5']);
  assert.deepEqual(
    errors(items).map((e) => [e.origin.line, e.reason.split(':')[0]]),
    [[2, 'malformed JSON'], [3, 'invalid UTF-8'], [4, 'record is not a JSON object']],
  );
  assert.equal(records(items)[1].origin.line, 6);
});

test('gzip: records before a truncation are read, then one error names the file', async () => {
  const dir = scratchDir();
  const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `article number ${i} `.repeat(20) })).join('\n');
  const gz = zlib.gzipSync(Buffer.from(lines));
  const file = path.join(dir, 'cut.jsonl.gz');
  fs.writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.6)));
  const items = await collect(readInputs([file]));
  assert.ok(records(items).length > 100 && records(items).length < 2000, `read ${records(items).length}`);
  assert.equal(errors(items).length, 1);
  assert.match(errors(items)[0].reason, /truncated gzip/);
  assert.equal(errors(items)[0].origin.file, file);
});

test('directories are read recursively; unknown formats and binary files are errors, not guesses', async () => {
  const dir = scratchDir();
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'story.txt'), 'A short headline here\n\nThe body of the article follows in this paragraph.');
  fs.writeFileSync(path.join(dir, 'data.csv'), 'id,title,text,url\nc1,Title one,"Body, with comma",https://www.example.com/a\n');
  fs.writeFileSync(path.join(dir, 'np.json'), JSON.stringify({ title: 'NP', maintext: 'news-please body', url: 'https://ex.org/x', date_publish: '2019-04-16 10:00:00' }));
  fs.writeFileSync(path.join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
  fs.writeFileSync(path.join(dir, 'notes.docx'), 'whatever');
  const items = await collect(readInputs([dir], { source: 'example.net' }));
  const byFile = new Map(records(items).map((r) => [path.basename(r.origin.file!), r.input]));
  assert.equal(byFile.get('story.txt')?.title, 'A short headline here');
  assert.equal(byFile.get('story.txt')?.source, 'example.net');
  assert.equal(byFile.get('data.csv')?.text, 'Body, with comma');
  assert.equal(byFile.get('np.json')?.text, 'news-please body');
  assert.equal(byFile.get('np.json')?.published, '2019-04-16 10:00:00');
  const reasons = new Map(errors(items).map((e) => [path.basename(e.origin.file!), e.reason]));
  assert.match(reasons.get('image.txt')!, /binary/);
  assert.match(reasons.get('notes.docx')!, /unknown format/);
});

test('a missing path is an error naming it', async () => {
  const items = await collect(readInputs(['/nonexistent/file.jsonl']));
  assert.equal(errors(items)[0].origin.file, '/nonexistent/file.jsonl');
});

test('publication dates: ISO variants normalised, impossible dates rejected, absent stays unknown', () => {
  assert.deepEqual(parsePublished('2019-04-16'), { iso: '2019-04-16T00:00:00.000Z' });
  assert.deepEqual(parsePublished('2019-04-16 10:30:00'), { iso: '2019-04-16T10:30:00.000Z' });
  assert.deepEqual(parsePublished('2019-04-16T10:30:00+0200'), { iso: '2019-04-16T08:30:00.000Z' });
  assert.deepEqual(parsePublished('Tue, 16 Apr 2019 10:00:00 GMT'), { iso: '2019-04-16T10:00:00.000Z' });
  assert.deepEqual(parsePublished(undefined), { iso: null });
  assert.ok('error' in parsePublished('2019-02-30'));
  assert.ok('error' in parsePublished('2019-13-01'));
  assert.ok('error' in parsePublished('yesterday-ish'));
});

test('source domain from URL; plain-text title only when the first line looks like one', () => {
  assert.equal(sourceFromUrl('https://www.nytimes.com/2019/x.html'), 'nytimes.com');
  assert.equal(sourceFromUrl('javascript:alert(1)'), null);
  assert.equal(splitTitle('Kim to meet Putin\n\nBody text that is longer than the title line.').title, 'Kim to meet Putin');
  assert.equal(splitTitle('this is a whole article on one line without a break').title, undefined);
  assert.equal(splitTitle('The first sentence ends with a period.\nMore text follows here and is long enough.').title, undefined);
});
