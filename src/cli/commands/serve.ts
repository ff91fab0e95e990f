/** `storyline serve`: the HTTP API and the web UI on a database. */
import fs from 'node:fs';
import type { Command } from 'commander';
import { out, withDb } from '../options.ts';

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new Error(`expected a port number from 0 to 65535, got "${value}"`);
  return n;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`expected a whole number, got "${value}"`);
  return Number(value);
}

/** Shortest accepted ingest token: a short one could be guessed by trying. */
export const MIN_TOKEN_LENGTH = 8;

/** The ingest token from the option or the environment (the option wins); null when neither is set. */
export function ingestToken(option: string | undefined, env: string | undefined): string | null {
  const token = (option ?? env ?? '').trim();
  if (!token) return null;
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`the ingest token (--ingest-token or STORYLINE_INGEST_TOKEN) must be at least ${MIN_TOKEN_LENGTH} characters`);
  return token;
}

/** Runs until SIGINT/SIGTERM, then closes the server and the database cleanly. */
export async function serveUntilStopped(options: {
  dbPath: string;
  port: number;
  host: string;
  ingestToken: string | null;
  corsOrigin: string | null;
  ui: boolean;
  fallbackPort?: boolean;
  storyCachePages?: number;
}): Promise<void> {
  const { startServer } = await import('../../server/serve.ts');
  const server = await startServer({ ...options, log: (line) => process.stderr.write(line + '\n') });
  out(`Storyline is serving ${options.dbPath} at ${server.url}`);
  out(`  API: ${server.url}api/openapi.json · ingest ${options.ingestToken ? 'enabled (POST /api/ingest with the token)' : 'disabled'} · Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // A client holding a request open must not keep the process alive: give up after a moment.
  const forced = setTimeout(() => {
    process.stderr.write('storyline: connections still open after shutdown began; stopping anyway\n');
    process.exit(0);
  }, SHUTDOWN_GRACE_MS);
  await server.close();
  clearTimeout(forced);
}

const SHUTDOWN_GRACE_MS = 3000;

export function register(program: Command): void {
  withDb(program.command('serve').description('Serve the web UI and the JSON API (OpenAPI at /api/openapi.json) on a database'))
    .option('--port <n>', 'TCP port (0: any free port)', parsePort, 4300)
    .option('--host <address>', 'address to listen on (127.0.0.1: this machine only)', '127.0.0.1')
    .option('--ingest-token <token>', 'enable POST /api/ingest with this bearer token (or set STORYLINE_INGEST_TOKEN)')
    .option('--cors-origin <origin>', 'allow this web origin to call the API (CORS is off by default)')
    .option('--no-ui', 'serve the API only')
    .option('--story-cache <pages>', 'story pages kept in memory between changes (0: none)', parseCount, 1000)
    .action(async (opts) => {
      const token = ingestToken(opts.ingestToken, process.env.STORYLINE_INGEST_TOKEN);
      // A mistyped path would otherwise serve a new, empty database; with ingest on, that is the point.
      if (!token && !fs.existsSync(opts.db)) throw new Error(`no database at ${opts.db} (ingest articles first: storyline ingest <files> --db ${opts.db})`);
      await serveUntilStopped({
        dbPath: opts.db,
        port: opts.port,
        host: opts.host,
        ingestToken: token,
        corsOrigin: opts.corsOrigin ?? null,
        ui: opts.ui,
        storyCachePages: opts.storyCache,
      });
    });
}
