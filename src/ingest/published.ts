/**
 * Publication dates: ISO-8601 and the common variants feeds and dumps use, validated so an
 * impossible date ("2019-02-30") is an error rather than a silently shifted day.
 */

export type ParsedDate = { iso: string | null } | { error: string };

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parsePublished(value: unknown): ParsedDate {
  if (value === undefined || value === null || value === '') return { iso: null };
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Unix seconds or milliseconds.
    const ms = value < 1e11 ? value * 1000 : value;
    return { iso: new Date(ms).toISOString() };
  }
  if (typeof value !== 'string') return { error: `published is not a date string: ${JSON.stringify(value)}` };
  const text = value.trim();
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso;
    const year = +y, month = +mo, day = +d;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || +h > 23 || +mi > 59 || +s > 60) {
      return { error: `impossible date: ${JSON.stringify(value)}` };
    }
    // A date without a zone is read as UTC: the same input always gives the same instant.
    const normalisedZone = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
    const stamp = `${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi.padStart(2, '0')}:${s.padStart(2, '0')}${normalisedZone}`;
    const date = new Date(stamp);
    if (Number.isNaN(date.getTime())) return { error: `unreadable date: ${JSON.stringify(value)}` };
    return { iso: date.toISOString() };
  }
  // RFC 2822 and other forms Date understands ("Tue, 16 Apr 2019 10:00:00 GMT").
  if (/[a-z]{3}/i.test(text) && /\d{4}/.test(text)) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime())) return { iso: date.toISOString() };
  }
  return { error: `unreadable date: ${JSON.stringify(value)}` };
}

/** Publisher domain from a URL ("www." dropped); null when the URL is not absolute http(s). */
export function sourceFromUrl(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}
