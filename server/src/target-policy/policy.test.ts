import { describe, expect, it } from 'vitest';
import { checkAddress, classifyAddress, literalHostAddress, parseNumericHost } from './policy';

const DEFAULTS = { allowPrivate: false, allowCidrs: [] };

/** Hostile URL hosts as an attacker would type them, with the category they really reach. */
const HOSTILE_HOSTS: Array<[host: string, category: string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['2130706433', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['127.1', 'loopback'],
  ['127.0.1', 'loopback'],
  ['017700000001', 'loopback'],
  ['0x7F.0.0.0x1', 'loopback'],
  ['[::1]', 'loopback'],
  ['[0:0:0:0:0:0:0:1]', 'loopback'],
  ['[::ffff:127.0.0.1]', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'],
  ['[0:0:0:0:0:ffff:7f00:0001]', 'loopback'],
  ['[::127.0.0.1]', 'loopback'],
  ['[::ffff:0:127.0.0.1]', 'loopback'],
  ['[64:ff9b::127.0.0.1]', 'loopback'],
  ['[64:ff9b::7f00:1]', 'loopback'],
  ['[2002:7f00:1::]', 'loopback'],
  ['0', 'unspecified'],
  ['0.0.0.0', 'unspecified'],
  ['[::]', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['012.0.0.1', 'private'],
  ['167772161', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['0xc0.0xa8.1.1', 'private'],
  ['3232235777', 'private'],
  ['[fc00::1]', 'private'],
  ['[fd12:3456::1]', 'private'],
  ['[::ffff:192.168.0.1]', 'private'],
  ['[64:ff9b::10.0.0.1]', 'private'],
  ['[2002:c0a8:101::1]', 'private'],
  ['[fec0::1]', 'private'],
  ['169.254.1.1', 'link-local'],
  ['[fe80::1]', 'link-local'],
  ['[fe80::1%25eth0]', 'link-local'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.254', 'cgnat'],
  ['169.254.169.254', 'metadata'],
  ['2852039166', 'metadata'],
  ['0xa9.0xfe.0xa9.0xfe', 'metadata'],
  ['0251.0376.0251.0376', 'metadata'],
  ['169.254.43518', 'metadata'],
  ['[::ffff:169.254.169.254]', 'metadata'],
  ['[::ffff:a9fe:a9fe]', 'metadata'],
  ['100.100.100.200', 'metadata'],
  ['[fd00:ec2::254]', 'metadata'],
  ['[64:ff9b::169.254.169.254]', 'metadata'],
  ['224.0.0.1', 'multicast'],
  ['[ff02::1]', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['4294967295', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.1', 'documentation'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['[2001:db8::1]', 'documentation'],
  ['[100::1]', 'reserved'],
  ['[::8.8.8.8]', 'reserved'],
  ['[4000::1]', 'reserved'],
];

function hostAddress(host: string): string {
  // URL hosts spell zone ids as %25 (RFC 6874)
  const address = literalHostAddress(host.replace('%25', '%'));
  if (address === null) throw new Error(`not a literal host: ${host}`);
  return address;
}

describe('address policy', () => {
  it(`refuses each of ${HOSTILE_HOSTS.length} hostile host forms by default, naming the real category`, () => {
    expect(HOSTILE_HOSTS.length).toBeGreaterThanOrEqual(40);
    for (const [host, category] of HOSTILE_HOSTS) {
      const check = checkAddress(hostAddress(host), DEFAULTS);
      expect({ host, allowed: check.allowed, category: check.category }).toEqual({
        host,
        allowed: false,
        category,
      });
      expect(check.reason).toMatch(/^refused: /);
    }
  });

  it('allows public addresses, including public IPv4 reached through NAT64 or IPv4-mapped forms', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::8.8.8.8',
      '2002:808:808::1',
    ]) {
      expect(checkAddress(address, DEFAULTS)).toMatchObject({
        allowed: true,
        category: 'public',
        reason: null,
      });
    }
  });

  it('opens loopback with --allow-cidr 127.0.0.0/8, also in its IPv4-mapped form, and nothing else', () => {
    const options = { allowPrivate: false, allowCidrs: ['127.0.0.0/8'] };
    expect(checkAddress('127.0.0.1', options)).toMatchObject({ allowed: true, category: 'loopback' });
    expect(checkAddress('::ffff:127.0.0.9', options).allowed).toBe(true);
    expect(checkAddress('127.0.0.1', options).reason).toContain('--allow-cidr 127.0.0.0/8');
    expect(checkAddress('::1', options).allowed).toBe(false);
    expect(checkAddress('10.0.0.1', options).allowed).toBe(false);
    expect(checkAddress('169.254.169.254', options).allowed).toBe(false);
  });

  it('opens private ranges with --allow-private but keeps metadata endpoints closed unless a CIDR names them', () => {
    const options = { allowPrivate: true, allowCidrs: [] };
    expect(checkAddress('127.0.0.1', options).allowed).toBe(true);
    expect(checkAddress('fd12::1', options).allowed).toBe(true);
    for (const metadata of [
      '169.254.169.254',
      '100.100.100.200',
      'fd00:ec2::254',
      '::ffff:169.254.169.254',
    ]) {
      const check = checkAddress(metadata, options);
      expect(check).toMatchObject({ allowed: false, category: 'metadata' });
      expect(check.reason).toContain('explicit --allow-cidr');
    }
    expect(
      checkAddress('169.254.169.254', { allowPrivate: false, allowCidrs: ['169.254.169.254/32'] }).allowed,
    ).toBe(true);
  });

  it('classifies garbage as invalid and refuses it even with --allow-private', () => {
    for (const text of ['', 'example.com', '300.1.1.1', '1.2.3', '::g']) {
      expect(classifyAddress(text).category).toBe('invalid');
      expect(checkAddress(text, { allowPrivate: true, allowCidrs: [] }).allowed).toBe(false);
    }
  });

  it.each([
    ['::ffff:7f00:1', { address: '::ffff:7f00:1', embeddedIpv4: '127.0.0.1', embedding: 'ipv4-mapped' }],
    ['2002:a9fe:a9fe::1', { embeddedIpv4: '169.254.169.254', embedding: '6to4', category: 'metadata' }],
    ['64:ff9b::a00:1', { embeddedIpv4: '10.0.0.1', embedding: 'nat64' }],
    ['0:0:0:0:0:0:0:1', { address: '::1', category: 'loopback', embedding: null }],
  ])('reports the embedded IPv4 address and how it was hidden (or that none was): %s', (address, facts) => {
    expect(classifyAddress(address)).toMatchObject(facts);
  });
});

describe('numeric host forms', () => {
  it('reads numeric IPv4 tricks the way the WHATWG URL parser does and names the trick', () => {
    const cases: Array<[string, string, string | null]> = [
      ['2130706433', '127.0.0.1', 'decimal'],
      ['0177.0.0.1', '127.0.0.1', 'octal'],
      ['0x7f.1', '127.0.0.1', 'hex'],
      ['127.1', '127.0.0.1', 'short'],
      ['10.1.2', '10.1.0.2', 'short'],
      ['127.0.0.1', '127.0.0.1', null],
      ['127.0.0.1.', '127.0.0.1', null],
    ];
    for (const [host, address, form] of cases) {
      expect(parseNumericHost(host)).toEqual({ address, form });
      // the URL parser agrees on the address
      expect(new URL(`http://${host}/`).hostname).toBe(address);
    }
  });

  it('leaves names and out-of-range numbers alone', () => {
    for (const host of ['example.com', '08.0.0.1', '256.0.0.1.1', '1.2.3.256', '4294967296', 'x7f.1', '']) {
      expect(parseNumericHost(host)).toBeNull();
    }
  });
});

describe('allow-list CIDRs', () => {
  // the spellings themselves are tested with the one parser (probe-options/parsers.test.ts)
  it('opens nothing with an entry that is not a CIDR, and reads entries with spaces around them', () => {
    for (const junk of ['127.0.0.0/33', 'localhost/8', '10.0.0.0/8/1', '10.0.0.0/x'])
      expect(checkAddress('127.0.0.1', { allowPrivate: false, allowCidrs: [junk] }).allowed).toBe(false);
    const spaced = checkAddress('127.0.0.1', { allowPrivate: false, allowCidrs: [' 127.0.0.0/8 '] });
    expect(spaced).toMatchObject({
      allowed: true,
      reason: expect.stringContaining('--allow-cidr 127.0.0.0/8'),
    });
    expect(checkAddress('::1', { allowPrivate: false, allowCidrs: ['::1'] }).allowed).toBe(true);
  });
});
