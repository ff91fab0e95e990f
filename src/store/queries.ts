/**
 * Read-side queries for the HTTP API and the UI: filtered story lists, one story's parts,
 * sources with their counts, full-text search. The ingest-facing `Store` stays narrow; these
 * live beside it so a PostgreSQL store can implement the same interface without the server
 * changing. Times are epoch milliseconds; every list is bounded by a limit.
 */
import type { Annotations, BoilerplateSpan, EntityType, Origin } from '../types.ts';
import type { CopySource } from './types.ts';

export interface StoryFilter {
  /** Stories whose time span overlaps [from, to]. */
  fromMs?: number;
  toMs?: number;
  /** Stories with at least one article from this source (exact publisher name). */
  source?: string;
  /** Stories with an article mentioning this entity (canonical name, ASCII case-insensitive). */
  entity?: string;
  /** Stories with an article mentioning this place (gazetteer name, ASCII case-insensitive). */
  place?: string;
  /** Full-text query over titles and texts (words, all required). */
  text?: string;
  order: 'recent' | 'size';
  limit: number;
  offset: number;
}

export interface NameCount {
  name: string;
  /** Number of articles that mention it (among those looked at). */
  articles: number;
}

export interface StorySummary {
  id: number;
  label: string | null;
  firstMs: number | null;
  lastMs: number | null;
  articleCount: number;
  sourceCount: number;
  /** Sources with at least one article in the story that is not a copy of another. */
  independentSourceCount: number;
  topEntities: NameCount[];
  topPlaces: NameCount[];
}

/** Enough of an article to list it and link to it. */
export interface ArticleBrief {
  id: string;
  title: string | null;
  source: string | null;
  url: string | null;
  publishedMs: number | null;
  storyId: number | null;
}

/** An article as listed on its story page: no text, but everything the page marks. */
export interface StoryArticle extends ArticleBrief {
  language: string | null;
  duplicateOf: string | null;
  /** Its strongest copy sources (a few; the article itself lists them all). */
  copiedFrom: CopySource[];
  spinScore: number | null;
}

/** Entities and places of a story (from its first articles), with place coordinates and dates. */
export interface StoryFacets {
  /** Articles the entities and places were counted over (the first in time order). */
  facetArticles: number;
  entities: Array<{ canonical: string; type: string; articles: number }>;
  places: Array<{ name: string; country: string | null; lat: number | null; lon: number | null; articles: number }>;
  /** Articles whose annotations gave the dates and the place coordinates. */
  annotationArticles: number;
  /** One row per date mention in those articles. */
  dateMentions: Array<{ article: number; value: string | null; text: string }>;
}

export interface TimelineCount {
  source: string;
  /** Index of the bucket, counted from the story's first publication time. */
  bucket: number;
  count: number;
}

/** A story's own row: what the store keeps up to date on every write. */
export type StoryHead = Omit<StorySummary, 'independentSourceCount' | 'topEntities' | 'topPlaces'> & {
  /** Changes whenever an article joins the story (or its articles are relinked). */
  revision: number;
};

/** One source's part in a story. */
export interface StorySourceCount {
  /** The publisher; null for articles without one. */
  source: string | null;
  articles: number;
  firstMs: number | null;
  /** Its articles in the story that are duplicates or copies. */
  copies: number;
}

export interface SourceStats {
  source: string;
  articles: number;
  /** Stories this source reported first. */
  firstReports: number;
  /** Articles that are duplicates or copies of another article. */
  copiesMade: number;
  /** Copies flagged as rewritten (spun). */
  spunCopies: number;
  /** Share of its articles with at least one boilerplate span. */
  boilerplateRate: number;
  firstMs: number | null;
  lastMs: number | null;
}

export interface ArticleDetailRow extends StoryArticle {
  annotations: Annotations | null;
  textLength: number;
  inputId: string | null;
  published: string | null;
  text: string;
  raw: string;
  origin: Origin;
  boilerplate: BoilerplateSpan[];
}

/** An article that reuses another one's text: an exact/near duplicate or a (spun) copy. */
export interface CopyOf extends ArticleBrief {
  kind: 'duplicate' | 'copy';
  share: number | null;
  spun: boolean;
}

export interface SearchHit extends ArticleBrief {
  storyLabel: string | null;
  /** Snippet split into plain text parts; `match` marks the query terms. */
  snippet: Array<{ text: string; match: boolean }>;
}

export interface FacetValue {
  name: string;
  /** Entity type or place country when known. */
  detail: string | null;
  articles: number;
}

export interface ReadQueries {
  listStories(filter: StoryFilter): Promise<{ total: number; stories: StorySummary[] }>;
  storySummary(id: number): Promise<StorySummary | null>;
  storyHead(id: number): Promise<StoryHead | null>;
  /** Ids of the stories with the latest articles, newest first. */
  recentStoryIds(limit: number): Promise<number[]>;
  /** Articles of a story in publication order (undated last), at most `limit`. */
  storyArticles(storyId: number, limit: number): Promise<StoryArticle[]>;
  /** Entities and places of the story's first `facetArticles` articles; coordinates and dates from the first `annotationArticles`. */
  storyFacets(storyId: number, limits: { facetArticles: number; annotationArticles: number; entities: number; places: number }): Promise<StoryFacets>;
  /**
   * One pass over all of a story's articles: its sources (most articles first) and, when a
   * bucket is given, articles per source and time bucket (buckets start at `startMs`).
   */
  storyCoverage(storyId: number, bucket: { startMs: number; bucketMs: number } | null): Promise<{ sources: StorySourceCount[]; timeline: TimelineCount[] }>;
  articleBriefs(ids: string[]): Promise<Map<string, ArticleBrief>>;
  article(id: string): Promise<ArticleDetailRow | null>;
  /** Articles that copied or duplicate this one. */
  copiesOf(id: string, limit: number): Promise<CopyOf[]>;
  sources(options: { prefix?: string; order: 'articles' | 'name' | 'firstReports' | 'copies'; limit: number; offset: number }): Promise<{ total: number; sources: SourceStats[] }>;
  source(name: string): Promise<SourceStats | null>;
  sourceArticles(name: string, limit: number, offset: number): Promise<ArticleBrief[]>;
  search(text: string, limit: number, offset: number): Promise<{ total: number; totalIsLowerBound: boolean; hits: SearchHit[] }>;
  /** Entity or place names starting with `prefix`, most mentioned first. */
  facetValues(kind: 'entity' | 'place', prefix: string, limit: number): Promise<FacetValue[]>;
  counts(): Promise<{ articles: number; stories: number; sources: number }>;
}

export type { EntityType };
