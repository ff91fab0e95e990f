/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom → one item shape. fast-xml-parser does the XML; this
 * module does what generic feed libraries get wrong: Atom `summary` and `published` are
 * kept, XHTML content survives (Atom content/summary are parsed as raw stop nodes),
 * namespaces are resolved by URI rather than by whatever prefix a feed picked, and relative
 * links are resolved against xml:base and the feed's own URL.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parsePublished } from './published.ts';
import { atomTextConstructToHtml, plainText } from './feed-text.ts';

export interface FeedItem {
  title: string | null;
  /** Absolute http(s) URL of the item's page, when it has one. */
  link: string | null;
  id: string | null;
  /** ISO-8601, or null when missing or unreadable. */
  published: string | null;
  /** HTML fragment of the summary/description. */
  summaryHtml: string | null;
  /** HTML fragment of the full content (content:encoded, Atom content), when the feed carries it. */
  contentHtml: string | null;
  author: string | null;
}

export interface ParsedFeed {
  format: 'rss2' | 'rss1' | 'atom';
  title: string | null;
  link: string | null;
  items: FeedItem[];
  /** Problems that did not stop the feed (bare ampersands repaired, unreadable dates …). */
  warnings: string[];
}

export class FeedParseError extends Error {}

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  rss1: 'http://purl.org/rss/1.0/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
} as const;

/** Prefixes feeds use without declaring them; used only when a prefix is undeclared. */
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  atom: NS.atom, rdf: NS.rdf, content: NS.content, dc: NS.dc, feedburner: NS.feedburner,
};

type XmlNode = Record<string, unknown>;

interface NsContext {
  prefixes: Record<string, string>;
  /** Namespace of unprefixed elements. */
  defaultNs: string | null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  // Kept raw so type="xhtml" markup is not turned into objects.
  stopNodes: ['*.content', '*.summary', '*.atom:content', '*.atom:summary'],
});

function withDeclarations(ctx: NsContext, node: XmlNode): NsContext {
  let next = ctx;
  for (const [key, value] of Object.entries(node)) {
    if (key === '@_xmlns' && typeof value === 'string') next = { ...next, defaultNs: value };
    else if (key.startsWith('@_xmlns:') && typeof value === 'string') next = { ...next, prefixes: { ...next.prefixes, [key.slice(8)]: value } };
  }
  return next;
}

function resolveName(ctx: NsContext, key: string): { ns: string | null; local: string } {
  const colon = key.indexOf(':');
  if (colon < 0) return { ns: ctx.defaultNs, local: key };
  const prefix = key.slice(0, colon);
  return { ns: ctx.prefixes[prefix] ?? CONVENTIONAL_PREFIXES[prefix] ?? `urn:undeclared:${prefix}`, local: key.slice(colon + 1) };
}

/** All child elements with this namespace and local name, in document order. */
function children(ctx: NsContext, node: XmlNode, ns: string | null, local: string): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const name = resolveName(ctx, key);
    if (name.local !== local || name.ns !== ns) continue;
    if (Array.isArray(value)) out.push(...value);
    else out.push(value);
  }
  return out;
}

function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || null;
  if (typeof value === 'object' && '#text' in (value as XmlNode)) return textOf((value as XmlNode)['#text']);
  return null;
}

function attr(value: unknown, name: string): string | undefined {
  if (value && typeof value === 'object') {
    const found = (value as XmlNode)[`@_${name}`];
    return typeof found === 'string' ? found : undefined;
  }
  return undefined;
}

function firstText(ctx: NsContext, node: XmlNode, ns: string | null, local: string): string | null {
  for (const child of children(ctx, node, ns, local)) {
    const text = textOf(child);
    if (text) return text;
  }
  return null;
}

/** An absolute http(s) URL, or null (relative links resolved against `base`). */
function absoluteHttpUrl(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function joinBase(base: string | undefined, xmlBase: string | undefined): string | undefined {
  if (!xmlBase) return base;
  try {
    return new URL(xmlBase, base).href;
  } catch {
    return base;
  }
}

/** Common time-zone names that Date.parse does not know (it knows only the US ones and GMT/UT). */
const ZONE_OFFSETS: Record<string, string> = {
  CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200', WET: '+0000', WEST: '+0100', EET: '+0200', EEST: '+0300',
  BST: '+0100', MSK: '+0300', JST: '+0900', KST: '+0900', HKT: '+0800', SGT: '+0800', AEST: '+1000', AEDT: '+1100',
  ACST: '+0930', AWST: '+0800', NZST: '+1200', NZDT: '+1300', UTC: '+0000', Z: '+0000',
};

/** A feed date (RFC 822 in RSS, RFC 3339 in Atom, W3CDTF in dc:date) → ISO-8601, or null. */
export function parseFeedDate(value: string | null): string | null {
  if (!value) return null;
  const text = value.trim().replace(/\s+([A-Z]{1,5})$/, (whole, zone: string) => (ZONE_OFFSETS[zone] ? ` ${ZONE_OFFSETS[zone]}` : whole));
  const parsed = parsePublished(text);
  if ('iso' in parsed && parsed.iso) return parsed.iso;
  // Dates like "2019-04-16" or "2019-04-16T10:00+03:00" that parsePublished rejects but Date reads.
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Repairs the one well-formedness error feeds commonly have: a bare "&" in text. */
function repairBareAmpersands(xml: string): string {
  return xml.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
}

function parseXml(xml: string, warnings: string[]): XmlNode {
  let text = xml;
  let check = XMLValidator.validate(text);
  if (check !== true && /'&'/.test(check.err.msg)) {
    const repaired = repairBareAmpersands(text);
    const again = XMLValidator.validate(repaired);
    if (again === true) {
      warnings.push('bare "&" characters in the XML were read as "&amp;"');
      text = repaired;
      check = true;
    }
  }
  if (check !== true) {
    throw new FeedParseError(`not well-formed XML at line ${check.err.line}, column ${check.err.col}: ${check.err.msg}`);
  }
  try {
    return parser.parse(text) as XmlNode;
  } catch (err) {
    throw new FeedParseError(`cannot parse XML: ${(err as Error).message}`);
  }
}

function rootElement(document: XmlNode): { key: string; node: XmlNode } | null {
  for (const [key, value] of Object.entries(document)) {
    if (key.startsWith('?') || key.startsWith('!') || key.startsWith('#')) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) return { key, node: value as XmlNode };
    if (typeof value === 'string') return { key, node: { '#text': value } };
  }
  return null;
}

function atomLink(ctx: NsContext, node: XmlNode, base: string | undefined): string | null {
  const links = children(ctx, node, NS.atom, 'link');
  const scored = links
    .map((link) => ({ rel: attr(link, 'rel') ?? 'alternate', type: attr(link, 'type') ?? '', href: attr(link, 'href') ?? textOf(link) }))
    .filter((l) => l.rel === 'alternate' && l.href);
  const preferred = scored.find((l) => /html/i.test(l.type) || l.type === '') ?? scored[0];
  return absoluteHttpUrl(preferred?.href, base);
}

function atomTextHtml(ctx: NsContext, node: XmlNode, local: string): string | null {
  for (const child of children(ctx, node, NS.atom, local)) {
    const raw = textOf(child);
    if (raw) return atomTextConstructToHtml(raw, attr(child, 'type')) || null;
  }
  return null;
}

function atomAuthor(ctx: NsContext, node: XmlNode): string | null {
  for (const author of children(ctx, node, NS.atom, 'author')) {
    if (author && typeof author === 'object') {
      const name = firstText(ctx, author as XmlNode, NS.atom, 'name');
      if (name) return plainText(name);
    }
  }
  return null;
}

function readAtom(ctx: NsContext, feed: XmlNode, documentUrl: string | undefined, warnings: string[]): ParsedFeed {
  const base = joinBase(documentUrl, attr(feed, 'xml:base'));
  const items: FeedItem[] = [];
  for (const entry of children(ctx, feed, NS.atom, 'entry')) {
    if (!entry || typeof entry !== 'object') continue;
    const node = entry as XmlNode;
    const entryCtx = withDeclarations(ctx, node);
    const entryBase = joinBase(base, attr(node, 'xml:base'));
    const publishedText = firstText(entryCtx, node, NS.atom, 'published') ?? firstText(entryCtx, node, NS.atom, 'updated');
    items.push({
      title: plainOrNull(firstText(entryCtx, node, NS.atom, 'title')),
      link: atomLink(entryCtx, node, entryBase),
      id: firstText(entryCtx, node, NS.atom, 'id'),
      published: datedOrWarn(publishedText, warnings),
      summaryHtml: atomTextHtml(entryCtx, node, 'summary'),
      contentHtml: atomTextHtml(entryCtx, node, 'content'),
      author: atomAuthor(entryCtx, node) ?? atomAuthor(ctx, feed),
    });
  }
  return { format: 'atom', title: plainOrNull(firstText(ctx, feed, NS.atom, 'title')), link: atomLink(ctx, feed, base), items, warnings };
}

function plainOrNull(value: string | null): string | null {
  if (!value) return null;
  return plainText(value) || null;
}

function datedOrWarn(value: string | null, warnings: string[]): string | null {
  const iso = parseFeedDate(value);
  if (value && !iso) warnings.push(`unreadable item date ${JSON.stringify(value)}`);
  return iso;
}

/** RSS 2.0 items (no namespace) and RSS 1.0 items (RSS 1.0 namespace) share their fields. */
function readRssItem(ctx: NsContext, node: XmlNode, ns: string | null, base: string | undefined, warnings: string[]): FeedItem {
  const itemCtx = withDeclarations(ctx, node);
  const guidNode = children(itemCtx, node, ns, 'guid')[0];
  const guid = textOf(guidNode);
  const guidIsLink = guid !== null && attr(guidNode, 'isPermaLink') !== 'false';
  // feedburner:origLink is the article's real address behind a tracking link.
  const link =
    absoluteHttpUrl(firstText(itemCtx, node, NS.feedburner, 'origLink'), base) ??
    absoluteHttpUrl(firstText(itemCtx, node, ns, 'link'), base) ??
    atomLink(itemCtx, node, base) ??
    (guidIsLink ? absoluteHttpUrl(guid, base) : null) ??
    absoluteHttpUrl(attr(node, 'rdf:about'), base);
  const dateText = firstText(itemCtx, node, ns, 'pubDate') ?? firstText(itemCtx, node, NS.dc, 'date') ?? firstText(itemCtx, node, NS.atom, 'published');
  const description = firstText(itemCtx, node, ns, 'description');
  const encoded = firstText(itemCtx, node, NS.content, 'encoded');
  return {
    title: plainOrNull(firstText(itemCtx, node, ns, 'title') ?? firstText(itemCtx, node, NS.dc, 'title')),
    link,
    id: guid ?? attr(node, 'rdf:about') ?? link,
    published: datedOrWarn(dateText, warnings),
    summaryHtml: description,
    contentHtml: encoded,
    author: plainOrNull(firstText(itemCtx, node, NS.dc, 'creator') ?? firstText(itemCtx, node, ns, 'author')),
  };
}

function readRss2(ctx: NsContext, rss: XmlNode, documentUrl: string | undefined, warnings: string[]): ParsedFeed {
  const channel = children(ctx, rss, null, 'channel')[0];
  if (!channel || typeof channel !== 'object') throw new FeedParseError('RSS feed without a <channel>');
  const node = channel as XmlNode;
  const channelCtx = withDeclarations(ctx, node);
  const link = absoluteHttpUrl(firstText(channelCtx, node, null, 'link'), documentUrl);
  // Relative item links resolve against the document's URL, or the channel's link for a file.
  const base = documentUrl ?? link ?? undefined;
  const items = children(channelCtx, node, null, 'item')
    .filter((item): item is XmlNode => !!item && typeof item === 'object')
    .map((item) => readRssItem(channelCtx, item, null, base, warnings));
  return { format: 'rss2', title: plainOrNull(firstText(channelCtx, node, null, 'title')), link, items, warnings };
}

function readRss1(ctx: NsContext, rdf: XmlNode, documentUrl: string | undefined, warnings: string[]): ParsedFeed {
  const channel = children(ctx, rdf, NS.rss1, 'channel')[0] as XmlNode | undefined;
  const link = channel && typeof channel === 'object' ? absoluteHttpUrl(firstText(ctx, channel, NS.rss1, 'link'), documentUrl) : null;
  const base = documentUrl ?? link ?? undefined;
  // RSS 1.0 items are siblings of the channel (some feeds nest them anyway).
  const nodes = [...children(ctx, rdf, NS.rss1, 'item'), ...(channel && typeof channel === 'object' ? children(ctx, channel, NS.rss1, 'item') : [])];
  const items = nodes.filter((item): item is XmlNode => !!item && typeof item === 'object').map((item) => readRssItem(ctx, item, NS.rss1, base, warnings));
  const title = channel && typeof channel === 'object' ? plainOrNull(firstText(ctx, channel, NS.rss1, 'title')) : null;
  return { format: 'rss1', title, link, items, warnings };
}

/**
 * Parses a feed document. `documentUrl` (where it was fetched from) resolves relative links.
 * Throws FeedParseError with a reason when the text is not well-formed XML or not a feed.
 */
export function parseFeed(xml: string, documentUrl?: string): ParsedFeed {
  const warnings: string[] = [];
  const document = parseXml(xml, warnings);
  const root = rootElement(document);
  if (!root) throw new FeedParseError('not an RSS or Atom feed: no root element');
  const ctx0: NsContext = { prefixes: {}, defaultNs: null };
  const declared = withDeclarations(ctx0, root.node);
  const { local, ns } = resolveName(declared, root.key);
  // RSS 2.0 has no namespace; a stray xmlns on <rss> (userland) does not change that.
  if (local === 'rss') return readRss2({ ...declared, defaultNs: null }, root.node, documentUrl, warnings);
  if (local === 'feed' && (ns === NS.atom || ns === null)) {
    // An Atom feed that forgot its xmlns is still read as Atom.
    return readAtom({ ...declared, defaultNs: declared.defaultNs ?? NS.atom }, root.node, documentUrl, warnings);
  }
  if (local === 'RDF' && ns === NS.rdf) return readRss1({ ...declared, defaultNs: declared.defaultNs ?? NS.rss1 }, root.node, documentUrl, warnings);
  throw new FeedParseError(`not an RSS or Atom feed: root element <${root.key}>`);
}
