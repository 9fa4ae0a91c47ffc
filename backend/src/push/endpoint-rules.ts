/**
 * Which push endpoints the server may POST to (the SSRF guard's rules), as pure functions.
 *
 * A push subscription's endpoint is a URL chosen by the browser's push service, but the server
 * only has the client's word for it: anyone signed in could hand in `https://169.254.169.254/…`
 * or a name of a machine on the operator's own network and make the server send requests
 * there. So an endpoint must be `https:` on a public address; the checks that need the network
 * (what a host name resolves to) are in endpoint-guard.ts and apply these rules to each address.
 */
import { ServerText, text, TextKey } from '../i18n/server-text';

const field = 'endpoint';

/** Why `url` may not be a push endpoint before any address is looked up, or null. */
export function endpointUrlProblem(url: string): ServerText | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return text('push.endpointNotAbsolute', { field });
  }
  // RFC 8030 (§ 8): push services are reached over TLS only, and web-push speaks https alone.
  if (parsed.protocol !== 'https:') return text('push.endpointNotHttps', { field, protocol: parsed.protocol });
  if (parsed.username || parsed.password) return text('push.endpointCredentials', { field });
  if (!parsed.hostname) return text('push.endpointNoHost', { field });
  return null;
}

/**
 * The host of an endpoint URL as an IP address when it is one (`[::1]` → `::1`), else null.
 * The WHATWG URL parser has already turned the odd spellings of IPv4 (`2130706433`, `0x7f.1`)
 * into dotted quads.
 */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (parseIPv4(bare) !== null) return bare;
  if (parseIPv6(bare) !== null) return bare;
  return null;
}

/**
 * What `address` (IPv4 or IPv6 text) is when it is not a public unicast address (such as
 * "a loopback address"), or null when it is one. Refused: unspecified, loopback, private
 * (RFC 1918, unique local fc00::/7), carrier-grade NAT (100.64/10), link-local (169.254/16 with
 * the cloud metadata address 169.254.169.254, fe80::/10), multicast, reserved, benchmarking and
 * documentation ranges, and the IPv6 forms that carry an IPv4 address (IPv4-mapped
 * ::ffff:a.b.c.d, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) when that one is refused.
 */
export function addressProblem(address: string): ServerText | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return ipv4Problem(v4);
  const v6 = parseIPv6(address);
  if (v6 === null) return text('push.address.notIp');
  return ipv6Problem(v6);
}

/** Whether `address` is a public unicast address a push service may have. */
export function isPublicAddress(address: string): boolean {
  return addressProblem(address) === null;
}

interface Range {
  readonly base: number;
  readonly bits: number;
  readonly what: ServerText;
}

const cidr4 = (range: string, what: TextKey): Range => {
  const [base, bits] = range.split('/');
  return { base: parseIPv4(base)!, bits: Number(bits), what: text(what) };
};

const IPV4_REFUSED: readonly Range[] = [
  cidr4('0.0.0.0/8', 'push.address.thisNetwork'),
  cidr4('10.0.0.0/8', 'push.address.private'),
  cidr4('100.64.0.0/10', 'push.address.carrierNat'),
  cidr4('127.0.0.0/8', 'push.address.loopback'),
  cidr4('169.254.0.0/16', 'push.address.linkLocalMetadata'),
  cidr4('172.16.0.0/12', 'push.address.private'),
  cidr4('192.0.0.0/24', 'push.address.ietfProtocol'),
  cidr4('192.0.2.0/24', 'push.address.documentation'),
  cidr4('192.168.0.0/16', 'push.address.private'),
  cidr4('198.18.0.0/15', 'push.address.benchmarking'),
  cidr4('198.51.100.0/24', 'push.address.documentation'),
  cidr4('203.0.113.0/24', 'push.address.documentation'),
  cidr4('224.0.0.0/4', 'push.address.multicast'),
  cidr4('240.0.0.0/4', 'push.address.reserved'),
];

function ipv4Problem(value: number): ServerText | null {
  for (const range of IPV4_REFUSED) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if (((value & mask) >>> 0) === ((range.base & mask) >>> 0)) return range.what;
  }
  return null;
}

function ipv6Problem(groups: readonly number[]): ServerText | null {
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  const ipv4 = (high: number, low: number) => ((high << 16) | low) >>> 0;
  const carrying = (problem: ServerText | null) => (problem ? text('push.address.ipv6FormOf', { what: problem }) : null);
  if (groups.every((g) => g === 0)) return text('push.address.unspecified');
  if (zeroUpTo(7) && groups[7] === 1) return text('push.address.theLoopback');
  // ::ffff:a.b.c.d (IPv4-mapped): the IPv4 address decides.
  if (zeroUpTo(5) && groups[5] === 0xffff) return carrying(ipv4Problem(ipv4(groups[6], groups[7])));
  // ::a.b.c.d (IPv4-compatible) is deprecated: nothing public uses it.
  if (zeroUpTo(6)) return carrying(ipv4Problem(ipv4(groups[6], groups[7]))) ?? text('push.address.ipv4Compatible');
  // 64:ff9b::/96 (NAT64) reaches the IPv4 address in its last 32 bits.
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return carrying(ipv4Problem(ipv4(groups[6], groups[7])));
  // 2002::/16 (6to4) carries an IPv4 address in its next 32 bits.
  if (groups[0] === 0x2002) return carrying(ipv4Problem(ipv4(groups[1], groups[2])));
  if ((groups[0] & 0xfe00) === 0xfc00) return text('push.address.uniqueLocal');
  if ((groups[0] & 0xffc0) === 0xfe80) return text('push.address.linkLocal');
  if ((groups[0] & 0xffc0) === 0xfec0) return text('push.address.siteLocal');
  if ((groups[0] & 0xff00) === 0xff00) return text('push.address.multicast');
  if (groups[0] === 0x2001 && groups[1] === 0x0db8) return text('push.address.documentation');
  // Outside 2000::/3 nothing is assigned as global unicast (100::/64 discard, reserved space).
  if ((groups[0] & 0xe000) !== 0x2000) return text('push.address.notGlobalUnicast');
  return null;
}

/** A dotted quad as a 32-bit number, or null. Only the plain form: URLs arrive normalised. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** An IPv6 address (with `::`, an IPv4 tail, a zone id) as eight 16-bit groups, or null. */
export function parseIPv6(text: string): number[] | null {
  let rest = text;
  const zone = rest.indexOf('%');
  if (zone >= 0) rest = rest.slice(0, zone);
  if (!rest.includes(':') || !/^[0-9a-fA-F:.]+$/.test(rest)) return null;
  let tail: number[] = [];
  const lastColon = rest.lastIndexOf(':');
  const last = rest.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (v4 === null) return null;
    tail = [v4 >>> 16, v4 & 0xffff];
    rest = `${rest.slice(0, lastColon + 1)}0`; // a placeholder group, dropped below
  }
  const halves = rest.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]);
  const back = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (tail.length) (halves.length === 2 ? back : head).pop();
  const explicit = [...head, ...back];
  if (explicit.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const total = explicit.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const zeros = Array<number>(8 - total).fill(0);
  const parse = (g: string) => parseInt(g, 16);
  return [...head.map(parse), ...zeros, ...back.map(parse), ...tail].slice(0, 8);
}
