/**
 * Read-side queries over the SQLite store's connection (see ../queries.ts for the contract).
 * Every query is bounded: story pages read a capped number of articles, lists are paged, and
 * the corpus-wide source statistics are computed once per database version and cached.
 */
import type { Database as DatabaseHandle, Statement } from 'better-sqlite3';
import type { CopySource } from '../types.ts';
import { computeSourceStats, UNKNOWN_SOURCE, type SourceSnapshot } from './queries-source-stats.ts';
import { ftsMatchExpression, MATCH_CLOSE, MATCH_OPEN, splitSnippet } from './queries-fts.ts';

export { ftsMatchExpression, splitSnippet, UNKNOWN_SOURCE };
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
  StoryFacets,
  StoryHead,
  StorySourceCount,
  StorySummary,
  TimelineCount,
} from '../queries.ts';

/** Top entities and places shown with each story in a list. */
const TOP_FACETS_PER_STORY = 4;
/**
 * A story's "top" names in a list come from its first articles: a story of a thousand
 * articles would otherwise cost a thousand articles' names on every list page.
 */
const SUMMARY_ARTICLES = 20;
/** Copy sources listed per article on a story page, strongest first (the article page has all). */
const COPY_SOURCES_PER_STORY_ARTICLE = 3;
/** Search results are counted up to this many; beyond it the total is a lower bound. */
const SEARCH_COUNT_CAP = 1000;
/** Search ranks the best matches among this many most recently ingested matches. */
export const SEARCH_RANK_WINDOW = 500;
/** Story filters by words look at this many most recently ingested matching articles. */
const STORY_TEXT_WINDOW = 20_000;
/** bm25 weight of a title match relative to a body match. */
const TITLE_WEIGHT = 2.0;
/** SQLite bound-parameter chunk for IN (...) lists. */
const MAX_PARAMS = 500;


type Row = Record<string, unknown>;

export interface ReadQueryOptions {
  /** How long source statistics may lag behind writes, and whether a refresh runs behind the old snapshot. */
  sourceStats: { maxAgeMs: number; background: boolean };
}

export const DEFAULT_READ_QUERY_OPTIONS: ReadQueryOptions = { sourceStats: { maxAgeMs: 30_000, background: true } };

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
/**
 * Story-page columns: the first ones of the row (on its first page) and those of the covering
 * index article_story_cover; nothing that sits after the text on overflow pages.
 */
const STORY_ARTICLE_COLUMNS = `${BRIEF_COLUMNS}, a.language, a.duplicate_of, a.spin_score`;

export class SqliteReadQueries implements ReadQueries {
  private readonly statements = new Map<string, Statement>();
  private sourceSnapshot: SourceSnapshot | null = null;
  private sourceRefresh: Promise<SourceSnapshot> | null = null;
  private readonly options: ReadQueryOptions;

  constructor(
    private readonly db: DatabaseHandle,
    options: Partial<ReadQueryOptions> = {},
  ) {
    this.options = { sourceStats: { ...DEFAULT_READ_QUERY_OPTIONS.sourceStats, ...options.sourceStats } };
  }

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /**
   * Rowids of a story's first `n` articles in time order (undated last). Two index range scans
   * on (story_id, published_ms): sorting a whole big story for its first few costs far more.
   */
  private firstArticles(storyId: number, n: number): number[] {
    const dated = this.prepared(
      'SELECT rowid FROM article WHERE story_id = ? AND published_ms IS NOT NULL ORDER BY published_ms, ingest_seq LIMIT ?',
    ).all(storyId, n) as Array<{ rowid: number }>;
    if (dated.length >= n) return dated.map((r) => r.rowid);
    const undated = this.prepared('SELECT rowid FROM article WHERE story_id = ? AND published_ms IS NULL ORDER BY ingest_seq LIMIT ?').all(
      storyId,
      n - dated.length,
    ) as Array<{ rowid: number }>;
    return [...dated, ...undated].map((r) => r.rowid);
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
      where.push(
        `s.id IN (SELECT a.story_id FROM article a WHERE a.rowid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH @match ORDER BY rowid DESC LIMIT ${STORY_TEXT_WINDOW}))`,
      );
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

  async storyHead(id: number): Promise<StoryHead | null> {
    const r = this.prepared('SELECT id, label, first_ms, last_ms, article_count, source_count, touched_seq FROM story WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    return {
      revision: r.touched_seq as number,
      id: r.id as number,
      label: (r.label as string) ?? null,
      firstMs: (r.first_ms as number) ?? null,
      lastMs: (r.last_ms as number) ?? null,
      articleCount: r.article_count as number,
      sourceCount: r.source_count as number,
    };
  }

  async recentStoryIds(limit: number): Promise<number[]> {
    return (this.prepared('SELECT id FROM story ORDER BY last_ms IS NULL, last_ms DESC, id LIMIT ?').all(limit) as Row[]).map((r) => r.id as number);
  }

  async storySummary(id: number): Promise<StorySummary | null> {
    const row = this.prepared('SELECT * FROM story WHERE id = ?').get(id) as Row | undefined;
    return row ? this.summarise([row])[0] : null;
  }

  /** Story rows → summaries: exact independent-source counts, top names from each story's first articles. */
  private summarise(rows: Row[]): StorySummary[] {
    const independent = this.prepared(
      `SELECT count(DISTINCT a.source) AS n FROM article a
       WHERE a.story_id = ? AND a.duplicate_of IS NULL AND NOT EXISTS (SELECT 1 FROM copy_edge e WHERE e.article_rowid = a.rowid)`,
    );
    const names = (id: number) => {
      const rowids = this.firstArticles(id, SUMMARY_ARTICLES);
      if (rowids.length === 0) return [];
      return this.prepared(
        `SELECT kind, key, count(*) AS n FROM article_facet WHERE article_rowid IN (${marks(rowids.length)}) GROUP BY kind, key ORDER BY n DESC, key`,
      ).all(...rowids) as Row[];
    };
    return rows.map((r) => {
      const id = r.id as number;
      const top = { entity: [] as NameCount[], place: [] as NameCount[] };
      for (const f of names(id)) {
        const list = top[f.kind as 'entity' | 'place'];
        if (list && list.length < TOP_FACETS_PER_STORY) list.push({ name: f.key as string, articles: f.n as number });
      }
      return {
        id,
        label: (r.label as string) ?? null,
        firstMs: (r.first_ms as number) ?? null,
        lastMs: (r.last_ms as number) ?? null,
        articleCount: r.article_count as number,
        sourceCount: r.source_count as number,
        independentSourceCount: (independent.get(id) as { n: number }).n,
        topEntities: top.entity,
        topPlaces: top.place,
      };
    });
  }

  /** Copy sources of each article, strongest first, from copy_edge (the source of truth for provenance). */
  private copiedFrom(ids: string[], options: { passages: boolean; perArticle?: number }): Map<string, CopySource[]> {
    const out = new Map<string, CopySource[]>();
    const columns = `a.id AS article_id, s.id AS source_id, e.share, e.spun${options.passages ? ', e.passages' : ''}`;
    for (const part of chunks(ids)) {
      const sql = `SELECT ${columns} FROM article a JOIN copy_edge e ON e.article_rowid = a.rowid JOIN article s ON s.rowid = e.source_rowid
        WHERE a.id IN (${marks(part.length)})`;
      for (const r of this.prepared(sql).all(...part) as Row[]) {
        const list = out.get(r.article_id as string) ?? [];
        const copy: CopySource = { id: r.source_id as string, share: r.share as number, spun: r.spun === 1 };
        if (options.passages) copy.passages = JSON.parse(r.passages as string);
        list.push(copy);
        out.set(r.article_id as string, list);
      }
    }
    for (const [id, list] of out) {
      list.sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : 1));
      if (options.perArticle && list.length > options.perArticle) out.set(id, list.slice(0, options.perArticle));
    }
    return out;
  }

  async storyArticles(storyId: number, limit: number): Promise<StoryArticle[]> {
    const order = this.firstArticles(storyId, limit);
    const byRowid = new Map<number, Row>();
    for (const part of chunks(order)) {
      for (const r of this.prepared(`SELECT a.rowid AS row_id, ${STORY_ARTICLE_COLUMNS} FROM article a WHERE a.rowid IN (${marks(part.length)})`).all(...part) as Row[]) {
        byRowid.set(r.row_id as number, r);
      }
    }
    const rows = order.map((rowid) => byRowid.get(rowid)!).filter(Boolean);
    const copies = this.copiedFrom(
      rows.map((r) => r.id as string),
      { passages: false, perArticle: COPY_SOURCES_PER_STORY_ARTICLE },
    );
    return rows.map((r) => ({
      ...toBrief(r),
      language: (r.language as string) ?? null,
      duplicateOf: (r.duplicate_of as string) ?? null,
      copiedFrom: copies.get(r.id as string) ?? [],
      spinScore: (r.spin_score as number) ?? null,
    }));
  }

  async storyFacets(
    storyId: number,
    limits: { facetArticles: number; annotationArticles: number; entities: number; places: number },
  ): Promise<StoryFacets> {
    const rowids = this.firstArticles(storyId, limits.facetArticles);
    const tally = { entity: new Map<string, { detail: string | null; n: number }>(), place: new Map<string, { detail: string | null; n: number }>() };
    for (const part of chunks(rowids)) {
      for (const r of this.prepared(`SELECT kind, key, detail FROM article_facet WHERE article_rowid IN (${marks(part.length)})`).all(...part) as Row[]) {
        const map = tally[r.kind as 'entity' | 'place'];
        if (!map) continue;
        const t = map.get(r.key as string);
        if (t) t.n++;
        else map.set(r.key as string, { detail: (r.detail as string) ?? null, n: 1 });
      }
    }
    const top = (map: Map<string, { detail: string | null; n: number }>, limit: number) =>
      [...map].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, limit);

    // Coordinates (and dates) live in the annotations JSON: parsed by SQLite, for the first articles only.
    const sample = rowids.slice(0, limits.annotationArticles);
    const coordinates = new Map<string, { lat: number | null; lon: number | null }>();
    const dateMentions: StoryFacets['dateMentions'] = [];
    if (sample.length) {
      const inSample = `a.rowid IN (${marks(sample.length)}) AND a.annotations IS NOT NULL`;
      for (const r of this.prepared(
        `SELECT json_extract(p.value, '$.name') AS name, json_extract(p.value, '$.lat') AS lat, json_extract(p.value, '$.lon') AS lon
         FROM article a, json_each(a.annotations, '$.places') p WHERE ${inSample}`,
      ).all(...sample) as Row[]) {
        const key = String(r.name).toLowerCase();
        if (!coordinates.has(key) || coordinates.get(key)!.lat === null) coordinates.set(key, { lat: (r.lat as number) ?? null, lon: (r.lon as number) ?? null });
      }
      for (const r of this.prepared(
        `SELECT a.rowid AS article, json_extract(d.value, '$.value') AS value, json_extract(d.value, '$.text') AS text
         FROM article a, json_each(a.annotations, '$.dates') d WHERE ${inSample}`,
      ).all(...sample) as Row[]) {
        dateMentions.push({ article: r.article as number, value: (r.value as string) ?? null, text: String(r.text ?? '') });
      }
    }
    return {
      facetArticles: rowids.length,
      entities: top(tally.entity, limits.entities).map(([canonical, t]) => ({ canonical, type: t.detail ?? 'MISC', articles: t.n })),
      places: top(tally.place, limits.places).map(([name, t]) => {
        const at = coordinates.get(name.toLowerCase());
        return { name, country: t.detail, lat: at?.lat ?? null, lon: at?.lon ?? null, articles: t.n };
      }),
      annotationArticles: sample.length,
      dateMentions,
    };
  }

  async storyCoverage(storyId: number, bucket: { startMs: number; bucketMs: number } | null) {
    const rows = this.prepared(
      `SELECT a.source AS source, CAST((a.published_ms - @startMs) / @bucketMs AS INTEGER) AS bucket, count(*) AS n, min(a.published_ms) AS first_ms,
        sum(a.duplicate_of IS NOT NULL OR EXISTS (SELECT 1 FROM copy_edge e WHERE e.article_rowid = a.rowid)) AS copies
       FROM article a WHERE a.story_id = @storyId GROUP BY 1, 2`,
    ).all({ storyId, startMs: bucket?.startMs ?? 0, bucketMs: bucket?.bucketMs ?? 1 }) as Row[];
    const sources = new Map<string | null, StorySourceCount>();
    const timeline: TimelineCount[] = [];
    for (const r of rows) {
      const source = (r.source as string) ?? null;
      let s = sources.get(source);
      if (!s) sources.set(source, (s = { source, articles: 0, firstMs: null, copies: 0 }));
      s.articles += r.n as number;
      s.copies += r.copies as number;
      const first = (r.first_ms as number) ?? null;
      if (first !== null && (s.firstMs === null || first < s.firstMs)) s.firstMs = first;
      if (bucket && r.bucket !== null) timeline.push({ source: source ?? UNKNOWN_SOURCE, bucket: r.bucket as number, count: r.n as number });
    }
    const ordered = [...sources.values()].sort(
      (a, b) => b.articles - a.articles || (a.firstMs ?? Infinity) - (b.firstMs ?? Infinity) || String(a.source).localeCompare(String(b.source)),
    );
    return { sources: ordered, timeline };
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
    const r = this.prepared(`SELECT ${STORY_ARTICLE_COLUMNS}, a.input_id, a.published, a.text, a.raw, a.origin, a.boilerplate, a.annotations, length(a.text) AS text_length FROM article a WHERE a.id = ?`).get(id) as
      | Row
      | undefined;
    if (!r) return null;
    const boilerplate = JSON.parse(r.boilerplate as string);
    return {
      ...toBrief(r),
      inputId: (r.input_id as string) ?? null,
      published: (r.published as string) ?? null,
      language: (r.language as string) ?? null,
      duplicateOf: (r.duplicate_of as string) ?? null,
      copiedFrom: this.copiedFrom([id], { passages: true }).get(id) ?? [],
      spinScore: (r.spin_score as number) ?? null,
      boilerplate,
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
      `SELECT ${BRIEF_COLUMNS}, e.share, e.spun FROM copy_edge e JOIN article a ON a.rowid = e.article_rowid
       WHERE e.source_rowid = (SELECT rowid FROM article WHERE id = ?) ORDER BY a.published_ms, a.ingest_seq LIMIT ?`,
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

  /**
   * Per-source statistics over the whole corpus: one pass over every article, so they are
   * computed off the request path and kept. A snapshot serves while the database is unchanged
   * or for `maxAgeMs` after it was made; past that a refresh starts, and with `background` the
   * old snapshot keeps serving until the new one is ready (only the very first request waits).
   */
  private async sourceStats(): Promise<SourceSnapshot> {
    const version = this.dataVersion();
    const snapshot = this.sourceSnapshot;
    if (snapshot && (snapshot.version === version || Date.now() - snapshot.computedAt < this.options.sourceStats.maxAgeMs)) return snapshot;
    if (!this.sourceRefresh) {
      this.sourceRefresh = computeSourceStats(this.db, version).then(
        (fresh) => {
          this.sourceSnapshot = fresh;
          this.sourceRefresh = null;
          return fresh;
        },
        (error) => {
          this.sourceRefresh = null;
          throw error;
        },
      );
    }
    return snapshot && this.options.sourceStats.background ? snapshot : this.sourceRefresh;
  }

  async sources(options: { prefix?: string; order: 'articles' | 'name' | 'firstReports' | 'copies'; limit: number; offset: number }) {
    const prefix = options.prefix?.toLowerCase();
    const all = (await this.sourceStats()).stats.filter((s) => !prefix || s.source.toLowerCase().includes(prefix));
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
    return (await this.sourceStats()).byName.get(name) ?? null;
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
    // Ranking every match of a common word costs a bm25 score per match (hundreds of ms at
    // 100k articles); FTS5 walks matches newest-first cheaply, so the best are taken among the
    // most recent ones. Title words weigh double.
    const ranked = this.prepared(
      `SELECT id FROM (SELECT rowid AS id, bm25(article_fts, ${TITLE_WEIGHT}, 1.0) AS score FROM article_fts WHERE article_fts MATCH ?
         ORDER BY rowid DESC LIMIT ${SEARCH_RANK_WINDOW}) ORDER BY score, id DESC LIMIT ? OFFSET ?`,
    ).all(match, limit, offset) as Array<{ id: number }>;
    if (ranked.length === 0) return { total: Math.min(counted, SEARCH_COUNT_CAP), totalIsLowerBound: counted > SEARCH_COUNT_CAP, hits: [] };
    const rowids = ranked.map((r) => r.id);
    const rows = new Map<number, Row>();
    for (const r of this.prepared(
      `SELECT a.rowid AS row_id, ${BRIEF_COLUMNS}, s.label AS story_label FROM article a LEFT JOIN story s ON s.id = a.story_id WHERE a.rowid IN (${marks(rowids.length)})`,
    ).all(...rowids) as Row[]) {
      rows.set(r.row_id as number, r);
    }
    // Snippets one row at a time: FTS5 seeks straight to a rowid, a list would scan the matches.
    const snippet = this.prepared(`SELECT snippet(article_fts, 1, '${MATCH_OPEN}', '${MATCH_CLOSE}', '…', 16) AS snippet FROM article_fts WHERE article_fts MATCH ? AND rowid = ?`);
    const hits: SearchHit[] = [];
    for (const rowid of rowids) {
      const r = rows.get(rowid);
      if (!r) continue;
      const found = snippet.get(match, rowid) as { snippet: string } | undefined;
      hits.push({ ...toBrief(r), storyLabel: (r.story_label as string) ?? null, snippet: splitSnippet(found?.snippet ?? '') });
    }
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
