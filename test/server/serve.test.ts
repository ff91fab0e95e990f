/** `storyline serve` as a user runs it: prints its URL, answers, stops cleanly on SIGTERM. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, runCli, scratchDir } from '../helpers.ts';
import { ingestToken } from '../../src/cli/commands/serve.ts';
import { buildConstructedDb } from './fixtures.ts';

test('serve prints its URL, serves the API with ingest enabled by the env token, exits on SIGTERM', async () => {
  const db = path.join(scratchDir('storyline-serve-'), 'serve.db');
  await (await buildConstructedDb(db)).close();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/storyline.js'), 'serve', '--db', db, '--port', '0', '--no-ui'], {
    env: { ...process.env, STORYLINE_INGEST_TOKEN: 'env-token-123456' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 50);
      void exited.then(() => reject(new Error(`serve exited: ${output}`)));
    });
    const health = await (await fetch(new URL('/api/health', url))).json();
    assert.deepEqual(health, { ok: true, articles: 8, stories: 3, sources: 5, ingest: true });
    const page = await fetch(url);
    assert.match(await page.text(), /web UI is not built/, '--no-ui serves the API only');
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});

test('the ingest token: option over environment, none when unset, too short refused', () => {
  assert.equal(ingestToken('from-the-option', 'from-the-environment'), 'from-the-option');
  assert.equal(ingestToken(undefined, ' from-the-environment '), 'from-the-environment');
  assert.equal(ingestToken(undefined, undefined), null);
  assert.equal(ingestToken('', '  '), null);
  assert.throws(() => ingestToken('short', undefined), /at least 8 characters/);
});

test('serve refuses a missing database unless ingest is enabled; demo can skip serving', () => {
  const missing = runCli(['serve', '--db', path.join(scratchDir(), 'typo.db'), '--no-ui']);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /no database at .*typo\.db/);
  assert.match(runCli(['demo', '--help']).stdout, /--no-serve/);
});
