/** Human-readable rendering of stories and articles for the terminal. */
import type { ArticleRow, StoryRow } from '../store/types.ts';

export function formatTime(ms: number | null): string {
  if (ms === null) return 'undated';
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
}

export function formatSpan(first: number | null, last: number | null): string {
  if (first === null) return 'undated';
  if (last === null || last === first) return formatTime(first);
  const a = formatTime(first);
  const b = formatTime(last);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} – ${b.slice(11)}` : `${a.slice(0, 10)} – ${b.slice(0, 10)}`;
}

export function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : flat.slice(0, width - 1) + '…';
}

export function storyLine(story: StoryRow): string {
  const label = truncate(story.label ?? '(untitled)', 70);
  return `#${story.id}  ${label}\n      ${story.articleCount} article${story.articleCount === 1 ? '' : 's'}, ${story.sourceCount} source${story.sourceCount === 1 ? '' : 's'}, ${formatSpan(story.firstMs, story.lastMs)}`;
}

export function articleTitle(article: ArticleRow): string {
  if (article.title) return article.title;
  return truncate(article.text, 80);
}

/** The article that reported first: earliest publication time, ties by ingest order. */
export function firstReport(articles: ArticleRow[]): ArticleRow | null {
  const dated = articles.filter((a) => a.publishedMs !== null);
  const pool = dated.length ? dated : articles;
  return pool.reduce<ArticleRow | null>((best, a) => (!best || (a.publishedMs ?? 0) < (best.publishedMs ?? 0) ? a : best), null);
}
