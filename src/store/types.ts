/**
 * The store contract. The ingest stage reads through narrow lookups and writes each batch in
 * one `commitBatch` call (one transaction), so a PostgreSQL store can implement the same
 * interface without the stages changing; every method is async for that reason.
 */
import type { Annotations, BoilerplateSpan, Origin } from '../types.ts';
import type { SerialisedAnnotations } from './facets.ts';

export interface CopySource {
  id: string;
  /** Fraction of this article's text reused from the source. */
  share: number;
  spun: boolean;
  /** Aligned passages as evidence: offsets in this article and in the source. */
  passages?: Array<{ start: number; end: number; sourceStart: number; sourceEnd: number }>;
}

export interface ArticleRow {
  rowid: number;
  id: string;
  inputId: string | null;
  url: string | null;
  source: string | null;
  title: string | null;
  published: string | null;
  publishedMs: number | null;
  language: string | null;
  /** The text as ingested (the input text or the text extracted from HTML). */
  text: string;
  /** The record as read, kept verbatim. */
  raw: string;
  origin: Origin;
  contentHash: string;
  duplicateOf: string | null;
  storyId: number | null;
  ingestSeq: number;
  boilerplate: BoilerplateSpan[];
  annotations: Annotations | null;
  copiedFrom: CopySource[];
  spinScore: number | null;
}

/** What the ingest stage writes for a new article (rowid and seq are assigned by the store). */
export type NewArticle = Omit<ArticleRow, 'rowid' | 'ingestSeq' | 'copiedFrom'> & {
  /**
   * The annotations already serialised (a prepare worker does it, see facets.ts); then
   * `annotations` is null and this is what the store writes.
   */
  serialisedAnnotations?: SerialisedAnnotations;
  minhash: Uint32Array | null;
  nearDuplicateKeys: string[];
  /** Keys of the copy-candidate index (passage-level reuse, robust to spinning). */
  copyKeys: string[];
};

/** One "who copied whom" edge: `articleId` reused `share` of its text from `sourceId`. */
export interface CopyEdge {
  articleId: string;
  sourceId: string;
  share: number;
  spun: boolean;
  passages: NonNullable<CopySource['passages']>;
  /** The store's rowids of the two articles where the writer knows them (stored copy candidates); the store finds the rest. */
  articleRowid?: number;
  sourceRowid?: number;
}

/** What copy detection needs of a stored article (its text only when asked: candidateTexts). */
export interface CopyCandidate {
  rowid: number;
  id: string;
  publishedMs: number | null;
  spinScore: number | null;
  /** Copy keys of the query this article holds (candidates rank by it). */
  sharedKeys: number;
}

/** Compact article reference used by duplicate lookups. */
export interface ArticleRef {
  rowid: number;
  id: string;
  publishedMs: number | null;
  ingestSeq: number;
  duplicateOf: string | null;
  storyId: number | null;
  minhash: Uint32Array | null;
  spinScore: number | null;
}

export interface StoryRow {
  id: number;
  label: string | null;
  labelArticleId: string | null;
  firstMs: number | null;
  lastMs: number | null;
  articleCount: number;
  sourceCount: number;
  touchedSeq: number;
  /** Clustering state (centroid etc.), opaque to the store. */
  state: string;
}

export interface BatchWrite {
  articles: NewArticle[];
  stories: StoryRow[];
  /**
   * An earlier copy arrived after later ones: the old original `from` and every article
   * pointing to it now point to `to`.
   */
  duplicateRelinks: Array<{ from: string; to: string }>;
  dfDeltas: Map<string, number>;
  /** Number of documents added to the document-frequency statistics. */
  docCountDelta: number;
  /** Value of the story id counter after this batch. */
  nextStoryId: number;
  copyEdges?: CopyEdge[];
  /** Spin scores of already stored articles that changed (e.g. an original arrived). */
  spinUpdates?: Array<{ id: string; spinScore: number }>;
  /** Lines seen once more in an article of a source (for template boilerplate). */
  sourceLines?: Array<{ source: string; lineHash: string }>;
}

export interface StoryQuery {
  limit?: number;
  offset?: number;
  /** 'recent' (last publication first) or 'size' (most articles first). */
  order?: 'recent' | 'size';
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  close(): Promise<void>;

  // Lookups for the ingest stage.
  existingIds(ids: string[]): Promise<Set<string>>;
  articlesByContentHash(hashes: string[]): Promise<Map<string, ArticleRef[]>>;
  /**
   * Articles sharing an LSH band with the query. With `near`, the store may leave out those
   * whose signature it knows to be below `minJaccard` (callers check every candidate anyway).
   */
  nearDuplicateCandidates(bandKeys: string[], near?: { minhash: Uint32Array; minJaccard: number }): Promise<ArticleRef[]>;
  loadRecentStories(limit: number): Promise<StoryRow[]>;
  loadStories(ids: number[]): Promise<StoryRow[]>;
  loadDocumentFrequencies(): Promise<{ df: Map<string, number>; docCount: number }>;
  /**
   * The `limit` stored articles sharing the most of `keys` (earlier first at a tie), and how
   * many stored articles hold each key (posting lists keep the first holders only).
   */
  copyCandidates(keys: string[], limit: number): Promise<{ candidates: CopyCandidate[]; holders: Map<string, number> }>;
  /** Texts and boilerplate spans of stored articles by rowid (copy candidates not in memory). */
  candidateTexts(rowids: number[]): Promise<Map<number, { text: string; boilerplate: BoilerplateSpan[] }>>;
  /** How many articles of `source` contain each line (by hash). */
  sourceLineCounts(source: string, lineHashes: string[]): Promise<Map<string, number>>;
  nextStoryId(): Promise<number>;

  // The one write path of ingest: all in one transaction.
  commitBatch(batch: BatchWrite): Promise<void>;
  /**
   * Bulk ingest: while grouping, each commitBatch is still all-or-nothing and visible to
   * this store at once, but batches reach the disk together at flushWrites (or close). A
   * crash loses the open group whole, never part of a batch. Turning grouping off flushes.
   */
  groupWrites(enabled: boolean): Promise<void>;
  flushWrites(): Promise<void>;

  // Reads for CLI, API and export.
  counts(): Promise<{ articles: number; stories: number; sources: number }>;
  listStories(query: StoryQuery): Promise<StoryRow[]>;
  getStory(id: number): Promise<StoryRow | null>;
  storyArticles(storyId: number): Promise<ArticleRow[]>;
  getArticle(id: string): Promise<ArticleRow | null>;
  /** Copy edges touching these articles, in either direction. */
  copyEdges(articleIds: string[]): Promise<CopyEdge[]>;
  iterateArticles(): AsyncIterable<ArticleRow>;
  search(query: string, limit: number): Promise<Array<{ id: string; storyId: number | null; title: string | null; snippet: string }>>;
}
