import { domainToASCII, domainToUnicode as nodeDomainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalHost, canonicalPath } from './canonical';
import { parseUrl } from './parse';
import { domainToAscii, domainToUnicode } from './punycode';

/** URLs whose host and path the WHATWG parser normalises; ours must read them the same way. */
const NORMALISED = [
  'https://API.Example.COM/v1/items?id=3',
  'https://例子.测试/',
  'https://bücher.example/straße',
  'https://ＡＰＩ．example。com/',
  'https://xn--fsqu00a.xn--0zwm56d/',
  'https://%61pi.example/',
  'https://0x7f.1/',
  'https://2130706433:8080/',
  'https://0177.0.0.1/',
  'https://127.1/',
  'https://127.0.0.1./',
  'https://example.com./',
  'https://[0:0:0:0:0:ffff:7f00:0001]/',
  'https://[::ffff:127.0.0.1]/',
  'https://[2001:DB8::1]:443/',
  'https://a.example',
  'https://a.example?x=1',
  'https://a.example/a/./b/../c',
  'https://a.example/a/%2e%2E/b/.',
  'https://a.example/x y/"q"/<a>/{b}/`c`/你好?q=a b&c="d"&e=\'f\'',
  'https://a.example/x?',
  'https://a.example/p#frag?not-query',
  'https://user:pw@a.example:8443/x',
  // already canonical (lower-case LDH host, nothing to encode): read as written
  'https://api.example.com/v1/items',
  'https://a-b.example/index.html',
  'https://a.example/.well-known/x..y/',
  'https://a.example/~u/x:y@z!$&()*+,;=',
  'https://a.example/a/..',
  'https://a.example/a/.',
  'https://localhost/x',
  'https://xn--fsqu00a.example/',
];

/** Hosts the WHATWG parser refuses: the probe must call these URLs malformed too. */
const REFUSED = [
  'https://exa mple.com/',
  'https://a<b.example/',
  'https://[::1%25eth0]/',
  'https://%zz.example/',
  'https://%25.example/',
];

describe('canonical host and path, as a fetch would use them', () => {
  it('agree with the WHATWG URL parser on hosts and paths it normalises', () => {
    for (const input of NORMALISED) {
      const whatwg = new URL(input);
      const url = parseUrl(input);
      const host = url && canonicalHost(url);
      const expectedHost = whatwg.hostname.replace(/^\[|\]$/g, '');
      expect({ input, host: host?.host, path: url && canonicalPath(url.path) }).toEqual({
        input,
        host: expectedHost,
        path: `${whatwg.pathname}${whatwg.search}`,
      });
      const unicode = nodeDomainToUnicode(expectedHost);
      expect(host?.hostUnicode ?? null).toBe(
        unicode !== expectedHost && !expectedHost.includes(':') ? unicode : null,
      );
    }
  });

  it('refuse the hosts the WHATWG URL parser refuses', () => {
    for (const input of REFUSED) {
      expect(() => new URL(input)).toThrow();
      const url = parseUrl(input);
      expect({ input, host: url && canonicalHost(url) }).toEqual({ input, host: null });
    }
  });
});

/**
 * Hosts we refuse although some Node versions' URL parsers take them: "xn--a" is not valid
 * punycode (Node 20 and 22 refuse it, Node 24's newer ada returns it unchanged). A label that
 * decodes to nothing cannot be the name a developer registered, so the probe calls it malformed
 * on every Node.
 */
const REFUSED_ON_EVERY_NODE = ['https://xn--a.example/', 'https://a.xn--a/'];

describe('hosts whose validity differs between Node versions', () => {
  it('are refused by our parser whatever the running Node accepts', () => {
    for (const input of REFUSED_ON_EVERY_NODE) {
      const url = parseUrl(input);
      expect({ input, host: url && canonicalHost(url) }).toEqual({ input, host: null });
    }
  });
});

describe('punycode', () => {
  it('encodes and decodes IDN labels as node:url does', () => {
    for (const domain of [
      '例子.测试',
      'bücher.example',
      'mañana.com',
      'ドメイン名例.jp',
      'пример.рф',
      'a.b-c.d',
      '😀.example',
    ]) {
      const ascii = domainToASCII(domain);
      expect(domainToAscii(domain)).toBe(ascii);
      expect(domainToUnicode(ascii)).toBe(nodeDomainToUnicode(ascii));
    }
    expect(domainToUnicode('xn--a.example')).toBeNull();
  });
});
