/** Shared test helpers: scratch directories and a CLI runner. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SHARED = path.resolve(ROOT, '../shared');

/** Scratch directories made by this test process; removed when it exits (each test file runs in its own). */
const scratchDirs: string[] = [];
process.once('exit', () => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the system temp dir, removed when the test process exits. */
export function scratchDir(prefix = 'storyline-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

export function runCli(args: string[], options: { input?: string; cwd?: string } = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/storyline.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function article(id: string, text: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, text, ...extra });
}
