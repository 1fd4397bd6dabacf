import { isIP } from 'node:net';

/**
 * What kind of network an IP address belongs to: whether a connection to it stays on the internet, or reaches
 * this machine, the local network or some address that is not meant to be connected to. Pure: no DNS here.
 */

export type AddressKind = 'public' | 'loopback' | 'unspecified' | 'private' | 'shared' | 'link-local' | 'multicast' | 'reserved';

interface Range {
  /** The first bytes of the prefix (16 bytes for IPv6, 4 for IPv4), enough to cover `bits`. */
  readonly prefix: readonly number[];
  readonly bits: number;
  readonly kind: Exclude<AddressKind, 'public'>;
}

const V4_RANGES: readonly Range[] = [
  { prefix: [0], bits: 8, kind: 'unspecified' }, // "this network", 0.0.0.0 reaches this machine on Linux
  { prefix: [10], bits: 8, kind: 'private' },
  { prefix: [100, 64], bits: 10, kind: 'shared' }, // carrier-grade NAT
  { prefix: [127], bits: 8, kind: 'loopback' },
  { prefix: [169, 254], bits: 16, kind: 'link-local' }, // cloud metadata services live here
  { prefix: [172, 16], bits: 12, kind: 'private' },
  { prefix: [192, 0, 0], bits: 24, kind: 'reserved' }, // IETF protocol assignments
  { prefix: [192, 0, 2], bits: 24, kind: 'reserved' }, // documentation
  { prefix: [192, 168], bits: 16, kind: 'private' },
  { prefix: [198, 18], bits: 15, kind: 'reserved' }, // benchmarking
  { prefix: [198, 51, 100], bits: 24, kind: 'reserved' }, // documentation
  { prefix: [203, 0, 113], bits: 24, kind: 'reserved' }, // documentation
  { prefix: [224], bits: 4, kind: 'multicast' },
  { prefix: [240], bits: 4, kind: 'reserved' }, // and 255.255.255.255, broadcast
];

const V6_RANGES: readonly Range[] = [
  { prefix: [0x01, 0x00], bits: 64, kind: 'reserved' }, // 100::/64, discard-only
  { prefix: [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], bits: 48, kind: 'private' }, // 64:ff9b:1::/48, local-use NAT64
  { prefix: [0x20, 0x01, 0x0d, 0xb8], bits: 32, kind: 'reserved' }, // 2001:db8::/32, documentation
  { prefix: [0xfc], bits: 7, kind: 'private' }, // fc00::/7, unique local
  { prefix: [0xfe, 0x80], bits: 10, kind: 'link-local' }, // fe80::/10
  { prefix: [0xfe, 0xc0], bits: 10, kind: 'private' }, // fec0::/10, the deprecated site-local
  { prefix: [0xff], bits: 8, kind: 'multicast' },
];

function inRange(bytes: readonly number[], range: Range): boolean {
  for (let bit = 0; bit < range.bits; bit += 8) {
    const mask = range.bits - bit >= 8 ? 0xff : (0xff << (8 - (range.bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((range.prefix[bit / 8] ?? 0) & mask)) {
      return false;
    }
  }
  return true;
}

function parseV4(text: string): number[] {
  return text.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 address (net.isIP checked), a trailing dotted quad included. */
function parseV6(text: string): number[] {
  let head = text;
  let tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    head = `${dotted[1]}0:0`; // two groups stand for the IPv4 address, set below
    tail = parseV4(dotted[2] ?? '');
  }
  const [left = '', right] = head.split('::');
  const groupsOf = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const leftGroups = groupsOf(left);
  const rightGroups = right === undefined ? [] : groupsOf(right);
  const groups = [...leftGroups, ...new Array<number>(8 - leftGroups.length - rightGroups.length).fill(0), ...rightGroups];
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  if (tail.length === 4) {
    bytes.splice(12, 4, ...tail);
  }
  return bytes;
}

function classifyV4(bytes: readonly number[]): AddressKind {
  return V4_RANGES.find((range) => inRange(bytes, range))?.kind ?? 'public';
}

function classifyV6(bytes: readonly number[]): AddressKind {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (zeros(0, 10)) {
    if (bytes[10] === 0xff && bytes[11] === 0xff) {
      return classifyV4(bytes.slice(12)); // ::ffff:a.b.c.d, IPv4-mapped: Node connects to the IPv4 address
    }
    if (zeros(10, 12)) {
      if (zeros(12, 15)) {
        return bytes[15] === 1 ? 'loopback' : bytes[15] === 0 ? 'unspecified' : 'reserved';
      }
      return 'reserved'; // ::a.b.c.d, the deprecated IPv4-compatible form
    }
  }
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return classifyV4(bytes.slice(12)); // 64:ff9b::a.b.c.d, NAT64: a gateway connects to the IPv4 address
  }
  if (bytes[0] === 0x20 && bytes[1] === 0x02) {
    return classifyV4(bytes.slice(2, 6)); // 2002:aabb:ccdd::/48, 6to4: the IPv4 address is a relay's
  }
  return V6_RANGES.find((range) => inRange(bytes, range))?.kind ?? 'public';
}

/**
 * The kind of an IP address (`10.0.0.5`, `::1`, `[fe80::1]`, `fe80::1%eth0`), or undefined for anything that is
 * not one (a host name). IPv4 addresses inside IPv6 ones (mapped, NAT64, 6to4) count as the IPv4 address.
 */
export function classifyAddress(address: string): AddressKind | undefined {
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  switch (isIP(text)) {
    case 4:
      return classifyV4(parseV4(text));
    case 6:
      return classifyV6(parseV6(text));
    default:
      return undefined;
  }
}

/** `a private address`, for messages. */
export function describeAddressKind(kind: AddressKind): string {
  switch (kind) {
    case 'public':
      return 'a public address';
    case 'loopback':
      return 'a loopback address (this machine)';
    case 'unspecified':
      return 'an unspecified address (this machine)';
    case 'private':
      return 'a private address';
    case 'shared':
      return 'a carrier-grade NAT address';
    case 'link-local':
      return 'a link-local address';
    case 'multicast':
      return 'a multicast address';
    case 'reserved':
      return 'a reserved address';
  }
}

/**
 * Whether a server named by `hostname` (as in a URL, IPv6 in brackets) is on the public internet, judged from
 * the name alone: an IP address by its kind, `localhost` and names under `.localhost` as this machine, and any
 * other name as public. For the API base URL: from a server on this machine or the local network (the sandbox,
 * a company-internal server by address), photos may come from the local network too.
 */
export function isPublicHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return false;
  }
  const kind = classifyAddress(host);
  return kind === undefined || kind === 'public';
}
