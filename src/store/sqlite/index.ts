/**
 * SQLite store on better-sqlite3: WAL journal, every batch in one transaction, so a kill -9
 * at any moment leaves the database as it was after the last committed batch.
 */
import Database from 'better-sqlite3';
import type { Database as DatabaseHandle, Statement } from 'better-sqlite3';
import { MIGRATIONS } from '../migrations.ts';
import type { BoilerplateSpan } from '../../types.ts';
import type { ArticleRef, ArticleRow, BatchWrite, CopyCandidate, CopyEdge, Store, StoryQuery, StoryRow } from '../types.ts';
import { estimateJaccard, NEAR_DUPLICATE_PARAMS, signatureFromBuffer, signatureToBuffer } from '../../dedup/minhash.ts';
import { FEW_KEYS, MIN_SHARED_KEYS } from '../../dedup/copies-index.ts';
import { Postings } from './postings.ts';
import { RecentCache } from '../recent-cache.ts';
import { SketchSlab } from '../sketch-slab.ts';
import { facetRows, type FacetRow } from '../facets.ts';

/** SQLite limits bound parameters per statement; lookups go in chunks of this size. */
const MAX_PARAMS = 500;

function chunks<T>(items: T[], size = MAX_PARAMS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Row = Record<string, unknown>;

function toArticle(row: Row): ArticleRow {
  return {
    rowid: row.rowid as number,
    id: row.id as string,
    inputId: (row.input_id as string) ?? null,
    url: (row.url as string) ?? null,
    source: (row.source as string) ?? null,
    title: (row.title as string) ?? null,
    published: (row.published as string) ?? null,
    publishedMs: (row.published_ms as number) ?? null,
    language: (row.language as string) ?? null,
    text: row.text as string,
    raw: row.raw as string,
    origin: JSON.parse(row.origin as string),
    contentHash: row.content_hash as string,
    duplicateOf: (row.duplicate_of as string) ?? null,
    storyId: (row.story_id as number) ?? null,
    ingestSeq: row.ingest_seq as number,
    boilerplate: JSON.parse(row.boilerplate as string),
    annotations: row.annotations ? JSON.parse(row.annotations as string) : null,
    copiedFrom: [],
    spinScore: (row.spin_score as number) ?? null,
  };
}

function toRef(row: Row): ArticleRef {
  return {
    rowid: row.rowid as number,
    id: row.id as string,
    publishedMs: (row.published_ms as number) ?? null,
    ingestSeq: row.ingest_seq as number,
    duplicateOf: (row.duplicate_of as string) ?? null,
    storyId: (row.story_id as number) ?? null,
    minhash: row.minhash ? signatureFromBuffer(row.minhash as Buffer) : null,
    spinScore: (row.spin_score as number) ?? null,
  };
}

function toStory(row: Row): StoryRow {
  return {
    id: row.id as number,
    label: (row.label as string) ?? null,
    labelArticleId: (row.label_article_id as string) ?? null,
    firstMs: (row.first_ms as number) ?? null,
    lastMs: (row.last_ms as number) ?? null,
    articleCount: row.article_count as number,
    sourceCount: row.source_count as number,
    touchedSeq: row.touched_seq as number,
    state: row.state as string,
  };
}


const REF_COLUMNS = 'rowid, id, published_ms, ingest_seq, duplicate_of, story_id, minhash, spin_score';
/**
 * Candidate references (with their MinHash signature, ~0.5 kB each) kept in memory by rowid:
 * see nearDuplicateCandidates. In one instrumented 100k bench run, nine in ten of the rows a
 * near-duplicate look-up read were among the last 30,000 written up to 40k stored, about half
 * by 72k (hence SKETCH_SLOTS).
 */
const MAX_CACHED_REFS = 30_000;
/**
 * Signatures held beyond those references (SketchSlab, ~26 MB): holders too far from the
 * query are dropped without a row read. On the 100k bench a look-up met ~5 holders per
 * article whose reference had left the cache, half of them older than 30,000 articles.
 */
const SKETCH_SLOTS = 100_000;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: DatabaseHandle;
  private readonly statements: Record<string, Statement>;
  private readonly postings: Postings;
  /**
   * rowid → reference of stored articles, written or read (see nearDuplicateCandidates). Kept
   * equal to the rows: a relink updates the cached references it changes.
   */
  private readonly refs = new RecentCache<number, ArticleRef>(MAX_CACHED_REFS);
  /** data_version the cached references are current for (changes with other connections' commits). */
  private refsVersion = -1;
  /** rowid → signature, for more articles than `refs` holds (the signature never changes). */
  private readonly sketches = new SketchSlab(SKETCH_SLOTS, NEAR_DUPLICATE_PARAMS.numHashes);
  /** commitBatch joins one open transaction until flushWrites (groupWrites). */
  private grouping = false;
  /** Lookups with a variable number of parameters, prepared once per shape. */
  private readonly statementCache = new Map<string, Statement>();

  private cached(sql: string): Statement {
    let statement = this.statementCache.get(sql);
    if (!statement) this.statementCache.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a crash can lose the last commit but never corrupts the database.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('cache_size = -65536');
    this.migrate();
    const db = this.db;
    this.statements = {
      insertArticle: db.prepare(`INSERT INTO article (id, input_id, url, source, title, published, published_ms, language, text, raw, origin,
        content_hash, duplicate_of, story_id, ingest_seq, boilerplate, annotations, copied_from, spin_score, minhash)
        VALUES (@id, @inputId, @url, @source, @title, @published, @publishedMs, @language, @text, @raw, @origin,
        @contentHash, @duplicateOf, @storyId, @ingestSeq, @boilerplate, @annotations, @copiedFrom, @spinScore, @minhash)`),
      insertFts: db.prepare('INSERT INTO article_fts (rowid, title, text) VALUES (?, ?, ?)'),
      insertFacet: db.prepare('INSERT OR IGNORE INTO article_facet (kind, key, article_rowid, detail) VALUES (?, ?, ?, ?)'),
      upsertStory: db.prepare(`INSERT INTO story (id, label, label_article_id, first_ms, last_ms, article_count, source_count, touched_seq, state)
        VALUES (@id, @label, @labelArticleId, @firstMs, @lastMs, @articleCount, @sourceCount, @touchedSeq, @state)
        ON CONFLICT(id) DO UPDATE SET label = excluded.label, label_article_id = excluded.label_article_id, first_ms = excluded.first_ms,
        last_ms = excluded.last_ms, article_count = excluded.article_count, source_count = excluded.source_count,
        touched_seq = excluded.touched_seq, state = excluded.state`),
      addDf: db.prepare('INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df'),
      getCounter: db.prepare('SELECT value FROM counter WHERE name = ?'),
      setCounter: db.prepare('INSERT INTO counter (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value'),
      relink: db.prepare('UPDATE article SET duplicate_of = @to WHERE id = @from OR duplicate_of = @from'),
      getArticle: db.prepare('SELECT * FROM article WHERE id = ?'),
      insertCopyEdge: db.prepare(`INSERT INTO copy_edge (article_rowid, source_rowid, share, spun, passages) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(article_rowid, source_rowid) DO UPDATE SET share = excluded.share, spun = excluded.spun, passages = excluded.passages`),
      rowidOf: db.prepare('SELECT rowid FROM article WHERE id = ?').pluck(),
      updateSpin: db.prepare('UPDATE article SET spin_score = @spinScore WHERE id = @id RETURNING rowid'),
      addSourceLine: db.prepare(`INSERT INTO source_line (source, line_hash, articles) VALUES (?, ?, 1)
        ON CONFLICT(source, line_hash) DO UPDATE SET articles = articles + 1`),
      copiedFrom: db.prepare(`SELECT s.id AS source_id, e.share, e.spun, e.passages FROM copy_edge e JOIN article s ON s.rowid = e.source_rowid
        WHERE e.article_rowid = ? ORDER BY e.share DESC, s.id`),
      getStory: db.prepare('SELECT * FROM story WHERE id = ?'),
      storyArticles: db.prepare('SELECT * FROM article WHERE story_id = ? ORDER BY published_ms IS NULL, published_ms, ingest_seq'),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
    };
    this.postings = new Postings(db);
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    const newest = MIGRATIONS[MIGRATIONS.length - 1].version;
    // A newer Storyline may write parts of its schema in code (v5 facets): an older one
    // writing into that database would silently leave them out.
    if (current > newest) throw new Error(`database schema v${current} is newer than this Storyline understands (v${newest}); upgrade Storyline to use it`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        migration.run?.(this.db);
        this.db.pragma(`user_version = ${migration.version}`);
      })();
    }
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  async close(): Promise<void> {
    await this.flushWrites();
    this.db.close();
  }

  async groupWrites(enabled: boolean): Promise<void> {
    if (!enabled) await this.flushWrites();
    this.grouping = enabled;
  }

  /**
   * Commits the open group. Should the commit itself fail, the group is rolled back and
   * what this store remembered of it (signatures, posting lists read or appended inside it) goes.
   */
  async flushWrites(): Promise<void> {
    if (!this.db.inTransaction) return;
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.forgetUncommitted();
      throw err;
    }
  }

  /** After a group was rolled back: what was remembered from inside it may not exist. */
  private forgetUncommitted(): void {
    this.refs.clear();
    this.sketches.clear();
    this.postings.forget();
  }

  private counter(name: string): number {
    const row = this.statements.getCounter.get(name) as { value: number } | undefined;
    return row?.value ?? 0;
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = this.cached(`SELECT id FROM article WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
      for (const row of rows) found.add(row.id as string);
    }
    return found;
  }

  async articlesByContentHash(hashes: string[]): Promise<Map<string, ArticleRef[]>> {
    const out = new Map<string, ArticleRef[]>();
    for (const part of chunks(hashes)) {
      const rows = this
        .cached(`SELECT content_hash, ${REF_COLUMNS} FROM article WHERE content_hash IN (${part.map(() => '?').join(',')})`)
        .all(...part) as Row[];
      for (const row of rows) {
        const key = row.content_hash as string;
        if (!out.has(key)) out.set(key, []);
        out.get(key)!.push(toRef(row));
      }
    }
    return out;
  }

  async nearDuplicateCandidates(bandKeys: string[], near?: { minhash: Uint32Array; minJaccard: number }): Promise<ArticleRef[]> {
    // Holders known in memory need no row read (at 100k articles most rows are not in the
    // page cache), and those whose signature is too far from the query are dropped here.
    // Another connection's commit may have relinked cached rows: then the references go.
    const refs = this.currentRefs();
    const out: ArticleRef[] = [];
    const toRead: number[] = [];
    for (const rowid of this.postings.bandHolders(bandKeys)) {
      const ref = refs.get(rowid);
      if (ref !== undefined) {
        if (!near || (ref.minhash !== null && estimateJaccard(ref.minhash, near.minhash) >= near.minJaccard)) out.push({ ...ref });
        continue;
      }
      const similarity = near ? this.sketches.jaccard(rowid, near.minhash) : undefined;
      if (similarity === undefined || similarity >= near!.minJaccard) toRead.push(rowid);
    }
    for (const ref of this.readRefs(toRead)) out.push({ ...ref });
    return out;
  }

  /** The references of rows not held in memory, read and remembered (with their signatures). */
  private readRefs(rowids: number[]): ArticleRef[] {
    const out: ArticleRef[] = [];
    for (const part of chunks(rowids)) {
      const rows = this.cached(`SELECT ${REF_COLUMNS} FROM article WHERE rowid IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
      for (const row of rows) {
        const ref = toRef(row);
        this.refs.set(ref.rowid, ref);
        if (ref.minhash) this.sketches.set(ref.rowid, ref.minhash);
        out.push(ref);
      }
    }
    return out;
  }

  /** The cached references, emptied first if another connection has committed since they were current. */
  private currentRefs(): RecentCache<number, ArticleRef> {
    const version = this.statements.dataVersion.get() as number;
    if (version !== this.refsVersion) {
      this.refs.clear();
      this.refsVersion = version;
    }
    return this.refs;
  }

  /** What a relink did to the rows, done to the cached references (see the relink statement). */
  private relinkCachedRefs(from: string, to: string): void {
    this.refs.forEach((ref) => {
      if (ref.id === from || ref.duplicateOf === from) ref.duplicateOf = to;
    });
  }

  async loadRecentStories(limit: number): Promise<StoryRow[]> {
    return (this.db.prepare('SELECT * FROM story ORDER BY touched_seq DESC LIMIT ?').all(limit) as Row[]).map(toStory);
  }

  async loadStories(ids: number[]): Promise<StoryRow[]> {
    const out: StoryRow[] = [];
    for (const part of chunks(ids)) {
      const rows = this.cached(`SELECT * FROM story WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
      out.push(...rows.map(toStory));
    }
    return out;
  }

  async loadDocumentFrequencies(): Promise<{ df: Map<string, number>; docCount: number }> {
    const df = new Map<string, number>();
    for (const row of this.db.prepare('SELECT term, df FROM term_df').iterate() as Iterable<Row>) {
      df.set(row.term as string, row.df as number);
    }
    return { df, docCount: this.counter('doc_count') };
  }

  async nextStoryId(): Promise<number> {
    return Math.max(1, this.counter('next_story_id'));
  }

  private insertFacets(rowid: number, facets: FacetRow[]): void {
    for (const facet of facets) this.statements.insertFacet.run(facet.kind, facet.key, rowid, facet.detail);
  }

  async commitBatch(batch: BatchWrite): Promise<void> {
    const s = this.statements;
    const written: ArticleRef[] = [];
    /** Spin scores set on stored rows, for the cached references once the batch is in. */
    const spun: Array<{ rowid: number; spinScore: number }> = [];
    // Grouped: the batch becomes a savepoint inside the group's open transaction (writing
    // the same random pages of the posting tables and indexes once per group, not per batch).
    const grouped = this.grouping;
    if (grouped && !this.db.inTransaction) this.db.exec('BEGIN');
    const write = this.db.transaction(() => {
      let seq = this.counter('ingest_seq');
      for (const article of batch.articles) {
        seq++;
        const info = s.insertArticle.run({
          ...article,
          ingestSeq: seq,
          origin: JSON.stringify(article.origin),
          boilerplate: JSON.stringify(article.boilerplate),
          annotations: article.serialisedAnnotations?.json ?? (article.annotations ? JSON.stringify(article.annotations) : null),
          copiedFrom: '[]',
          minhash: article.minhash ? signatureToBuffer(article.minhash) : null,
        });
        const rowid = Number(info.lastInsertRowid);
        written.push({ rowid, id: article.id, publishedMs: article.publishedMs, ingestSeq: seq, duplicateOf: article.duplicateOf, storyId: article.storyId, minhash: article.minhash, spinScore: article.spinScore });
        s.insertFts.run(rowid, article.title ?? '', article.text);
        const facets = article.serialisedAnnotations?.facets ?? (article.annotations ? facetRows(article.annotations) : null);
        if (facets) this.insertFacets(rowid, facets);
      }
      this.postings.addBatch(batch.articles.map((article, i) => ({ rowid: written[i].rowid, bandKeys: article.nearDuplicateKeys, copyKeys: article.copyKeys })));
      // The table keys edges by rowid: the detector's for stored candidates, this batch's rows by
      // id, and any other stored article looked up by id.
      const batchRowids = new Map(written.map((ref) => [ref.id, ref.rowid]));
      const rowidOf = (id: string): number => {
        const rowid = batchRowids.get(id) ?? (s.rowidOf.get(id) as number | undefined);
        if (rowid === undefined) throw new Error(`copy edge names an article that is not stored: ${id}`);
        return rowid;
      };
      for (const edge of batch.copyEdges ?? []) {
        const articleRowid = edge.articleRowid ?? rowidOf(edge.articleId);
        const sourceRowid = edge.sourceRowid ?? rowidOf(edge.sourceId);
        s.insertCopyEdge.run(articleRowid, sourceRowid, edge.share, edge.spun ? 1 : 0, JSON.stringify(edge.passages));
      }
      for (const update of batch.spinUpdates ?? []) {
        for (const row of s.updateSpin.all(update) as Array<{ rowid: number }>) spun.push({ rowid: row.rowid, spinScore: update.spinScore });
      }
      for (const line of batch.sourceLines ?? []) s.addSourceLine.run(line.source, line.lineHash);
      for (const relink of batch.duplicateRelinks) s.relink.run(relink);
      for (const story of batch.stories) s.upsertStory.run(story);
      for (const [term, delta] of batch.dfDeltas) s.addDf.run(term, delta);
      s.setCounter.run('ingest_seq', seq);
      s.setCounter.run('doc_count', this.counter('doc_count') + batch.docCountDelta);
      s.setCounter.run('next_story_id', batch.nextStoryId);
    });
    try {
      write();
    } catch (err) {
      // Some errors (disk full, I/O) make SQLite roll back the whole open transaction, the
      // group's earlier batches with it, not just this batch's savepoint.
      if (grouped && !this.db.inTransaction) this.forgetUncommitted();
      // The batch's appends reached the held posting lists; the table may not have them.
      else this.postings.forget();
      throw err;
    }
    // Only once the batch is in: a rolled-back batch leaves nothing behind in memory either.
    for (const ref of written) {
      this.refs.set(ref.rowid, ref);
      if (ref.minhash) this.sketches.set(ref.rowid, ref.minhash);
    }
    for (const { from, to } of batch.duplicateRelinks) this.relinkCachedRefs(from, to);
    for (const { rowid, spinScore } of spun) {
      const ref = this.refs.get(rowid);
      if (ref) ref.spinScore = spinScore;
    }
  }

  async counts(): Promise<{ articles: number; stories: number; sources: number }> {
    const row = this.db
      .prepare(`SELECT (SELECT count(*) FROM article) AS articles, (SELECT count(*) FROM story) AS stories,
        (SELECT count(DISTINCT source) FROM article) AS sources`)
      .get() as { articles: number; stories: number; sources: number };
    return row;
  }

  async listStories(query: StoryQuery): Promise<StoryRow[]> {
    const order = query.order === 'size' ? 'article_count DESC, last_ms DESC' : 'last_ms IS NULL, last_ms DESC, article_count DESC';
    return (
      this.db.prepare(`SELECT * FROM story ORDER BY ${order}, id LIMIT ? OFFSET ?`).all(query.limit ?? 20, query.offset ?? 0) as Row[]
    ).map(toStory);
  }

  async getStory(id: number): Promise<StoryRow | null> {
    const row = this.statements.getStory.get(id) as Row | undefined;
    return row ? toStory(row) : null;
  }

  async storyArticles(storyId: number): Promise<ArticleRow[]> {
    return (this.statements.storyArticles.all(storyId) as Row[]).map((row) => this.withCopies(row));
  }

  /** Article with its copy sources (copy_edge is the source of truth for provenance). */
  private withCopies(row: Row): ArticleRow {
    const article = toArticle(row);
    article.copiedFrom = (this.statements.copiedFrom.all(row.rowid) as Row[]).map((e) => ({
      id: e.source_id as string,
      share: e.share as number,
      spun: e.spun === 1,
      passages: JSON.parse(e.passages as string),
    }));
    return article;
  }

  async getArticle(id: string): Promise<ArticleRow | null> {
    const row = this.statements.getArticle.get(id) as Row | undefined;
    return row ? this.withCopies(row) : null;
  }

  async copyEdges(articleIds: string[]): Promise<CopyEdge[]> {
    const out: CopyEdge[] = [];
    const rowids: number[] = [];
    for (const part of chunks(articleIds)) {
      rowids.push(...(this.cached(`SELECT rowid FROM article WHERE id IN (${part.map(() => '?').join(',')})`).pluck().all(...part) as number[]));
    }
    for (const part of chunks(rowids, MAX_PARAMS / 2)) {
      const marks = part.map(() => '?').join(',');
      const rows = this.cached(
        `SELECT a.id AS article_id, s.id AS source_id, e.share, e.spun, e.passages
         FROM copy_edge e JOIN article a ON a.rowid = e.article_rowid JOIN article s ON s.rowid = e.source_rowid
         WHERE e.article_rowid IN (${marks}) OR e.source_rowid IN (${marks})`,
      ).all(...part, ...part) as Row[];
      for (const r of rows) {
        out.push({ articleId: r.article_id as string, sourceId: r.source_id as string, share: r.share as number, spun: r.spun === 1, passages: JSON.parse(r.passages as string) });
      }
    }
    // Each pair once (both its ends may be asked for), in (article, source) id order as the
    // text-keyed table once gave them: U+0000 sorts before any character of an id.
    const byPair = new Map<string, CopyEdge>();
    for (const e of out) {
      const pair = `${e.articleId}\u0000${e.sourceId}`;
      if (!byPair.has(pair)) byPair.set(pair, e);
    }
    return [...byPair.keys()].sort().map((pair) => byPair.get(pair)!);
  }

  async copyCandidates(keys: string[], limit: number): Promise<{ candidates: CopyCandidate[]; holders: Map<string, number> }> {
    if (keys.length === 0) return { candidates: [], holders: new Map() };
    // Rank candidates by the number of shared keys: the strongest overlaps first.
    const { hits, holders } = this.postings.copyKeyHits(keys);
    // The candidate rule of copies-index.ts, judged on the query's keys (a stored article's
    // key count is not kept): a short text accepts candidates on one shared key.
    const shortText = keys.length < FEW_KEYS;
    const ranked = hits.top(shortText ? 1 : MIN_SHARED_KEYS, limit);
    const shared = new Map(ranked.map((r) => [r.rowid, r.shared]));
    const top = ranked.map((r) => r.rowid);
    if (top.length === 0) return { candidates: [], holders };
    // References held in memory need no row read (at 100k articles most rows are not in the
    // page cache): the sources of copies are mostly recent articles or ones read again and
    // again. The rest are read (no text: the columns sit before it in the row) and kept.
    const refs = this.currentRefs();
    const found: ArticleRef[] = [];
    const toRead: number[] = [];
    for (const rowid of top) {
      const ref = refs.get(rowid);
      if (ref) found.push(ref);
      else toRead.push(rowid);
    }
    found.push(...this.readRefs(toRead));
    const candidates = found
      .sort((x, y) => x.rowid - y.rowid)
      .map((r) => ({ rowid: r.rowid, id: r.id, publishedMs: r.publishedMs, spinScore: r.spinScore, sharedKeys: shared.get(r.rowid)! }));
    return { candidates, holders };
  }

  async candidateTexts(rowids: number[]): Promise<Map<number, { text: string; boilerplate: BoilerplateSpan[] }>> {
    const out = new Map<number, { text: string; boilerplate: BoilerplateSpan[] }>();
    for (const part of chunks(rowids)) {
      const rows = this.cached(`SELECT rowid, text, boilerplate FROM article WHERE rowid IN (${part.map(() => '?').join(',')})`).all(...part) as Row[];
      for (const r of rows) out.set(r.rowid as number, { text: r.text as string, boilerplate: JSON.parse(r.boilerplate as string) });
    }
    return out;
  }

  async sourceLineCounts(source: string, lineHashes: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(lineHashes, MAX_PARAMS - 1)) {
      const rows = this.cached(`SELECT line_hash, articles FROM source_line WHERE source = ? AND line_hash IN (${part.map(() => '?').join(',')})`).all(source, ...part) as Row[];
      for (const r of rows) out.set(r.line_hash as string, r.articles as number);
    }
    return out;
  }

  async *iterateArticles(): AsyncIterable<ArticleRow> {
    // Page by rowid rather than holding one statement open: callers may write in between.
    let after = 0;
    for (;;) {
      const rows = this.cached('SELECT * FROM article WHERE rowid > ? ORDER BY rowid LIMIT 500').all(after) as Row[];
      if (rows.length === 0) return;
      for (const row of rows) yield this.withCopies(row);
      after = rows[rows.length - 1].rowid as number;
    }
  }

  async search(query: string, limit: number) {
    // User text becomes FTS5 string literals: quoted terms, never FTS syntax or SQL.
    const terms = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (terms.length === 0) return [];
    const match = terms.map((t) => `"${t}"`).join(' ');
    const rows = this.db
      .prepare(
        `SELECT a.id, a.story_id, a.title, snippet(article_fts, 1, '[', ']', '…', 12) AS snippet
         FROM article_fts JOIN article a ON a.rowid = article_fts.rowid
         WHERE article_fts MATCH ? ORDER BY rank LIMIT ?`,
      )
      .all(match, limit) as Row[];
    return rows.map((r) => ({ id: r.id as string, storyId: (r.story_id as number) ?? null, title: (r.title as string) ?? null, snippet: r.snippet as string }));
  }
}

export function openStore(path: string): SqliteStore {
  return new SqliteStore(path);
}
