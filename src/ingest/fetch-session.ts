/**
 * A fetch session: everything that must be shared by all the requests of one run so the
 * fetcher is a good citizen — one request at a time per host with a delay between them
 * (the larger of --delay and the host's robots.txt Crawl-delay), robots.txt fetched once
 * per host and honoured on every hop, the conditional-GET state, and which URLs are
 * already stored. The CLI creates one per run (or one for the whole `watch`) and passes it
 * to the readers in their options.
 */
import { fetchUrl, FetchError, DEFAULT_DELAY_MS, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT, type FetchResult } from './fetch.ts';
import type { HostLookup } from './fetch-address.ts';
import { FetchState, fetchStatePath } from './fetch-state.ts';
import { openKnownUrls, type KnownUrls } from './fetch-known-urls.ts';
import { ALLOW_ALL, ROBOTS_MAX_BYTES, isPathAllowed, robotsPolicyFromResponse, type RobotsPolicy } from './robots.ts';

/** robots.txt answers are reused this long (RFC 9309 §2.4 allows up to 24 hours). */
const ROBOTS_TTL_MS = 24 * 3600 * 1000;
/** An unreachable robots.txt is retried sooner. */
const ROBOTS_ERROR_TTL_MS = 3600 * 1000;

export interface WebOptions {
  userAgent?: string;
  /** Minimum pause between two requests to the same host. */
  delayMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
  allowPrivate?: boolean;
  lookup?: HostLookup;
  /** Database: its stored URLs are not fetched again; the fetch state sits next to it. */
  dbPath?: string | null;
  /** Where the fetch state lives; defaults to `<dbPath>.fetch-state.json`, none without a database. */
  statePath?: string | null;
  /** Aborts every request of the session (Ctrl-C). */
  signal?: AbortSignal;
  /** Honour robots.txt (default true; only tests of other behaviour turn it off). */
  robots?: boolean;
}

/** What a session did, for the end-of-run line and the `watch` rounds. */
export interface WebStats {
  feeds: number;
  feedsNotModified: number;
  items: number;
  itemsAlreadyStored: number;
  pagesFetched: number;
  robotsDisallowed: number;
  usedFeedContent: number;
  failed: number;
  /** URLs handed to the pipeline this run, in order. */
  yielded: Array<{ url: string | null; title: string | null }>;
}

export function emptyStats(): WebStats {
  return { feeds: 0, feedsNotModified: 0, items: 0, itemsAlreadyStored: 0, pagesFetched: 0, robotsDisallowed: 0, usedFeedContent: 0, failed: 0, yielded: [] };
}

export class RobotsDisallowedError extends FetchError {}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FetchError('aborted', '', true));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new FetchError('aborted', '', true));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface HostTurn {
  /** Resolves when the previous request to the host has finished. */
  chain: Promise<void>;
  lastEnd: number;
}

export class WebSession {
  readonly userAgent: string;
  readonly state: FetchState;
  readonly stats: WebStats = emptyStats();
  private knownUrls: KnownUrls | null = null;
  private readonly seen = new Set<string>();
  private readonly hosts = new Map<string, HostTurn>();
  private readonly robots = new Map<string, { policy: Promise<RobotsPolicy>; until: number }>();

  constructor(readonly options: WebOptions = {}) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    const statePath = options.statePath !== undefined ? options.statePath : options.dbPath ? fetchStatePath(options.dbPath) : null;
    this.state = new FetchState(statePath);
  }

  /** Opened on first use: a run over local files never touches it. */
  private get known(): KnownUrls {
    this.knownUrls ??= openKnownUrls(this.options.dbPath);
    return this.knownUrls;
  }

  /** In the database now (not just handed to the pipeline). */
  isStored(url: string): boolean {
    return this.known.has(url);
  }

  /** Stored already, handed to the pipeline earlier in this session, or redirected to such a URL. */
  isKnown(url: string): boolean {
    if (this.seen.has(url) || this.known.has(url)) return true;
    const alias = this.state.alias(url);
    return alias !== undefined && (this.seen.has(alias) || this.known.has(alias));
  }

  markYielded(urls: Array<string | null | undefined>, title: string | null): void {
    const list = urls.filter((u): u is string => !!u);
    for (const url of list) this.seen.add(url);
    this.stats.yielded.push({ url: list[list.length - 1] ?? null, title });
  }

  /**
   * Starts a new round (watch): counters reset, robots answers and host pacing kept. What
   * earlier rounds handed over is committed by now and found in the store; what the
   * pipeline rejected is not, and may be fetched again when its feed changes.
   */
  startRound(): void {
    Object.assign(this.stats, emptyStats());
    this.seen.clear();
  }

  /** A GET under the session's rules: robots.txt on every hop, per-host pacing, limits. */
  get(url: string, headers: Record<string, string> = {}): Promise<FetchResult> {
    return fetchUrl(url, {
      userAgent: this.userAgent,
      timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: this.options.maxBytes ?? DEFAULT_MAX_BYTES,
      allowPrivate: this.options.allowPrivate,
      lookup: this.options.lookup,
      signal: this.options.signal,
      headers,
      aroundRequest: async (hop, request) => {
        const policy = this.options.robots === false ? ALLOW_ALL : await this.robotsPolicy(hop);
        if (!isPathAllowed(policy, hop.pathname + hop.search)) {
          this.stats.robotsDisallowed++;
          // An unreachable robots.txt may be back next time; a Disallow rule will not go away.
          throw new RobotsDisallowedError(policy.blockedReason ?? `disallowed by ${hop.origin}/robots.txt for ${this.userAgent}`, hop.href, Boolean(policy.blockedReason));
        }
        return this.inTurn(hop, policy.crawlDelaySeconds, request);
      },
    });
  }

  /** The robots.txt policy for a URL's origin, fetched once and cached. */
  robotsPolicy(url: URL): Promise<RobotsPolicy> {
    const cached = this.robots.get(url.origin);
    if (cached && cached.until > Date.now()) return cached.policy;
    const policy = this.fetchRobots(url);
    const entry = { policy, until: Date.now() + ROBOTS_TTL_MS };
    this.robots.set(url.origin, entry);
    policy.then((p) => {
      if (p.blockedReason) entry.until = Date.now() + ROBOTS_ERROR_TTL_MS;
    }, () => {});
    return policy;
  }

  private async fetchRobots(url: URL): Promise<RobotsPolicy> {
    const robotsUrl = `${url.origin}/robots.txt`;
    try {
      const result = await fetchUrl(robotsUrl, {
        userAgent: this.userAgent,
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBytes: ROBOTS_MAX_BYTES,
        allowPrivate: this.options.allowPrivate,
        lookup: this.options.lookup,
        signal: this.options.signal,
        headers: { accept: 'text/plain, */*;q=0.5' },
        aroundRequest: (hop, request) => this.inTurn(hop, null, request),
      });
      return robotsPolicyFromResponse({ status: result.status, text: result.body.toString('utf8') }, this.userAgent);
    } catch (err) {
      const fetchError = err as FetchError;
      return robotsPolicyFromResponse({ error: fetchError.message, status: fetchError.status }, this.userAgent);
    }
  }

  /** Runs a request when it is the host's turn: after the previous one ended plus the delay. */
  private inTurn<T>(url: URL, crawlDelaySeconds: number | null, request: () => Promise<T>): Promise<T> {
    const key = url.host;
    const turn = this.hosts.get(key) ?? { chain: Promise.resolve(), lastEnd: 0 };
    this.hosts.set(key, turn);
    const delay = Math.max(this.options.delayMs ?? DEFAULT_DELAY_MS, (crawlDelaySeconds ?? 0) * 1000);
    const run = turn.chain.then(async () => {
      await sleep(turn.lastEnd + delay - Date.now(), this.options.signal);
      try {
        return await request();
      } finally {
        turn.lastEnd = Date.now();
      }
    });
    turn.chain = run.then(
      () => {},
      () => {},
    );
    return run;
  }

  /** Writes the fetch state; call after the pipeline has committed what was read. */
  saveState(): void {
    this.state.save();
  }

  close(): void {
    this.knownUrls?.close();
    this.knownUrls = null;
  }
}
