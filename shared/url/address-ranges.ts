/**
 * The one table of special-purpose address ranges (IANA special-purpose registries, RFC 6890 and
 * successors, plus cloud metadata endpoints) and a pure matcher over address bytes. The server's
 * target policy refuses what this table names; the mini-program's WeChat-URL rules read the same
 * table to tell a LAN IP from any other. Order matters: the first match names the category, so
 * single metadata addresses come before the ranges that contain them.
 */
import { ipv4ToBytes, ipv6ToBytes } from './ip-bytes';

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

type AddressRange = { cidr: string; category: AddressCategory; label: string };

/** IPv4 ranges, then IPv6 ranges (for an IPv6 address without an embedded IPv4 one). */
export const ADDRESS_RANGES = [
  {
    cidr: '169.254.169.254/32',
    category: 'metadata',
    label: 'cloud instance metadata (AWS, GCP, Azure, Tencent Cloud …)',
  },
  { cidr: '169.254.170.2/32', category: 'metadata', label: 'AWS ECS task metadata' },
  { cidr: '100.100.100.200/32', category: 'metadata', label: 'Alibaba Cloud instance metadata' },
  { cidr: '0.0.0.0/8', category: 'unspecified', label: '"this network" 0.0.0.0/8' },
  { cidr: '10.0.0.0/8', category: 'private', label: 'private 10.0.0.0/8 (RFC 1918)' },
  {
    cidr: '100.64.0.0/10',
    category: 'cgnat',
    label: 'shared address space 100.64.0.0/10 (carrier-grade NAT)',
  },
  { cidr: '127.0.0.0/8', category: 'loopback', label: 'loopback 127.0.0.0/8' },
  { cidr: '169.254.0.0/16', category: 'link-local', label: 'link-local 169.254.0.0/16' },
  { cidr: '172.16.0.0/12', category: 'private', label: 'private 172.16.0.0/12 (RFC 1918)' },
  { cidr: '192.0.0.0/24', category: 'reserved', label: 'IETF protocol assignments 192.0.0.0/24' },
  { cidr: '192.0.2.0/24', category: 'documentation', label: 'documentation TEST-NET-1 192.0.2.0/24' },
  { cidr: '192.88.99.0/24', category: 'reserved', label: 'deprecated 6to4 relay anycast 192.88.99.0/24' },
  { cidr: '192.168.0.0/16', category: 'private', label: 'private 192.168.0.0/16 (RFC 1918)' },
  { cidr: '198.18.0.0/15', category: 'reserved', label: 'benchmarking 198.18.0.0/15' },
  { cidr: '198.51.100.0/24', category: 'documentation', label: 'documentation TEST-NET-2 198.51.100.0/24' },
  { cidr: '203.0.113.0/24', category: 'documentation', label: 'documentation TEST-NET-3 203.0.113.0/24' },
  { cidr: '224.0.0.0/4', category: 'multicast', label: 'multicast 224.0.0.0/4' },
  { cidr: '255.255.255.255/32', category: 'broadcast', label: 'limited broadcast 255.255.255.255' },
  { cidr: '240.0.0.0/4', category: 'reserved', label: 'reserved 240.0.0.0/4' },

  { cidr: 'fd00:ec2::254/128', category: 'metadata', label: 'AWS instance metadata (IPv6)' },
  { cidr: '::/128', category: 'unspecified', label: 'unspecified ::' },
  { cidr: '::1/128', category: 'loopback', label: 'loopback ::1' },
  { cidr: '64:ff9b:1::/48', category: 'private', label: 'local-use NAT64 64:ff9b:1::/48' },
  { cidr: '100::/64', category: 'reserved', label: 'discard-only 100::/64' },
  { cidr: '2001:db8::/32', category: 'documentation', label: 'documentation 2001:db8::/32' },
  {
    cidr: '2001::/23',
    category: 'reserved',
    label: 'IETF protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID …)',
  },
  { cidr: '3fff::/20', category: 'documentation', label: 'documentation 3fff::/20' },
  { cidr: '5f00::/16', category: 'reserved', label: 'SRv6 SIDs 5f00::/16' },
  { cidr: 'fc00::/7', category: 'private', label: 'unique local fc00::/7' },
  { cidr: 'fe80::/10', category: 'link-local', label: 'link-local fe80::/10' },
  { cidr: 'fec0::/10', category: 'private', label: 'deprecated site-local fec0::/10' },
  { cidr: 'ff00::/8', category: 'multicast', label: 'multicast ff00::/8' },
] as const satisfies readonly AddressRange[];

/** IPv6 global unicast is only 2000::/3; anything else not named above is unassigned. */
const IPV6_GLOBAL_UNICAST = '2000::/3';
const OUTSIDE_GLOBAL_UNICAST: RangeMatch = {
  category: 'reserved',
  label: 'outside global unicast 2000::/3',
  cidr: IPV6_GLOBAL_UNICAST,
};

export type RangeMatch = { category: AddressCategory; label: string; cidr: string };

type Network = { bytes: readonly number[]; prefix: number };

function parseNetwork(cidr: string): Network {
  const [address = '', prefix = ''] = cidr.split('/');
  const bytes = ipv4ToBytes(address) ?? ipv6ToBytes(address);
  if (!bytes) throw new Error(`address-ranges: bad CIDR ${cidr}`);
  return { bytes, prefix: Number(prefix) };
}

function contains(network: Network, bytes: readonly number[]): boolean {
  if (bytes.length !== network.bytes.length) return false;
  for (let bit = 0; bit < network.prefix; bit += 8) {
    const index = bit / 8;
    const width = Math.min(8, network.prefix - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    if (((bytes[index] ?? 0) & mask) !== ((network.bytes[index] ?? 0) & mask)) return false;
  }
  return true;
}

const NETWORKS = ADDRESS_RANGES.map((range) => ({ range, network: parseNetwork(range.cidr) }));
const GLOBAL_UNICAST = parseNetwork(IPV6_GLOBAL_UNICAST);

/**
 * The first range that holds these address bytes (4 for IPv4, 16 for IPv6), or null for a public
 * address. An IPv4 address embedded in IPv6 bytes is not looked for here (the server's policy does).
 */
export function matchAddressBytes(bytes: readonly number[]): RangeMatch | null {
  const hit = NETWORKS.find(({ network }) => contains(network, bytes));
  if (hit) return { category: hit.range.category, label: hit.range.label, cidr: hit.range.cidr };
  if (bytes.length === 16 && !contains(GLOBAL_UNICAST, bytes)) return OUTSIDE_GLOBAL_UNICAST;
  return null;
}

/** The category of these address bytes: `public` when no range holds them. */
export function addressCategoryOf(bytes: readonly number[]): AddressCategory {
  return matchAddressBytes(bytes)?.category ?? 'public';
}
