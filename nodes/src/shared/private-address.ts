import { isIP } from 'node:net';

/** Why an address is not on the public internet; `null` from `classifyAddress` means it is. */
export type AddressClass =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared (CGNAT)'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'not an IP address';

/** [first address as a 32-bit number, prefix length, class]. Broadcast is inside 240/4. */
const IPV4_RANGES: ReadonlyArray<readonly [number, number, AddressClass]> = [
  [ipv4Number('0.0.0.0'), 8, 'unspecified'],
  [ipv4Number('10.0.0.0'), 8, 'private'],
  [ipv4Number('100.64.0.0'), 10, 'shared (CGNAT)'],
  [ipv4Number('127.0.0.0'), 8, 'loopback'],
  [ipv4Number('169.254.0.0'), 16, 'link-local'],
  [ipv4Number('172.16.0.0'), 12, 'private'],
  [ipv4Number('192.168.0.0'), 16, 'private'],
  [ipv4Number('224.0.0.0'), 4, 'multicast'],
  [ipv4Number('240.0.0.0'), 4, 'reserved'],
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((total, part) => total * 256 + Number(part), 0);
}

function classifyIpv4(address: string): AddressClass | null {
  const value = ipv4Number(address);
  for (const [start, prefix, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - prefix);
    if (value >= start && value < start + size) return kind;
  }
  return null;
}

/** Eight 16-bit groups; a trailing dotted quad (`::ffff:10.0.0.1`) becomes the last two. */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const v4 = ipv4Number(quad[1] as string);
    text = `${text.slice(0, quad.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  const back = parse(tail ?? '');
  const fill = tail === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0);
  return [...front, ...fill, ...back];
}

const groupsToIpv4 = (high: number, low: number): string => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

function classifyIpv6(address: string): AddressClass | null {
  const g = ipv6Groups(address);
  const [g0 = 0, g1 = 0, g2 = 0, , , g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (count: number): boolean => g.slice(0, count).every((group) => group === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  // IPv4 inside IPv6 reaches the IPv4 host, so it is judged as that host:
  // mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d (a NAT64 gateway forwards to it).
  if (zeroUpTo(5) && g5 === 0xffff) return classifyIpv4(groupsToIpv4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((group) => group === 0))
    return classifyIpv4(groupsToIpv4(g6, g7));
  // 6to4 (2002:AABB:CCDD::/16) embeds the IPv4 relay target in groups 1-2.
  if (g0 === 0x2002) return classifyIpv4(groupsToIpv4(g1, g2));
  // The rest of ::/96 is the deprecated IPv4-compatible form: nothing legitimate lives there.
  if (zeroUpTo(6)) return 'reserved';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local, still routed inside some networks
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/**
 * Says why an IP address is not a public internet host (loopback, private, link-local, CGNAT,
 * unique-local, unspecified, multicast, reserved, including their IPv4-mapped forms), or `null`
 * when it is public. Anything that is not an IP address is refused rather than guessed at.
 */
export function classifyAddress(address: string): AddressClass | null {
  const version = isIP(address);
  if (version === 4) return classifyIpv4(address);
  if (version === 6) return classifyIpv6(address);
  return 'not an IP address';
}
