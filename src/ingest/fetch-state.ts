/**
 * What the fetcher remembers between runs, in a JSON sidecar next to the database
 * (`<db>.fetch-state.json`): the validators of each feed (ETag, Last-Modified) for
 * conditional GET, and where item links redirected to, so an item whose link redirects is
 * still recognised as already stored. Written atomically (temp file + rename).
 * A table in the store would do the same job; see the migration proposal in docs/bench/web.md.
 */
import fs from 'node:fs';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** A feed is always revalidated; a page only while its article is still stored. */
export type ResourceKind = 'feed' | 'page';

interface ValidatorEntry extends Validators {
  kind: ResourceKind;
  /** ISO time of the response the validators came from. */
  at: string;
}

interface AliasEntry {
  url: string;
  at: string;
}

interface StateFile {
  version: 1;
  validators: Record<string, ValidatorEntry>;
  aliases: Record<string, AliasEntry>;
}

/** Oldest entries are dropped beyond these sizes so the sidecar stays small. */
const MAX_VALIDATORS = 10_000;
const MAX_ALIASES = 50_000;

export function fetchStatePath(dbPath: string): string {
  return `${dbPath}.fetch-state.json`;
}

function newestFirst<T extends { at: string }>(entries: Record<string, T>, limit: number): Record<string, T> {
  const list = Object.entries(entries);
  if (list.length <= limit) return entries;
  list.sort((a, b) => b[1].at.localeCompare(a[1].at));
  return Object.fromEntries(list.slice(0, limit));
}

export class FetchState {
  private data: StateFile = { version: 1, validators: {}, aliases: {} };
  private dirty = false;
  /** Set when the file existed but could not be read; the state starts empty. */
  loadError: string | null = null;

  /** `path` null: in memory only (tests, one-off runs without a database). */
  constructor(readonly path: string | null) {
    if (!path || !fs.existsSync(path)) return;
    try {
      const parsed = JSON.parse(fs.readFileSync(path, 'utf8')) as Partial<StateFile>;
      if (parsed.version !== 1 || typeof parsed.validators !== 'object' || typeof parsed.aliases !== 'object') {
        throw new Error('unknown layout');
      }
      this.data = { version: 1, validators: parsed.validators ?? {}, aliases: parsed.aliases ?? {} };
    } catch (err) {
      this.loadError = `${path}: cannot read fetch state (${(err as Error).message}); starting without it`;
    }
  }

  validators(url: string): (Validators & { kind: ResourceKind }) | undefined {
    const entry = this.data.validators[url];
    return entry ? { etag: entry.etag, lastModified: entry.lastModified, kind: entry.kind ?? 'feed' } : undefined;
  }

  /** Remembers the response's validators for the next conditional GET (nothing if it has none). */
  rememberValidators(url: string, kind: ResourceKind, headers: Headers, now = new Date()): void {
    const etag = headers.get('etag') ?? undefined;
    const lastModified = headers.get('last-modified') ?? undefined;
    if (!etag && !lastModified) {
      if (this.data.validators[url]) {
        delete this.data.validators[url];
        this.dirty = true;
      }
      return;
    }
    this.data.validators[url] = { kind, etag, lastModified, at: now.toISOString() };
    this.dirty = true;
  }

  /** Where a link redirected to last time, if it did. */
  alias(link: string): string | undefined {
    return this.data.aliases[link]?.url;
  }

  rememberAlias(link: string, finalUrl: string, now = new Date()): void {
    if (link === finalUrl) return;
    this.data.aliases[link] = { url: finalUrl, at: now.toISOString() };
    this.dirty = true;
  }

  /** Writes the sidecar if anything changed. */
  save(): void {
    if (!this.path || !this.dirty) return;
    const data: StateFile = {
      version: 1,
      validators: newestFirst(this.data.validators, MAX_VALIDATORS),
      aliases: newestFirst(this.data.aliases, MAX_ALIASES),
    };
    const temp = `${this.path}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data, null, 1));
    fs.renameSync(temp, this.path);
    this.data = data;
    this.dirty = false;
  }
}

/** Request headers for a conditional GET. */
export function conditionalHeaders(validators: Validators | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}
