/** GET /api/stories and GET /api/stories/{id}. */
import type { Hono } from 'hono';
import type { z } from 'zod';
import type { ReadQueries, StoryHead, StorySummary as StorySummaryRow } from '../../store/queries.ts';
import type { StoryPageCache } from '../story-cache.ts';
import { HttpError, iso, queryObject, validate } from '../http.ts';
import { StoriesQuery, StoryIdParam, StoryQuery, type StoryDetailT, type StoryListT, type StorySummaryT } from '../schemas.ts';
import { ANNOTATION_ARTICLES, buildCopyGraph, buildTimeline, chooseBucket, FACET_ARTICLES, MAX_ENTITIES, MAX_PLACES, outsideCopySources, rankDates } from '../story-view.ts';

export function storySummaryJson(s: StorySummaryRow): StorySummaryT {
  return {
    id: s.id,
    label: s.label,
    first: iso(s.firstMs),
    last: iso(s.lastMs),
    articleCount: s.articleCount,
    sourceCount: s.sourceCount,
    independentSourceCount: s.independentSourceCount,
    topEntities: s.topEntities,
    topPlaces: s.topPlaces,
  };
}

export async function listStories(queries: ReadQueries, query: z.infer<typeof StoriesQuery>): Promise<StoryListT> {
  const fromMs = query.from === undefined ? undefined : Date.parse(query.from);
  const toMs = query.to === undefined ? undefined : Date.parse(query.to);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw new HttpError(400, 'invalid query: "from" is after "to"', [{ path: 'from', message: 'after "to"' }]);
  }
  const { total, stories } = await queries.listStories({
    fromMs,
    toMs,
    source: query.source,
    entity: query.entity,
    place: query.place,
    text: query.q,
    order: query.sort,
    limit: query.limit,
    offset: query.offset,
  });
  return { total, limit: query.limit, offset: query.offset, stories: stories.map(storySummaryJson) };
}

/** Names shown in a story's header, as in the story list. */
const TOP_NAMES = 4;

export async function storyDetail(queries: ReadQueries, id: number, articleLimit: number, knownHead?: StoryHead): Promise<StoryDetailT | null> {
  const head = knownHead ?? (await queries.storyHead(id));
  if (!head) return null;
  const bucket = head.firstMs !== null && head.lastMs !== null ? chooseBucket(head.firstMs, head.lastMs) : null;
  const [articles, coverage] = await Promise.all([queries.storyArticles(id, articleLimit), queries.storyCoverage(id, bucket)]);
  const sources = coverage.sources;
  const facets = await queries.storyFacets(id, { facetArticles: FACET_ARTICLES, annotationArticles: ANNOTATION_ARTICLES, entities: MAX_ENTITIES, places: MAX_PLACES });
  // The summary from parts already read: a source is independent when not all its articles are copies.
  const { revision: _revision, ...row } = head;
  const summary: StorySummaryRow = {
    ...row,
    independentSourceCount: sources.filter((s) => s.source !== null && s.copies < s.articles).length,
    topEntities: facets.entities.slice(0, TOP_NAMES).map((e) => ({ name: e.canonical, articles: e.articles })),
    topPlaces: facets.places.slice(0, TOP_NAMES).map((p) => ({ name: p.name, articles: p.articles })),
  };
  // Articles come in publication order with undated ones last: the first is the first report.
  const firstReport = articles[0]?.id ?? null;
  const outsideIds = outsideCopySources(articles);
  const outside = outsideIds.length ? await queries.articleBriefs(outsideIds) : new Map();
  const counts = coverage.timeline;
  const datedArticles = counts.reduce((n, c) => n + c.count, 0);
  const timeline = buildTimeline(counts, bucket ?? { unit: 'day', bucketMs: 86_400_000, startMs: 0 }, summary.articleCount - datedArticles);
  return {
    story: storySummaryJson(summary),
    firstReport,
    articles: articles.map((a) => ({
      id: a.id,
      title: a.title,
      source: a.source,
      url: a.url,
      published: iso(a.publishedMs),
      storyId: a.storyId,
      language: a.language,
      duplicateOf: a.duplicateOf,
      copiedFrom: a.copiedFrom.map((c) => ({ id: c.id, share: c.share, spun: c.spun })),
      spinScore: a.spinScore,
      firstReport: a.id === firstReport,
    })),
    articlesShown: articles.length,
    sources: sources.map((s) => ({ source: s.source, articles: s.articles, first: iso(s.firstMs), copies: s.copies, independent: s.copies < s.articles })),
    timeline,
    copyGraph: (() => {
      const graph = buildCopyGraph(articles, firstReport, outside);
      return {
        nodes: graph.nodes.map((n) => ({ id: n.id, title: n.title, source: n.source, url: n.url, published: iso(n.publishedMs), storyId: n.storyId, inStory: n.inStory, firstReport: n.firstReport })),
        edges: graph.edges,
      };
    })(),
    facetArticles: facets.facetArticles,
    entities: facets.entities,
    places: facets.places,
    annotationArticles: facets.annotationArticles,
    dates: rankDates(facets.dateMentions),
  };
}

/** The default article list of a story page: what the UI asks for and the cache warms. */
const DEFAULT_ARTICLES = StoryQuery.parse({}).articles;

/** A story page as served: from memory when its story has not changed, computed otherwise. */
async function storyPage(queries: ReadQueries, cache: StoryPageCache | null, id: number, articles: number): Promise<string | null> {
  const head = await queries.storyHead(id);
  if (!head) return null;
  const key = `${id}:${articles}`;
  const revision = `${head.revision}:${head.articleCount}:${head.lastMs}`;
  let body = cache?.get(key, revision);
  if (body === undefined) {
    body = JSON.stringify(await storyDetail(queries, id, articles, head));
    cache?.set(key, revision, body);
  }
  return body;
}

export interface StoryRoutes {
  /**
   * Computes the pages of the most recent stories into the cache, one at a time with a yield
   * in between, so requests keep being answered meanwhile. Resolves with the pages computed.
   */
  warm(limit: number): Promise<number>;
}

export function registerStoryRoutes(app: Hono, queries: ReadQueries, cache: StoryPageCache | null): StoryRoutes {
  app.get('/api/stories', async (c) => c.json(await listStories(queries, validate(StoriesQuery, queryObject(c), 'query'))));

  app.get('/api/stories/:id', async (c) => {
    const { id } = validate(StoryIdParam, { id: c.req.param('id') }, 'story id');
    const query = validate(StoryQuery, queryObject(c), 'query');
    const body = await storyPage(queries, cache, id, query.articles);
    if (body === null) throw new HttpError(404, `no story with id ${id}`);
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });

  return {
    warm: async (limit) => {
      if (!cache) return 0;
      let computed = 0;
      for (const id of await queries.recentStoryIds(limit)) {
        await storyPage(queries, cache, id, DEFAULT_ARTICLES);
        computed++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return computed;
    },
  };
}
