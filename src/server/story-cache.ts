/**
 * Story pages kept in memory, serialised, keyed by story and checked against the story's
 * revision: a page is served from memory while its story has not changed (same revision and
 * article count) and for at most `ttlMs`, which bounds how long a change that does not touch
 * the story row (a revised spin score of an older article, a re-annotation) can go unseen.
 * Least recently used pages leave first.
 */
export interface StoryCacheOptions {
  /** Pages kept; 0 disables the cache. */
  capacity: number;
  ttlMs: number;
  /** Compute the pages of this many most recent stories in the background at start-up. */
  warm: number;
}

export const DEFAULT_STORY_CACHE: StoryCacheOptions = { capacity: 1000, ttlMs: 120_000, warm: 0 };

interface Entry {
  revision: string;
  storedAt: number;
  body: string;
}

export class StoryPageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: Pick<StoryCacheOptions, 'capacity' | 'ttlMs'>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(key: string, revision: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.revision !== revision || this.now() - entry.storedAt > this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-inserting moves the key to the end: Map order is the recency order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, revision: string, body: string): void {
    if (this.options.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { revision, storedAt: this.now(), body });
    while (this.entries.size > this.options.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
