/**
 * Read-side queries over the SQLite store's connection (see ../queries.ts for the contract).
 * Every query is bounded: story pages read a capped number of articles, lists are paged, and
 * the corpus-wide source statistics are computed once per database version and cached.
 */
import type { Database as DatabaseHandle, Statement } from 'better-sqlite3';
import type { CopySource } from '../types.ts';
import type {
  ArticleBrief,
  ArticleDetailRow,
  CopyOf,
  FacetValue,
  NameCount,
  ReadQueries,
  SearchHit,
  SourceStats,
  StoryArticle,
  StoryFilter,
  StorySummary,
  TimelineCount,
} from '../queries.ts';

/** An article whose text is at least this share reused from another is a copy, not an independent report. */
export const COPY_SHARE_FOR_DEPENDENCE = 0.5;
/** Top entities and places shown with each story in a list. */
const TOP_FACETS_PER_STORY = 4;
/** Search results are counted up to this many; beyond it the total is a lower bound. */
const SEARCH_COUNT_CAP = 1000;
/** SQLite bound-parameter chunk for IN (...) lists. */
const MAX_PARAMS = 500;
/** Snippet markers: control characters that never occur in stored text, split out before returning. */
const MATCH_OPEN = '\u0002';
const MATCH_CLOSE = '\u0003';
const UNKNOWN_SOURCE = '(unknown)';

type Row = Record<string, unknown>;

/** User text → an FTS5 query of quoted terms (all required): never FTS syntax, never SQL. */
export function ftsMatchExpression(text: string): string | null {
  const terms = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (terms.length === 0) return null;
  return terms
    .slice(0, 16)
    .map((t) => `"${t}"`)
    .join(' ');
}

/** Splits an FTS5 snippet with our markers into plain parts. */
export function splitSnippet(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  let match = false;
  let current = '';
  for (const ch of snippet) {
    if (ch === MATCH_OPEN || ch === MATCH_CLOSE) {
      if (current) parts.push({ text: current, match });
      current = '';
      match = ch === MATCH_OPEN;
    } else current += ch;
  }
  if (current) parts.push({ text: current, match });
  return parts;
}

function chunks<T>(items: T[], size = MAX_PARAMS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

function toBrief(row: Row): ArticleBrief {
  return {
    id: row.id as string,
    title: (row.title as string) ?? null,
    source: (row.source as string) ?? null,
    url: (row.url as string) ?? null,
    publishedMs: (row.published_ms as number) ?? null,
    storyId: (row.story_id as number) ?? null,
  };
}

const BRIEF_COLUMNS = 'a.id, a.title, a.source, a.url, a.published_ms, a.story_id';
const STORY_ARTICLE_COLUMNS = `${BRIEF_COLUMNS}, a.language, a.duplicate_of, a.spin_score, a.boilerplate, a.annotations, length(a.text) AS text_length`;

export class SqliteReadQueries implements ReadQueries {
  private readonly statements = new Map<string, Statement>();
  private sourceCache: { version: string; stats: SourceStats[]; byName: Map<string, SourceStats> } | null = null;

  constructor(private readonly db: DatabaseHandle) {}

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** Changes whenever this or another connection commits a write. */
  private dataVersion(): string {
    const row = this.prepared('SELECT total_changes() AS changes').get() as { changes: number };
    return `${this.db.pragma('data_version', { simple: true })}:${row.changes}`;
  }

  async counts() {
    return this.prepared(
      `SELECT (SELECT count(*) FROM article) AS articles, (SELECT count(*) FROM story) AS stories,
        (SELECT count(DISTINCT source) FROM article) AS sources`,
    ).get() as { articles: number; stories: number; sources: number };
  }

  async listStories(filter: StoryFilter): Promise<{ total: number; stories: StorySummary[] }> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.fromMs !== undefined) {
      where.push('s.last_ms >= @fromMs');
      params.fromMs = filter.fromMs;
    }
    if (filter.toMs !== undefined) {
      where.push('s.first_ms <= @toMs');
      params.toMs = filter.toMs;
    }
    if (filter.source !== undefined) {
      where.push('s.id IN (SELECT story_id FROM article WHERE source = @source)');
      params.source = filter.source;
    }
    for (const kind of ['entity', 'place'] as const) {
      const value = filter[kind];
      if (value === undefined) continue;
      where.push(`s.id IN (SELECT a.story_id FROM article_facet f JOIN article a ON a.rowid = f.article_rowid WHERE f.kind = '${kind}' AND f.key = @${kind})`);
      params[kind] = value;
    }
    if (filter.text !== undefined) {
      const match = ftsMatchExpression(filter.text);
      if (match === null) return { total: 0, stories: [] };
      where.push('s.id IN (SELECT a.story_id FROM article_fts JOIN article a ON a.rowid = article_fts.rowid WHERE article_fts MATCH @match)');
      params.match = match;
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = filter.order === 'size' ? 's.article_count DESC, s.last_ms DESC' : 's.last_ms IS NULL, s.last_ms DESC, s.article_count DESC';
    const total = (this.prepared(`SELECT count(*) AS n FROM story s ${whereSql}`).get(params) as { n: number }).n;
    const rows = this.prepared(`SELECT s.* FROM story s ${whereSql} ORDER BY ${order}, s.id LIMIT @limit OFFSET @offset`).all({
      ...params,
      limit: filter.limit,
      offset: filter.offset,
    }) as Row[];
    return { total, stories: this.summarise(rows) };
  }

  async storySummary(id: number): Promise<StorySummary | null> {
    const row = this.prepared('SELECT * FROM story WHERE id = ?').get(id) as Row | undefined;
    return row ? this.summarise([row])[0] : null;
  }

  /** Story rows → summaries with independent-source counts and top entities/places, in a few grouped queries. */
  private summarise(rows: Row[]): StorySummary[] {
    const ids = rows.map((r) => r.id as number);
    const independent = new Map<number, number>();
    const entities = new Map<number, NameCount[]>();
    const places = new Map<number, NameCount[]>();
    for (const part of chunks(ids)) {
      const q = marks(part.length);
      for (const r of this.prepared(
        `SELECT a.story_id, count(DISTINCT coalesce(a.source, '')) AS n FROM article a
         WHERE a.story_id IN (${q}) AND a.duplicate_of IS NULL
           AND NOT EXISTS (SELECT 1 FROM copy_edge e WHERE e.article_id = a.id AND e.share >= ${COPY_SHARE_FOR_DEPENDENCE})
         GROUP BY a.story_id`,
      ).all(...part) as Row[]) {
        independent.set(r.story_id as number, r.n as number);
      }
      for (const r of this.prepared(
        `SELECT a.story_id, f.kind, f.key, count(*) AS n FROM article a JOIN article_facet f ON f.article_rowid = a.rowid
         WHERE a.story_id IN (${q}) GROUP BY a.story_id, f.kind, f.key ORDER BY a.story_id, n DESC, f.key`,
      ).all(...part) as Row[]) {
        const target = r.kind === 'entity' ? entities : places;
        const list = target.get(r.story_id as number) ?? [];
        if (list.length < TOP_FACETS_PER_STORY) list.push({ name: r.key as string, articles: r.n as number });
        target.set(r.story_id as number, list);
      }
    }
    return rows.map((r) => ({
      id: r.id as number,
      label: (r.label as string) ?? null,
      firstMs: (r.first_ms as number) ?? null,
      lastMs: (r.last_ms as number) ?? null,
      articleCount: r.article_count as number,
      sourceCount: r.source_count as number,
      independentSourceCount: independent.get(r.id as number) ?? 0,
      topEntities: entities.get(r.id as number) ?? [],
      topPlaces: places.get(r.id as number) ?? [],
    }));
  }

  /** Copy sources of each article, from the copy_edge table (the source of truth for provenance). */
  private copiedFrom(ids: string[], withPassages: boolean): Map<string, CopySource[]> {
    const out = new Map<string, CopySource[]>();
    for (const part of chunks(ids)) {
      const rows = this.prepared(
        `SELECT article_id, source_id, share, spun${withPassages ? ', passages' : ''} FROM copy_edge WHERE article_id IN (${marks(part.length)}) ORDER BY share DESC`,
      ).all(...part) as Row[];
      for (const r of rows) {
        const list = out.get(r.article_id as string) ?? [];
        const copy: CopySource = { id: r.source_id as string, share: r.share as number, spun: r.spun === 1 };
        if (withPassages) copy.passages = JSON.parse(r.passages as string);
        list.push(copy);
        out.set(r.article_id as string, list);
      }
    }
    return out;
  }

  async storyArticles(storyId: number, limit: number): Promise<StoryArticle[]> {
    const rows = this.prepared(
      `SELECT ${STORY_ARTICLE_COLUMNS} FROM article a WHERE a.story_id = ? ORDER BY a.published_ms IS NULL, a.published_ms, a.ingest_seq LIMIT ?`,
    ).all(storyId, limit) as Row[];
    const copies = this.copiedFrom(
      rows.map((r) => r.id as string),
      false,
    );
    return rows.map((r) => ({
      ...toBrief(r),
      language: (r.language as string) ?? null,
      duplicateOf: (r.duplicate_of as string) ?? null,
      copiedFrom: copies.get(r.id as string) ?? [],
      spinScore: (r.spin_score as number) ?? null,
      boilerplateSpans: (JSON.parse(r.boilerplate as string) as unknown[]).length,
      textLength: r.text_length as number,
      annotations: r.annotations ? JSON.parse(r.annotations as string) : null,
    }));
  }

  async storyTimeline(storyId: number, startMs: number, bucketMs: number): Promise<TimelineCount[]> {
    const rows = this.prepared(
      `SELECT coalesce(source, '${UNKNOWN_SOURCE}') AS source, (published_ms - @startMs) / @bucketMs AS bucket, count(*) AS n
       FROM article WHERE story_id = @storyId AND published_ms IS NOT NULL GROUP BY 1, 2`,
    ).all({ storyId, startMs, bucketMs }) as Row[];
    return rows.map((r) => ({ source: r.source as string, bucket: r.bucket as number, count: r.n as number }));
  }

  async articleBriefs(ids: string[]): Promise<Map<string, ArticleBrief>> {
    const out = new Map<string, ArticleBrief>();
    for (const part of chunks([...new Set(ids)])) {
      for (const r of this.prepared(`SELECT ${BRIEF_COLUMNS} FROM article a WHERE a.id IN (${marks(part.length)})`).all(...part) as Row[]) {
        out.set(r.id as string, toBrief(r));
      }
    }
    return out;
  }

  async article(id: string): Promise<ArticleDetailRow | null> {
    const r = this.prepared(`SELECT ${STORY_ARTICLE_COLUMNS}, a.input_id, a.published, a.text, a.raw, a.origin FROM article a WHERE a.id = ?`).get(id) as Row | undefined;
    if (!r) return null;
    const boilerplate = JSON.parse(r.boilerplate as string);
    return {
      ...toBrief(r),
      inputId: (r.input_id as string) ?? null,
      published: (r.published as string) ?? null,
      language: (r.language as string) ?? null,
      duplicateOf: (r.duplicate_of as string) ?? null,
      copiedFrom: this.copiedFrom([id], true).get(id) ?? [],
      spinScore: (r.spin_score as number) ?? null,
      boilerplate,
      boilerplateSpans: boilerplate.length,
      textLength: r.text_length as number,
      annotations: r.annotations ? JSON.parse(r.annotations as string) : null,
      text: r.text as string,
      raw: r.raw as string,
      origin: JSON.parse(r.origin as string),
    };
  }

  async copiesOf(id: string, limit: number): Promise<CopyOf[]> {
    const out: CopyOf[] = [];
    for (const r of this.prepared(
      `SELECT ${BRIEF_COLUMNS}, e.share, e.spun FROM copy_edge e JOIN article a ON a.id = e.article_id WHERE e.source_id = ? ORDER BY a.published_ms, a.ingest_seq LIMIT ?`,
    ).all(id, limit) as Row[]) {
      out.push({ ...toBrief(r), kind: 'copy', share: r.share as number, spun: r.spun === 1 });
    }
    // Duplicates always join their original's story, so the story index bounds this lookup.
    const story = this.prepared('SELECT story_id FROM article WHERE id = ?').get(id) as Row | undefined;
    if (story?.story_id != null) {
      for (const r of this.prepared(
        `SELECT ${BRIEF_COLUMNS} FROM article a WHERE a.story_id = ? AND a.duplicate_of = ? ORDER BY a.published_ms, a.ingest_seq LIMIT ?`,
      ).all(story.story_id, id, limit) as Row[]) {
        out.push({ ...toBrief(r), kind: 'duplicate', share: null, spun: false });
      }
    }
    return out.slice(0, limit);
  }

  /** Per-source statistics over the whole corpus, recomputed only when the database changed. */
  private sourceStats(): { stats: SourceStats[]; byName: Map<string, SourceStats> } {
    const version = this.dataVersion();
    if (this.sourceCache?.version === version) return this.sourceCache;
    const stats = new Map<string, SourceStats>();
    const get = (name: string) => {
      let s = stats.get(name);
      if (!s) stats.set(name, (s = { source: name, articles: 0, firstReports: 0, copiesMade: 0, spunCopies: 0, boilerplateRate: 0, firstMs: null, lastMs: null }));
      return s;
    };
    for (const r of this.prepared(
      `SELECT coalesce(source, '${UNKNOWN_SOURCE}') AS source, count(*) AS n, sum(duplicate_of IS NOT NULL) AS dups,
        sum(boilerplate != '[]') AS with_boilerplate, min(published_ms) AS first_ms, max(published_ms) AS last_ms
       FROM article GROUP BY 1`,
    ).all() as Row[]) {
      const s = get(r.source as string);
      s.articles = r.n as number;
      s.copiesMade = r.dups as number;
      s.boilerplateRate = (r.with_boilerplate as number) / Math.max(1, r.n as number);
      s.firstMs = (r.first_ms as number) ?? null;
      s.lastMs = (r.last_ms as number) ?? null;
    }
    for (const r of this.prepared(
      `SELECT coalesce(a.source, '${UNKNOWN_SOURCE}') AS source, count(DISTINCT e.article_id) AS copies,
         count(DISTINCT CASE WHEN e.spun = 1 THEN e.article_id END) AS spun FROM copy_edge e JOIN article a ON a.id = e.article_id
       WHERE a.duplicate_of IS NULL AND e.share >= ${COPY_SHARE_FOR_DEPENDENCE} GROUP BY 1`,
    ).all() as Row[]) {
      const s = get(r.source as string);
      s.copiesMade += r.copies as number;
      s.spunCopies = r.spun as number;
    }
    // The first report of a story: its earliest dated article (SQLite returns the bare
    // column of the row holding the min); undated articles count only when none is dated.
    for (const r of this.prepared(
      `SELECT source, count(*) AS n FROM (
         SELECT coalesce(source, '${UNKNOWN_SOURCE}') AS source, min(coalesce(published_ms, 9e15)) FROM article
         WHERE story_id IS NOT NULL GROUP BY story_id)
       GROUP BY source`,
    ).all() as Row[]) {
      get(r.source as string).firstReports = r.n as number;
    }
    const list = [...stats.values()];
    this.sourceCache = { version, stats: list, byName: stats };
    return this.sourceCache;
  }

  async sources(options: { prefix?: string; order: 'articles' | 'name' | 'firstReports' | 'copies'; limit: number; offset: number }) {
    const prefix = options.prefix?.toLowerCase();
    const all = this.sourceStats().stats.filter((s) => !prefix || s.source.toLowerCase().includes(prefix));
    const by: Record<typeof options.order, (a: SourceStats, b: SourceStats) => number> = {
      articles: (a, b) => b.articles - a.articles,
      firstReports: (a, b) => b.firstReports - a.firstReports || b.articles - a.articles,
      copies: (a, b) => b.copiesMade - a.copiesMade || b.articles - a.articles,
      name: () => 0,
    };
    const sorted = [...all].sort((a, b) => by[options.order](a, b) || a.source.localeCompare(b.source));
    return { total: sorted.length, sources: sorted.slice(options.offset, options.offset + options.limit) };
  }

  async source(name: string): Promise<SourceStats | null> {
    return this.sourceStats().byName.get(name) ?? null;
  }

  async sourceArticles(name: string, limit: number, offset: number): Promise<ArticleBrief[]> {
    const rows = (
      name === UNKNOWN_SOURCE
        ? this.prepared(`SELECT ${BRIEF_COLUMNS} FROM article a WHERE a.source IS NULL ORDER BY a.published_ms DESC LIMIT ? OFFSET ?`).all(limit, offset)
        : this.prepared(`SELECT ${BRIEF_COLUMNS} FROM article a WHERE a.source = ? ORDER BY a.published_ms DESC LIMIT ? OFFSET ?`).all(name, limit, offset)
    ) as Row[];
    return rows.map(toBrief);
  }

  async search(text: string, limit: number, offset: number) {
    const match = ftsMatchExpression(text);
    if (match === null) return { total: 0, totalIsLowerBound: false, hits: [] };
    const counted = (
      this.prepared(`SELECT count(*) AS n FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH ? LIMIT ${SEARCH_COUNT_CAP + 1})`).get(match) as { n: number }
    ).n;
    // Rank first over the index alone, then fetch rows and snippets for the page only.
    const rows = this.prepared(
      `SELECT ${BRIEF_COLUMNS}, s.label AS story_label, snippet(article_fts, 1, '${MATCH_OPEN}', '${MATCH_CLOSE}', '…', 16) AS snippet
       FROM article_fts JOIN article a ON a.rowid = article_fts.rowid LEFT JOIN story s ON s.id = a.story_id
       WHERE article_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?`,
    ).all(match, limit, offset) as Row[];
    const hits: SearchHit[] = rows.map((r) => ({ ...toBrief(r), storyLabel: (r.story_label as string) ?? null, snippet: splitSnippet(r.snippet as string) }));
    return { total: Math.min(counted, SEARCH_COUNT_CAP), totalIsLowerBound: counted > SEARCH_COUNT_CAP, hits };
  }

  async facetValues(kind: 'entity' | 'place', prefix: string, limit: number): Promise<FacetValue[]> {
    // Range scan on the (kind, key) primary key: NOCASE collation makes it case-insensitive.
    const rows = this.prepared(
      `SELECT key, max(detail) AS detail, count(*) AS n FROM article_facet WHERE kind = ? AND key >= ? AND key < ?
       GROUP BY key ORDER BY n DESC, key LIMIT ?`,
    ).all(kind, prefix, prefix + '\u{10FFFF}', limit) as Row[];
    return rows.map((r) => ({ name: r.key as string, detail: (r.detail as string) ?? null, articles: r.n as number }));
  }
}
