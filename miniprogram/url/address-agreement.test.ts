import { describe, expect, it } from 'vitest';
import { classifyAddress, literalHostAddress } from '../../server/src/target-policy/policy';
import { parseUrl } from '../../shared/url/parse';
import { ipHostCategory } from './wechat-url-rules';

/**
 * URL hosts in every spelling a user might type, with the category they reach. The server's target
 * policy and the mini-program's WeChat-URL rules read the same address table, so they must agree.
 * (IPv6 forms that hide an IPv4 address are the policy's own business: WeChat refuses every IP host.)
 */
const SHARED_TABLE: Array<[host: string, category: string]> = [
  ['8.8.8.8', 'public'],
  ['134744072', 'public'],
  ['10.0.0.8', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['192.168.1.20', 'private'],
  ['0xc0.0xa8.1.1', 'private'],
  ['3232235777', 'private'],
  ['127.0.0.1', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  ['169.254.1.1', 'link-local'],
  ['169.254.169.254', 'metadata'],
  ['169.254.43518', 'metadata'],
  ['100.100.100.200', 'metadata'],
  ['100.64.0.1', 'cgnat'],
  ['0.0.0.0', 'unspecified'],
  ['0', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['4294967295', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['203.0.113.7', 'documentation'],
  ['3405803783', 'documentation'],
  ['[2001:db8::1]', 'documentation'],
  ['[2606:4700:4700::1111]', 'public'],
  ['[::1]', 'loopback'],
  ['[0:0:0:0:0:0:0:1]', 'loopback'],
  ['[::]', 'unspecified'],
  ['[fc00::1]', 'private'],
  ['[fd12:3456::1]', 'private'],
  ['[fec0::1]', 'private'],
  ['[fe80::1]', 'link-local'],
  ['[fd00:ec2::254]', 'metadata'],
  ['[ff02::1]', 'multicast'],
  ['[100::1]', 'reserved'],
  ['[4000::1]', 'reserved'],
];

describe('the server policy and the mini-program’s URL rules agree on address categories', () => {
  it(`place each of ${SHARED_TABLE.length} IP hosts in the same category`, () => {
    for (const [host, category] of SHARED_TABLE) {
      const url = parseUrl(`https://${host}/`);
      const server = classifyAddress(literalHostAddress(host) ?? '').category;
      const miniprogram = url ? ipHostCategory(url) : null;
      expect({ host, server, miniprogram }).toEqual({ host, server: category, miniprogram: category });
    }
  });
});
