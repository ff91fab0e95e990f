/**
 * A fast pass over the HTML *string* that drops what can never be article text before
 * the page is parsed. DOM construction in linkedom and Readability's scoring both scale
 * with the number of nodes, and on news pages scripts, styles, inline SVG, hidden
 * widgets, site chrome (navigation, asides, page headers and footers), comment and
 * sidebar boxes, and whitespace-only text between block tags are most of the bytes and
 * the nodes. The scanner is not a parser: it only finds tags, keeps a depth count for the
 * element it is skipping, and copies everything else through unchanged.
 *
 * JSON-LD blocks and the tags metadata is read from are captured on the way (see
 * metadata/tag-records.ts), so nothing downstream needs the dropped parts.
 */

import { innerTextUntil, parseAttributes, type TagRecord } from './metadata/tag-records.ts';

export interface PrestripOptions {
  /**
   * Drop <nav>, <aside> and page-level <footer>/<header> chrome. A chrome element is kept
   * when it holds a large share of the page's paragraphs: broken templates sometimes
   * wrap the whole article in one.
   */
  dropChrome?: boolean;
  /** Drop elements marked hidden (hidden attribute, aria-hidden="true", display:none). */
  dropHidden?: boolean;
  /**
   * Drop elements Readability's first pass would remove as unlikely candidates (class or
   * id says comment, sidebar, related, social … and nothing says content), under the
   * same paragraph-share guard as chrome. Done here they never become DOM nodes, and a
   * Readability retry cannot bring a comment thread back.
   */
  dropUnlikely?: boolean;
}

export interface PrestripResult {
  html: string;
  /** Raw text of every <script type="application/ld+json"> block, in page order. */
  jsonLd: string[];
  /** <meta>, <link>, <html>, <title>, <time> and itemprop tags, in page order. */
  tags: TagRecord[];
}

/** Elements whose content is raw text up to the matching end tag (HTML spec). */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

/** Never article text: dropped with everything inside. */
const DROPPED_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'select', 'button', 'textarea', 'noembed', 'noframes', 'map', 'video', 'audio', 'dialog',
]);

/** Kept as-is even though raw text: the <title> carries metadata. */
const KEPT_RAW_TEXT = new Set(['title', 'xmp', 'textarea']);

/** Site chrome: dropped when `dropChrome` is on (subject to the paragraph-share guard). */
const CHROME_ELEMENTS = new Set(['nav', 'aside', 'footer', 'header']);

/** A chrome element holding at least this share of the page's <p> tags is kept. */
const CHROME_MAX_PARAGRAPH_SHARE = 0.3;
/** ... and it is kept in any case when it holds this many <p> tags. */
const CHROME_MAX_PARAGRAPHS = 8;

const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;
/** Readability 0.6.0's REGEXPS.unlikelyCandidates and okMaybeItsACandidate, on class + id. */
const UNLIKELY_CANDIDATE =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|shadow/i;
/** Elements whose class/id we test for the unlikely-candidate drop (explicit end tags only). */
const UNLIKELY_DROPPABLE = new Set(['div', 'section', 'aside', 'ul', 'ol', 'span', 'nav', 'footer', 'header', 'form', 'figure']);
const CLASS_OR_ID = /\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
/** Tags whose attributes carry metadata (see metadata/tag-records.ts). */
const METADATA_TAGS = new Set(['meta', 'link', 'html', 'title', 'time']);
/** Inside dropped chrome we still look for these (article headers keep dates there). */
const METADATA_IN_CHROME = /<time\b[^>]*>|<[a-z][a-z0-9]*\b[^>]*\sitemprop\s*=[^>]*>/gi;
const HIDDEN_ATTRIBUTE = /\s(?:hidden(?=[\s=/>])|aria-hidden\s*=\s*["']?true\b)|display\s*:\s*none|visibility\s*:\s*hidden/i;
const JSON_LD_TYPE = /type\s*=\s*["']?application\/ld\+json/i;
/** Readability keeps aria-hidden images that are fallbacks (wikimedia math). */
const FALLBACK_IMAGE = /fallback-image/;

/** A run of tag text with no quote and no `>`: skipped in one native regex step. */
const TAG_TEXT_RUN = /[^"'>]*/y;

/** Index just past the `>` closing the tag that starts at `start`, honouring quoted values. */
function tagEnd(html: string, start: number): number {
  let i = start + 1;
  for (;;) {
    TAG_TEXT_RUN.lastIndex = i;
    TAG_TEXT_RUN.exec(html);
    i = TAG_TEXT_RUN.lastIndex;
    if (i >= html.length) return html.length;
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) return i + 1;
    // A quote opens a value only after `=` (possibly spaced); otherwise it is a stray character.
    let j = i - 1;
    while (j > start && (html.charCodeAt(j) === 32 || html.charCodeAt(j) === 10 || html.charCodeAt(j) === 9 || html.charCodeAt(j) === 13)) j--;
    if (html.charCodeAt(j) === 61 /* = */) {
      const close = html.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return html.length;
      i = close + 1;
    } else {
      i++;
    }
  }
}

/** Index just past `</name ...>` (case-insensitive), or the end of the input. */
function rawTextEnd(html: string, lower: string, from: number, name: string): { contentEnd: number; end: number } {
  const needle = '</' + name;
  let at = from;
  for (;;) {
    const found = lower.indexOf(needle, at);
    if (found < 0) return { contentEnd: html.length, end: html.length };
    const after = lower.charCodeAt(found + needle.length);
    // `</scripts` is not `</script`.
    if (Number.isNaN(after) || after === 62 || after === 32 || after === 47 || after === 10 || after === 9 || after === 13) {
      return { contentEnd: found, end: tagEnd(html, found) };
    }
    at = found + needle.length;
  }
}

/**
 * Index just past the end tag matching the element opened at `from` (depth-counted over
 * same-named tags), or -1 when the page never closes it.
 */
function matchingEnd(html: string, lower: string, from: number, name: string): number {
  const open = '<' + name;
  const close = '</' + name;
  let depth = 1;
  let at = from;
  for (;;) {
    const nextOpen = lower.indexOf(open, at);
    const nextClose = lower.indexOf(close, at);
    if (nextClose < 0) return -1;
    if (nextOpen >= 0 && nextOpen < nextClose) {
      const after = lower.charCodeAt(nextOpen + open.length);
      if (after === 62 || after === 32 || after === 47 || after === 10 || after === 9 || after === 13) depth++;
      at = tagEnd(html, nextOpen);
      continue;
    }
    const after = lower.charCodeAt(nextClose + close.length);
    const end = tagEnd(html, nextClose);
    if (after === 62 || after === 32 || after === 10 || after === 9 || after === 13) {
      depth--;
      if (depth === 0) return end;
    }
    at = end;
  }
}

/** Number of `<p>` start tags in lower-cased HTML between `from` and `to`. */
function countParagraphs(lower: string, from = 0, to = lower.length): number {
  let n = 0;
  for (let at = lower.indexOf('<p', from); at >= 0 && at < to; at = lower.indexOf('<p', at + 2)) {
    const next = lower.charCodeAt(at + 2);
    if (next === 62 || next === 32 || next === 10 || next === 9 || next === 13) n++;
  }
  return n;
}

export function prestripHtml(html: string, options: PrestripOptions = {}): PrestripResult {
  const dropChrome = options.dropChrome ?? true;
  const dropHidden = options.dropHidden ?? true;
  const dropUnlikely = options.dropUnlikely ?? true;
  const lower = html.toLowerCase();
  const jsonLd: string[] = [];
  const tags: TagRecord[] = [];
  const out: string[] = [];
  let totalParagraphs = -1; // counted when the first chrome element needs it
  let copied = 0; // input index up to which `out` already holds the input
  let i = 0;
  let inBody = false;
  let previousTagIsBlock = true;
  let preDepth = 0;
  let tableDepth = 0; // Readability never strips unlikely candidates inside tables
  // Position of the next "itemprop" in the page, advanced lazily (one pass overall).
  let nextItemprop = lower.indexOf('itemprop');

  const skipTo = (from: number, to: number): void => {
    if (from > copied) out.push(html.slice(copied, from));
    copied = to;
  };

  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    // Comments, doctype, CDATA and processing instructions.
    const next = html.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (html.startsWith('<!--', lt)) {
        const close = html.indexOf('-->', lt + 4);
        const end = close < 0 ? html.length : close + 3;
        skipTo(lt, end);
        i = end;
      } else {
        i = tagEnd(html, lt);
      }
      continue;
    }
    if (next === 63 /* ? */) {
      const end = tagEnd(html, lt);
      skipTo(lt, end);
      i = end;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const match = TAG_NAME.exec(html);
    if (!match) {
      i = lt + 1;
      continue;
    }
    const isClose = match[1] === '/';
    const name = match[2].toLowerCase();
    const end = tagEnd(html, lt);
    const isBlock = BLOCK_LEVEL.has(name);
    // Whitespace between tags where one side is a block boundary is not text; every run
    // dropped is one DOM node fewer for linkedom to build and Readability to walk.
    if (preDepth === 0 && lt > i && (isBlock || previousTagIsBlock) && isWhitespaceRun(html, i, lt)) skipTo(i, lt);
    previousTagIsBlock = isBlock;
    if (name === 'pre') preDepth = Math.max(0, preDepth + (isClose ? -1 : 1));
    if (name === 'table') tableDepth = Math.max(0, tableDepth + (isClose ? -1 : 1));
    if (isClose) {
      i = end;
      continue;
    }
    if (name === 'body') inBody = true;
    const selfClosed = html.charCodeAt(end - 2) === 47; /* `/>` */
    if (nextItemprop >= 0 && nextItemprop < lt) nextItemprop = lower.indexOf('itemprop', lt);
    if (METADATA_TAGS.has(name) || (nextItemprop >= 0 && nextItemprop < end)) {
      recordTag(tags, html, lt, end, name);
    }

    if (RAW_TEXT_ELEMENTS.has(name) && !selfClosed) {
      const { contentEnd, end: elementEnd } = rawTextEnd(html, lower, end, name);
      if (name === 'script' && JSON_LD_TYPE.test(html.slice(lt, end))) {
        jsonLd.push(html.slice(end, contentEnd));
      }
      if (!KEPT_RAW_TEXT.has(name)) skipTo(lt, elementEnd);
      i = elementEnd;
      continue;
    }

    let drop = DROPPED_ELEMENTS.has(name);
    if (!drop && inBody && dropHidden) {
      const tagText = html.slice(lt, end);
      drop = !IMPLICITLY_CLOSED.has(name) && HIDDEN_ATTRIBUTE.test(tagText) && !FALLBACK_IMAGE.test(tagText);
    }
    let chromeEnd = -1;
    const unlikely = !drop && dropUnlikely && inBody && tableDepth === 0 && UNLIKELY_DROPPABLE.has(name) && isUnlikelyCandidate(html.slice(lt, end));
    if (!drop && ((dropChrome && CHROME_ELEMENTS.has(name)) || unlikely)) {
      chromeEnd = selfClosed ? end : matchingEnd(html, lower, end, name);
      if (chromeEnd > 0) {
        if (totalParagraphs < 0) totalParagraphs = Math.max(1, countParagraphs(lower));
        const paragraphs = countParagraphs(lower, end, chromeEnd);
        drop = paragraphs / totalParagraphs < CHROME_MAX_PARAGRAPH_SHARE && paragraphs < CHROME_MAX_PARAGRAPHS;
      }
    }
    if (drop) {
      const elementEnd = chromeEnd > 0 ? chromeEnd : selfClosed || isVoid(name) ? end : matchingEnd(html, lower, end, name);
      if (elementEnd > 0) {
        if (!DROPPED_ELEMENTS.has(name)) recordTagsInside(tags, html, end, elementEnd);
        skipTo(lt, elementEnd);
        i = elementEnd;
        continue;
      }
    }
    i = end;
  }
  if (copied < html.length) out.push(html.slice(copied));
  return { html: out.join(''), jsonLd, tags };
}

/** Readability's unlikely-candidate test on the class and id of one start tag. */
function isUnlikelyCandidate(tagSource: string): boolean {
  let names = '';
  CLASS_OR_ID.lastIndex = 0;
  for (let m = CLASS_OR_ID.exec(tagSource); m; m = CLASS_OR_ID.exec(tagSource)) names += ' ' + (m[1] ?? m[2] ?? m[3] ?? '');
  return names.length > 1 && UNLIKELY_CANDIDATE.test(names) && !MAYBE_CANDIDATE.test(names);
}

/** Tags that start or end a block box: whitespace next to them never reaches the text. */
const BLOCK_LEVEL = new Set([
  'html', 'head', 'body', 'meta', 'link', 'title', 'base', 'address', 'article', 'aside', 'blockquote', 'center', 'dd',
  'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'section', 'summary', 'table',
  'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col', 'ul', 'legend', 'option', 'optgroup',
]);

function isWhitespaceRun(html: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = html.charCodeAt(k);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 12) return false;
  }
  return true;
}

function recordTag(tags: TagRecord[], html: string, start: number, end: number, name: string): void {
  const record: TagRecord = { name, attributes: parseAttributes(html.slice(start, end)) };
  const holdsText = name === 'title' || name === 'time' || ('itemprop' in record.attributes && !VOID_ELEMENTS.has(name));
  if (holdsText) record.text = innerTextUntil(html, end, `</${name}`);
  tags.push(record);
}

/** Metadata tags inside a dropped element (its <time>, itemprop dates and authors). */
function recordTagsInside(tags: TagRecord[], html: string, from: number, to: number): void {
  const slice = html.slice(from, to);
  if (!/<time\b|itemprop/i.test(slice)) return;
  METADATA_IN_CHROME.lastIndex = 0;
  for (let m = METADATA_IN_CHROME.exec(slice); m; m = METADATA_IN_CHROME.exec(slice)) {
    const name = /^<([a-z0-9]+)/i.exec(m[0])?.[1].toLowerCase() ?? 'span';
    recordTag(tags, html, from + m.index, from + m.index + m[0].length, name);
  }
}

/**
 * Elements whose end tag may be omitted: depth counting cannot find where they end, so
 * hidden ones are left for the DOM pass.
 */
const IMPLICITLY_CLOSED = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'html', 'head', 'body']);

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

function isVoid(name: string): boolean {
  return VOID_ELEMENTS.has(name);
}
