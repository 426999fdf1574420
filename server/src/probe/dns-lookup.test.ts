import { describe, expect, it } from 'vitest';
import { lookupHost, overrideAddresses, type DnsConfig } from './dns-lookup';

const config = (over: Partial<DnsConfig> = {}): DnsConfig => ({
  dnsServer: null,
  resolve: [],
  timeoutMs: 1_000,
  signal: new AbortController().signal,
  ...over,
});

describe('DNS step without a DNS server', () => {
  it('uses --resolve overrides like curl: host and port must match, * matches any port', () => {
    const overrides = [
      { host: 'api.example.com', port: 443 as const, address: '127.0.0.2' },
      { host: 'api.example.com', port: 443 as const, address: '::1' },
      { host: 'cdn.example.com', port: '*' as const, address: '127.0.0.3' },
    ];
    expect(overrideAddresses('API.example.com', 443, overrides)).toEqual(['127.0.0.2', '::1']);
    expect(overrideAddresses('api.example.com', 8443, overrides)).toBeNull();
    expect(overrideAddresses('cdn.example.com', 8443, overrides)).toEqual(['127.0.0.3']);
  });

  it('answers IP literals and localhost without asking DNS', async () => {
    expect(await lookupHost('127.0.0.1', 443, config())).toMatchObject({
      source: 'literal',
      answers: [{ address: '127.0.0.1', family: 4 }],
    });
    expect(await lookupHost('::1', 443, config())).toMatchObject({
      source: 'literal',
      answers: [{ address: '::1', family: 6 }],
    });
    const localhost = await lookupHost('localhost', 443, config());
    expect(localhost.answers.map((a) => a.address)).toEqual(['127.0.0.1', '::1']);
  });

  it('records override answers with the source and no TTL', async () => {
    const dns = await lookupHost(
      'api.example.com',
      443,
      config({ resolve: [{ host: 'api.example.com', port: 443, address: '127.0.0.2' }] }),
    );
    expect(dns).toMatchObject({
      status: 'done',
      source: 'override',
      answers: [{ address: '127.0.0.2', family: 4, ttl: null }],
      errors: [],
    });
  });
});
