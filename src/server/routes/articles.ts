/** GET /api/articles/{id}: one article with its text marked, its provenance and its copies. */
import type { Hono } from 'hono';
import type { ReadQueries } from '../../store/queries.ts';
import { cleanText, segmentText } from '../article-segments.ts';
import { HttpError, iso, validate } from '../http.ts';
import { ArticleIdParam, type ArticleBriefT, type ArticleDetailT } from '../schemas.ts';
import type { ArticleBrief } from '../../store/queries.ts';

/** Copies listed on an article page; the copy graph of its story shows the rest. */
const MAX_COPIES_LISTED = 200;

export function briefJson(a: ArticleBrief): ArticleBriefT {
  return { id: a.id, title: a.title, source: a.source, url: a.url, published: iso(a.publishedMs), storyId: a.storyId };
}

export async function articleDetail(queries: ReadQueries, id: string): Promise<ArticleDetailT | null> {
  const a = await queries.article(id);
  if (!a) return null;
  const related = await queries.articleBriefs([...(a.duplicateOf ? [a.duplicateOf] : []), ...a.copiedFrom.map((c) => c.id)]);
  const story = a.storyId === null ? null : await queries.storySummary(a.storyId);
  const copies = await queries.copiesOf(a.id, MAX_COPIES_LISTED);
  const duplicateOf = a.duplicateOf ? related.get(a.duplicateOf) : undefined;
  return {
    ...briefJson(a),
    inputId: a.inputId,
    language: a.language,
    storyLabel: story?.label ?? null,
    origin: a.origin,
    duplicateOf: duplicateOf ? briefJson(duplicateOf) : null,
    copiedFrom: a.copiedFrom.map((c) => {
      const source = related.get(c.id);
      return { id: c.id, share: c.share, spun: c.spun, article: source ? briefJson(source) : null, passages: c.passages ?? [] };
    }),
    spinScore: a.spinScore,
    copies: copies.map((copy) => ({ ...briefJson(copy), kind: copy.kind, share: copy.share, spun: copy.spun })),
    text: a.text,
    cleanText: cleanText(a.text, a.boilerplate),
    segments: segmentText(a.text.length, a.boilerplate, a.copiedFrom),
    boilerplate: a.boilerplate,
    annotations: a.annotations,
    raw: a.raw,
  };
}

export function registerArticleRoutes(app: Hono, queries: ReadQueries): void {
  app.get('/api/articles/:id', async (c) => {
    const { id } = validate(ArticleIdParam, { id: c.req.param('id') }, 'article id');
    const detail = await articleDetail(queries, id);
    if (!detail) throw new HttpError(404, `no article with id ${JSON.stringify(id)}`);
    return c.json(detail);
  });
}
