/**
 * POST /api/ingest: articles as a JSON object, a JSON array or JSONL, through the same
 * pipeline as `storyline ingest`. Guarded by a token given at start-up; without one the route
 * is disabled. One bad record is reported with its line and the others are ingested.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IngestOptions } from '../../pipeline/ingest.ts';
import type { Store } from '../../store/types.ts';
import type { ReadItem } from '../../types.ts';
import { recordFromObject } from '../../ingest/record.ts';
import { HttpError, tokenMatches } from '../http.ts';
import type { IngestResultT } from '../schemas.ts';

export const MAX_INGEST_BYTES = 32 * 1024 * 1024;
export const MAX_INGEST_RECORDS = 10_000;
/** Origin named in error messages for records posted to the API. */
const ORIGIN_FILE = 'POST /api/ingest';

const JSON_TYPES = new Set(['application/json']);
const LINE_TYPES = new Set(['application/x-ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines', 'text/plain']);

/** The request body → records (or per-record errors with their 1-based line / array position). */
export function parseIngestBody(body: string, contentType: string): ReadItem[] {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const items: ReadItem[] = [];
  if (JSON_TYPES.has(type)) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (err) {
      throw new HttpError(400, `malformed JSON body: ${(err as Error).message}`);
    }
    const records = Array.isArray(value) ? value : [value];
    if (records.length > MAX_INGEST_RECORDS) throw new HttpError(413, `too many records: ${records.length} (at most ${MAX_INGEST_RECORDS} a request)`);
    records.forEach((record, index) => items.push(recordFromObject(record, { file: ORIGIN_FILE, line: index + 1 }, JSON.stringify(record))));
  } else if (LINE_TYPES.has(type)) {
    const lines = body.split('\n');
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      const origin = { file: ORIGIN_FILE, line: index + 1 };
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        items.push({ error: { level: 'error', reason: `malformed JSON: ${(err as Error).message}`, origin } });
        return;
      }
      items.push(recordFromObject(value, origin, line));
    });
    if (items.length > MAX_INGEST_RECORDS) throw new HttpError(413, `too many records: ${items.length} (at most ${MAX_INGEST_RECORDS} a request)`);
  } else {
    throw new HttpError(415, `unsupported content type "${type || '(none)'}": send application/json (an object or an array) or application/x-ndjson (one object a line)`);
  }
  if (items.length === 0) throw new HttpError(400, 'no records in the request body');
  return items;
}

async function* fromList(items: ReadItem[]): AsyncGenerator<ReadItem> {
  yield* items;
}

export interface IngestRouteOptions {
  store: Store;
  /** Without a token the route answers 403: ingest over HTTP is opt-in. */
  token: string | null;
  ingestOptions: () => Promise<IngestOptions>;
}

export function registerIngestRoute(app: Hono, options: IngestRouteOptions): void {
  // The ingestor keeps clustering state between batches: one ingest at a time.
  let queue: Promise<unknown> = Promise.resolve();

  app.post(
    '/api/ingest',
    async (c, next) => {
      if (options.token === null) throw new HttpError(403, 'ingest over HTTP is disabled: start the server with --ingest-token or STORYLINE_INGEST_TOKEN');
      const header = c.req.header('authorization') ?? '';
      const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
      if (!tokenMatches(given, options.token)) {
        throw new HttpError(401, 'missing or wrong ingest token (send "Authorization: Bearer <token>")', undefined, { 'WWW-Authenticate': 'Bearer realm="storyline-ingest"' });
      }
      await next();
    },
    bodyLimit({
      maxSize: MAX_INGEST_BYTES,
      onError: () => {
        throw new HttpError(413, `request body larger than ${MAX_INGEST_BYTES} bytes`);
      },
    }),
    async (c) => {
      const items = parseIngestBody(await c.req.text(), c.req.header('content-type') ?? '');
      const run = queue.then(async () => {
        const { ingest } = await import('../../pipeline/ingest.ts');
        return ingest(options.store, fromList(items), await options.ingestOptions());
      });
      queue = run.catch(() => undefined);
      const summary = await run;
      const body: IngestResultT = {
        read: summary.read,
        added: summary.added,
        duplicates: summary.duplicates,
        alreadyStored: summary.alreadyStored,
        storiesTouched: [...summary.storiesTouched].sort((a, b) => a - b),
        errors: summary.errors.map((e) => ({ ...(e.origin.line !== undefined ? { line: e.origin.line } : {}), reason: e.reason })),
      };
      return c.json(body);
    },
  );
}
