/**
 * Which network addresses a fetch may connect to. Feeds and pages come from URLs that other
 * people wrote, so a link to http://127.0.0.1:6379/ or to a cloud metadata address
 * (169.254.169.254) must not turn Storyline into a proxy into the local network. Every
 * address a host name resolves to is checked — one private answer is enough to refuse —
 * and the check runs again on every redirect.
 */
import dns from 'node:dns/promises';
import net from 'node:net';

/** IPv4 ranges that are not the public internet (RFC 6890 and friends): [network, prefix, why]. */
const PRIVATE_IPV4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'this network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || +part > 255) return null;
    value = value * 256 + +part;
  }
  return value;
}

function inIpv4Range(value: number, network: string, prefix: number): boolean {
  const base = ipv4ToNumber(network)!;
  const size = 2 ** (32 - prefix);
  return value >= base && value < base + size;
}

/** Why an IPv4 address is not public, or null when it is. */
function privateIpv4Reason(address: string): string | null {
  const value = ipv4ToNumber(address);
  if (value === null) return 'unparseable IPv4 address';
  for (const [network, prefix, why] of PRIVATE_IPV4) if (inIpv4Range(value, network, prefix)) return why;
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
export function ipv6Groups(address: string): number[] | null {
  let text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToNumber(dotted[1]);
    if (v4 === null) return null;
    text = text.slice(0, -dotted[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const out: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(group)) return null;
    out.push(parseInt(group, 16));
  }
  return out;
}

function groupsToIpv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Why an IPv6 address is not public, or null when it is. IPv4 carried inside is checked as IPv4. */
function privateIpv6Reason(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return 'unparseable IPv6 address';
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped), ::a.b.c.d (IPv4-compatible, deprecated), 64:ff9b::a.b.c.d (NAT64).
  const mapped = zeroUpTo(5) && g[5] === 0xffff;
  const compatible = zeroUpTo(6);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || compatible || nat64) {
    const inner = privateIpv4Reason(groupsToIpv4(g[6], g[7]));
    return inner ? `${inner} (IPv4 inside IPv6)` : null;
  }
  // 6to4 (2002:a.b.c.d::/48) carries an IPv4 address in groups 1–2.
  if (g[0] === 0x2002) {
    const inner = privateIpv4Reason(groupsToIpv4(g[1], g[2]));
    return inner ? `${inner} (IPv4 inside 6to4)` : null;
  }
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local (deprecated)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x0100 && zeroUpTo(4)) return 'discard-only';
  return null;
}

/** Why an IP address (v4 or v6) must not be fetched from, or null when it is public. */
export function privateAddressReason(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (net.isIPv4(bare)) return privateIpv4Reason(bare);
  if (net.isIPv6(bare.replace(/%.*$/, ''))) return privateIpv6Reason(bare);
  return 'not an IP address';
}

export function isPrivateAddress(address: string): boolean {
  return privateAddressReason(address) !== null;
}

/** Resolves a host name to all its addresses (injectable so tests need no DNS). */
export type HostLookup = (hostname: string) => Promise<string[]>;

export const systemLookup: HostLookup = async (hostname) => {
  const answers = await dns.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
};

export class AddressRefusedError extends Error {}

/**
 * Refuses (throws AddressRefusedError) when the URL's host is, or resolves to, any
 * non-public address. Runs before any connection is opened.
 */
export async function assertPublicHost(url: URL, lookup: HostLookup = systemLookup): Promise<void> {
  // URL keeps IPv6 literals in brackets and has already normalised odd IPv4 forms
  // (http://2130706433/, http://0x7f.1/) to dotted quads.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = net.isIP(host) !== 0;
  let addresses: string[];
  if (literal) addresses = [host];
  else {
    try {
      addresses = await lookup(host);
    } catch (err) {
      throw new Error(`cannot resolve host ${host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (addresses.length === 0) throw new Error(`cannot resolve host ${host}: no addresses`);
  }
  for (const address of addresses) {
    const reason = privateAddressReason(address);
    if (reason) {
      const which = literal ? `${address} is` : `${host} resolves to ${address}, which is`;
      throw new AddressRefusedError(`refused: ${which} not a public address (${reason}); use --allow-private to fetch from it`);
    }
  }
}
