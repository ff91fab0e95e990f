import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli, scratchDir, SHARED, ROOT } from '../helpers.ts';

const SEEDS = fs.existsSync(path.join(SHARED, 'seeds')) ? path.join(SHARED, 'seeds') : path.join(ROOT, 'examples/seeds');

test('ingest of the seeds puts both documents in one story; story and export show it', () => {
  const db = path.join(scratchDir(), 'seeds.db');
  const ingest = runCli(['ingest', SEEDS, '--db', db]);
  assert.equal(ingest.status, 0, ingest.stderr);
  assert.match(ingest.stdout, /read 2, new 2/);
  const stories = JSON.parse(runCli(['stories', '--json', '--db', db]).stdout);
  assert.equal(stories.length, 1);
  assert.equal(stories[0].articles, 2);
  const story = JSON.parse(runCli(['story', String(stories[0].id), '--json', '--db', db]).stdout);
  assert.equal(story.articles.length, 2);
  assert.ok(story.articles.some((a: { id: string }) => a.id === story.firstReport));
  const lines = runCli(['export', '--jsonl', '--db', db]).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  for (const line of lines) {
    for (const key of ['id', 'url', 'source', 'title', 'published', 'language', 'storyId', 'duplicateOf', 'copiedFrom', 'spinScore', 'boilerplate', 'entities', 'places', 'dates']) {
      assert.ok(key in line, `export line lacks ${key}`);
    }
    assert.equal(line.storyId, stories[0].id);
    assert.equal(line.language, 'en');
  }
});

test('export keeps the input id; stdin JSONL works; --strict fails the run on a bad record', () => {
  const db = path.join(scratchDir(), 'stdin.db');
  const good = JSON.stringify({ id: 'my-own-id-1', text: 'A council vote on the new bridge was delayed again on Monday after a long debate.', source: 'x.org' });
  const result = runCli(['ingest', '-', '--db', db], { input: good + '\n' });
  assert.equal(result.status, 0, result.stderr);
  const exported = JSON.parse(runCli(['export', '--jsonl', '--db', db]).stdout.trim());
  assert.equal(exported.id, 'my-own-id-1');
  assert.equal(exported.source, 'x.org');

  const strict = runCli(['ingest', '-', '--strict', '--db', db], { input: '{"id": "x", "text": "fine text here for the test"}\n{broken\n' });
  assert.notEqual(strict.status, 0);
  assert.match(strict.stderr, /-:2.*malformed JSON/);
  const lenient = runCli(['ingest', '-', '--db', db], { input: '{broken\n' });
  assert.equal(lenient.status, 0);
  assert.match(lenient.stderr, /-:1: error: malformed JSON/);
});

test('unknown story id is a clear error; --help works for every command', () => {
  const db = path.join(scratchDir(), 'empty.db');
  const missing = runCli(['story', '999', '--db', db]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no story with id 999/);
  for (const command of [[], ['ingest'], ['stories'], ['story'], ['export'], ['eval'], ['eval', 'clusters'], ['demo']]) {
    const help = runCli([...command, '--help']);
    assert.equal(help.status, 0, `${command.join(' ')} --help`);
    assert.match(help.stdout, /Usage: storyline/);
  }
});

test('eval clusters scores the bundled sample against its gold events', () => {
  const result = runCli(['eval', 'clusters', '--input', 'examples/sample/news-sample.jsonl', '--gold', 'examples/eval/news-sample.gold.jsonl', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const scores = JSON.parse(result.stdout);
  assert.equal(scores.items, 38);
  assert.equal(scores.goldClusters, 6);
  for (const key of ['precision', 'recall', 'f1', 'nmi']) assert.ok(scores[key] > 0 && scores[key] <= 1, key);
});
