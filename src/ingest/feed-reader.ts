/**
 * Readers for the web: a URL (a feed or a page, told apart by Content-Type and sniffing)
 * and feed files. A feed's new items are fetched one by one (politely, through the
 * session) and handed to the pipeline as HTML records; the item's link, title and date
 * fill what the page may lack. When an item's page cannot be had, the feed's own full
 * content stands in for it if there is any.
 */
import type { Message, Origin, ReadItem } from '../types.ts';
import type { ReadOptions } from './readers.ts';
import { looksBinary, readAllBytes } from './bytes.ts';
import { FetchError, parseFetchableUrl } from './fetch.ts';
import { bodyKind, decodeHtml, decodeXml, notHtmlReason } from './fetch-decode.ts';
import { conditionalHeaders } from './fetch-state.ts';
import { WebSession } from './fetch-session.ts';
import { FeedParseError, parseFeed, type FeedItem, type ParsedFeed } from './feed-parse.ts';
import { feedContentDocument, plainText } from './feed-text.ts';

/** Reader options plus the fetch session shared by every web input of a run. */
export interface WebReadOptions extends ReadOptions {
  web?: WebSession;
}

const ACCEPT_FEED_OR_PAGE =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, application/xhtml+xml;q=0.7, */*;q=0.1';
const ACCEPT_PAGE = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

/** Feed content shorter than this (in text characters) is a teaser, not a stand-in for the page. */
const MIN_FEED_CONTENT_CHARS = 200;

let defaultSession: WebSession | null = null;

/** The run's session, or a default one (no database, no saved state) for library callers. */
export function sessionFrom(options: ReadOptions): WebSession {
  const given = (options as WebReadOptions).web;
  if (given) return given;
  defaultSession ??= new WebSession();
  return defaultSession;
}

function error(reason: string, origin: Origin, level: Message['level'] = 'error'): ReadItem {
  return { error: { level, reason, origin } };
}

function htmlRecord(html: string, url: string | null, extra: { title?: string | null; published?: string | null }): ReadItem {
  return {
    record: {
      input: { html, ...(url ? { url } : {}) },
      origin: url ? { url } : {},
      raw: html,
      fallback: {
        ...(extra.title ? { title: extra.title } : {}),
        ...(extra.published ? { published: extra.published } : {}),
      },
    },
  };
}

type PageOutcome = { html: string; url: string } | { reason: string; transient: boolean };

/** Fetches one item page; never throws. */
async function fetchItemPage(session: WebSession, link: string): Promise<PageOutcome> {
  try {
    const result = await session.get(link, { accept: ACCEPT_PAGE });
    session.stats.pagesFetched++;
    const contentType = result.headers.get('content-type');
    if (bodyKind(contentType, result.body) !== 'html') {
      return { reason: notHtmlReason(contentType, result.body), transient: false };
    }
    return { html: decodeHtml(result.body, contentType), url: result.url };
  } catch (err) {
    const fetchError = err instanceof FetchError ? err : new FetchError((err as Error).message, link, true);
    return { reason: fetchError.message, transient: fetchError.transient };
  }
}

/**
 * The items of a parsed feed as records: already stored items are skipped without a
 * request. Returns how many items failed in a way that may work next time (network,
 * timeout, 5xx): while there are any, the feed's validators are not updated, so the next
 * run gets the whole feed again instead of a 304 and retries them.
 */
async function* readFeedItems(feed: ParsedFeed, feedName: string, session: WebSession): AsyncGenerator<ReadItem, { transientFailures: number }> {
  let transientFailures = 0;
  for (const warning of new Set(feed.warnings)) yield error(`feed: ${warning}`, { url: feedName }, 'warning');
  for (const item of feed.items) {
    session.stats.items++;
    if (!item.link) {
      const fromFeed = feedContentRecord(item, null);
      if (fromFeed) {
        session.stats.usedFeedContent++;
        session.markYielded([], item.title);
        yield fromFeed;
      } else {
        yield error(`feed item ${JSON.stringify(item.title ?? item.id ?? '?')} has no link and no full content: skipped`, { url: feedName }, 'warning');
      }
      continue;
    }
    if (session.isKnown(item.link)) {
      session.stats.itemsAlreadyStored++;
      continue;
    }
    const page = await fetchItemPage(session, item.link);
    if ('html' in page) {
      session.state.rememberAlias(item.link, page.url);
      session.markYielded([item.link, page.url], item.title);
      yield htmlRecord(page.html, page.url, { title: item.title, published: item.published });
      continue;
    }
    const fromFeed = feedContentRecord(item, item.link);
    if (fromFeed) {
      session.stats.usedFeedContent++;
      session.markYielded([item.link], item.title);
      yield error(`item page not used (${page.reason}); ingested the feed's own content instead`, { url: item.link }, 'warning');
      yield fromFeed;
      continue;
    }
    session.stats.failed++;
    if (page.transient) transientFailures++;
    yield error(`cannot fetch item page: ${page.reason} (item of feed ${feedName})`, { url: item.link });
  }
  return { transientFailures };
}

/** A record from the feed's own full content, when it carries enough of it. */
function feedContentRecord(item: FeedItem, url: string | null): ReadItem | null {
  const content = item.contentHtml;
  if (!content || plainText(content).length < MIN_FEED_CONTENT_CHARS) return null;
  return htmlRecord(feedContentDocument(item.title, content), url, { title: item.title, published: item.published });
}

/** `storyline ingest <url>`: a feed (its new items are fetched) or a single page. */
export async function* readWebUrl(input: string, options: WebReadOptions): AsyncGenerator<ReadItem> {
  const session = sessionFrom(options);
  try {
    parseFetchableUrl(input);
  } catch (err) {
    yield error((err as Error).message, { url: input });
    return;
  }
  // A feed is always revalidated; a page only while its article is still in the store, so a
  // page that failed to ingest last time is fetched in full again.
  const validators = session.state.validators(input);
  const conditional = validators && (validators.kind === 'feed' || session.isKnown(input)) ? conditionalHeaders(validators) : {};
  let result;
  try {
    result = await session.get(input, { accept: ACCEPT_FEED_OR_PAGE, ...conditional });
  } catch (err) {
    session.stats.failed++;
    yield error(err instanceof FetchError ? err.message : `cannot fetch: ${(err as Error).message}`, { url: input });
    return;
  }
  if (result.notModified) {
    if (validators?.kind !== 'page') session.stats.feedsNotModified++;
    return;
  }
  const contentType = result.headers.get('content-type');
  const kind = bodyKind(contentType, result.body);
  if (kind === 'html') {
    session.stats.pagesFetched++;
    const html = decodeHtml(result.body, contentType);
    session.state.rememberValidators(input, 'page', result.headers);
    session.state.rememberAlias(input, result.url);
    session.markYielded([input, result.url], null);
    yield htmlRecord(html, result.url, {});
    return;
  }
  if (kind !== 'feed') {
    session.stats.failed++;
    yield error(`neither a feed nor an HTML page: ${notHtmlReason(contentType, result.body).replace(/^not an HTML page /, '')}`, { url: result.url });
    return;
  }
  let feed: ParsedFeed;
  try {
    feed = parseFeed(decodeXml(result.body, contentType), result.url);
  } catch (err) {
    session.stats.failed++;
    yield error(err instanceof FeedParseError ? `broken feed: ${err.message}` : `cannot read feed: ${(err as Error).message}`, { url: result.url });
    return;
  }
  session.stats.feeds++;
  const outcome = yield* readFeedItems(feed, input, session);
  if (outcome.transientFailures === 0) session.state.rememberValidators(input, 'feed', result.headers);
}

/** A feed file on disk (.rss .atom .rdf .xml, optionally gzipped): its items are fetched like a feed URL's. */
export async function* readFeedFile(file: string, options: WebReadOptions): AsyncGenerator<ReadItem> {
  let bytes: Buffer;
  try {
    bytes = await readAllBytes(file);
  } catch (err) {
    yield error(`cannot read: ${(err as Error).message}`, { file });
    return;
  }
  if (looksBinary(bytes)) {
    yield error('binary content, not a feed', { file });
    return;
  }
  let feed: ParsedFeed;
  try {
    feed = parseFeed(decodeXml(bytes, null));
  } catch (err) {
    yield error(err instanceof FeedParseError ? `broken feed: ${err.message}` : `cannot read feed: ${(err as Error).message}`, { file });
    return;
  }
  const session = sessionFrom(options);
  session.stats.feeds++;
  for (const warning of new Set(feed.warnings)) yield error(`feed: ${warning}`, { file }, 'warning');
  yield* readFeedItems({ ...feed, warnings: [] }, file, session);
}
