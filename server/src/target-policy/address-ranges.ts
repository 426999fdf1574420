/**
 * The special-purpose address ranges the probe refuses by default (IANA special-purpose registries,
 * RFC 6890 and successors), plus cloud metadata endpoints. Order matters: the first match names the
 * category, so single metadata addresses come before the ranges that contain them.
 */
import { BlockList } from 'node:net';

export const ADDRESS_CATEGORIES = [
  'public',
  'loopback',
  'private',
  'link-local',
  'cgnat',
  'multicast',
  'unspecified',
  'broadcast',
  'reserved',
  'documentation',
  'metadata',
  'invalid',
] as const;
export type AddressCategory = (typeof ADDRESS_CATEGORIES)[number];

type RangeSpec = readonly [cidr: string, category: AddressCategory, label: string];

const IPV4_RANGES: readonly RangeSpec[] = [
  ['169.254.169.254/32', 'metadata', 'cloud instance metadata (AWS, GCP, Azure, Tencent Cloud …)'],
  ['169.254.170.2/32', 'metadata', 'AWS ECS task metadata'],
  ['100.100.100.200/32', 'metadata', 'Alibaba Cloud instance metadata'],
  ['0.0.0.0/8', 'unspecified', '"this network" 0.0.0.0/8'],
  ['10.0.0.0/8', 'private', 'private 10.0.0.0/8 (RFC 1918)'],
  ['100.64.0.0/10', 'cgnat', 'shared address space 100.64.0.0/10 (carrier-grade NAT)'],
  ['127.0.0.0/8', 'loopback', 'loopback 127.0.0.0/8'],
  ['169.254.0.0/16', 'link-local', 'link-local 169.254.0.0/16'],
  ['172.16.0.0/12', 'private', 'private 172.16.0.0/12 (RFC 1918)'],
  ['192.0.0.0/24', 'reserved', 'IETF protocol assignments 192.0.0.0/24'],
  ['192.0.2.0/24', 'documentation', 'documentation TEST-NET-1 192.0.2.0/24'],
  ['192.88.99.0/24', 'reserved', 'deprecated 6to4 relay anycast 192.88.99.0/24'],
  ['192.168.0.0/16', 'private', 'private 192.168.0.0/16 (RFC 1918)'],
  ['198.18.0.0/15', 'reserved', 'benchmarking 198.18.0.0/15'],
  ['198.51.100.0/24', 'documentation', 'documentation TEST-NET-2 198.51.100.0/24'],
  ['203.0.113.0/24', 'documentation', 'documentation TEST-NET-3 203.0.113.0/24'],
  ['224.0.0.0/4', 'multicast', 'multicast 224.0.0.0/4'],
  ['255.255.255.255/32', 'broadcast', 'limited broadcast 255.255.255.255'],
  ['240.0.0.0/4', 'reserved', 'reserved 240.0.0.0/4'],
];

/** IPv6 ranges checked after the embedded-IPv4 forms (mapped, compatible, NAT64, 6to4). */
const IPV6_RANGES: readonly RangeSpec[] = [
  ['fd00:ec2::254/128', 'metadata', 'AWS instance metadata (IPv6)'],
  ['::/128', 'unspecified', 'unspecified ::'],
  ['::1/128', 'loopback', 'loopback ::1'],
  ['64:ff9b:1::/48', 'private', 'local-use NAT64 64:ff9b:1::/48'],
  ['100::/64', 'reserved', 'discard-only 100::/64'],
  ['2001:db8::/32', 'documentation', 'documentation 2001:db8::/32'],
  ['2001::/23', 'reserved', 'IETF protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID …)'],
  ['3fff::/20', 'documentation', 'documentation 3fff::/20'],
  ['5f00::/16', 'reserved', 'SRv6 SIDs 5f00::/16'],
  ['fc00::/7', 'private', 'unique local fc00::/7'],
  ['fe80::/10', 'link-local', 'link-local fe80::/10'],
  ['fec0::/10', 'private', 'deprecated site-local fec0::/10'],
  ['ff00::/8', 'multicast', 'multicast ff00::/8'],
];

/** Global unicast is only 2000::/3; anything else not named above is unassigned. */
const IPV6_GLOBAL_UNICAST = '2000::/3';

export type RangeMatch = { category: AddressCategory; label: string; cidr: string };

type CompiledRange = RangeMatch & { list: BlockList; family: 'ipv4' | 'ipv6' };

export function cidrBlockList(cidr: string, family: 'ipv4' | 'ipv6'): BlockList {
  const [network = '', prefix = ''] = cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return list;
}

function compile(specs: readonly RangeSpec[], family: 'ipv4' | 'ipv6'): CompiledRange[] {
  return specs.map(([cidr, category, label]) => ({
    cidr,
    category,
    label,
    family,
    list: cidrBlockList(cidr, family),
  }));
}

const compiledV4 = compile(IPV4_RANGES, 'ipv4');
const compiledV6 = compile(IPV6_RANGES, 'ipv6');
const globalUnicast = cidrBlockList(IPV6_GLOBAL_UNICAST, 'ipv6');

export function matchIpv4Range(address: string): RangeMatch | null {
  const hit = compiledV4.find((r) => r.list.check(address, 'ipv4'));
  return hit ? { category: hit.category, label: hit.label, cidr: hit.cidr } : null;
}

/** For an IPv6 address without an embedded IPv4 address. */
export function matchIpv6Range(address: string): RangeMatch | null {
  const hit = compiledV6.find((r) => r.list.check(address, 'ipv6'));
  if (hit) return { category: hit.category, label: hit.label, cidr: hit.cidr };
  if (!globalUnicast.check(address, 'ipv6')) {
    return { category: 'reserved', label: 'outside global unicast 2000::/3', cidr: IPV6_GLOBAL_UNICAST };
  }
  return null;
}
