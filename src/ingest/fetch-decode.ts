/**
 * Bytes from the web → text: the media type says what a body is (sniffed when the server
 * does not say), the charset comes from the BOM, the Content-Type header, or the document's
 * own declaration (<meta charset>, <?xml encoding?>), and UTF-8 otherwise.
 */
import { looksBinary } from './bytes.ts';

/** "text/html; charset=UTF-8" → "text/html". */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match ? match[1].toLowerCase() : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Decodes with a charset label; unknown labels fall back to UTF-8, bad bytes become U+FFFD. */
function decodeWith(bytes: Uint8Array, charset: string | null): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/** The ASCII head of a document, for finding its own charset declaration. */
function asciiHead(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.subarray(0, length)).toString('latin1');
}

/** HTML: BOM, then header charset, then <meta charset> / http-equiv in the first 4 KiB. */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  const head = asciiHead(bytes, 4096);
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? null;
  return decodeWith(bytes, bomCharset(bytes) ?? charsetFromContentType(contentType) ?? meta?.toLowerCase() ?? null);
}

/** XML: BOM, then header charset, then the XML declaration's encoding. */
export function decodeXml(bytes: Uint8Array, contentType: string | null): string {
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(asciiHead(bytes, 512))?.[1] ?? null;
  return decodeWith(bytes, bomCharset(bytes) ?? charsetFromContentType(contentType) ?? declared?.toLowerCase() ?? null).replace(/^\ufeff/, '');
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/feed+xml',
  'application/x-rss+xml',
]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** What the first markup of a text is: an RSS/Atom/RDF root, an HTML document, or neither. */
export function sniffMarkup(text: string): 'feed' | 'html' | null {
  // Skip the BOM, XML declaration, comments, processing instructions and doctype.
  const start = text
    .slice(0, 4096)
    .replace(/^\ufeff/, '')
    .replace(/^(\s*(<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>]*>))*\s*/i, '');
  if (/^<(rss|feed|([\w-]+:)?rdf)[\s>]/i.test(start)) return 'feed';
  if (/^<(html|head|body|!doctype html)[\s>]/i.test(start) || /<html[\s>]/i.test(text.slice(0, 4096))) return 'html';
  return null;
}

/** A fetched body's kind: by Content-Type when it is specific, by sniffing otherwise; binary is never a page. */
export function bodyKind(contentType: string | null, bytes: Uint8Array): 'feed' | 'html' | 'other' {
  if (looksBinary(bytes)) return 'other';
  const type = mediaType(contentType);
  if (HTML_TYPES.has(type)) {
    // Some servers send feeds as text/html; the markup decides.
    return sniffMarkup(asciiHead(bytes, 4096)) === 'feed' ? 'feed' : 'html';
  }
  if (FEED_TYPES.has(type) || type === '' || type === 'text/plain' || type === 'application/octet-stream') {
    const sniffed = sniffMarkup(asciiHead(bytes, 4096));
    if (sniffed) return sniffed;
    return FEED_TYPES.has(type) ? 'feed' : 'other';
  }
  return 'other';
}

/** Why a body is not an HTML page, for error messages. */
export function notHtmlReason(contentType: string | null, bytes: Uint8Array): string {
  const type = mediaType(contentType) || 'missing';
  return looksBinary(bytes) ? `not an HTML page (binary content, content-type ${type})` : `not an HTML page (content-type ${type})`;
}
