/**
 * /api/openapi.json is a valid OpenAPI 3 document, documents exactly the routes the server
 * has, and every documented route answers each documented status with a body that matches
 * the documented schema.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.ts';
import { SqliteReadQueries } from '../../src/store/sqlite/queries.ts';
import { openStore, type SqliteStore } from '../../src/store/sqlite/index.ts';
import { scratchDir } from '../helpers.ts';
import { buildConstructedDb, CONSTRUCTED } from './fixtures.ts';
import { validateJson } from './json-schema.ts';

const TOKEN = 'test-token-0123456789';
let stores: SqliteStore[] = [];
let app: Hono;
let ingestApp: Hono;
let disabledApp: Hono;
let doc: any;

before(async () => {
  const dir = scratchDir('storyline-openapi-');
  const constructed = await buildConstructedDb(path.join(dir, 'constructed.db'));
  const empty = openStore(path.join(dir, 'ingest.db'));
  stores = [constructed, empty];
  app = createApp({ store: constructed, queries: new SqliteReadQueries(constructed.db), ingestToken: TOKEN, logError: () => {} });
  // Ingest runs the real pipeline: it gets its own database, seeded only through the API.
  ingestApp = createApp({ store: empty, queries: new SqliteReadQueries(empty.db), ingestToken: TOKEN, logError: () => {} });
  disabledApp = createApp({ store: empty, queries: new SqliteReadQueries(empty.db), ingestToken: null, logError: () => {} });
  doc = await (await app.request('/api/openapi.json')).json();
});

after(async () => {
  for (const store of stores) await store.close();
});

test('the document has the structure of OpenAPI 3', () => {
  assert.match(doc.openapi, /^3\.\d+\.\d+$/);
  assert.equal(typeof doc.info.title, 'string');
  assert.equal(typeof doc.info.version, 'string');
  assert.ok(Object.keys(doc.paths).length >= 8);
  const operationIds = new Set<string>();
  for (const [template, item] of Object.entries<any>(doc.paths)) {
    assert.match(template, /^\/api\//);
    const templateParams = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [method, op] of Object.entries<any>(item)) {
      assert.ok(['get', 'post', 'put', 'delete', 'patch'].includes(method), `${template}: method ${method}`);
      assert.equal(typeof op.operationId, 'string');
      assert.ok(!operationIds.has(op.operationId), `duplicate operationId ${op.operationId}`);
      operationIds.add(op.operationId);
      assert.ok(op.summary.length > 10, `${op.operationId} has a summary`);
      const pathParams = op.parameters.filter((p: any) => p.in === 'path');
      assert.deepEqual(pathParams.map((p: any) => p.name).sort(), templateParams, `${op.operationId}: path parameters match ${template}`);
      for (const p of op.parameters) {
        assert.ok(['path', 'query', 'header'].includes(p.in), `${op.operationId}.${p.name}: in`);
        assert.equal(typeof p.schema, 'object', `${op.operationId}.${p.name}: schema`);
        if (p.in === 'path') assert.equal(p.required, true, `${op.operationId}.${p.name}: path parameters are required`);
      }
      assert.ok(Object.keys(op.responses).length > 0);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        assert.match(status, /^[1-5]\d\d$/);
        assert.equal(typeof response.description, 'string');
        const ref = response.content['application/json'].schema.$ref as string;
        const name = ref.replace('#/components/schemas/', '');
        assert.ok(doc.components.schemas[name], `${op.operationId} ${status}: ${ref} resolves`);
      }
      if (op.security) for (const requirement of op.security) for (const scheme of Object.keys(requirement)) assert.ok(doc.components.securitySchemes[scheme]);
    }
  }
  // Every schema only uses keywords our checker knows, so the checks below mean something.
  for (const [name, schema] of Object.entries<any>(doc.components.schemas)) {
    assert.deepEqual(validateJson(null, { anyOf: [schema, { type: 'null' }] }, doc).filter((e) => e.includes('unsupported')), [], name);
  }
});

test('the document lists exactly the API routes the server has', () => {
  const served = new Set(
    app.routes
      .filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL' && r.path !== '/api/openapi.json')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
  );
  const documented = new Set(Object.entries<any>(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)));
  assert.deepEqual([...served].sort(), [...documented].sort());
});

type Example = { app?: () => Hono; path: string; init?: RequestInit };
const json = (body: unknown, token = TOKEN): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

/** One request per documented (operation, status). */
const EXAMPLES: Record<string, Record<number, Example>> = {
  health: { 200: { path: '/api/health' } },
  listStories: { 200: { path: '/api/stories?sort=size&limit=2&place=Vladivostok' }, 400: { path: '/api/stories?limit=0' } },
  getStory: { 200: { path: `/api/stories/${CONSTRUCTED.summitStory}` }, 400: { path: '/api/stories/abc' }, 404: { path: '/api/stories/999' } },
  getArticle: { 200: { path: `/api/articles/${CONSTRUCTED.spun}` }, 404: { path: '/api/articles/no-such-article' } },
  listSources: { 200: { path: '/api/sources?sort=copies' }, 400: { path: '/api/sources?sort=bogus' } },
  getSource: { 200: { path: '/api/sources/wire.example' }, 400: { path: '/api/sources/wire.example?limit=-1' }, 404: { path: '/api/sources/nobody.example' } },
  search: { 200: { path: '/api/search?q=Vladivostok' }, 400: { path: '/api/search' } },
  facetValues: { 200: { path: '/api/facets?kind=entity&prefix=vla' }, 400: { path: '/api/facets?kind=person' } },
  ingest: {
    200: { app: () => ingestApp, path: '/api/ingest', init: json([{ id: 'posted-1', title: 'Posted', text: 'A posted article about harbour cranes in Rotterdam.' }]) },
    400: { app: () => ingestApp, path: '/api/ingest', init: { ...json(null), body: '{not json' } },
    401: { app: () => ingestApp, path: '/api/ingest', init: json([{ text: 'x' }], 'wrong-token-000') },
    403: { app: () => disabledApp, path: '/api/ingest', init: json([{ text: 'x' }]) },
    413: { app: () => ingestApp, path: '/api/ingest', init: json(Array.from({ length: 10_001 }, () => ({}))) },
    415: { app: () => ingestApp, path: '/api/ingest', init: { ...json(null), headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${TOKEN}` }, body: 'a,b' } },
  },
};

test('every documented route answers each documented status with the documented shape', async () => {
  let checked = 0;
  for (const [template, item] of Object.entries<any>(doc.paths)) {
    for (const [, op] of Object.entries<any>(item)) {
      const examples = EXAMPLES[op.operationId];
      assert.ok(examples, `no examples for ${op.operationId}`);
      assert.deepEqual(Object.keys(examples).sort(), Object.keys(op.responses).sort(), `${op.operationId}: examples cover the documented statuses`);
      for (const [status, example] of Object.entries(examples)) {
        const response = await (example.app?.() ?? app).request(example.path, example.init);
        const body = await response.json();
        assert.equal(response.status, Number(status), `${op.operationId} ${example.path}: ${JSON.stringify(body).slice(0, 300)}`);
        assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
        const schema = op.responses[status].content['application/json'].schema;
        assert.deepEqual(validateJson(body, schema, doc), [], `${op.operationId} ${status} (${template}) matches its schema`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 20);
});

test('the checker rejects a body that breaks the schema (so passing means something)', async () => {
  const body = await (await app.request(`/api/stories/${CONSTRUCTED.summitStory}`)).json();
  const schema = doc.paths['/api/stories/{id}'].get.responses['200'].content['application/json'].schema;
  body.articles[0].firstReport = 'yes';
  delete body.timeline.unit;
  body.extra = 1;
  const errors = validateJson(body, schema, doc);
  assert.ok(errors.some((e) => e.includes('firstReport')));
  assert.ok(errors.some((e) => e.includes('"unit"')));
  assert.ok(errors.some((e) => e.includes('"extra"')));
});
