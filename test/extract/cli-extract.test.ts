import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { runExtract } from '../../src/cli/commands/extract.ts';
import { decodeHtml, listHtmlFiles, readHtmlFile } from '../../src/extract/read-html.ts';

/** Runs the extract command in this process (no CLI start-up cost), capturing its output. */
async function extractInProcess(args: string[], jsonl = false): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runExtract(args, { jsonl }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { stdout, stderr, exitCode };
}

const BIN = fileURLToPath(new URL('../../bin/storyline.js', import.meta.url));
const PROSE = '<p>The harbour reopened on Monday after a week of storms that closed the port to ferries and fishing boats.</p>'.repeat(3);
const page = (title: string): string => `<html><head><title>${title}</title></head><body><article>${PROSE}</article></body></html>`;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'storyline-extract-'));
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'a-good.html'), page('Good page'));
  writeFileSync(join(dir, 'b-zipped.html.gz'), gzipSync(page('Zipped page')));
  writeFileSync(join(dir, 'c-binary.htm'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]));
  writeFileSync(join(dir, 'd-empty.html'), '');
  writeFileSync(join(dir, 'e-fake.html.gz'), 'not gzip at all');
  writeFileSync(join(dir, 'nested', 'f-deep.htm'), page('Deep page'));
  writeFileSync(join(dir, 'ignored.txt'), 'not html');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('storyline extract', () => {
  it('reads a whole directory in one process, reports bad files and goes on (--jsonl)', () => {
    // The one real process start: the command as users run it.
    const run = spawnSync(process.execPath, [BIN, 'extract', dir, join(dir, 'missing'), '--jsonl'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /missing: error: no such file or directory/);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(
      records.map((r) => r.file.slice(dir.length + 1)),
      ['a-good.html', 'b-zipped.html.gz', 'c-binary.htm', 'd-empty.html', 'e-fake.html.gz', join('nested', 'f-deep.htm')],
    );
    const byName = new Map(records.map((r) => [r.file.split(/[\\/]/).pop(), r]));
    for (const name of ['a-good.html', 'b-zipped.html.gz', 'f-deep.htm']) {
      const record = byName.get(name);
      assert.equal(record.error, undefined, name);
      assert.equal(record.text.split('\n\n').length, 3);
      for (const key of ['file', 'url', 'title', 'byline', 'published', 'siteName', 'language', 'text']) assert.ok(key in record, key);
    }
    assert.equal(byName.get('b-zipped.html.gz').title, 'Zipped page');
    assert.match(byName.get('c-binary.htm').error, /binary/);
    assert.match(byName.get('d-empty.html').error, /empty document/);
    assert.match(byName.get('e-fake.html.gz').error, /not gzip/);
    assert.equal(byName.get('c-binary.htm').text, '');
    // Each failure is reported on stderr with the file it is about.
    assert.match(run.stderr, /c-binary\.htm: error: binary/);
    assert.match(run.stderr, /d-empty\.html: error: empty document/);
  });

  it('prints a human-readable summary without --jsonl', async () => {
    const run = await extractInProcess([join(dir, 'a-good.html')]);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /title: +Good page \(title-tag\)/);
    assert.match(run.stdout, /text: +3 paragraphs/);
  });

  it('exits non-zero when nothing matches', async () => {
    const run = await extractInProcess([join(dir, 'missing')]);
    assert.equal(run.exitCode, 1);
    assert.match(run.stderr, /missing: error: no such file or directory/);
  });
});

describe('reading HTML files', () => {
  it('lists .html, .htm and .gz files recursively, sorted', () => {
    const { files } = listHtmlFiles([dir]);
    assert.equal(files.length, 6);
    assert.ok(!files.some((f) => f.endsWith('.txt')));
  });

  it('decodes the declared charset', () => {
    const latin1 = Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>caf\u00e9</p></body></html>', 'latin1');
    assert.ok(decodeHtml(latin1).includes('café'));
    assert.ok(readHtmlFile(join(dir, 'b-zipped.html.gz')).includes('Zipped page'));
  });
});
