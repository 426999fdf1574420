/**
 * Properties of diagnose() over random valid documents: total (never throws, even rule by rule),
 * deterministic, confidences in [0, 1], causes from the taxonomy, `ok` never beside a problem, and
 * always a valid diagnosis. Documents are golden scenarios with random parts replaced by random
 * values or null, kept only when they still validate against the schemas.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientObservation } from '../observations/client';
import {
  diagnosisSchema,
  parseClientObservation,
  parseProbeObservation,
  validate,
} from '../observations/index';
import { TLS_ENDS, TLS_VERSIONS, type ProbeObservation, type TlsAttempt } from '../observations/probe';
import { PROBE_ERROR_CODES, STEP_STATUSES } from '../observations/vocabulary';
import { CAUSES } from '../taxonomy/codes';
import { buildContext } from './context';
import { diagnose } from './diagnose';
import { RULES } from './registry';
import { loadScenario } from './testdata/load-scenario';

const SCENARIOS = [
  'ok-both-views',
  'icp-2-of-100-leak',
  'icp-split-hello-passes',
  'tls-reset-all',
  'tls-version-tls10-only',
  'cert-untrusted-root',
  'cert-chain-incomplete',
  'redirect-loop',
  'dns-nxdomain',
  'server-slow',
  'ip-or-localhost-url',
];
const BASES = SCENARIOS.map(loadScenario);
const PROBES = BASES.map((b) => b.probe).filter((p): p is ProbeObservation => p !== null);
const CLIENTS = BASES.map((b) => b.client).filter((c): c is ClientObservation => c !== null);

// ---- value pools: realistic raw values mixed with junk --------------------------------------------
const RAW_CLIENT_ERRORS = [
  'request:fail errcode:-101 cronet_error_code:-101 error_msg:net::ERR_CONNECTION_RESET',
  'request:fail url not in domain list',
  'request:fail timeout',
  'request:fail -202:net::ERR_CERT_AUTHORITY_INVALID',
  'uploadFile:fail ssl hand shake error',
  'request:fail 似乎已断开与互联网的连接。',
  'https://a.example 不在以下 request 合法域名列表中，请参考文档：https://developers.weixin.qq.com/x',
  'request:fail errcode:10011 cronet_error_code:0 error_msg:network change, cancel all task',
  '',
];
const CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  PROBE_ERROR_CODES.timeout,
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ENOTFOUND',
  'ESERVFAIL',
  'UND_ERR_HEADERS_TIMEOUT',
];
const ADDRESSES = ['47.98.123.45', '39.108.77.66', '10.0.0.1', '::1', '127.0.0.1', ''];

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...RAW_CLIENT_ERRORS));
const probeError = fc.option(
  fc.record({
    code: fc.option(fc.oneof(fc.constantFrom(...CODES), fc.string({ maxLength: 12 }))),
    syscall: fc.option(fc.constantFrom('read', 'connect', 'query')),
    message: text,
  }),
);
const iso = fc.oneof(
  fc.integer({ min: 0, max: 4102444800000 }).map((ms) => new Date(ms).toISOString()),
  fc.string({ maxLength: 12 }),
);
const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
const int = fc.integer({ min: -5, max: 200 });

const tlsAttempt: fc.Arbitrary<TlsAttempt> = fc.record({
  ok: fc.boolean(),
  durationMs: num,
  end: fc.constantFrom(...TLS_ENDS),
  serverBytes: int,
  alert: fc.option(
    fc.record({
      level: fc.constantFrom(1, 2),
      code: fc.constantFrom(0, 40, 70, 112, 120, 255),
      description: fc.string({ maxLength: 10 }),
    }),
  ),
  error: probeError,
  protocol: fc.option(fc.constantFrom('TLSv1.3', 'TLSv1.2', 'TLSv1')),
  cipher: fc.option(fc.string({ maxLength: 10 })),
  alpn: fc.option(fc.constantFrom('h2', 'http/1.1')),
});

const certInfo = fc.record({
  subject: fc.string({ maxLength: 20 }),
  issuer: fc.string({ maxLength: 20 }),
  serialNumber: fc.string({ maxLength: 8 }),
  notBefore: iso,
  notAfter: iso,
  sans: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
  keyType: fc.constantFrom('rsa', 'ec', 'dsa', 'ed25519', ''),
  keyBits: fc.option(fc.integer({ min: 0, max: 8192 })),
  signatureAlgorithm: fc.constantFrom(
    'sha256WithRSAEncryption',
    'sha1WithRSAEncryption',
    'md5WithRSAEncryption',
    'ecdsa-with-SHA256',
    '',
  ),
  selfSigned: fc.boolean(),
  isCA: fc.boolean(),
  fingerprint256: fc.string({ maxLength: 8 }),
  aiaCaIssuers: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
});

const verify = fc.record({ ok: fc.boolean(), error: probeError });
const headers = fc.dictionary(
  fc.constantFrom('server', 'location', 'Location', 'content-type', 'x'),
  fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      'Beaver',
      'http://a.example/',
      '/a',
      'https://dnspod.qcloud.com/static/webblock.html?d=a',
    ),
  ),
);
const hop = fc.record({
  url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
  address: fc.option(fc.constantFrom(...ADDRESSES)),
  statusCode: fc.option(fc.integer({ min: 0, max: 999 })),
  headers,
  protocol: fc.option(fc.constantFrom('http/1.1', 'h2')),
  ttfbMs: fc.option(num),
  durationMs: num,
  bodyBytes: int,
  bodySample: fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constant('<title>Non-compliance ICP Filing</title> beian-block'),
  ),
  bodyTruncated: fc.boolean(),
  error: probeError,
});

type Mutation = (p: ProbeObservation) => void;
type Section = 'dns' | 'policy' | 'tcp' | 'tls' | 'certificate' | 'http' | 'port80';
const SECTIONS: Section[] = ['dns', 'policy', 'tcp', 'tls', 'certificate', 'http', 'port80'];

const probeMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...SECTIONS).map(
    (s): Mutation =>
      (p) =>
        void (p[s] = null),
  ),
  fc
    .tuple(
      fc.constantFrom('target', 'dns', 'policy', 'tcp', 'tls', 'certificate', 'http', 'port80'),
      fc.constantFrom(...STEP_STATUSES),
    )
    .map(
      ([step, status]): Mutation =>
        (p) =>
          void (p.steps[step] = status),
    ),
  iso.map(
    (t): Mutation =>
      (p) =>
        void (p.startedAt = t),
  ),
  fc
    .record({
      scheme: fc.constantFrom('https', 'http', 'wss', 'ftp', ''),
      kind: fc.constantFrom('name', 'ipv4', 'ipv6', 'localhost', 'none' as const),
      port: int,
      explicit: fc.boolean(),
    })
    .map(
      (t): Mutation =>
        (p) =>
          void Object.assign(p.target, {
            scheme: t.scheme,
            hostKind: t.kind,
            port: t.port,
            explicitPort: t.explicit,
          }),
    ),
  fc
    .record({
      answers: fc.array(
        fc.record({
          address: fc.constantFrom(...ADDRESSES),
          family: fc.constantFrom(4 as const, 6 as const),
          ttl: fc.option(int),
        }),
        { maxLength: 3 },
      ),
      errors: fc.array(
        fc.record({
          rrtype: fc.constantFrom('A', 'AAAA', 'CNAME'),
          code: fc.option(fc.constantFrom(...CODES)),
          message: text,
        }),
        { maxLength: 3 },
      ),
      status: fc.constantFrom(...STEP_STATUSES),
      source: fc.constantFrom('resolver', 'override', 'literal' as const),
    })
    .map(
      (d): Mutation =>
        (p) =>
          void (p.dns = { server: null, durationMs: 1, cname: [], ...d }),
    ),
  fc
    .array(
      fc.record({
        address: fc.constantFrom(...ADDRESSES),
        family: fc.constantFrom(4 as const, 6 as const),
        port: int,
        ok: fc.boolean(),
        durationMs: num,
        error: probeError,
      }),
      { maxLength: 3 },
    )
    .map(
      (results): Mutation =>
        (p) =>
          void (p.tcp = { status: 'done', results }),
    ),
  fc
    .tuple(fc.nat({ max: 3 }), fc.array(tlsAttempt, { maxLength: 6 }), int, int)
    .map(([i, attempts, okCount, total]): Mutation => (p) => {
      const v = p.tls?.variants[i];
      if (v) Object.assign(v, { attempts, okCount, total });
    }),
  fc
    .array(fc.record({ version: fc.constantFrom(...TLS_VERSIONS), attempt: tlsAttempt }), { maxLength: 5 })
    .map(
      (versions): Mutation =>
        (p) =>
          void (p.tls && (p.tls.versions = versions)),
    ),
  fc
    .record({
      chain: fc.array(certInfo, { maxLength: 3 }),
      verify,
      hostname: verify,
      aia: fc.option(
        fc.record({
          url: fc.option(fc.string({ maxLength: 10 })),
          fetched: fc.boolean(),
          bytes: int,
          error: probeError,
          verify: fc.option(verify),
        }),
      ),
    })
    .map(
      (c): Mutation =>
        (p) =>
          void (p.certificate = { status: 'done', ocspStapled: null, ...c }),
    ),
  fc.tuple(fc.array(hop, { maxLength: 7 }), fc.constantFrom(...STEP_STATUSES), int).map(
    ([hops, status, timeoutMs]): Mutation =>
      (p) =>
        void (p.http = { status, method: 'GET', timeoutMs, hops }),
  ),
  fc
    .record({
      statusCode: fc.option(fc.integer({ min: 0, max: 999 })),
      server: fc.option(fc.constantFrom('Beaver', 'nginx', '')),
      location: fc.option(fc.string({ maxLength: 30 })),
      title: fc.option(fc.constantFrom('Non-compliance ICP Filing', '')),
    })
    .map(
      (x): Mutation =>
        (p) =>
          void (p.port80 = { status: 'done', address: null, headers: {}, bodySample: '', error: null, ...x }),
    ),
  fc
    .array(
      fc.record({
        address: fc.constantFrom(...ADDRESSES),
        category: fc.constantFrom('public', 'private', 'loopback'),
        allowed: fc.boolean(),
        reason: fc.option(fc.string({ maxLength: 10 })),
      }),
      { maxLength: 3 },
    )
    .map(
      (checks): Mutation =>
        (p) =>
          void (p.policy = { enforced: true, allowCidrs: [], checks, pinned: null }),
    ),
);

const randomProbe: fc.Arbitrary<ProbeObservation> = fc
  .tuple(fc.constantFrom(...PROBES), fc.array(probeMutation, { maxLength: 6 }))
  .map(([base, mutations]) => {
    const p = structuredClone(base);
    for (const m of mutations) m(p);
    return p;
  })
  .filter((p) => parseProbeObservation(p).ok);

const clientAttempt = fc.record(
  {
    ok: fc.boolean(),
    statusCode: fc.integer({ min: 0, max: 999 }),
    errMsg: text,
    errno: fc.option(fc.constantFrom(600001, 600002, 600003, 5, 602103, 0, -1)),
    durationMs: fc.nat({ max: 60000 }),
    profile: fc.record(
      {
        peerIP: fc.constantFrom(...ADDRESSES),
        SSLconnectionEnd: fc.nat(),
        usingHighPerformanceMode: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['ok', 'durationMs'] },
);

const randomClient: fc.Arbitrary<ClientObservation> = fc
  .tuple(
    fc.constantFrom(...CLIENTS),
    fc.array(clientAttempt, { maxLength: 6 }),
    fc.record({
      platform: fc.constantFrom('android', 'ios', 'devtools', 'windows', ''),
      domainCheck: fc.constantFrom('on', 'off', 'unknown' as const),
      enableDebug: fc.boolean(),
      networkType: fc.constantFrom('wifi', 'none', '4g'),
    }),
    fc.oneof(
      fc.constant<string | null>(null),
      fc.webUrl(),
      fc.constantFrom('http://127.0.0.1:80/x', 'https://a.example:443/', 'wss://[::1]/', 'x'),
    ),
    fc.constantFrom('request', 'uploadFile', 'downloadFile', 'connectSocket' as const),
  )
  .map(([base, attempts, env, url, api]) => {
    const c = structuredClone(base);
    c.attempts = attempts;
    Object.assign(c.env, env);
    if (url !== null) c.url = url;
    c.api = api;
    return c;
  })
  .filter((c) => parseClientObservation(c).ok);

const views = fc.oneof(
  fc.record({ client: randomClient, probe: randomProbe }),
  fc.record({ client: randomClient, probe: fc.constant(null) }),
  fc.record({ client: fc.constant(null), probe: randomProbe }),
);

const RUNS = { numRuns: 250 };

describe('diagnose over random valid documents', () => {
  it('never throws, and always returns a valid, ranked diagnosis of taxonomy causes in [0, 1]', () => {
    fc.assert(
      fc.property(views, ({ client, probe }) => {
        const d = diagnose(client, probe);
        expect(validate(diagnosisSchema, d)).toEqual([]);
        expect(d.verdicts.length).toBeGreaterThan(0);
        const seen = new Set<string>();
        for (const v of d.verdicts) {
          expect(CAUSES).toContain(v.cause);
          expect(v.confidence).toBeGreaterThanOrEqual(0);
          expect(v.confidence).toBeLessThanOrEqual(1);
          expect(seen.has(v.cause)).toBe(false);
          seen.add(v.cause);
          expect(
            v.title.zh && v.title.en && v.explanation.zh && v.explanation.en && v.fix.zh && v.fix.en,
          ).toBeTruthy();
        }
        for (let i = 1; i < d.verdicts.length; i++)
          expect(d.verdicts[i - 1]?.confidence ?? 0).toBeGreaterThanOrEqual(d.verdicts[i]?.confidence ?? 0);
      }),
      RUNS,
    );
  });

  it('ok never appears together with a problem cause', () => {
    fc.assert(
      fc.property(views, ({ client, probe }) => {
        const causes = diagnose(client, probe).verdicts.map((v) => v.cause);
        if (causes.includes('ok')) expect(causes).toEqual(['ok']);
        if (causes.includes('unknown')) expect(causes).toEqual(['unknown']);
      }),
      RUNS,
    );
  });

  it('is deterministic and leaves its inputs alone', () => {
    fc.assert(
      fc.property(views, ({ client, probe }) => {
        const before = JSON.stringify([client, probe]);
        const first = diagnose(client, probe);
        const second = diagnose(structuredClone(client), structuredClone(probe));
        expect(second).toEqual(first);
        expect(JSON.stringify([client, probe])).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('no rule throws on its own (the engine’s guard is never what keeps diagnose total)', () => {
    fc.assert(
      fc.property(views, ({ client, probe }) => {
        const ctx = buildContext(client, probe);
        for (const rule of RULES) expect(() => rule.evaluate(ctx)).not.toThrow();
      }),
      RUNS,
    );
  });
});
