/**
 * The few tags metadata is read from (<meta>, <link>, <html>, <title>, <time> and any
 * element with an `itemprop`), captured as plain records while the prestrip scanner
 * walks the page — including inside site chrome it drops, where article headers keep
 * their <time> — so metadata needs no DOM queries.
 */

export interface TagRecord {
  /** Lower-case tag name. */
  name: string;
  /** Attribute names lower-cased, values entity-decoded. */
  attributes: Record<string, string>;
  /** Text up to the element's end tag, for <title> and <time> (tags stripped). */
  text?: string;
}

const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeHtmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    const lower = entity.toLowerCase();
    try {
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    } catch {
      return match;
    }
    return NAMED_ENTITIES[lower] ?? match;
  });
}

/** Attributes of one start tag's source text (`<meta property="og:title" content="…">`). */
export function parseAttributes(tagSource: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const nameEnd = tagSource.search(/[\s/>]/);
  const body = tagSource.slice(nameEnd < 0 ? tagSource.length : nameEnd).replace(/\/?>$/, '');
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(body); m; m = ATTRIBUTE.exec(body)) {
    const key = m[1].toLowerCase();
    if (key in attributes) continue;
    attributes[key] = decodeHtmlEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}

/** Text of an element's source up to its end tag, tags removed, whitespace collapsed. */
export function innerTextUntil(html: string, from: number, endTag: string, maxLength = 400): string {
  const lower = html.slice(from, from + maxLength * 4).toLowerCase();
  const end = lower.indexOf(endTag);
  const source = html.slice(from, from + (end < 0 ? Math.min(lower.length, maxLength) : end));
  return decodeHtmlEntities(source.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}
