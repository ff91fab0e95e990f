/**
 * Serves the built UI (ui/dist) from memory: a few hundred kilobytes read once at start-up.
 * Hashed assets are cached forever; index.html never, so a rebuilt UI shows on reload.
 * Unknown paths outside /api get index.html, so history-style URLs also open the app.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface UiFile {
  body: Uint8Array;
  type: string;
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** URL path → file of the built UI; null when the UI is not built. */
export function loadUiFiles(dir: string): Map<string, UiFile> | null {
  if (!fs.existsSync(path.join(dir, 'index.html'))) return null;
  const files = new Map<string, UiFile>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) {
        const type = CONTENT_TYPES[path.extname(entry.name).toLowerCase()];
        if (!type) continue;
        files.set('/' + rel, { body: fs.readFileSync(path.join(dir, rel)), type, immutable: rel.startsWith('assets/') });
      }
    }
  };
  walk('');
  return files;
}
