/**
 * The HTTP application (Hono): the JSON API under /api, its OpenAPI document, and the built
 * UI for everything else. No I/O here beyond what the store and queries do, so tests drive it
 * with `app.request()` as well as over a socket.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { IngestOptions } from '../pipeline/ingest.ts';
import type { ReadQueries } from '../store/queries.ts';
import type { Store } from '../store/types.ts';
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS, HttpError, UI_CONTENT_SECURITY_POLICY } from './http.ts';
import { openApiDocument } from './openapi.ts';
import { registerArticleRoutes } from './routes/articles.ts';
import { registerIngestRoute } from './routes/ingest.ts';
import { registerSourceRoutes } from './routes/sources.ts';
import { registerStoryRoutes } from './routes/stories.ts';
import type { UiFile } from './static-ui.ts';
import { DEFAULT_STORY_CACHE, StoryPageCache, type StoryCacheOptions } from './story-cache.ts';
import type { HealthT } from './schemas.ts';

export interface AppOptions {
  store: Store;
  queries: ReadQueries;
  /** Token for POST /api/ingest; null disables the route. */
  ingestToken?: string | null;
  ingestOptions?: () => Promise<IngestOptions>;
  /** Files of the built UI (see loadUiFiles); null serves the API only. */
  ui?: Map<string, UiFile> | null;
  /** Origin allowed to call the API from another site; CORS is off without it. */
  corsOrigin?: string | null;
  /** Story pages kept in memory (see StoryPageCache); capacity 0 turns it off. */
  storyCache?: StoryCacheOptions;
  version?: string;
  /** Where unexpected errors are logged (never sent to the client). */
  logError?: (error: unknown, where: string) => void;
}

const UI_NOT_BUILT = 'Storyline API is running, but the web UI is not built. Run `npm run build:ui`, or start with `storyline serve`, which builds it.\n';

export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const ingestToken = options.ingestToken ?? null;
  const logError = options.logError ?? ((error, where) => process.stderr.write(`storyline serve: ${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
  });
  if (options.corsOrigin) app.use('/api/*', cors({ origin: options.corsOrigin, allowMethods: ['GET', 'POST'], allowHeaders: ['Authorization', 'Content-Type'] }));

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json({ error: error.message, ...(error.issues ? { issues: error.issues } : {}) }, error.status);
    }
    logError(error, `${c.req.method} ${new URL(c.req.url).pathname}`);
    return c.json({ error: 'internal error' }, 500);
  });

  app.get('/api/health', async (c) => {
    const counts = await options.queries.counts();
    const body: HealthT = { ok: true, ...counts, ingest: ingestToken !== null };
    return c.json(body);
  });
  const document = openApiDocument({ version: options.version ?? '0.0.0', ingestEnabled: ingestToken !== null });
  app.get('/api/openapi.json', (c) => c.json(document));
  const storyCache = options.storyCache ?? DEFAULT_STORY_CACHE;
  const stories = registerStoryRoutes(app, options.queries, storyCache.capacity > 0 ? new StoryPageCache(storyCache) : null);
  if (storyCache.capacity > 0 && storyCache.warm > 0) {
    // After start-up, in the background: the first readers of recent stories get them from memory.
    setImmediate(() => void stories.warm(Math.min(storyCache.warm, storyCache.capacity)).catch((error) => logError(error, 'warming story pages')));
  }
  registerArticleRoutes(app, options.queries);
  registerSourceRoutes(app, options.queries);
  registerIngestRoute(app, {
    store: options.store,
    token: ingestToken,
    ingestOptions: options.ingestOptions ?? (async () => (await import('../pipeline/defaults.ts')).defaultIngestOptions()),
  });
  app.all('/api/*', (c) => {
    throw new HttpError(404, `no API route ${c.req.method} ${new URL(c.req.url).pathname} (see /api/openapi.json)`);
  });

  app.get('*', (c) => {
    const ui = options.ui;
    if (!ui) return c.text(UI_NOT_BUILT, 200, { 'Cache-Control': 'no-store' });
    const pathname = new URL(c.req.url).pathname;
    const file = ui.get(pathname) ?? (namesAFile(pathname) ? undefined : ui.get('/index.html'));
    if (!file) throw new HttpError(404, `no file ${pathname}`);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.type,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY,
    });
  });
  return app;
}

/** A path like /assets/x.js names a file; /story/12 is an app route. */
function namesAFile(pathname: string): boolean {
  return /\.[a-z0-9]+$/i.test(pathname.split('/').pop() ?? '');
}
