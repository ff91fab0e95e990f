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
    // Both leaders in both documents, as one canonical name each (seed 001's text calls
    // Putin by surname only; its headline gives the full name).
    const people = new Set(line.entities.filter((e: { type: string }) => e.type === 'PERSON').map((e: { canonical: string }) => e.canonical));
    for (const name of ['Kim Jong Un', 'Vladimir Putin']) assert.ok(people.has(name), `${line.title}: ${name} missing from ${[...people].join(', ')}`);
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

test('copies: a rewritten wire story is linked to its source with passages as evidence; story shows it', () => {
  const dir = scratchDir();
  const db = path.join(dir, 'copies.db');
  const original = 'Engineers opened the new hydroelectric dam on the Severn river on Monday after six years of construction, officials said. The dam will supply power to nearly two hundred thousand homes across the region and cost more than four hundred million pounds. Local residents gathered on the banks to watch the first gates open while a brass band played. Critics have warned that the reservoir flooded farmland and displaced dozens of families who had lived in the valley for generations.';
  const rewrite = 'Engineers opened the new hydroelectric dam on the Severn river on Monday after six years of building, authorities said. The dam will provide power to nearly two hundred thousand homes across the area and cost more than four hundred million pounds. Local inhabitants gathered on the banks to watch the first gates open while a brass band played.';
  const input = [
    JSON.stringify({ id: 'copy', source: 'spinner.example', title: 'Dam opens', published: '2023-05-01T12:00:00Z', text: rewrite }),
    JSON.stringify({ id: 'orig', source: 'wire.example', title: 'Dam opens on the river', published: '2023-05-01T08:00:00Z', text: original }),
  ].join('\n');
  assert.equal(runCli(['ingest', '-', '--db', db], { input }).status, 0);
  const graph = JSON.parse(runCli(['copies', 'copy', '--json', '--db', db]).stdout);
  assert.equal(graph.edges.length, 1);
  const edge = graph.edges[0];
  assert.equal(edge.copy, 'copy');
  assert.equal(edge.source, 'orig');
  assert.ok(edge.share > 0.8, `share ${edge.share}`);
  assert.ok(edge.passages.length >= 1);
  const p = edge.passages[0];
  assert.match(rewrite.slice(p.start, p.end), /hydroelectric dam/);
  assert.match(original.slice(p.sourceStart, p.sourceEnd), /hydroelectric dam/);
  const exported = runCli(['export', '--jsonl', '--db', db]).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const copy = exported.find((a) => a.id === 'copy');
  assert.deepEqual(copy.copiedFrom.map((c: { id: string }) => c.id), ['orig']);
  assert.match(runCli(['story', String(copy.storyId), '--db', db]).stdout, /copies \d+% of orig/);
});
