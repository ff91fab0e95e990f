/** POST /api/ingest: token guard, JSON and JSONL bodies, per-record errors, idempotency, limits. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { tokenMatches } from '../../src/server/http.ts';
import { MAX_INGEST_BYTES, parseIngestBody } from '../../src/server/routes/ingest.ts';
import { openStore, type SqliteStore } from '../../src/store/sqlite/index.ts';
import { SqliteReadQueries } from '../../src/store/sqlite/queries.ts';
import { scratchDir } from '../helpers.ts';

const TOKEN = 'correct horse battery staple';
let store: SqliteStore;
let app: Hono;

before(() => {
  store = openStore(path.join(scratchDir('storyline-ingest-api-'), 'api.db'));
  app = createApp({ store, queries: new SqliteReadQueries(store.db), ingestToken: TOKEN });
});
after(async () => {
  await store.close();
});

const post = (body: string, type: string, token: string | null = TOKEN) =>
  app.request('/api/ingest', { method: 'POST', body, headers: { 'Content-Type': type, ...(token === null ? {} : { Authorization: `Bearer ${token}` }) } });

test('tokens are compared whole: equal passes, anything else fails', () => {
  assert.equal(tokenMatches(TOKEN, TOKEN), true);
  assert.equal(tokenMatches(TOKEN.slice(0, -1), TOKEN), false);
  assert.equal(tokenMatches(TOKEN + 'x', TOKEN), false);
  assert.equal(tokenMatches('', TOKEN), false);
});

test('without the right token nothing is ingested', async () => {
  const line = JSON.stringify({ id: 'nope', text: 'should never be stored' });
  const missing = await post(line, 'application/x-ndjson', null);
  assert.equal(missing.status, 401);
  assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/);
  assert.equal((await post(line, 'application/x-ndjson', 'wrong token value')).status, 401);
  assert.equal((await store.counts()).articles, 0);
});

test('JSONL: good records are ingested, a bad line is reported with its number, re-posting adds nothing', async () => {
  const body = [
    JSON.stringify({ id: 'port-1', source: 'harbour.example', title: 'Cranes idle in Rotterdam', text: 'Dock workers in Rotterdam stopped the cranes on Monday over pay.', published: '2024-03-04T08:00:00Z' }),
    '{"id": "broken",',
    '',
    JSON.stringify({ article_id: 'port-2', maintext: 'Rotterdam port talks resumed on Tuesday after the crane stoppage.', source_domain: 'quay.example' }),
    JSON.stringify({ id: 'no-text' }),
  ].join('\n');
  const response = await post(body, 'application/x-ndjson');
  assert.equal(response.status, 200);
  const result = await response.json();
  assert.equal(result.added, 2);
  assert.deepEqual(result.errors.map((e: any) => e.line), [2, 5]);
  assert.match(result.errors[0].reason, /malformed JSON/);
  assert.match(result.errors[1].reason, /missing text/);
  assert.ok(result.storiesTouched.length >= 1);

  const search = await (await app.request('/api/search?q=rotterdam%20cranes')).json();
  assert.ok(search.hits.some((h: any) => h.id === 'port-1'), 'posted articles are searchable at once');
  const article = await (await app.request('/api/articles/port-2')).json();
  assert.equal(article.source, 'quay.example', 'field aliases work as for files');
  assert.deepEqual(article.origin, { file: 'POST /api/ingest', line: 4 });

  const again = await (await post(body, 'application/x-ndjson')).json();
  assert.deepEqual([again.added, again.alreadyStored], [0, 2]);
});

test('JSON object or array; concurrent posts are serialised and all land', async () => {
  const one = await post(JSON.stringify({ id: 'solo', text: 'A single object body about a new bridge in Lisbon opening.' }), 'application/json; charset=utf-8');
  assert.equal((await one.json()).added, 1);
  const batch = (prefix: string) =>
    JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ id: `${prefix}-${i}`, text: `Report ${i} from ${prefix}: the ferry timetable in Lisbon changes in ${2020 + i}.` })));
  const results = await Promise.all([post(batch('x'), 'application/json'), post(batch('y'), 'application/json')]);
  const added = await Promise.all(results.map(async (r) => (await r.json()).added));
  assert.deepEqual(added, [5, 5]);
  assert.equal((await store.counts()).articles, 13);
});

test('bodies: wrong type 415, not JSON 400, empty 400, too large 413', async () => {
  assert.equal((await post('a,b\n1,2', 'text/csv')).status, 415);
  const bad = await post('{nope', 'application/json');
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error, /malformed JSON body/);
  assert.equal((await post('\n\n', 'application/x-ndjson')).status, 400);
  const huge = await post('x'.repeat(MAX_INGEST_BYTES + 1), 'application/x-ndjson');
  assert.equal(huge.status, 413);
});

test('parseIngestBody numbers records by line (JSONL) and by position (JSON array)', () => {
  const lines = parseIngestBody('\n{"text":"a"}\n[1]\n', 'application/jsonl');
  assert.deepEqual(
    lines.map((i) => ('record' in i ? i.record.origin.line : i.error.origin.line)),
    [2, 3],
  );
  assert.ok('error' in lines[1] && /not a JSON object/.test(lines[1].error.reason));
  const array = parseIngestBody('[{"text":"a"},{"text":"b"}]', 'application/json');
  assert.deepEqual(array.map((i) => 'record' in i && i.record.input.text), ['a', 'b']);
});
