/**
 * robots.txt as RFC 9309 describes it: groups of `User-agent` lines with `Allow` /
 * `Disallow` rules, the longest matching rule wins (Allow on a tie), `*` and `$` in
 * patterns, and the non-standard but widely used `Crawl-delay`. Pure: fetching and caching
 * live in fetch-session.ts.
 */

export interface RobotsRule {
  allow: boolean;
  /** The path pattern as written (normalised percent-encoding). */
  pattern: string;
}

export interface RobotsGroup {
  /** Lower-cased product tokens from the group's User-agent lines ("*" for all). */
  agents: string[];
  rules: RobotsRule[];
  crawlDelaySeconds: number | null;
}

/** What one crawler may do on one host. */
export interface RobotsPolicy {
  rules: RobotsRule[];
  crawlDelaySeconds: number | null;
  /** Set when the whole host is off limits for a reason other than rules (robots.txt unreachable). */
  blockedReason?: string;
}

export const ALLOW_ALL: RobotsPolicy = { rules: [], crawlDelaySeconds: null };

/** RFC 9309 §2.5: parsers must read at least 500 KiB; beyond that we stop. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

/** Percent-encoding normalised so /caf%c3%a9, /café and /caf%C3%A9 compare equal. */
function normalisePath(path: string): string {
  let out = '';
  for (const char of path) {
    if (char.charCodeAt(0) > 0x7e || char === ' ') out += encodeURIComponent(char);
    else out += char;
  }
  return out.replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

/** The product token of a User-Agent string: "Storyline/0.1 (…)" → "storyline". */
export function productToken(userAgent: string): string {
  const match = /^[A-Za-z_-]+/.exec(userAgent.trim());
  return (match ? match[0] : userAgent.trim()).toLowerCase();
}

/** Parses robots.txt text into its groups; unknown lines and lines outside a group are ignored. */
export function parseRobots(text: string): RobotsGroup[] {
  const groups: RobotsGroup[] = [];
  let current: RobotsGroup | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase().replace(/[\s_]/g, '-');
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent' || key === 'useragent') {
      // Consecutive User-agent lines share one group; one after rules starts a new group.
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelaySeconds: null };
        groups.push(current);
      }
      current.agents.push(value === '*' ? '*' : productToken(value));
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      // "Disallow:" with no path allows everything: it adds no rule.
      if (value) current.rules.push({ allow: key === 'allow', pattern: normalisePath(value) });
    } else if (key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0 && current.crawlDelaySeconds === null) current.crawlDelaySeconds = seconds;
    }
  }
  return groups;
}

/** The rules for one crawler: every group naming its product token, else every "*" group. */
export function robotsPolicyFor(groups: RobotsGroup[], userAgent: string): RobotsPolicy {
  const token = productToken(userAgent);
  let chosen = groups.filter((g) => g.agents.includes(token));
  if (chosen.length === 0) chosen = groups.filter((g) => g.agents.includes('*'));
  const delays = chosen.map((g) => g.crawlDelaySeconds).filter((d): d is number => d !== null);
  return { rules: chosen.flatMap((g) => g.rules), crawlDelaySeconds: delays.length ? Math.max(...delays) : null };
}

const patternCache = new Map<string, RegExp>();

function patternRegExp(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const anchored = pattern.endsWith('$');
    const body = (anchored ? pattern.slice(0, -1) : pattern)
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp('^' + body + (anchored ? '$' : ''));
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re;
}

/** May the crawler fetch this path (with query)? Longest matching rule decides; Allow wins ties. */
export function isPathAllowed(policy: RobotsPolicy, pathWithQuery: string): boolean {
  if (policy.blockedReason) return false;
  const path = normalisePath(pathWithQuery || '/');
  if (path === '/robots.txt') return true;
  let best: RobotsRule | null = null;
  for (const rule of policy.rules) {
    if (!patternRegExp(rule.pattern).test(path)) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) {
      best = rule;
    }
  }
  return best ? best.allow : true;
}

/** The policy a robots.txt response implies (RFC 9309 §2.3.1). */
export function robotsPolicyFromResponse(
  outcome: { status: number; text: string } | { error: string; status?: number },
  userAgent: string,
): RobotsPolicy {
  if ('text' in outcome) {
    if (outcome.status >= 200 && outcome.status < 300) return robotsPolicyFor(parseRobots(outcome.text), userAgent);
  }
  const status = outcome.status;
  // "Unavailable" (4xx, or more than five redirects): no rules apply.
  // "Unreachable" (5xx, network): assume complete disallow.
  if (status !== undefined && status >= 300 && status < 500 && status !== 429) return ALLOW_ALL;
  const reason = 'error' in outcome ? outcome.error : `HTTP ${status}`;
  return { rules: [], crawlDelaySeconds: null, blockedReason: `robots.txt unreachable (${reason}): not fetching from this host` };
}
