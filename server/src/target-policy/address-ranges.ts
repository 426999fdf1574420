/**
 * The address ranges the probe refuses by default. The table and its matcher over address bytes live
 * in shared/url/address-ranges.ts, because the mini-program's WeChat-URL rules read the same table;
 * this file gives the policy the text-in forms and the operator's `--allow-cidr` as a node BlockList.
 */
import { BlockList } from 'node:net';
import { matchAddressBytes, type RangeMatch } from '../../../shared/url/address-ranges';
import { ipv4ToBytes, ipv6ToBytes } from '../../../shared/url/ip-bytes';

export { type AddressCategory, type RangeMatch } from '../../../shared/url/address-ranges';

export function cidrBlockList(cidr: string, family: 'ipv4' | 'ipv6'): BlockList {
  const [network = '', prefix = ''] = cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), family);
  return list;
}

/** For a dotted-quad IPv4 address; null for public (and for text that is not one). */
export function matchIpv4Range(address: string): RangeMatch | null {
  const bytes = ipv4ToBytes(address);
  return bytes ? matchAddressBytes(bytes) : null;
}

/** For an IPv6 address without an embedded IPv4 address; null for public (and for non-IPv6 text). */
export function matchIpv6Range(address: string): RangeMatch | null {
  const bytes = ipv6ToBytes(address);
  return bytes ? matchAddressBytes(bytes) : null;
}
