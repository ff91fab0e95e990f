/**
 * Starts the HTTP server on a SQLite database: the I/O edge around createApp. Used by
 * `storyline serve`, `storyline demo`, the browser tests and the API benchmark.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { openStore, type SqliteStore } from '../store/sqlite/index.ts';
import { SqliteReadQueries } from '../store/sqlite/queries.ts';
import { createApp } from './app.ts';
import { loadUiFiles } from './static-ui.ts';
import { DEFAULT_STORY_CACHE } from './story-cache.ts';
import { ensureUiBuilt } from './ui-build.ts';

export const DEFAULT_PORT = 4300;
export const DEFAULT_HOST = '127.0.0.1';
/** Story pages computed in the background at start-up (the most recent stories). */
const STORIES_WARMED = 1000;

export interface ServerOptions {
  dbPath: string;
  port?: number;
  host?: string;
  ingestToken?: string | null;
  corsOrigin?: string | null;
  /** Serve the web UI, building it first when missing or stale (default true). */
  ui?: boolean;
  /** When the port is taken, take a free one instead of failing (the demo does). */
  fallbackPort?: boolean;
  /** Story pages kept in memory (0: none); default DEFAULT_STORY_CACHE. */
  storyCachePages?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  store: SqliteStore;
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
    return JSON.parse(fs.readFileSync(file, 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, host: string): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host });
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const host = options.host ?? DEFAULT_HOST;
  let ui = null;
  if (options.ui !== false) {
    const result = await ensureUiBuilt({ log });
    if (result.warning) log(`warning: ${result.warning}`);
    ui = result.dir ? loadUiFiles(result.dir) : null;
  }
  const store = openStore(options.dbPath);
  const app = createApp({
    store,
    queries: new SqliteReadQueries(store.db),
    ingestToken: options.ingestToken ?? null,
    corsOrigin: options.corsOrigin ?? null,
    // A server warms its cache for the stories people open first: the most recent.
    storyCache: { ...DEFAULT_STORY_CACHE, warm: STORIES_WARMED, ...(options.storyCachePages !== undefined ? { capacity: options.storyCachePages } : {}) },
    ui,
    version: packageVersion(),
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await listen(app.fetch, options.port ?? DEFAULT_PORT, host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && options.fallbackPort) server = await listen(app.fetch, 0, host);
    else {
      await store.close();
      if (code === 'EADDRINUSE') throw new Error(`port ${options.port ?? DEFAULT_PORT} on ${host} is already in use (choose another with --port)`);
      if (code === 'EACCES') throw new Error(`not allowed to listen on ${host}:${options.port ?? DEFAULT_PORT}`);
      throw err;
    }
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    store,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open; the process is done with them.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await store.close();
    },
  };
}
