import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { scratchDir } from '../helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'storyline.js');

test('storyline eval ner scores a CoNLL file per type and reports bad lines by file and line', () => {
  const dir = scratchDir('ner-eval-');
  const file = join(dir, 'tiny.txt');
  // Written for this test: two sentences, one malformed line.
  writeFileSync(
    file,
    ['Vladimir B-PER', 'Putin I-PER', 'visited O', 'Berlin B-LOC', '. O', '', 'Shares O', 'of O', 'Siemens B-ORG', 'rose O', 'oops', '. O', ''].join('\n'),
  );
  const run = spawnSync(process.execPath, [BIN, 'eval', 'ner', '--conll', file, '--mode', 'document', 'caseless', '--json'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /tiny\.txt:11: .*"oops"/);
  const result = JSON.parse(run.stdout);
  assert.equal(result.sentences, 2);
  assert.equal(result.tokens, 10);
  assert.equal(result.document.overall.gold, 3);
  for (const type of ['PER', 'LOC', 'ORG']) assert.equal(result.document.perType[type].gold, 1, type);
  assert.ok(result.document.overall.f1 >= 0 && result.document.overall.f1 <= 1);
  assert.equal(result.caseless.overall.gold, 3);
});
