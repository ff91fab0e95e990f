/** GET /api/sources, GET /api/sources/{name}, GET /api/search, GET /api/facets. */
import type { Hono } from 'hono';
import type { ReadQueries, SourceStats as SourceStatsRow } from '../../store/queries.ts';
import { HttpError, iso, queryObject, validate } from '../http.ts';
import { FacetsQuery, SearchQuery, SourceNameParam, SourceQuery, SourcesQuery, type SearchResultT, type SourceStatsT } from '../schemas.ts';
import { briefJson } from './articles.ts';

function sourceJson(s: SourceStatsRow): SourceStatsT {
  return {
    source: s.source,
    articles: s.articles,
    firstReports: s.firstReports,
    copiesMade: s.copiesMade,
    spunCopies: s.spunCopies,
    boilerplateRate: Math.round(s.boilerplateRate * 1000) / 1000,
    first: iso(s.firstMs),
    last: iso(s.lastMs),
  };
}

export function registerSourceRoutes(app: Hono, queries: ReadQueries): void {
  app.get('/api/sources', async (c) => {
    const query = validate(SourcesQuery, queryObject(c), 'query');
    const { total, sources } = await queries.sources({ prefix: query.q, order: query.sort, limit: query.limit, offset: query.offset });
    return c.json({ total, limit: query.limit, offset: query.offset, sources: sources.map(sourceJson) });
  });

  app.get('/api/sources/:name', async (c) => {
    const { name } = validate(SourceNameParam, { name: c.req.param('name') }, 'source name');
    const query = validate(SourceQuery, queryObject(c), 'query');
    const stats = await queries.source(name);
    if (!stats) throw new HttpError(404, `no source named ${JSON.stringify(name)}`);
    const articles = await queries.sourceArticles(name, query.limit, query.offset);
    return c.json({ source: sourceJson(stats), articles: articles.map(briefJson), limit: query.limit, offset: query.offset });
  });

  app.get('/api/search', async (c) => {
    const query = validate(SearchQuery, queryObject(c), 'query');
    const found = await queries.search(query.q, query.limit, query.offset);
    const body: SearchResultT = {
      query: query.q,
      total: found.total,
      totalIsLowerBound: found.totalIsLowerBound,
      limit: query.limit,
      offset: query.offset,
      hits: found.hits.map((h) => ({ ...briefJson(h), storyLabel: h.storyLabel, snippet: h.snippet })),
    };
    return c.json(body);
  });

  app.get('/api/facets', async (c) => {
    const query = validate(FacetsQuery, queryObject(c), 'query');
    return c.json({ kind: query.kind, values: await queries.facetValues(query.kind, query.prefix, query.limit) });
  });
}
