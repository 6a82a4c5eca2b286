import { DomainError } from './errors';

/**
 * API.md, WEBHOOK_ALLOW_PRIVATE_TARGETS: webhook URLs must resolve to public addresses, checked at registration
 * and again at each delivery against the address connected to. Everything here is pure: the caller passes in
 * how names resolve.
 */

/** What an address is, when it is not one anybody on the internet could be reached at. */
export type NonPublicAddress =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local (cloud metadata lives here)'
  | 'shared (carrier-grade NAT)'
  | 'unique local'
  | 'multicast'
  | 'reserved';

type Range = [prefix: bigint, bits: number, kind: NonPublicAddress];

const v4 = (dotted: string, bits: number, kind: NonPublicAddress): Range => [BigInt(ipv4ToNumber(dotted)!), bits, kind];
const IPV4_RANGES: Range[] = [
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared (carrier-grade NAT)'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local (cloud metadata lives here)'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'), // IETF protocol assignments
  v4('192.0.2.0', 24, 'reserved'), // documentation
  v4('192.88.99.0', 24, 'reserved'), // 6to4 relays
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'), // benchmarking
  v4('198.51.100.0', 24, 'reserved'),
  v4('203.0.113.0', 24, 'reserved'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'), // and 255.255.255.255
];

const v6 = (hex: string, bits: number, kind: NonPublicAddress): Range => [ipv6ToBigInt(hex)!, bits, kind];
const IPV6_RANGES: Range[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('64:ff9b:1::', 48, 'private'), // local-use NAT64
  v6('100::', 64, 'reserved'), // discard
  v6('2001::', 23, 'reserved'), // IETF protocol assignments: Teredo, benchmarking, ORCHID
  v6('2001:db8::', 32, 'reserved'), // documentation
  v6('fc00::', 7, 'unique local'),
  v6('fe80::', 10, 'link-local (cloud metadata lives here)'),
  v6('fec0::', 10, 'private'), // site-local, deprecated
  v6('ff00::', 8, 'multicast'),
];

/**
 * IPv6 forms that carry an IPv4 address, which is what is reached: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible
 * (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d); 6to4 (2002:aabb:ccdd::) has it in bits 16-48.
 */
function embeddedIpv4(address: bigint): number | null {
  const top96 = address >> 32n;
  if (top96 === 0xffffn || top96 === 0n || top96 === 0x64ff9b0000000000000000n) return Number(address & 0xffffffffn);
  if (address >> 112n === 0x2002n) return Number((address >> 80n) & 0xffffffffn);
  return null;
}

/** The kind of a non-public address, null for a public one; throws for something that is not an IP address. */
export function nonPublicAddress(ip: string): NonPublicAddress | null {
  const asV4 = ipv4ToNumber(ip);
  if (asV4 !== null) return inRanges(BigInt(asV4), 32, IPV4_RANGES);
  const asV6 = ipv6ToBigInt(ip);
  if (asV6 === null) throw new Error(`${ip} is not an IP address`);
  if (asV6 !== 0n && asV6 !== 1n) {
    const inner = embeddedIpv4(asV6);
    if (inner !== null) return inRanges(BigInt(inner), 32, IPV4_RANGES);
  }
  // Only 2000::/3 is global unicast; everything outside it is reserved.
  if (asV6 >> 125n !== 1n) return inRanges(asV6, 128, IPV6_RANGES) ?? 'reserved';
  return inRanges(asV6, 128, IPV6_RANGES);
}

function inRanges(address: bigint, width: number, ranges: Range[]): NonPublicAddress | null {
  for (const [prefix, bits, kind] of ranges) {
    const shift = BigInt(width - bits);
    if (address >> shift === prefix >> shift) return kind;
  }
  return null;
}

/** Dotted decimal only: URLs are parsed the WHATWG way first, which turns 2130706433, 0x7f.1 or 0177.0.0.1 into it. */
function ipv4ToNumber(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) return null;
  return parts.reduce((n, part) => n * 256 + Number(part), 0);
}

function ipv6ToBigInt(ip: string): bigint | null {
  let text = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (!text.includes(':') || text.includes('%')) return null;
  // A trailing dotted IPv4 counts as the last two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const quad = ipv4ToNumber(dotted[2]);
    if (quad === null) return null;
    text = `${dotted[1]}${(quad >>> 16).toString(16)}:${(quad & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return all.reduce((n, group) => (n << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** How a host name resolves: every address it has. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface WebhookTarget {
  url: URL;
  /** The host name as the URL gives it (brackets removed): for the Host header and TLS. */
  hostname: string;
  /** The address that was checked: the one to connect to, so a second lookup cannot answer otherwise. */
  address: string;
}

/**
 * Resolves a webhook URL's host once and, unless private targets are allowed, refuses it (validation_failed on
 * `url`) when any of its addresses is not public: a name with one public and one private address could be
 * connected to either.
 */
export async function resolveWebhookTarget(rawUrl: string, resolve: ResolveHost, allowPrivate: boolean): Promise<WebhookTarget> {
  const refuse = (why: string) => new DomainError('validation_failed', `url ${why}`, 'url');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw refuse('must be an http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('must be an http or https URL');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const literal = ipv4ToNumber(hostname) !== null || ipv6ToBigInt(hostname) !== null;
  let addresses: string[];
  try {
    addresses = literal ? [hostname] : await resolve(hostname);
  } catch (error) {
    throw refuse(`host ${hostname} does not resolve (${(error as { code?: string }).code ?? (error as Error).message})`);
  }
  if (addresses.length === 0) throw refuse(`host ${hostname} does not resolve`);
  if (!allowPrivate) {
    for (const address of addresses) {
      const kind = nonPublicAddress(address);
      if (kind) throw refuse(`must reach a public address; ${hostname} is ${literal ? '' : `${address}, `}${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address`);
    }
  }
  return { url, hostname, address: addresses[0] };
}
