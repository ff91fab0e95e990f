/**
 * Request and response schemas of the HTTP API (zod 4). Requests are validated with them;
 * responses are typed by them (handlers build `z.infer<…>` values) and the OpenAPI document
 * is generated from them, so the description cannot drift from what the server does.
 */
import { z } from 'zod';

/** Schemas registered here become components of the OpenAPI document. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

function component<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  apiRegistry.add(schema, { id, description });
  return schema;
}

// ---------------------------------------------------------------- requests

const MAX_PAGE = 100;
const MAX_OFFSET = 100_000;

const limit = (fallback: number, max = MAX_PAGE) => z.coerce.number().int().min(1).max(max).default(fallback);
const offset = z.coerce.number().int().min(0).max(MAX_OFFSET).default(0);
const shortText = (max: number) => z.string().trim().min(1).max(max);
/** A full-text query: needs at least one letter or digit (everything else is ignored). */
const wordsQuery = shortText(200).refine((s) => /[\p{L}\p{N}]/u.test(s), 'no words to search for');
/** ISO-8601 date or date-time, as accepted by Date.parse. */
const isoTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected an ISO-8601 date or date-time')
  .refine((s) => Number.isFinite(Date.parse(s)), 'not a valid date');

export const StoriesQuery = z
  .object({
    from: isoTime.optional().describe('only stories that last until at least this time (ISO-8601)'),
    to: isoTime.optional().describe('only stories that started by this time (ISO-8601)'),
    source: shortText(200).optional().describe('only stories with an article from this source'),
    entity: shortText(200).optional().describe('only stories mentioning this entity (canonical name)'),
    place: shortText(200).optional().describe('only stories mentioning this place'),
    q: wordsQuery.optional().describe('full-text query: every word must occur (in one of the 20,000 most recent matching articles)'),
    sort: z.enum(['recent', 'size']).default('recent').describe('recent: latest article first; size: most articles first'),
    limit: limit(20),
    offset,
  })
  .strict();

export const StoryIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, 'expected a story id (a positive whole number)')
    .transform(Number),
});

export const StoryQuery = z
  .object({
    articles: limit(50, 2000).describe('most articles listed (in time order); counts, sources and the timeline cover all'),
  })
  .strict();

export const ArticleIdParam = z.object({ id: shortText(500) });

export const SearchQuery = z
  .object({
    q: wordsQuery.describe('words to find in titles and texts (all required); the best matches among the 1,000 most recently ingested'),
    limit: limit(20),
    offset: z.coerce.number().int().min(0).max(999).default(0),
  })
  .strict();

export const SourcesQuery = z
  .object({
    q: shortText(200).optional().describe('only sources whose name contains this'),
    sort: z.enum(['articles', 'name', 'firstReports', 'copies']).default('articles'),
    limit: limit(50, 500),
    offset,
  })
  .strict();

export const SourceNameParam = z.object({ name: shortText(300) });

export const SourceQuery = z.object({ limit: limit(30), offset }).strict();

export const FacetsQuery = z
  .object({
    kind: z.enum(['entity', 'place']),
    prefix: z.string().trim().max(100).default('').describe('name prefix (ASCII case-insensitive)'),
    limit: limit(20),
  })
  .strict();

// ---------------------------------------------------------------- responses

const isoOrNull = z.string().nullable().describe('ISO-8601 time, null when unknown');

export const ErrorResponse = component(
  'Error',
  z.object({
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
  'An error: a message for people, and for invalid requests the offending parameters.',
);

export const ArticleBrief = component(
  'ArticleBrief',
  z.object({
    id: z.string(),
    title: z.string().nullable(),
    source: z.string().nullable(),
    url: z.string().nullable(),
    published: isoOrNull,
    storyId: z.number().int().nullable(),
  }),
);

export const NameCount = component('NameCount', z.object({ name: z.string(), articles: z.number().int() }));

export const StorySummary = component(
  'StorySummary',
  z.object({
    id: z.number().int(),
    label: z.string().nullable(),
    first: isoOrNull,
    last: isoOrNull,
    articleCount: z.number().int(),
    sourceCount: z.number().int(),
    independentSourceCount: z.number().int().describe('sources with at least one article that is not a copy'),
    topEntities: z.array(NameCount),
    topPlaces: z.array(NameCount),
  }),
);

export const StoryList = component(
  'StoryList',
  z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), stories: z.array(StorySummary) }),
);

export const CopySource = component(
  'CopySource',
  z.object({ id: z.string().describe('the article the text was reused from'), share: z.number(), spun: z.boolean() }),
);

export const StoryArticle = component(
  'StoryArticle',
  ArticleBrief.extend({
    language: z.string().nullable(),
    duplicateOf: z.string().nullable(),
    copiedFrom: z.array(CopySource),
    spinScore: z.number().nullable(),
    firstReport: z.boolean(),
  }),
);

export const StorySource = component(
  'StorySource',
  z.object({
    source: z.string().nullable().describe('null for articles without a known source'),
    articles: z.number().int(),
    first: isoOrNull,
    copies: z.number().int(),
    independent: z.boolean(),
  }),
);

export const Timeline = component(
  'Timeline',
  z.object({
    unit: z.enum(['hour', 'day', 'week']),
    bucketMs: z.number().int(),
    startMs: z.number().int(),
    buckets: z.number().int(),
    series: z.array(z.object({ source: z.string(), total: z.number().int(), counts: z.array(z.number().int()) })),
    undated: z.number().int(),
  }),
  'Articles per source and time bucket (UTC); `counts[i]` covers [startMs + i·bucketMs, +bucketMs).',
);

export const CopyGraph = component(
  'CopyGraph',
  z.object({
    nodes: z.array(ArticleBrief.extend({ inStory: z.boolean(), firstReport: z.boolean() })),
    edges: z.array(
      z.object({
        from: z.string().describe('the article that reused text'),
        to: z.string().describe('the article it reused text from'),
        kind: z.enum(['duplicate', 'copy']),
        share: z.number().nullable(),
        spun: z.boolean(),
      }),
    ),
  }),
);

export const EntityFacet = component(
  'EntityFacet',
  z.object({ canonical: z.string(), type: z.string(), articles: z.number().int().describe('articles mentioning it, among the first `facetArticles`') }),
);
export const PlaceFacet = component(
  'PlaceFacet',
  z.object({
    name: z.string(),
    lat: z.number().nullable().describe('null when none of the first `annotationArticles` articles gives coordinates'),
    lon: z.number().nullable(),
    country: z.string().nullable(),
    articles: z.number().int().describe('articles mentioning it, among the first `facetArticles`'),
  }),
);
export const DateFacet = component(
  'DateFacet',
  z.object({ value: z.string().nullable(), text: z.string(), mentions: z.number().int(), articles: z.number().int() }),
);

export const StoryDetail = component(
  'StoryDetail',
  z.object({
    story: StorySummary,
    firstReport: z.string().nullable().describe('id of the article that reported first'),
    articles: z.array(StoryArticle),
    articlesShown: z.number().int(),
    sources: z.array(StorySource),
    timeline: Timeline,
    copyGraph: CopyGraph,
    facetArticles: z.number().int().describe('entities and places are counted over this many first articles'),
    entities: z.array(EntityFacet),
    places: z.array(PlaceFacet),
    annotationArticles: z.number().int().describe('dates and place coordinates come from this many first articles'),
    dates: z.array(DateFacet),
  }),
);

const Span = { start: z.number().int(), end: z.number().int() };

export const TextSegment = component(
  'TextSegment',
  z.object({
    ...Span,
    kind: z.enum(['text', 'boilerplate', 'copied']),
    boilerplateKind: z.string().optional(),
    copy: z
      .object({ articleId: z.string(), sourceStart: z.number().int(), sourceEnd: z.number().int(), share: z.number(), spun: z.boolean() })
      .optional(),
  }),
  'A run of the article text (UTF-16 offsets into `text`) and how it is marked.',
);

export const Annotations = component(
  'Annotations',
  z.object({
    entities: z.array(z.object({ ...Span, text: z.string(), type: z.string(), canonical: z.string() })),
    places: z.array(z.object({ ...Span, text: z.string(), name: z.string(), lat: z.number().nullable(), lon: z.number().nullable(), country: z.string().nullable() })),
    dates: z.array(z.object({ ...Span, text: z.string(), value: z.string().nullable() })),
  }),
);

export const CopyOf = component(
  'CopyOf',
  ArticleBrief.extend({ kind: z.enum(['duplicate', 'copy']), share: z.number().nullable(), spun: z.boolean() }),
  'An article that reused this one: a duplicate or a (spun) copy.',
);

export const ArticleDetail = component(
  'ArticleDetail',
  ArticleBrief.extend({
    inputId: z.string().nullable(),
    language: z.string().nullable(),
    storyLabel: z.string().nullable(),
    origin: z.object({ file: z.string().optional(), line: z.number().int().optional(), url: z.string().optional() }),
    duplicateOf: ArticleBrief.nullable(),
    copiedFrom: z.array(
      CopySource.extend({
        article: ArticleBrief.nullable(),
        passages: z.array(z.object({ ...Span, sourceStart: z.number().int(), sourceEnd: z.number().int() })),
      }),
    ),
    spinScore: z.number().nullable(),
    copies: z.array(CopyOf),
    text: z.string().describe('the text as ingested'),
    cleanText: z.string().describe('the text without boilerplate'),
    segments: z.array(TextSegment),
    boilerplate: z.array(z.object({ ...Span, kind: z.string() })),
    annotations: Annotations.nullable(),
    raw: z.string().describe('the record exactly as read'),
  }),
);

export const SourceStats = component(
  'SourceStats',
  z.object({
    source: z.string(),
    articles: z.number().int(),
    firstReports: z.number().int(),
    copiesMade: z.number().int(),
    spunCopies: z.number().int(),
    boilerplateRate: z.number().min(0).max(1),
    first: isoOrNull,
    last: isoOrNull,
  }),
);

export const SourceList = component(
  'SourceList',
  z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), sources: z.array(SourceStats) }),
);

export const SourceDetail = component(
  'SourceDetail',
  z.object({ source: SourceStats, articles: z.array(ArticleBrief), limit: z.number().int(), offset: z.number().int() }),
);

export const SearchResult = component(
  'SearchResult',
  z.object({
    query: z.string(),
    total: z.number().int(),
    totalIsLowerBound: z.boolean(),
    limit: z.number().int(),
    offset: z.number().int(),
    hits: z.array(
      ArticleBrief.extend({
        storyLabel: z.string().nullable(),
        snippet: z.array(z.object({ text: z.string(), match: z.boolean() })).describe('plain-text parts; `match` marks query words'),
      }),
    ),
  }),
);

export const FacetValues = component(
  'FacetValues',
  z.object({
    kind: z.enum(['entity', 'place']),
    values: z.array(z.object({ name: z.string(), detail: z.string().nullable(), articles: z.number().int() })),
  }),
);

export const IngestResult = component(
  'IngestResult',
  z.object({
    read: z.number().int(),
    added: z.number().int(),
    duplicates: z.number().int(),
    alreadyStored: z.number().int(),
    storiesTouched: z.array(z.number().int()),
    errors: z.array(z.object({ line: z.number().int().optional(), reason: z.string() })),
  }),
);

export const Health = component(
  'Health',
  z.object({ ok: z.boolean(), articles: z.number().int(), stories: z.number().int(), sources: z.number().int(), ingest: z.boolean() }),
);

export type StoryListT = z.infer<typeof StoryList>;
export type StorySummaryT = z.infer<typeof StorySummary>;
export type StoryDetailT = z.infer<typeof StoryDetail>;
export type ArticleDetailT = z.infer<typeof ArticleDetail>;
export type ArticleBriefT = z.infer<typeof ArticleBrief>;
export type SourceListT = z.infer<typeof SourceList>;
export type SourceDetailT = z.infer<typeof SourceDetail>;
export type SourceStatsT = z.infer<typeof SourceStats>;
export type SearchResultT = z.infer<typeof SearchResult>;
export type FacetValuesT = z.infer<typeof FacetValues>;
export type IngestResultT = z.infer<typeof IngestResult>;
export type HealthT = z.infer<typeof Health>;
export type TextSegmentT = z.infer<typeof TextSegment>;
