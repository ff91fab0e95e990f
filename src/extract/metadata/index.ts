/**
 * Article metadata from every source a page offers, in order of trust: JSON-LD (the
 * publisher's structured statement), OpenGraph, other <meta> and microdata, <time>
 * elements, and the URL. Each field takes the first source that has a usable value, and
 * `provenance` records which one it was.
 */
import { articleFromJsonLd, type JsonLdArticle } from './json-ld.ts';
import { parseHumanDate, parseMachineDate } from './dates.ts';
import type { TagRecord } from './tag-records.ts';
import { dateFromUrl } from './url-date.ts';

export type MetadataSource =
  | 'json-ld'
  | 'opengraph'
  | 'meta'
  | 'microdata'
  | 'time'
  | 'url'
  | 'title-tag'
  | 'link-canonical'
  | 'input'
  | 'readability'
  | 'text'
  | 'html-lang';

export interface PageMetadata {
  url: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  /** Declared language (ISO 639-1), when the page states one. */
  declaredLanguage: string | null;
  provenance: Partial<Record<'url' | 'title' | 'byline' | 'published' | 'siteName' | 'declaredLanguage', MetadataSource>>;
  /** JSON-LD articleBody, kept for the recall fallback. */
  jsonLdBody: string | null;
}

export interface MetadataInput {
  tags: TagRecord[];
  jsonLd: string[];
  /** The URL the caller knows the page by. */
  url?: string;
  /** What Readability found on its own (its byline heuristics read the DOM). */
  readability?: { title: string | null; byline: string | null };
}

const OPENGRAPH_PUBLISHED = ['article:published_time', 'og:article:published_time', 'og:published_time', 'article:published', 'og:pubdate'];
const META_PUBLISHED = [
  'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_time', 'published-date',
  'publication_date', 'publication-date', 'sailthru.date', 'parsely-pub-date', 'article.published', 'article_date_original',
  'original-publish-date', 'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date',
  'citation_publication_date', 'citation_date', 'cxenseparse:recs:publishtime', 'rnews:datepublished', 'date_published',
  'displaydate', 'pdate', 'og:release_date', 'release_date',
];
const META_AUTHOR = ['author', 'byl', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author', 'article:author', 'twitter:creator'];
const META_SITE_NAME = ['application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher'];

/** Meta values by lower-cased key (property, name, itemprop, http-equiv); first value wins. */
function metaIndex(tags: TagRecord[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const tag of tags) {
    if (tag.name !== 'meta') continue;
    const content = tag.attributes['content']?.trim();
    if (!content) continue;
    for (const keyAttribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const keys = tag.attributes[keyAttribute];
      if (!keys) continue;
      // itemprop may list several properties ("datePublished dateCreated").
      for (const key of keys.toLowerCase().split(/\s+/)) if (key && !index.has(key)) index.set(key, content);
    }
  }
  return index;
}

function firstOf(index: Map<string, string>, keys: string[]): string | null {
  for (const key of keys) {
    const value = index.get(key);
    if (value) return value;
  }
  return null;
}

function firstDateOf(index: Map<string, string>, keys: string[]): string | null {
  for (const key of keys) {
    const parsed = parseMachineDate(index.get(key));
    if (parsed) return parsed;
  }
  return null;
}

/** Microdata dates on elements other than <meta> (`<span itemprop="datePublished" content=…>`). */
function microdataPublished(tags: TagRecord[]): string | null {
  for (const tag of tags) {
    if (tag.name === 'meta') continue;
    const itemprop = tag.attributes['itemprop']?.toLowerCase() ?? '';
    if (!/\bdatepublished\b/.test(itemprop)) continue;
    const parsed = parseMachineDate(tag.attributes['content'] ?? tag.attributes['datetime']) ?? parseHumanDate(tag.text ?? '');
    if (parsed) return parsed;
  }
  return null;
}

/**
 * The publication date from <time> elements: one marked as the publication time
 * (`pubdate`, itemprop, a class/id saying published/posted) wins; otherwise the first
 * <time> that carries a date, since the article's own header comes before lists of
 * related stories; an "updated" time only when there is nothing else.
 */
function timePublished(tags: TagRecord[]): string | null {
  let first: string | null = null;
  let firstUpdated: string | null = null;
  for (const tag of tags) {
    if (tag.name !== 'time') continue;
    const parsed = parseMachineDate(tag.attributes['datetime']) ?? parseHumanDate(tag.text ?? '');
    if (!parsed) continue;
    const marker = `${tag.attributes['class'] ?? ''} ${tag.attributes['id'] ?? ''} ${tag.attributes['itemprop'] ?? ''}`;
    if ('pubdate' in tag.attributes || /publish|posted|created|pubdate|date-?line/i.test(marker)) return parsed;
    if (/updat|modif/i.test(marker)) firstUpdated ??= parsed;
    else first ??= parsed;
  }
  // An "updated" time is the last resort: it is at least the day the text last stood.
  return first ?? firstUpdated;
}

function canonicalLink(tags: TagRecord[]): string | null {
  for (const tag of tags) {
    if (tag.name === 'link' && /(?:^|\s)canonical(?:\s|$)/i.test(tag.attributes['rel'] ?? '') && tag.attributes['href']) return tag.attributes['href'].trim();
  }
  return null;
}

/**
 * An absolute http(s) URL without its fragment (`…/#webpage` ids are not addresses), or
 * null. A site's home page is never an article's URL: when the caller's URL has a path,
 * a candidate with none is rejected.
 */
function articleUrl(candidate: string | null, base: string | undefined): string | null {
  if (!candidate) return null;
  try {
    const resolved = new URL(candidate.trim(), base);
    if (!/^https?:$/.test(resolved.protocol)) return null;
    resolved.hash = '';
    if (base && resolved.pathname === '/' && !resolved.search) {
      const basePath = new URL(base).pathname;
      if (basePath.length > 1) return null;
    }
    return resolved.href;
  } catch {
    return null;
  }
}

/** "en-US", "en_GB", "pt-br" → "en", "en", "pt"; anything else → null. */
export function languageCode(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^\s*([a-z]{2,3})(?:[-_][a-z0-9]+)*\s*$/i.exec(value);
  return m ? m[1].toLowerCase() : null;
}

/**
 * A byline as a name list: "By " prefixes go; an author field holding a profile URL or
 * a social handle is not a byline.
 */
function usableByline(value: string | null): string | null {
  if (!value) return null;
  const trimmed = value.replace(/\s+/g, ' ').trim().replace(/^(?:by|por|von|par|di|door|av|af)\s+/i, '');
  if (trimmed.length === 0 || trimmed.length > 200 || /^https?:\/\//i.test(trimmed) || /^@\S+$/.test(trimmed)) return null;
  return trimmed;
}

/** A site name, not a URL. */
function usableSiteName(value: string | null | undefined): string | null {
  if (!value) return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed.length === 0 || /^https?:\/\//i.test(trimmed) ? null : trimmed;
}

export function collectMetadata(input: MetadataInput): PageMetadata {
  const jsonLd: JsonLdArticle | null = input.jsonLd.length > 0 ? articleFromJsonLd(input.jsonLd) : null;
  const meta = metaIndex(input.tags);
  const provenance: PageMetadata['provenance'] = {};
  const pick = <T>(field: keyof PageMetadata['provenance'], candidates: Array<[T | null | undefined, MetadataSource]>): T | null => {
    for (const [value, source] of candidates) {
      if (value !== null && value !== undefined && value !== '') {
        provenance[field] = source;
        return value;
      }
    }
    return null;
  };

  const titleTag = input.tags.find((t) => t.name === 'title')?.text ?? null;
  const title = pick<string>('title', [
    [jsonLd?.title, 'json-ld'],
    [meta.get('og:title'), 'opengraph'],
    [firstOf(meta, ['twitter:title', 'headline', 'dc.title', 'title', 'sailthru.title', 'parsely-title']), 'meta'],
    [titleTag, 'title-tag'],
    [input.readability?.title, 'readability'],
  ]);

  // For the address, <link rel=canonical> is the web's own identity statement; JSON-LD
  // `url` is often the page entity's id or the site's.
  const url = pick<string>('url', [
    [articleUrl(canonicalLink(input.tags), input.url), 'link-canonical'],
    [articleUrl(meta.get('og:url') ?? null, input.url), 'opengraph'],
    [articleUrl(jsonLd?.url ?? null, input.url), 'json-ld'],
    [articleUrl(input.url ?? null, undefined), 'input'],
  ]);

  const byline = pick<string>('byline', [
    [usableByline(jsonLd?.byline ?? null), 'json-ld'],
    [usableByline(meta.get('article:author') ?? null), 'opengraph'],
    [usableByline(firstOf(meta, META_AUTHOR.filter((k) => k !== 'article:author'))), 'meta'],
    [usableByline(input.readability?.byline ?? null), 'readability'],
  ]);

  const published = pick<string>('published', [
    [parseMachineDate(jsonLd?.published), 'json-ld'],
    [firstDateOf(meta, OPENGRAPH_PUBLISHED), 'opengraph'],
    [firstDateOf(meta, META_PUBLISHED), 'meta'],
    [microdataPublished(input.tags), 'microdata'],
    [timePublished(input.tags), 'time'],
    [dateFromUrl(url ?? input.url), 'url'],
  ]);

  const siteName = pick<string>('siteName', [
    [usableSiteName(jsonLd?.siteName), 'json-ld'],
    [usableSiteName(meta.get('og:site_name')), 'opengraph'],
    [usableSiteName(firstOf(meta, META_SITE_NAME)), 'meta'],
  ]);

  const htmlLang = input.tags.find((t) => t.name === 'html')?.attributes['lang'] ?? null;
  const declaredLanguage = pick<string>('declaredLanguage', [
    [languageCode(htmlLang), 'html-lang'],
    [languageCode(jsonLd?.language), 'json-ld'],
    [languageCode(meta.get('og:locale')), 'opengraph'],
    [languageCode(firstOf(meta, ['content-language', 'language', 'dc.language', 'inlanguage'])), 'meta'],
  ]);

  return { url, title, byline, published, siteName, declaredLanguage, provenance, jsonLdBody: jsonLd?.articleBody ?? null };
}
