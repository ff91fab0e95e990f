/**
 * One polite, bounded HTTP GET: only http(s), no private addresses (checked before every
 * hop), redirects followed by hand (at most `maxRedirects`), a timeout per hop, and a body
 * read as a stream that is cut off at `maxBytes`. Politeness (per-host delay, robots.txt)
 * is the caller's: it wraps every hop through `aroundRequest`.
 */
import { assertPublicHost, type HostLookup } from './fetch-address.ts';

export const DEFAULT_USER_AGENT = 'Storyline/0.1 (news-intelligence engine; polite fetcher)';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_REDIRECTS = 5;
/** Pause between two requests to the same host (the session enforces it). */
export const DEFAULT_DELAY_MS = 1000;

export interface FetchOptions {
  userAgent?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Connect to loopback / private addresses too (tests, intranet feeds). */
  allowPrivate?: boolean;
  lookup?: HostLookup;
  /** Cancels the whole fetch (Ctrl-C). */
  signal?: AbortSignal;
  /** Extra request headers (Accept, If-None-Match, If-Modified-Since …). */
  headers?: Record<string, string>;
  /** Runs each hop; the session uses it for robots.txt and the per-host delay. */
  aroundRequest?: <T>(url: URL, request: () => Promise<T>) => Promise<T>;
}

export interface FetchResult {
  /** The URL asked for. */
  requestedUrl: string;
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  /** Empty for 304. */
  body: Buffer;
  /** 304: the validators we sent still match. */
  notModified: boolean;
  redirects: string[];
}

/** A fetch that failed; `transient` failures (network, timeout, 5xx, 429) may work next time. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly transient: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Only http(s) URLs are fetched; anything else (file:, ftp:, javascript:, data:) is refused. */
export function parseFetchableUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchError(`not a valid URL: ${JSON.stringify(input)}`, input, false);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(`refused: only http and https URLs are fetched, not ${url.protocol}`, input, false);
  }
  return url;
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: NodeJS.ErrnoException }).cause;
  if (cause?.code) return `connection failed: ${cause.code}`;
  return `connection failed: ${cause?.message ?? (err as Error).message}`;
}

/** Reads a body stream, giving up as soon as it passes the limit. */
async function readLimited(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FetchError(`response body of ${declared} bytes exceeds the ${maxBytes}-byte limit (--max-bytes)`, url, false);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchError(`response body exceeds the ${maxBytes}-byte limit (--max-bytes); cut off after ${size} bytes`, url, false);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, size);
}

interface HopResult {
  response: Response;
  body: Buffer;
}

/** One request/response, body included, under one timeout. */
async function fetchHop(url: URL, options: FetchOptions, timeoutMs: number, maxBytes: number): Promise<HopResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const fail = (err: unknown): never => {
    if (err instanceof FetchError) throw err;
    if (options.signal?.aborted) throw new FetchError('aborted', url.href, true);
    if (timeout.aborted) throw new FetchError(`timed out after ${timeoutMs / 1000} s`, url.href, true);
    throw new FetchError(describeNetworkError(err), url.href, true);
  };
  let response: Response;
  try {
    response = await fetch(url, {
      redirect: 'manual',
      signal,
      headers: { 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT, ...options.headers },
    });
  } catch (err) {
    return fail(err);
  }
  // Redirects and errors carry no body we want; everything else is read within the limit.
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel().catch(() => {});
    return { response, body: Buffer.alloc(0) };
  }
  try {
    return { response, body: await readLimited(response, maxBytes, url.href) };
  } catch (err) {
    return fail(err);
  }
}

/**
 * GET `input`, following redirects by hand so each hop is checked (scheme, private
 * address) and wrapped by `aroundRequest`. Throws FetchError with a reason that names the
 * failing URL; 304 is a result (`notModified`), not an error.
 */
export async function fetchUrl(input: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const redirects: string[] = [];
  let url = parseFetchableUrl(input);
  for (;;) {
    if (!options.allowPrivate) {
      try {
        await assertPublicHost(url, options.lookup);
      } catch (err) {
        const via = redirects.length ? ` (redirected to ${url.href} from ${redirects.length > 1 ? redirects[redirects.length - 2] : input})` : '';
        throw new FetchError((err as Error).message + via, url.href, false);
      }
    }
    const hop = url;
    const { response, body } = options.aroundRequest
      ? await options.aroundRequest(hop, () => fetchHop(hop, options, timeoutMs, maxBytes))
      : await fetchHop(hop, options, timeoutMs, maxBytes);
    const status = response.status;
    if (status >= 300 && status < 400 && status !== 304) {
      const location = response.headers.get('location');
      if (!location) throw new FetchError(`HTTP ${status} redirect without a Location header`, url.href, false, status);
      if (redirects.length >= maxRedirects) {
        throw new FetchError(
          `too many redirects: more than ${maxRedirects} (${[input, ...redirects].join(' → ')} → ${location})`,
          input,
          false,
          status,
        );
      }
      let next: URL;
      try {
        next = parseFetchableUrl(new URL(location, url).href);
      } catch (err) {
        const reason = err instanceof FetchError ? err.message : `bad Location header ${JSON.stringify(location)}`;
        throw new FetchError(`redirect from ${url.href} to ${location}: ${reason}`, url.href, false, status);
      }
      redirects.push(next.href);
      url = next;
      continue;
    }
    if (status === 304) {
      return { requestedUrl: input, url: url.href, status, headers: response.headers, body, notModified: true, redirects };
    }
    if (status < 200 || status > 299) {
      const transient = status >= 500 || status === 429 || status === 408;
      throw new FetchError(`HTTP ${status}${response.statusText ? ' ' + response.statusText : ''}`, url.href, transient, status);
    }
    return { requestedUrl: input, url: url.href, status, headers: response.headers, body, notModified: false, redirects };
  }
}
