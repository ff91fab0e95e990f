/**
 * The I/O edge of extraction: find HTML files under the paths a user gives, read them
 * (gzip-compressed or not) and decode them with the charset the page declares.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** .html, .htm and their .gz forms. */
export const HTML_FILE = /\.html?(?:\.gz)?$/i;

export interface HtmlInputs {
  files: string[];
  /** Paths that do not exist or cannot be listed, with the reason. */
  problems: Array<{ path: string; reason: string }>;
}

/** Files to extract: each file as given, each directory walked recursively (sorted). */
export function listHtmlFiles(paths: string[]): HtmlInputs {
  const files: string[] = [];
  const problems: HtmlInputs['problems'] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ path: dir, reason: (err as Error).message });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && HTML_FILE.test(entry.name)) files.push(full);
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      problems.push({ path, reason: 'no such file or directory' });
      continue;
    }
    if (stats.isDirectory()) walk(path);
    else files.push(path);
  }
  return { files, problems };
}

const CHARSET_DECLARATION = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i;

/**
 * Text of an HTML byte buffer: a byte-order mark wins, then a <meta charset> (or
 * http-equiv content-type) in the first 4 KB, then UTF-8.
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = CHARSET_DECLARATION.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // Unknown label: fall through to UTF-8.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Reads one .html/.htm (optionally .gz) file as text. Throws with the reason on failure. */
export function readHtmlFile(path: string): string {
  let bytes: Uint8Array = readFileSync(path);
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gzipped) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new Error(`corrupt gzip data: ${(err as Error).message}`);
    }
  } else if (/\.gz$/i.test(path)) {
    throw new Error('named .gz but not gzip data');
  }
  return decodeHtml(bytes);
}
