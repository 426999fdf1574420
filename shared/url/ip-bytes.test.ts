import fc from 'fast-check';
import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bytesToIpv6, ipv4ToBytes, ipv6ToBytes } from './ip-bytes';

const IPV6_SPELLINGS = [
  '::',
  '::1',
  '1::',
  '1:2:3:4:5:6:7::',
  '::2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8',
  '::ffff:127.0.0.1',
  '::ffff:01.2.3.4',
  '64:ff9b::8.8.8.8',
  'FE80::1',
  '1:2:3:4:5:6:7:8::',
  '1::2::3',
  ':::1',
  '1:::2',
  ':1::2',
  '1::2:',
  '12345::1',
  '::g',
  '1.2.3.4',
  '1:2:3:4:5:6:7',
  '1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4',
  '',
  ':',
];

describe('IP text to bytes without node:net', () => {
  it('accepts exactly the IPv6 spellings node:net accepts', () => {
    for (const text of IPV6_SPELLINGS)
      expect({ text, ok: ipv6ToBytes(text) !== null }).toEqual({ text, ok: isIPv6(text) });
    const group = fc.constantFrom('0', '1', 'ffff', 'abcd', '12345', 'g', '', '1.2.3.4', '01.2.3.4');
    const text = fc
      .array(group, { maxLength: 10 })
      .chain((groups) =>
        fc.constantFrom(
          groups.join(':'),
          groups.join('::'),
          `${groups.join(':')}::`,
          `::${groups.join(':')}`,
        ),
      );
    fc.assert(fc.property(text, (t) => (ipv6ToBytes(t) !== null) === isIPv6(t)));
  });

  it('accepts exactly the dotted quads node:net accepts', () => {
    const part = fc.constantFrom('0', '1', '09', '255', '256', '00', '1e1', '');
    const text = fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.'));
    fc.assert(fc.property(text, (t) => (ipv4ToBytes(t) !== null) === isIPv4(t)));
    expect(ipv4ToBytes('192.168.1.20')).toEqual([192, 168, 1, 20]);
  });

  it('spells every IPv6 address one canonical way', () => {
    expect(bytesToIpv6(ipv6ToBytes('0:0:0:0:0:ffff:7f00:0001') ?? [])).toBe('::ffff:7f00:1');
    expect(bytesToIpv6(ipv6ToBytes('::ffff:127.0.0.1') ?? [])).toBe('::ffff:7f00:1');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = bytesToIpv6(bytes);
        expect(ipv6ToBytes(text)).toEqual([...bytes]);
        expect(new URL(`http://[${text}]/`).hostname).toBe(`[${text}]`);
      }),
    );
  });
});
