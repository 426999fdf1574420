import { describe, expect, it } from 'vitest';
import { urlFacts } from './url-facts';

describe('URL facts', () => {
  it('reads scheme, host, default port and path of a plain https URL', () => {
    expect(urlFacts('https://api.example.com/v1/items?id=3')).toMatchObject({
      scheme: 'https',
      host: 'api.example.com',
      hostUnicode: null,
      port: 443,
      explicitPort: false,
      path: '/v1/items?id=3',
      hostKind: 'name',
      numericHostForm: null,
      error: null,
    });
  });

  it('notices a :443 written out even though the URL parser drops it', () => {
    expect(urlFacts('https://api.example.com:443/')).toMatchObject({ port: 443, explicitPort: true });
    expect(urlFacts('https://api.example.com:8443/')).toMatchObject({ port: 8443, explicitPort: true });
    expect(urlFacts('https://[2001:db8::1]:443/')).toMatchObject({
      host: '2001:db8::1',
      hostKind: 'ipv6',
      explicitPort: true,
    });
  });

  it('turns an IDN host into punycode and keeps the Unicode form', () => {
    expect(urlFacts('https://例子.测试/')).toMatchObject({
      host: 'xn--fsqu00a.xn--0zwm56d',
      hostUnicode: '例子.测试',
    });
  });

  it.each([
    ['https://127.0.0.1/', { hostKind: 'ipv4', numericHostForm: null }],
    ['https://0x7f.1/', { host: '127.0.0.1', hostKind: 'ipv4', numericHostForm: 'hex' }],
    ['http://2130706433:8080/', { host: '127.0.0.1', numericHostForm: 'decimal', port: 8080 }],
    ['https://user@0177.0.0.1/', { numericHostForm: 'octal' }],
    ['https://127.1/', { numericHostForm: 'short' }],
    ['https://localhost:3000/', { hostKind: 'localhost', port: 3000 }],
    ['https://app.localhost/', { hostKind: 'localhost' }],
  ])('names IP literals, localhost and numeric host tricks: %s', (url, facts) => {
    expect(urlFacts(url)).toMatchObject(facts);
  });

  it('reports why a URL cannot be probed instead of throwing', () => {
    expect(urlFacts('not a url')).toMatchObject({
      hostKind: 'none',
      error: expect.stringContaining('not a URL'),
    });
    expect(urlFacts('ftp://example.com/')).toMatchObject({
      scheme: 'ftp',
      error: expect.stringContaining('unsupported scheme'),
    });
  });
});

describe('URL facts read as the WHATWG URL parser reads', () => {
  it('gives the host, port and path a fetch would use, and calls malformed what the parser refuses', () => {
    const inputs = [
      'https://API.Example.com:8443/a/../b?q=1 2#f',
      'https://0xA9.0xFE.0xA9.0xFE/latest/meta-data',
      'https://[::FFFF:127.0.0.1]:443/',
      'https://bücher.example/',
      'wss://ws.example.com/socket',
      'http://user:pw@10.0.0.1:8080',
      'https://a.example:65535/',
      'https://a.example:65536/',
      'https://exa mple.com/',
      'https://1.2.3.256/',
      'https://[::1%25eth0]/',
    ];
    for (const input of inputs) {
      let expected: object;
      try {
        const url = new URL(input);
        expected = {
          host: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port),
          path: `${url.pathname}${url.search}`,
          error: null,
        };
      } catch {
        expected = { hostKind: 'none', error: 'not a URL: Invalid URL' };
      }
      expect(urlFacts(input)).toMatchObject({ input, ...expected });
    }
  });
});
