import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostKindOf, parseUrl } from './parse';

describe('parseUrl: what WeChat judges in a URL', () => {
  it('keeps an explicit default port visible (WeChat refuses :443 unless it is listed)', () => {
    expect(parseUrl('https://api.example.com:443/v1')).toMatchObject({
      port: 443,
      explicitPort: true,
      host: 'api.example.com',
    });
    expect(parseUrl('https://api.example.com/v1')).toMatchObject({ port: 443, explicitPort: false });
    expect(parseUrl('wss://chat.example.com:8443')).toMatchObject({
      scheme: 'wss',
      port: 8443,
      explicitPort: true,
    });
  });

  it('tells IP literals, numeric IPv4 tricks and localhost from names', () => {
    expect(parseUrl('http://127.0.0.1:10096/api')).toMatchObject({
      scheme: 'http',
      hostKind: 'ipv4',
      port: 10096,
    });
    expect(parseUrl('https://[::1]/')).toMatchObject({ hostKind: 'ipv6', host: '::1' });
    expect(parseUrl('https://dev.localhost/')).toMatchObject({ hostKind: 'localhost' });
    expect(hostKindOf('2130706433')).toEqual({ kind: 'ipv4', numericHostForm: 'decimal' });
    expect(hostKindOf('0x7f.1')).toEqual({ kind: 'ipv4', numericHostForm: 'hex' });
    expect(hostKindOf('0177.0.0.1')).toEqual({ kind: 'ipv4', numericHostForm: 'octal' });
    expect(hostKindOf('127.1')).toEqual({ kind: 'ipv4', numericHostForm: 'short' });
    expect(hostKindOf('api.example.com')).toEqual({ kind: 'name', numericHostForm: null });
  });

  it('drops user info and lower-cases the host', () => {
    expect(parseUrl('https://user:pw@API.Example.COM/x')).toMatchObject({
      host: 'api.example.com',
      explicitPort: false,
    });
  });

  it('returns null for what is not a URL, and never throws', () => {
    for (const junk of ['', 'x', 'https://', '//a.example/', 42, null, undefined, {}])
      expect(parseUrl(junk)).toBeNull();
    fc.assert(fc.property(fc.string(), (s) => void parseUrl(s)));
  });
});

describe('parseUrl: path and hosts no URL parser takes', () => {
  it('keeps the path and query as written, without the fragment', () => {
    expect(parseUrl('https://a.example/v1/ping?x=1#top')).toMatchObject({ path: '/v1/ping?x=1' });
    expect(parseUrl('https://a.example')).toMatchObject({ path: '/' });
    expect(parseUrl('https://a.example?x=1')).toMatchObject({ path: '/?x=1' });
  });

  it('reads a host that ends in a number but is no IPv4 address, or a bad IPv6 literal, as no URL', () => {
    for (const url of ['https://1.2.3.256/', 'https://4294967296/', 'https://08.0.0.1/', 'https://[zzz]/']) {
      expect(parseUrl(url)).toBeNull();
      expect(() => new URL(url)).toThrow();
    }
    expect(parseUrl('https://4294967295/')).toMatchObject({ hostKind: 'ipv4', numericHostForm: 'decimal' });
  });
});
