/**
 * "Is this URL already stored?" so feed items we have are not fetched again. Until the
 * store offers `hasUrls(urls)` (proposed in docs/bench/web.md) this opens the SQLite
 * database read-only next to the ingest's own connection; WAL mode lets both work at once.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

export interface KnownUrls {
  has(url: string): boolean;
  close(): void;
}

export const NO_KNOWN_URLS: KnownUrls = { has: () => false, close: () => {} };

export function openKnownUrls(dbPath: string | null | undefined): KnownUrls {
  if (!dbPath || !fs.existsSync(dbPath)) return NO_KNOWN_URLS;
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch {
    return NO_KNOWN_URLS;
  }
  let statement: Database.Statement | null = null;
  try {
    statement = db.prepare('SELECT 1 FROM article WHERE url = ? LIMIT 1');
  } catch {
    // A database without the article table yet (never ingested into): nothing is known.
    db.close();
    return NO_KNOWN_URLS;
  }
  return {
    has: (url) => statement!.get(url) !== undefined,
    close: () => db.close(),
  };
}
