/** Test helpers for the web readers: a local HTTP server that logs requests, and an async CLI runner. */
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { ROOT } from '../helpers.ts';

export interface LoggedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export interface TestServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  requests: LoggedRequest[];
  paths(): string[];
  close(): Promise<void>;
}

/** Answers synchronously; a handler that answers later returns 'async' (else unanswered requests get 404). */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** A server on 127.0.0.1; unknown paths (and /robots.txt unless handled) answer 404. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: LoggedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers, at: Date.now() });
    const later = handler(req, res) === 'async';
    if (!later && !res.headersSent && !res.writableEnded) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    paths: () => requests.map((r) => r.path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A page with enough text for the extractor to keep it. */
export function articlePage(title: string, topic: string, extraHead = ''): string {
  const paragraphs = Array.from(
    { length: 5 },
    (_, i) =>
      `<p>${topic} — part ${i + 1}. Officials said on Tuesday that the work on ${topic} would continue through the summer, ` +
      `after months of delays caused by budget disputes, supply problems and a long public consultation with residents.</p>`,
  ).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${extraHead}</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>${title}</h1>${paragraphs}</article><footer>© Test</footer></body></html>`;
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI without blocking the event loop (the test's own server must keep answering).
 * `onStdout` sees output as it arrives and may return true to send SIGINT.
 */
export function runCliAsync(args: string[], options: { onStdout?: (soFar: string) => boolean; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/storyline.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!interrupted && options.onStdout?.(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
