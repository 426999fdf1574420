import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_VARS, ConfigError, DEFAULT_CONFIG, loadConfig } from './config';

const dir = mkdtempSync(join(tmpdir(), 'wxprobe-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('uses safe defaults: loopback only, address policy on, 30 days retention', () => {
    const config = loadConfig({});
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      allowPrivate: false,
      allowCidrs: [],
      retentionDays: 30,
    });
    expect(config.dbPath).toBe('./data/wxprobe.db');
  });

  it('reads every documented variable', () => {
    const caFile = join(dir, 'ca.pem');
    // a real certificate: the CA file is read with the CLI's --ca reader, which parses each one
    writeFileSync(caFile, `${rootCertificates[0]}\n`);
    const config = loadConfig({
      PORT: '0',
      HOST: '::',
      WXPROBE_DB: '/tmp/x.db',
      WXPROBE_ALLOW_CIDRS: '127.0.0.0/8, ::1',
      WXPROBE_ALLOW_PRIVATE: 'yes',
      WXPROBE_CA_FILE: caFile,
      WXPROBE_DNS_SERVER: '127.0.0.1:5353',
      WXPROBE_CONTROL_SNI: 'WWW.Example.COM',
      WXPROBE_MAX_PROBES: '2',
      WXPROBE_RATE_LIMIT: '50',
      WXPROBE_PROBE_RATE_LIMIT: '5',
      WXPROBE_RETENTION_DAYS: '0',
      WXPROBE_PUBLIC_URL: 'https://wxprobe.example.com/',
      WXPROBE_ATTEMPTS: '5',
      WXPROBE_MAX_ATTEMPTS: '20',
      WXPROBE_PROBE_TIMEOUT_MS: '2000',
      WXPROBE_PROBE_TOTAL_TIMEOUT_MS: '9000',
      WXPROBE_BODY_LIMIT: '4096',
      WXPROBE_MAX_JSON_DEPTH: '16',
      WXPROBE_MAX_JSON_NODES: '5000',
      WXPROBE_CLASSIFY_MAX_CHARS: '10000',
      WXPROBE_REQUEST_TIMEOUT_MS: '5000',
      WXPROBE_TRUST_PROXY: '1',
      WXPROBE_LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '::',
      dbPath: '/tmp/x.db',
      allowCidrs: ['127.0.0.0/8', '::1/128'],
      allowPrivate: true,
      caFiles: [caFile],
      dnsServer: '127.0.0.1:5353',
      controlSni: 'www.example.com',
      maxProbes: 2,
      rateLimitPerMinute: 50,
      probeRateLimitPerMinute: 5,
      retentionDays: 0,
      publicUrl: 'https://wxprobe.example.com',
      defaultAttempts: 5,
      maxAttempts: 20,
      probeTimeoutMs: 2000,
      probeTotalTimeoutMs: 9000,
      bodyLimitBytes: 4096,
      maxJsonDepth: 16,
      maxJsonNodes: 5000,
      classifyMaxChars: 10_000,
      requestTimeoutMs: 5000,
      trustProxy: true,
      logLevel: 'warn',
    });
    expect(config.caPem[0]).toContain('BEGIN CERTIFICATE');
  });

  it('reports every bad variable at once, naming the variable and the value', () => {
    const problems = problemsOf({
      PORT: '80a',
      WXPROBE_ALLOW_CIDRS: '10.0.0.0/33,nonsense',
      WXPROBE_MAX_PROBES: '0',
      WXPROBE_ALLOW_PRIVATE: 'maybe',
      WXPROBE_CA_FILE: join(dir, 'missing.pem'),
      WXPROBE_DNS_SERVER: 'dns.example:53',
      WXPROBE_PUBLIC_URL: 'ftp://x',
      WXPROBE_LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(8);
    expect(problems[0]).toBe('PORT must be a whole number, not "80a"');
    expect(problems.join('\n')).toContain('WXPROBE_ALLOW_CIDRS must be a CIDR');
    expect(problems.join('\n')).toContain('"10.0.0.0/33"');
    expect(problems.join('\n')).toContain('WXPROBE_CA_FILE must be a readable PEM file: cannot read');
  });

  it('refuses a CA file without a PEM certificate', () => {
    const file = join(dir, 'not-a-cert.pem');
    writeFileSync(file, 'hello');
    expect(problemsOf({ WXPROBE_CA_FILE: file })[0]).toMatch(/holds no PEM certificate/);
  });

  it('switches to a PostgreSQL fleet only for a postgres:// URL, working the local queue unless told not to', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, localProbe: true });
    expect(
      loadConfig({
        WXPROBE_DATABASE_URL: ' postgres://wx@db.internal/wxprobe ',
        WXPROBE_LOCAL_PROBE: 'false',
      }),
    ).toMatchObject({ databaseUrl: 'postgres://wx@db.internal/wxprobe', localProbe: false });
    expect(loadConfig({ WXPROBE_DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(problemsOf({ WXPROBE_DATABASE_URL: 'mysql://db/wxprobe' })[0]).toMatch(
      /^WXPROBE_DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL, not "mysql:\/\/db\/wxprobe"$/,
    );
  });

  it('checks limits against each other', () => {
    expect(problemsOf({ WXPROBE_ATTEMPTS: '50', WXPROBE_MAX_ATTEMPTS: '10' })[0]).toMatch(/must not exceed/);
    expect(
      problemsOf({ WXPROBE_PROBE_TIMEOUT_MS: '20000', WXPROBE_PROBE_TOTAL_TIMEOUT_MS: '10000' })[0],
    ).toMatch(/must not exceed/);
  });

  it('documents every variable in both languages', () => {
    for (const v of CONFIG_VARS) {
      expect(v.zh.length).toBeGreaterThan(3);
      expect(v.en.length).toBeGreaterThan(3);
    }
    const names = CONFIG_VARS.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('agent tokens from the environment', () => {
  it('reads <vantage>:<token> pairs; the token decides the vantage, a vantage may have several', () => {
    const config = loadConfig({
      WXPROBE_AGENT_TOKENS:
        ' cn-east:aaaaaaaaaaaaaaaa1 , cn-north:bbbbbbbbbbbbbbbb2,cn-east:cccc:cccccccccccc3',
    });
    expect(config.agentTokens).toEqual([
      { vantage: 'cn-east', token: 'aaaaaaaaaaaaaaaa1' },
      { vantage: 'cn-north', token: 'bbbbbbbbbbbbbbbb2' },
      { vantage: 'cn-east', token: 'cccc:cccccccccccc3' },
    ]);
    expect(loadConfig({ WXPROBE_AGENT_TOKENS: '' }).agentTokens).toEqual([]);
  });

  it('refuses bad vantage names, local, short and duplicate tokens, without echoing a token', () => {
    const cases: [string, RegExp][] = [
      ['cn-east', /no ":"/],
      ['CN_East:aaaaaaaaaaaaaaaa1', /vantage must be 1-48 of a-z/],
      [':aaaaaaaaaaaaaaaa1', /vantage must be/],
      ['local:aaaaaaaaaaaaaaaa1', /server's own vantage/],
      ['cn-east:short-secret', /at least 16 characters/],
      ['cn-east:aaaaaaaaaaaaaaaa1,cn-north:aaaaaaaaaaaaaaaa1', /entry 2 \(cn-north\).*already given/],
    ];
    for (const [raw, expected] of cases) {
      const problems = problemsOf({ WXPROBE_AGENT_TOKENS: raw });
      expect(problems, raw).toHaveLength(1);
      expect(problems[0], raw).toMatch(/^WXPROBE_AGENT_TOKENS /);
      expect(problems[0], raw).toMatch(expected);
      expect(problems[0], raw).not.toMatch(/aaaaaaaaaaaaaaaa1|short-secret/);
    }
  });
});

describe('probe options from the environment', () => {
  // the spellings themselves are tested with the one parser (probe-options/parsers.test.ts)
  it('normalises CIDRs to addr/prefix and keeps DNS servers as written', () => {
    const config = loadConfig({
      WXPROBE_ALLOW_CIDRS: '10.1.2.3, fd00::/8',
      WXPROBE_DNS_SERVER: ' [::1]:53 ',
    });
    expect(config.allowCidrs).toEqual(['10.1.2.3/32', 'fd00::/8']);
    expect(config.dnsServer).toBe('[::1]:53');
  });

  it('names the problem code of a refused probe option', () => {
    try {
      loadConfig({ WXPROBE_DNS_SERVER: 'example.com', WXPROBE_ATTEMPTS: '101', WXPROBE_LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).issues.map((i) => [i.variable, i.code])).toEqual([
        ['WXPROBE_DNS_SERVER', 'not-dns-server'],
        ['WXPROBE_ATTEMPTS', 'out-of-range'],
        ['WXPROBE_LOG_LEVEL', null],
      ]);
    }
  });
});
