import fc from 'fast-check';
import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bytesToIpv4, bytesToIpv6, ipv4ToBytes, ipv6ToBytes } from './ip-bytes';
import { ADDRESS_RANGES, addressCategoryOf, matchAddressBytes } from './address-ranges';

const matchIpv4Range = (address: string) => matchAddressBytes(ipv4ToBytes(address) ?? []);
const matchIpv6Range = (address: string) => matchAddressBytes(ipv6ToBytes(address) ?? []);

describe('address ranges (one table for the server policy and the mini-program)', () => {
  it('names the first matching range, so metadata addresses win over the ranges around them', () => {
    expect(matchIpv4Range('169.254.169.254')).toMatchObject({ category: 'metadata' });
    expect(matchIpv4Range('169.254.169.253')).toMatchObject({
      category: 'link-local',
      cidr: '169.254.0.0/16',
    });
    expect(matchIpv6Range('fd00:ec2::254')).toMatchObject({ category: 'metadata' });
    expect(matchIpv6Range('fd00:ec2::253')).toMatchObject({ category: 'private' });
  });

  it('treats IPv6 outside global unicast 2000::/3 as reserved and public addresses as no match', () => {
    expect(matchIpv6Range('4000::1')).toMatchObject({ category: 'reserved', cidr: '2000::/3' });
    expect(matchIpv6Range('2606:4700:4700::1111')).toBeNull();
    expect(matchIpv4Range('8.8.8.8')).toBeNull();
    expect(addressCategoryOf([8, 8, 8, 8])).toBe('public');
    expect(addressCategoryOf([172, 31, 255, 255])).toBe('private');
    expect(addressCategoryOf([172, 32, 0, 0])).toBe('public');
  });

  it('matches prefixes bit for bit as node:net BlockList does', () => {
    const blockLists = ADDRESS_RANGES.map((range) => {
      const family = range.cidr.includes(':') ? 'ipv6' : 'ipv4';
      const [network = '', prefix = ''] = range.cidr.split('/');
      const list = new BlockList();
      list.addSubnet(network, Number(prefix), family);
      return { range, family, list };
    });
    const firstHit = (address: string, family: 'ipv4' | 'ipv6') =>
      blockLists.find((r) => r.family === family && r.list.check(address, family))?.range.cidr ?? null;
    // Random addresses, plus the edges of the odd-sized prefixes (/10, /12, /15, /23, /20, /7).
    const v4 = fc.oneof(
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      fc.constantFrom(
        ...[
          [100, 63, 255, 255],
          [100, 128, 0, 0],
          [172, 15, 255, 255],
          [198, 20, 0, 0],
        ].map((b) => Uint8Array.from(b)),
      ),
    );
    fc.assert(
      fc.property(v4, (bytes) => {
        const hit = matchAddressBytes([...bytes]);
        expect(hit?.cidr ?? null).toBe(firstHit(bytesToIpv4(bytes), 'ipv4'));
      }),
      { numRuns: 5000 },
    );
    const prefixed = (first: number[]) =>
      fc
        .uint8Array({ minLength: 16 - first.length, maxLength: 16 - first.length })
        .map((rest) => Uint8Array.from([...first, ...rest]));
    const v6 = fc.oneof(
      fc.uint8Array({ minLength: 16, maxLength: 16 }),
      ...[
        [0x20, 0x01, 0x01],
        [0x20, 0x01, 0x02],
        [0x3f, 0xff],
        [0xfd],
        [0xfb],
        [0xfe],
        [0, 0x64, 0xff, 0x9b, 0, 1],
        [0x01, 0, 0, 0, 0, 0, 0, 0],
      ].map(prefixed),
    );
    fc.assert(
      fc.property(v6, (bytes) => {
        const hit = matchAddressBytes([...bytes]);
        const expected = firstHit(bytesToIpv6(bytes), 'ipv6');
        if (expected !== null) expect(hit?.cidr).toBe(expected);
        else if (hit !== null) expect(hit).toMatchObject({ category: 'reserved', cidr: '2000::/3' });
        else expect(bytes[0]! >> 5).toBe(1);
      }),
      { numRuns: 5000 },
    );
  });
});
