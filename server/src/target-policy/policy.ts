/**
 * Address safety for the outside probe. The probe runs on a server and fetches URLs strangers type:
 * without this policy it would be an SSRF tool that reads cloud metadata or scans the operator's
 * network. Every address the probe might connect to is classified here first; only `public`
 * addresses pass by default. The operator can relax it (`--allow-private`, `--allow-cidr`).
 */
import { isIP } from 'node:net';
import {
  cidrBlockList,
  matchIpv4Range,
  matchIpv6Range,
  type AddressCategory,
  type RangeMatch,
} from './address-ranges';
import { bareAddress, bytesToIpv4, bytesToIpv6, ipv6ToBytes } from '../../../shared/url/ip-bytes';
import { parseCidr } from '../probe-options/parsers';

export { type AddressCategory } from './address-ranges';
export { literalHostAddress, parseNumericHost } from '../../../shared/url/numeric-host';

/** How an IPv4 address was hidden inside an IPv6 one. */
export type Ipv4Embedding = 'ipv4-mapped' | 'ipv4-translated' | 'ipv4-compatible' | 'nat64' | '6to4';

export type AddressClass = {
  /** canonical text (lowercase IPv6, no zone, no brackets) */
  address: string;
  family: 4 | 6 | null;
  category: AddressCategory;
  allowedByDefault: boolean;
  /** the IPv4 address inside an IPv6 one, when there is one */
  embeddedIpv4: string | null;
  embedding: Ipv4Embedding | null;
  /** human-readable range, e.g. "loopback 127.0.0.0/8" */
  label: string;
};

export type PolicyOptions = { allowPrivate: boolean; allowCidrs: readonly string[] };

export type AddressCheck = {
  address: string;
  category: AddressCategory;
  allowed: boolean;
  /** why it was refused, or which override let a non-public address through; null for public */
  reason: string | null;
};

/** Categories `--allow-private` does not open: reaching them needs an explicit `--allow-cidr`. */
const NEEDS_EXPLICIT_CIDR: readonly AddressCategory[] = ['metadata', 'invalid'];

function embeddedIpv4(bytes: number[]): { v4: string; embedding: Ipv4Embedding } | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return { v4: bytesToIpv4(bytes, 12), embedding: 'ipv4-mapped' };
  }
  // ::ffff:0:a.b.c.d (RFC 2765 SIIT "IPv4-translated")
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) {
    return { v4: bytesToIpv4(bytes, 12), embedding: 'ipv4-translated' };
  }
  // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 are their own categories
  if (zeros(0, 12) && !(zeros(12, 15) && (bytes[15] ?? 0) <= 1)) {
    return { v4: bytesToIpv4(bytes, 12), embedding: 'ipv4-compatible' };
  }
  // 64:ff9b::/96 well-known NAT64 prefix (RFC 6052)
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) {
    return { v4: bytesToIpv4(bytes, 12), embedding: 'nat64' };
  }
  // 2002::/16 6to4 (RFC 3056): the IPv4 address is bytes 2..5
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return { v4: bytesToIpv4(bytes, 2), embedding: '6to4' };
  return null;
}

function fromMatch(address: string, family: 4 | 6, match: RangeMatch | null): AddressClass {
  const category = match?.category ?? 'public';
  return {
    address,
    family,
    category,
    allowedByDefault: category === 'public',
    embeddedIpv4: null,
    embedding: null,
    label: match?.label ?? 'public unicast',
  };
}

/** What kind of address this is. Never throws: unparseable text is category `invalid`. */
export function classifyAddress(address: string): AddressClass {
  const bare = bareAddress(address);
  const family = isIP(bare);
  if (family === 4) return fromMatch(bare, 4, matchIpv4Range(bare));
  if (family !== 6) {
    return {
      address: bare,
      family: null,
      category: 'invalid',
      allowedByDefault: false,
      embeddedIpv4: null,
      embedding: null,
      label: 'not an IP address',
    };
  }
  const bytes = ipv6ToBytes(bare);
  if (!bytes) return { ...classifyAddress('not-an-address'), address: bare };
  const canonical = bytesToIpv6(bytes);
  const inner = embeddedIpv4(bytes);
  if (inner) {
    const v4 = fromMatch(inner.v4, 4, matchIpv4Range(inner.v4));
    // A public IPv4 behind the deprecated compatible form or 6to4 still goes somewhere odd: the
    // compatible form is unroutable, so call it reserved; mapped/NAT64/6to4 reach the IPv4 host.
    const category: AddressCategory =
      v4.category === 'public' && inner.embedding === 'ipv4-compatible' ? 'reserved' : v4.category;
    return {
      address: canonical,
      family: 6,
      category,
      allowedByDefault: category === 'public',
      embeddedIpv4: inner.v4,
      embedding: inner.embedding,
      label: `${inner.embedding} form of ${inner.v4} (${v4.label})`,
    };
  }
  return fromMatch(canonical, 6, matchIpv6Range(canonical));
}

function matchingCidr(klass: AddressClass, cidrs: readonly string[]): string | null {
  for (const text of cidrs) {
    const parsed = parseCidr(text);
    // every entry point parsed its CIDRs already; one that is not a CIDR opens nothing
    if (!parsed.ok) continue;
    const cidr = parsed.value;
    const family = cidr.family === 4 ? 'ipv4' : 'ipv6';
    const list = cidrBlockList(`${cidr.network}/${cidr.prefix}`, family);
    const candidates = [
      klass.family === cidr.family ? klass.address : null,
      cidr.family === 4 ? klass.embeddedIpv4 : null,
    ];
    if (candidates.some((c) => c !== null && list.check(c, family))) return text.trim();
  }
  return null;
}

/** Whether the probe may connect to this address under the operator's options, and why. */
export function checkAddress(address: string, options: PolicyOptions): AddressCheck {
  const klass = classifyAddress(address);
  const base = { address: klass.address, category: klass.category };
  const cidr = matchingCidr(klass, options.allowCidrs);
  if (klass.category === 'public') return { ...base, allowed: true, reason: null };
  if (cidr !== null)
    return { ...base, allowed: true, reason: `${klass.label}: allowed by --allow-cidr ${cidr}` };
  if (options.allowPrivate && !NEEDS_EXPLICIT_CIDR.includes(klass.category)) {
    return { ...base, allowed: true, reason: `${klass.label}: allowed by --allow-private` };
  }
  const hint =
    klass.category === 'invalid'
      ? ''
      : NEEDS_EXPLICIT_CIDR.includes(klass.category)
        ? '; only an explicit --allow-cidr opens it'
        : '; --allow-private or --allow-cidr opens it';
  return { ...base, allowed: false, reason: `refused: ${klass.label}${hint}` };
}
