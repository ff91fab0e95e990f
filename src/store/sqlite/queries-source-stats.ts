/**
 * Per-source statistics (articles, first reports, copies made, spun copies, boilerplate rate)
 * over the whole corpus. The caller keeps the result and decides when to refresh it.
 */
import type { Database as DatabaseHandle } from 'better-sqlite3';
import type { SourceStats } from '../queries.ts';

/** Name under which articles without a source are counted. */
export const UNKNOWN_SOURCE = '(unknown)';
/** Articles per step of the pass (one synchronous query, then a yield to other requests). */
const SOURCE_STATS_CHUNK = 500;

export interface SourceSnapshot {
  /** Database version the statistics were computed at. */
  version: string;
  computedAt: number;
  stats: SourceStats[];
  byName: Map<string, SourceStats>;
}

type Row = Record<string, unknown>;

/**
 * One pass over every article: stories in chunks of about SOURCE_STATS_CHUNK articles, through
 * the covering index (no article row is read), yielding to other requests between chunks so a
 * big corpus never stalls the server.
 */
export async function computeSourceStats(db: DatabaseHandle, version: string): Promise<SourceSnapshot> {
  const stats = new Map<string, SourceStats>();
  const get = (name: string | null) => {
    const key = name ?? UNKNOWN_SOURCE;
    let s = stats.get(key);
    if (!s) stats.set(key, (s = { source: key, articles: 0, firstReports: 0, copiesMade: 0, spunCopies: 0, boilerplateRate: 0, firstMs: null, lastMs: null }));
    return s;
  };
  const withBoilerplate = new Map<string, number>();
  // One probe per article: NULL without copy edges, 1 with, 2 with a spun one.
  const rows = db.prepare(
    `SELECT a.story_id AS story, a.source AS source, a.published_ms AS ms, a.ingest_seq AS seq, a.duplicate_of IS NOT NULL AS dup,
      (a.boilerplate != '[]') AS bp, (SELECT max(e.spun) + 1 FROM copy_edge e WHERE e.article_rowid = a.rowid) AS copied
     FROM article a WHERE a.story_id BETWEEN ? AND ?`,
  );
  const ranges: Array<[number, number]> = [];
  let from: number | null = null;
  let size = 0;
  for (const r of db.prepare('SELECT id, article_count FROM story ORDER BY id').iterate() as Iterable<Row>) {
    from ??= r.id as number;
    size += r.article_count as number;
    if (size >= SOURCE_STATS_CHUNK) {
      ranges.push([from, r.id as number]);
      from = null;
      size = 0;
    }
  }
  if (from !== null) ranges.push([from, Number.MAX_SAFE_INTEGER]);
  for (const [low, high] of ranges) {
    const first = new Map<number, { source: string | null; ms: number; seq: number }>();
    for (const r of rows.all(low, high) as Row[]) {
      const s = get((r.source as string) ?? null);
      s.articles++;
      const ms = (r.ms as number) ?? null;
      if (ms !== null) {
        if (s.firstMs === null || ms < s.firstMs) s.firstMs = ms;
        if (s.lastMs === null || ms > s.lastMs) s.lastMs = ms;
      }
      if (r.dup === 1 || r.copied !== null) s.copiesMade++;
      if (r.dup !== 1 && r.copied === 2) s.spunCopies++;
      if (r.bp === 1) withBoilerplate.set(s.source, (withBoilerplate.get(s.source) ?? 0) + 1);
      // A story's first report: its earliest dated article; undated ones only when none is dated.
      const rank = ms ?? Number.MAX_SAFE_INTEGER;
      const best = first.get(r.story as number);
      if (!best || rank < best.ms || (rank === best.ms && (r.seq as number) < best.seq)) {
        first.set(r.story as number, { source: (r.source as string) ?? null, ms: rank, seq: r.seq as number });
      }
    }
    for (const f of first.values()) get(f.source).firstReports++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const s of stats.values()) s.boilerplateRate = (withBoilerplate.get(s.source) ?? 0) / Math.max(1, s.articles);
  return { version, computedAt: Date.now(), stats: [...stats.values()], byName: stats };
}
