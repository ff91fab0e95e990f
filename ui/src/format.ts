/** Display helpers: dates, numbers, and the one rule for links taken from article data. */

const DAY_MS = 86_400_000;

export function formatDate(iso: string | null): string {
  if (!iso) return 'undated';
  return iso.slice(0, 10);
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return 'undated';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function formatSpan(first: string | null, last: string | null): string {
  if (!first) return 'undated';
  if (!last || last === first) return formatDateTime(first);
  const a = Date.parse(first);
  const b = Date.parse(last);
  if (first.slice(0, 10) === last.slice(0, 10)) return `${first.slice(0, 10)} ${first.slice(11, 16)}–${last.slice(11, 16)} UTC`;
  const days = Math.round((b - a) / DAY_MS);
  return `${first.slice(0, 10)} – ${last.slice(0, 10)}${days > 1 ? ` (${days} days)` : ''}`;
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * A URL from article data becomes a link only when it is http(s): javascript:, data: and
 * anything else stays plain text.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : flat.slice(0, width - 1) + '…';
}

/** Spin score at or above which an article is flagged as a spun rewrite (same as the CLI). */
export const SPIN_FLAG_SCORE = 0.5;
