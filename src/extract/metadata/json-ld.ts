/**
 * Article metadata from schema.org JSON-LD, the publisher's own structured statement
 * and therefore our most trusted source. Pages nest the article in `@graph`, arrays,
 * `mainEntity` or `itemListElement`, and many blocks are not strict JSON (raw newlines
 * inside strings, trailing commas, HTML comments): we repair the common faults before
 * giving up on a block.
 */

export interface JsonLdArticle {
  title: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  siteName: string | null;
  url: string | null;
  language: string | null;
  /** The publisher's own full text, when the page ships it (a recall fallback). */
  articleBody: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** schema.org types that describe an article. */
const ARTICLE_TYPE =
  /^(?:Article|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$/i;
/** Other creative works a page may be about; an embedded video must not win over the article. */
const OTHER_WORK_TYPE = /^(?:Review|Recipe|HowTo|CreativeWork|VideoObject)$/i;
/** Page-level types: used only when no article object exists. */
const PAGE_TYPE = /^(?:\w*WebPage|ItemPage|AboutPage|FAQPage|QAPage|CollectionPage)$/i;

export function parseJsonLenient(text: string): Json | undefined {
  const trimmed = text.trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '').trim();
  if (trimmed.length === 0) return undefined;
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    // Raw control characters inside strings and trailing commas are the usual faults.
    const repaired = trimmed.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1');
    try {
      return JSON.parse(repaired) as Json;
    } catch {
      return undefined;
    }
  }
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type.replace(/^https?:\/\/schema\.org\//, '')];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));
  return [];
}

/** Every object in a JSON-LD value, depth-first (graphs, arrays, nested entities). */
function collectObjects(value: Json | undefined, out: JsonObject[], depth = 0): void {
  if (depth > 6 || value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, out, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  out.push(value);
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement', 'hasPart', 'item']) {
    if (key in value) collectObjects(value[key], out, depth + 1);
  }
}

function text(value: Json | undefined): string | null {
  if (typeof value === 'string') {
    const trimmed = decodeEntities(value).replace(/\s+/g, ' ').trim();
    return trimmed.length > 0 ? trimmed : null;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (isObject(value)) return text(value['name'] ?? value['@value']);
  return null;
}

/** Author names: a string, a Person/Organization, or a list of them. */
function names(value: Json | undefined): string | null {
  if (value === undefined || value === null) return null;
  const list = Array.isArray(value) ? value : [value];
  const found: string[] = [];
  for (const item of list) {
    const name = isObject(item) ? text(item['name']) : text(item);
    // Author fields sometimes hold a profile URL: not a byline.
    if (name && !/^https?:\/\//i.test(name) && !found.includes(name)) found.push(name);
  }
  return found.length > 0 ? found.join(', ') : null;
}

function urlOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return /^https?:\/\//i.test(value.trim()) ? value.trim() : null;
  if (isObject(value)) return urlOf(value['@id'] ?? value['url']);
  if (Array.isArray(value)) return urlOf(value[0]);
  return null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (match, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ENTITIES[lower] ?? match;
  });
}

/** Metadata of the page's main article from its JSON-LD blocks (null when none usable). */
export function articleFromJsonLd(blocks: string[]): JsonLdArticle | null {
  const objects: JsonObject[] = [];
  for (const block of blocks) collectObjects(parseJsonLenient(block), objects);
  if (objects.length === 0) return null;
  const article =
    objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t))) ??
    objects.find((o) => typesOf(o).some((t) => OTHER_WORK_TYPE.test(t)));
  const page = objects.find((o) => typesOf(o).some((t) => PAGE_TYPE.test(t)));
  // Any other typed statement about the page (ClaimReview, Event …) can still date it.
  const other = objects.find((o) => o !== article && o !== page && (typeof o['datePublished'] === 'string' || typeof o['headline'] === 'string'));
  const sources = [article, page, other].filter((o): o is JsonObject => o !== undefined);
  if (sources.length === 0) return null;
  /** The first source (article, then page, then other) with a value for the field. */
  const first = <T>(read: (o: JsonObject) => T | null): T | null => {
    for (const source of sources) {
      const value = read(source);
      if (value !== null) return value;
    }
    return null;
  };
  const site = objects.find((o) => typesOf(o).some((t) => /^WebSite$/i.test(t)));
  return {
    title: first((o) => text(o['headline']) ?? (o === article ? text(o['name']) : null)),
    byline: first((o) => names(o['author'] ?? o['creator'])),
    published: first((o) => text(o['datePublished']) ?? text(o['dateCreated'])),
    modified: first((o) => text(o['dateModified'])),
    siteName: first((o) => text(o['publisher'] ?? o['sourceOrganization'])) ?? (site ? text(site['name']) : null),
    url: first((o) => urlOf(o['url']) ?? urlOf(o['mainEntityOfPage'])),
    language: first((o) => text(o['inLanguage'])),
    articleBody: first((o) => (typeof o['articleBody'] === 'string' ? o['articleBody'] : null)),
  };
}
