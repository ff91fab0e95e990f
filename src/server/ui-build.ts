/**
 * Builds the web UI (Vite) when ui/dist is missing or older than its sources, so a fresh
 * clone serves the UI after `npm ci` with no separate build step. Staleness is a hash of the
 * sources and the UI dependency versions (git checkouts do not keep file times). Concurrent
 * builds (parallel test files, two servers) take a lock and build into a temporary directory
 * that replaces ui/dist in one rename.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const UI_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ui');
export const UI_DIST = path.join(UI_ROOT, 'dist');
const STAMP_FILE = '.source-hash';
const LOCK_DIR = path.join(UI_ROOT, '.build-lock');
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 120_000;
const UI_PACKAGES = ['preact', 'vite', 'd3-geo', 'topojson-client', 'world-atlas'];

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  for (const name of ['index.html', 'vite.config.ts', 'world-paths.ts']) out.push(path.join(UI_ROOT, name));
  walk(path.join(UI_ROOT, 'src'));
  walk(path.join(UI_ROOT, 'public'));
  return out.filter((f) => fs.existsSync(f));
}

/** Hash of everything the build output depends on. */
export function uiSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) {
    hash.update(path.relative(UI_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(UI_ROOT, '../package.json'), 'utf8'));
  for (const name of UI_PACKAGES) hash.update(`${name}@${pkg.devDependencies?.[name] ?? pkg.dependencies?.[name] ?? '?'}\0`);
  return hash.digest('hex').slice(0, 16);
}

export function uiIsCurrent(): boolean {
  try {
    return fs.readFileSync(path.join(UI_DIST, STAMP_FILE), 'utf8').trim() === uiSourceHash() && fs.existsSync(path.join(UI_DIST, 'index.html'));
  } catch {
    return false;
  }
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const stat = fs.statSync(LOCK_DIR, { throwIfNoEntry: false });
      if (!stat) continue;
      if (Date.now() - stat.mtimeMs > STALE_LOCK_MS || Date.now() > deadline) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

export interface UiBuildResult {
  /** The directory to serve, or null when there is no UI to serve. */
  dir: string | null;
  built: boolean;
  warning?: string;
}

/** Builds ui/dist if it is missing or stale (or always, with force). */
export async function ensureUiBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<UiBuildResult> {
  const log = options.log ?? (() => {});
  if (!options.force && uiIsCurrent()) return { dir: UI_DIST, built: false };
  return withLock(async () => {
    if (!options.force && uiIsCurrent()) return { dir: UI_DIST, built: false };
    let vite: typeof import('vite');
    try {
      vite = await import('vite');
    } catch {
      const present = fs.existsSync(path.join(UI_DIST, 'index.html'));
      const warning = present ? 'vite is not installed: serving the existing (possibly stale) ui/dist' : 'vite is not installed and ui/dist is missing: serving the API only';
      return { dir: present ? UI_DIST : null, built: false, warning };
    }
    const hash = uiSourceHash();
    const tmp = path.join(UI_ROOT, `.dist-${process.pid}-${Date.now()}`);
    const started = performance.now();
    log('building the web UI (vite) …');
    try {
      await vite.build({ configFile: path.join(UI_ROOT, 'vite.config.ts'), root: UI_ROOT, logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
      fs.writeFileSync(path.join(tmp, STAMP_FILE), hash + '\n');
      const old = path.join(UI_ROOT, `.dist-old-${process.pid}-${Date.now()}`);
      if (fs.existsSync(UI_DIST)) fs.renameSync(UI_DIST, old);
      fs.renameSync(tmp, UI_DIST);
      fs.rmSync(old, { recursive: true, force: true });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    log(`built the web UI in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { dir: UI_DIST, built: true };
  });
}
