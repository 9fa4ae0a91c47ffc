/**
 * Which push endpoints the server may POST to (the SSRF guard's rules), as pure functions.
 *
 * A push subscription's endpoint is a URL chosen by the browser's push service, but the server
 * only has the client's word for it: anyone signed in could hand in `https://169.254.169.254/…`
 * or a name of a machine on the operator's own network and make the server send requests
 * there. So an endpoint must be `https:` on a public address; the checks that need the network
 * (what a host name resolves to) are in endpoint-guard.ts and apply these rules to each address.
 */

/** Why `url` may not be a push endpoint before any address is looked up, or null. */
export function endpointUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'endpoint must be an absolute https: URL (the push service address the browser gave)';
  }
  // RFC 8030 (§ 8): push services are reached over TLS only, and web-push speaks https alone.
  if (parsed.protocol !== 'https:') return `endpoint must be an https: URL (got ${parsed.protocol})`;
  if (parsed.username || parsed.password) return 'endpoint must not contain a user name or password';
  if (!parsed.hostname) return 'endpoint must name a host';
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
export function addressProblem(address: string): string | null {
  const v4 = parseIPv4(address);
  if (v4 !== null) return ipv4Problem(v4);
  const v6 = parseIPv6(address);
  if (v6 === null) return 'not an IP address';
  return ipv6Problem(v6);
}

/** Whether `address` is a public unicast address a push service may have. */
export function isPublicAddress(address: string): boolean {
  return addressProblem(address) === null;
}

interface Range {
  readonly base: number;
  readonly bits: number;
  readonly what: string;
}

const cidr4 = (text: string, what: string): Range => {
  const [base, bits] = text.split('/');
  return { base: parseIPv4(base)!, bits: Number(bits), what };
};

const IPV4_REFUSED: readonly Range[] = [
  cidr4('0.0.0.0/8', 'an unspecified ("this network") address'),
  cidr4('10.0.0.0/8', 'a private address'),
  cidr4('100.64.0.0/10', 'a carrier-grade NAT (shared) address'),
  cidr4('127.0.0.0/8', 'a loopback address'),
  cidr4('169.254.0.0/16', 'a link-local address (the range of the cloud metadata service)'),
  cidr4('172.16.0.0/12', 'a private address'),
  cidr4('192.0.0.0/24', 'an IETF protocol address'),
  cidr4('192.0.2.0/24', 'a documentation address'),
  cidr4('192.168.0.0/16', 'a private address'),
  cidr4('198.18.0.0/15', 'a benchmarking address'),
  cidr4('198.51.100.0/24', 'a documentation address'),
  cidr4('203.0.113.0/24', 'a documentation address'),
  cidr4('224.0.0.0/4', 'a multicast address'),
  cidr4('240.0.0.0/4', 'a reserved or broadcast address'),
];

function ipv4Problem(value: number): string | null {
  for (const range of IPV4_REFUSED) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if (((value & mask) >>> 0) === ((range.base & mask) >>> 0)) return range.what;
  }
  return null;
}

function ipv6Problem(groups: readonly number[]): string | null {
  const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
  const ipv4 = (high: number, low: number) => ((high << 16) | low) >>> 0;
  const carrying = (problem: string | null) => (problem ? `an IPv6 form of ${problem}` : null);
  if (groups.every((g) => g === 0)) return 'the unspecified address';
  if (zeroUpTo(7) && groups[7] === 1) return 'the loopback address';
  // ::ffff:a.b.c.d (IPv4-mapped): the IPv4 address decides.
  if (zeroUpTo(5) && groups[5] === 0xffff) return carrying(ipv4Problem(ipv4(groups[6], groups[7])));
  // ::a.b.c.d (IPv4-compatible) is deprecated: nothing public uses it.
  if (zeroUpTo(6)) return carrying(ipv4Problem(ipv4(groups[6], groups[7]))) ?? 'an IPv4-compatible address (deprecated)';
  // 64:ff9b::/96 (NAT64) reaches the IPv4 address in its last 32 bits.
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((g) => g === 0)) return carrying(ipv4Problem(ipv4(groups[6], groups[7])));
  // 2002::/16 (6to4) carries an IPv4 address in its next 32 bits.
  if (groups[0] === 0x2002) return carrying(ipv4Problem(ipv4(groups[1], groups[2])));
  if ((groups[0] & 0xfe00) === 0xfc00) return 'a unique local (private) address';
  if ((groups[0] & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((groups[0] & 0xffc0) === 0xfec0) return 'a site-local address (deprecated, private)';
  if ((groups[0] & 0xff00) === 0xff00) return 'a multicast address';
  if (groups[0] === 0x2001 && groups[1] === 0x0db8) return 'a documentation address';
  // Outside 2000::/3 nothing is assigned as global unicast (100::/64 discard, reserved space).
  if ((groups[0] & 0xe000) !== 0x2000) return 'not a global unicast address';
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
