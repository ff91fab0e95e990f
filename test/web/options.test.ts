import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseByteSize, parseDuration, formatWebStats } from '../../src/ingest/fetch-options.ts';
import { parseFeedList } from '../../src/cli/commands/watch.ts';
import { FetchState, conditionalHeaders } from '../../src/ingest/fetch-state.ts';
import { emptyStats } from '../../src/ingest/fetch-session.ts';
import { scratchDir } from '../helpers.ts';

test('durations and sizes for --every, --delay, --timeout and --max-bytes', () => {
  assert.equal(parseDuration('15m'), 900_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('2.5s'), 2_500);
  assert.equal(parseDuration('3'), 3_000);
  assert.throws(() => parseDuration('soon'), /expected a duration like 15m/);
  assert.throws(() => parseDuration('15 minutes'), /expected a duration/);
  assert.equal(parseByteSize('10MB'), 10 * 1024 * 1024);
  assert.equal(parseByteSize('512kb'), 512 * 1024);
  assert.equal(parseByteSize('1048576'), 1_048_576);
  assert.throws(() => parseByteSize('-1'), /expected a size/);
  assert.throws(() => parseByteSize('10 parsecs'), /expected a size/);
});

test('feed lists: one URL a line, comments and blank lines ignored', () => {
  assert.deepEqual(parseFeedList('# my feeds\nhttps://a.example/rss\n\n  https://b.example/atom   # the other one\r\nhttps://c.example/x#frag\n'), [
    'https://a.example/rss',
    'https://b.example/atom',
    'https://c.example/x#frag',
  ]);
});

test('fetch state survives a restart; a corrupt sidecar is reported and ignored', () => {
  const file = path.join(scratchDir('storyline-state-'), 'db.sqlite.fetch-state.json');
  const state = new FetchState(file);
  state.rememberValidators('https://a.example/feed', 'feed', new Headers({ etag: '"x1"', 'last-modified': 'Tue, 16 Apr 2019 10:00:00 GMT' }));
  state.rememberAlias('https://feeds.example/~r/1', 'https://a.example/story-1');
  state.save();
  const reloaded = new FetchState(file);
  assert.deepEqual(conditionalHeaders(reloaded.validators('https://a.example/feed')), { 'if-none-match': '"x1"', 'if-modified-since': 'Tue, 16 Apr 2019 10:00:00 GMT' });
  assert.equal(reloaded.alias('https://feeds.example/~r/1'), 'https://a.example/story-1');
  // A response without validators forgets the old ones (they would never match again).
  reloaded.rememberValidators('https://a.example/feed', 'feed', new Headers());
  assert.equal(reloaded.validators('https://a.example/feed'), undefined);

  fs.writeFileSync(file, '{not json');
  const broken = new FetchState(file);
  assert.match(broken.loadError!, /cannot read fetch state/);
  assert.equal(broken.validators('https://a.example/feed'), undefined);
});

test('the web summary line says what was fetched, and nothing when nothing was', () => {
  assert.equal(formatWebStats(emptyStats()), null);
  const stats = { ...emptyStats(), feeds: 2, feedsNotModified: 1, items: 10, itemsAlreadyStored: 7, pagesFetched: 3, robotsDisallowed: 1 };
  assert.equal(formatWebStats(stats), 'web: 3 feeds (1 not modified), 10 items (7 already stored), 3 pages fetched, 1 disallowed by robots.txt');
});
