/**
 * Turning a parsed object into the article input contract, whatever reader it came from.
 * Field aliases cover the dumps users actually have (news-please, common CSV headers).
 */
import type { ArticleInput, Origin, ReadItem } from '../types.ts';

/** Contract field ← accepted aliases, first present wins. */
const FIELD_ALIASES: Record<keyof ArticleInput, string[]> = {
  id: ['id', 'article_id', 'guid', '_id'],
  url: ['url', 'link', 'href'],
  source: ['source', 'source_domain', 'domain', 'publisher', 'site'],
  title: ['title', 'headline'],
  text: ['text', 'maintext', 'body', 'content', 'article'],
  html: ['html', 'raw_html'],
  published: ['published', 'date_publish', 'published_at', 'publish_date', 'date', 'pubDate', 'datePublished'],
  language: ['language', 'lang'],
};

function pick(object: Record<string, unknown>, names: string[]): unknown {
  for (const name of names) {
    const value = object[name];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

export function recordFromObject(value: unknown, origin: Origin, raw: string): ReadItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: { level: 'error', reason: 'record is not a JSON object', origin } };
  }
  const object = value as Record<string, unknown>;
  const input: ArticleInput = {};
  for (const field of Object.keys(FIELD_ALIASES) as (keyof ArticleInput)[]) {
    const found = pick(object, FIELD_ALIASES[field]);
    if (found === undefined) continue;
    if (field === 'published') {
      // Dates stay as given; the prepare stage validates them with the record's origin.
      input.published = typeof found === 'number' ? (found as unknown as string) : String(found);
    } else if (typeof found === 'string' || typeof found === 'number') {
      input[field] = String(found);
    } else {
      return { error: { level: 'error', reason: `field "${field}" is not a string`, origin } };
    }
  }
  return { record: { input, origin: { ...origin, url: origin.url ?? input.url }, raw } };
}
