/**
 * The OpenAPI 3.1 description of the API, generated from the zod schemas the routes validate
 * with and answer in (schemas.ts). Served at /api/openapi.json.
 */
import { z } from 'zod';
import {
  apiRegistry,
  ArticleDetail,
  ArticleIdParam,
  ErrorResponse,
  FacetsQuery,
  FacetValues,
  Health,
  IngestResult,
  SearchQuery,
  SearchResult,
  SourceDetail,
  SourceList,
  SourceNameParam,
  SourceQuery,
  SourcesQuery,
  StoriesQuery,
  StoryDetail,
  StoryIdParam,
  StoryList,
  StoryQuery,
} from './schemas.ts';

export interface RouteDoc {
  method: 'get' | 'post';
  /** OpenAPI path template, e.g. /api/stories/{id}. */
  path: string;
  operationId: string;
  summary: string;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: { description: string; contentTypes: string[] };
  /** Status → response schema (a registered component). */
  responses: Record<number, { description: string; schema: z.ZodType }>;
  security?: boolean;
}

const invalid = { description: 'invalid parameters', schema: ErrorResponse };
const notFound = (what: string) => ({ description: `no such ${what}`, schema: ErrorResponse });

export const ROUTE_DOCS: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    summary: 'Liveness and database counts',
    responses: { 200: { description: 'the server is up', schema: Health } },
  },
  {
    method: 'get',
    path: '/api/stories',
    operationId: 'listStories',
    summary: 'Stories, newest or biggest first, filtered by time range, source, entity, place and full-text query',
    query: StoriesQuery,
    responses: { 200: { description: 'one page of stories', schema: StoryList }, 400: invalid },
  },
  {
    method: 'get',
    path: '/api/stories/{id}',
    operationId: 'getStory',
    summary: 'One story: articles in time order, sources, first report, copy graph, entities, places, dates, timeline',
    pathParams: StoryIdParam,
    query: StoryQuery,
    responses: { 200: { description: 'the story', schema: StoryDetail }, 400: invalid, 404: notFound('story') },
  },
  {
    method: 'get',
    path: '/api/articles/{id}',
    operationId: 'getArticle',
    summary: 'One article: text with boilerplate and copied passages marked, raw record, metadata, copies',
    pathParams: ArticleIdParam,
    responses: { 200: { description: 'the article', schema: ArticleDetail }, 404: notFound('article') },
  },
  {
    method: 'get',
    path: '/api/sources',
    operationId: 'listSources',
    summary: 'Sources with per-source counts: articles, first reports, copies made, spun copies, boilerplate rate (recomputed at most every 30 s while articles arrive)',
    query: SourcesQuery,
    responses: { 200: { description: 'one page of sources', schema: SourceList }, 400: invalid },
  },
  {
    method: 'get',
    path: '/api/sources/{name}',
    operationId: 'getSource',
    summary: 'One source: its counts and its most recent articles',
    pathParams: SourceNameParam,
    query: SourceQuery,
    responses: { 200: { description: 'the source', schema: SourceDetail }, 400: invalid, 404: notFound('source') },
  },
  {
    method: 'get',
    path: '/api/search',
    operationId: 'search',
    summary: 'Full-text search over article titles and texts, best matches first',
    query: SearchQuery,
    responses: { 200: { description: 'matching articles', schema: SearchResult }, 400: invalid },
  },
  {
    method: 'get',
    path: '/api/facets',
    operationId: 'facetValues',
    summary: 'Entity or place names by prefix, most mentioned first (for filters)',
    query: FacetsQuery,
    responses: { 200: { description: 'names with article counts', schema: FacetValues }, 400: invalid },
  },
  {
    method: 'post',
    path: '/api/ingest',
    operationId: 'ingest',
    summary: 'Ingest articles (JSON object or array, or JSONL); needs the ingest token given at start-up',
    body: {
      description: 'article records following the input contract {"id"?, "url"?, "source"?, "title"?, "text"? | "html"?, "published"?, "language"?}',
      contentTypes: ['application/json', 'application/x-ndjson'],
    },
    security: true,
    responses: {
      200: { description: 'what was ingested; bad records are listed with their line and the rest are ingested', schema: IngestResult },
      400: { description: 'the body is not JSON / JSONL, or empty', schema: ErrorResponse },
      401: { description: 'missing or wrong token', schema: ErrorResponse },
      403: { description: 'ingest is disabled (no token configured)', schema: ErrorResponse },
      413: { description: 'body too large or too many records', schema: ErrorResponse },
      415: { description: 'unsupported content type', schema: ErrorResponse },
    },
  },
];

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function componentName(schema: z.ZodType): string {
  const meta = apiRegistry.get(schema);
  if (!meta) throw new Error('response schema is not a registered component');
  return meta.id;
}

export function openApiDocument(options: { version: string; ingestEnabled: boolean }): Record<string, unknown> {
  const generated = z.toJSONSchema(apiRegistry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  const schemas: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(generated.schemas)) {
    const { $schema, $id, ...rest } = schema;
    void $schema;
    void $id;
    schemas[id] = rest;
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTE_DOCS) {
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      responses[status] = {
        description: response.description,
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${componentName(response.schema)}` } } },
      };
    }
    (paths[route.path] ??= {})[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      parameters: [...parameters(route.pathParams, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              description: route.body.description,
              content: Object.fromEntries(route.body.contentTypes.map((type) => [type, { schema: {} }])),
            },
          }
        : {}),
      ...(route.security ? { security: [{ ingestToken: [] }] } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Storyline API',
      version: options.version,
      description:
        'News stories built from a stream of articles: sources, first reports, copies, entities, places and dates. ' +
        (options.ingestEnabled ? 'Ingest is enabled on this server.' : 'Ingest is disabled on this server (no token configured).'),
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: { ingestToken: { type: 'http', scheme: 'bearer', description: 'the token given with --ingest-token or STORYLINE_INGEST_TOKEN' } },
    },
  };
}
