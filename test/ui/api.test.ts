import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ApiError, getJson } from '../../ui/src/api.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** A 200 response whose body fails while being read, as an aborted transfer does. */
function okButBodyFails(error: Error): Response {
  return { ok: true, status: 200, json: () => Promise.reject(error) } as unknown as Response;
}

test('getJson: a 200 whose body cannot be read rejects instead of resolving to null', async () => {
  globalThis.fetch = async () => okButBodyFails(new SyntaxError('Unexpected end of JSON input'));
  await assert.rejects(getJson('/api/facets', { kind: 'entity' }), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.match(error.message, /unreadable response from \/api\/facets/);
    return true;
  });
});

test('getJson: an abort during the body read surfaces as the abort, not as data', async () => {
  const controller = new AbortController();
  const abort = new DOMException('The operation was aborted.', 'AbortError');
  globalThis.fetch = async () => {
    controller.abort();
    return okButBodyFails(abort);
  };
  await assert.rejects(getJson('/api/stories', {}, controller.signal), (error: unknown) => error === abort);
});

test('getJson: JSON null is not data; errors carry the server message and status', async () => {
  globalThis.fetch = async () => new Response('null', { status: 200 });
  await assert.rejects(getJson('/api/stories'), /unexpected response from \/api\/stories/);
  globalThis.fetch = async () => new Response(JSON.stringify({ error: 'no such story' }), { status: 404 });
  await assert.rejects(getJson('/api/stories/9'), (error: unknown) => error instanceof ApiError && error.status === 404 && error.message === 'no such story');
  let url = '';
  globalThis.fetch = async (input) => {
    url = String(input);
    return new Response(JSON.stringify({ values: [] }), { status: 200 });
  };
  assert.deepEqual(await getJson('/api/facets', { kind: 'place', prefix: '', limit: 15, skip: undefined }), { values: [] });
  assert.equal(url, '/api/facets?kind=place&limit=15');
});
