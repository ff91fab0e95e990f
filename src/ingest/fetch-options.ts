/**
 * Command-line options of the web fetcher, shared by `ingest` and `watch`, and the
 * parsers for their values ("15m", "500ms", "10MB").
 */
import { Option, type Command } from 'commander';
import { DEFAULT_DELAY_MS, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT } from './fetch.ts';
import type { WebOptions, WebStats } from './fetch-session.ts';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m", "1h30m", "500ms", "2.5s"; a bare number is seconds. Throws on anything else. */
export function parseDuration(value: string): number {
  const text = value.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new Error(`expected a duration like 15m, 30s, 1h30m or 500ms, got "${value}"`);
  }
  return Math.round(parts.reduce((total, p) => total + Number(p[1]) * DURATION_UNITS[p[2]], 0));
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** "10485760", "512KB", "10MB" (binary multiples). */
export function parseByteSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined || Number(match[1]) <= 0) throw new Error(`expected a size like 10MB, 512KB or 1048576, got "${value}"`);
  return Math.round(Number(match[1]) * unit);
}

export function addWebOptions(command: Command): Command {
  return command
    .option('--allow-private', 'also fetch from loopback and private-network addresses (local servers, intranet feeds)')
    .option('--user-agent <string>', 'User-Agent header; its first word is the robots.txt product token', DEFAULT_USER_AGENT)
    .addOption(
      new Option('--delay <duration>', 'pause between two requests to the same host (robots.txt Crawl-delay may make it longer)')
        .argParser(parseDuration)
        .default(DEFAULT_DELAY_MS, '1s'),
    )
    .addOption(new Option('--timeout <duration>', 'give up on a request after this long').argParser(parseDuration).default(DEFAULT_TIMEOUT_MS, '30s'))
    .addOption(new Option('--max-bytes <size>', 'largest response body read (10MB, 512KB …)').argParser(parseByteSize).default(DEFAULT_MAX_BYTES, '10MB'));
}

export function webOptionsFrom(opts: Record<string, unknown>): WebOptions {
  return {
    allowPrivate: Boolean(opts.allowPrivate),
    userAgent: opts.userAgent as string | undefined,
    delayMs: opts.delay as number | undefined,
    timeoutMs: opts.timeout as number | undefined,
    maxBytes: opts.maxBytes as number | undefined,
  };
}

/** One line about what the fetcher did, or null when nothing was fetched. */
export function formatWebStats(stats: WebStats): string | null {
  if (stats.feeds + stats.feedsNotModified + stats.pagesFetched + stats.failed + stats.robotsDisallowed === 0) return null;
  const parts = [
    `${stats.feeds + stats.feedsNotModified} feed${stats.feeds + stats.feedsNotModified === 1 ? '' : 's'} (${stats.feedsNotModified} not modified)`,
    `${stats.items} items (${stats.itemsAlreadyStored} already stored)`,
    `${stats.pagesFetched} pages fetched`,
  ];
  if (stats.robotsDisallowed) parts.push(`${stats.robotsDisallowed} disallowed by robots.txt`);
  if (stats.usedFeedContent) parts.push(`${stats.usedFeedContent} from feed content`);
  if (stats.failed) parts.push(`${stats.failed} failed`);
  return `web: ${parts.join(', ')}`;
}
