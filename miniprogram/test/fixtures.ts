/**
 * Real-shaped documents for the view and page tests: a probe observation of a server that sends an
 * incomplete certificate chain (as the probe records it), and the report a server would return.
 * Tests check these against the schemas, so a schema change cannot leave them silently stale.
 */
import type { ClientEnv, ClientObservation } from '../shared/observations/client';
import type { ProbeObservation } from '../../shared/observations/probe';
import type { StoredReport } from '../services/wxprobe-api';
import type { Report } from '../../shared/observations/report';
import { presentReport } from '../../shared/present/presented-report';

/** A client document around the given attempts (an Android phone in a release build by default). */
export function clientFixture(
  attempts: ClientObservation['attempts'],
  patch: { url?: string; env?: Partial<ClientEnv> } = {},
): ClientObservation {
  return {
    schema: 'wxprobe.client/1',
    url: patch.url ?? 'https://api.example.com/health',
    api: 'request',
    env: {
      platform: 'android',
      SDKVersion: '3.6.0',
      version: '8.0.50',
      networkType: '4g',
      envVersion: 'release',
      enableDebug: false,
      domainCheck: 'on',
      ...patch.env,
    },
    attempts,
  };
}

const tlsOk = {
  ok: true,
  durationMs: 42,
  end: 'handshake',
  serverBytes: 3120,
  alert: null,
  error: null,
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_128_GCM_SHA256',
  alpn: 'h2',
} as const;

export function probeFixture(url = 'https://api.example.com/health'): ProbeObservation {
  return {
    schema: 'wxprobe.probe/1',
    url,
    startedAt: '2026-03-01T08:00:00.000Z',
    durationMs: 1830,
    options: {
      attempts: 3,
      timeoutMs: 5000,
      totalTimeoutMs: 30000,
      controlSni: 'control.wxprobe.invalid',
      method: 'GET',
      dnsServer: null,
      allowPrivate: false,
      allowCidrs: [],
      resolve: [],
      caCount: 0,
      httpPort: 80,
      headerNames: [],
    },
    steps: { dns: 'done', tcp: 'done', tls: 'done', certificate: 'done', http: 'done', port80: 'skipped' },
    target: {
      input: url,
      scheme: 'https',
      host: 'api.example.com',
      hostUnicode: null,
      port: 443,
      explicitPort: false,
      path: '/health',
      hostKind: 'name',
      numericHostForm: null,
      error: null,
    },
    dns: {
      status: 'done',
      source: 'resolver',
      server: null,
      durationMs: 12,
      answers: [{ address: '203.0.113.7', family: 4, ttl: 300 }],
      cname: [],
      errors: [],
    },
    policy: {
      enforced: true,
      allowCidrs: [],
      checks: [{ address: '203.0.113.7', category: 'public', allowed: true, reason: null }],
      pinned: '203.0.113.7',
    },
    tcp: {
      status: 'done',
      results: [{ address: '203.0.113.7', family: 4, port: 443, ok: true, durationMs: 18, error: null }],
    },
    tls: {
      status: 'done',
      address: '203.0.113.7',
      port: 443,
      variants: [
        {
          id: 'sni-host',
          sni: 'api.example.com',
          splitHello: false,
          attempts: [tlsOk, tlsOk, tlsOk],
          okCount: 3,
          total: 3,
        },
        { id: 'no-sni', sni: null, splitHello: false, attempts: [tlsOk, tlsOk, tlsOk], okCount: 3, total: 3 },
      ],
      versions: [
        { version: 'TLSv1.3', attempt: tlsOk },
        { version: 'TLSv1.2', attempt: { ...tlsOk, protocol: 'TLSv1.2' } },
        {
          version: 'TLSv1.1',
          attempt: {
            ...tlsOk,
            ok: false,
            end: 'alert',
            alert: { level: 2, code: 70, description: 'protocol_version' },
            protocol: null,
            cipher: null,
            alpn: null,
          },
        },
      ],
    },
    certificate: {
      status: 'done',
      chain: [
        {
          subject: 'CN=api.example.com',
          issuer: 'CN=Example Intermediate CA R3, O=Example Trust',
          serialNumber: '04A1',
          notBefore: '2026-01-01T00:00:00.000Z',
          notAfter: '2026-12-31T23:59:59.000Z',
          sans: ['DNS:api.example.com'],
          keyType: 'ec',
          keyBits: 256,
          signatureAlgorithm: 'ecdsa-with-SHA256',
          selfSigned: false,
          isCA: false,
          fingerprint256: 'AA:BB',
          aiaCaIssuers: ['http://ca.example.com/r3.der'],
        },
      ],
      verify: {
        ok: false,
        error: {
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
          syscall: null,
          message: 'unable to verify the first certificate',
        },
      },
      hostname: { ok: true, error: null },
      aia: {
        url: 'http://ca.example.com/r3.der',
        fetched: true,
        bytes: 1300,
        error: null,
        verify: { ok: true, error: null },
      },
      ocspStapled: false,
    },
    http: {
      status: 'done',
      method: 'GET',
      timeoutMs: 5000,
      hops: [
        {
          url,
          address: '203.0.113.7',
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          protocol: 'h2',
          ttfbMs: 61,
          durationMs: 70,
          bodyBytes: 2,
          bodySample: '{}',
          bodyTruncated: false,
          error: null,
        },
      ],
    },
    port80: null,
  };
}

export const CHAIN_VERDICT = {
  cause: 'cert-chain-incomplete',
  confidence: 0.9,
  evidence: [
    {
      kind: 'certificate-verify',
      pointer: '/probe/certificate/verify',
      facts: {
        ok: false,
        error: {
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
          syscall: null,
          message: 'unable to verify the first certificate',
        },
      },
    },
    {
      kind: 'certificate-aia',
      pointer: '/probe/certificate/aia',
      facts: {
        url: 'http://r11.i.lencr.org/',
        fetched: true,
        bytes: 1293,
        error: null,
        verify: { ok: true, error: null },
      },
    },
  ],
  title: { zh: '证书链不完整', en: 'Incomplete certificate chain' },
  explanation: {
    zh: '服务器没有发送中间证书，部分安卓手机无法建立信任链。',
    en: 'The server does not send the intermediate certificate; some Android phones cannot build the chain.',
  },
  fix: {
    zh: '在服务器上配置完整证书链（fullchain）。',
    en: 'Serve the full chain (fullchain) on the server.',
  },
} as const;

/** CHAIN_VERDICT's evidence as the Chinese page says it. */
export const CHAIN_EVIDENCE_ZH = [
  '证书校验未通过：找不到签发者：缺中间证书（UNABLE_TO_VERIFY_LEAF_SIGNATURE） "unable to verify the first certificate"',
  '按 AIA 下载了签发者证书（http://r11.i.lencr.org/，1293 字节）；补全后的链校验通过',
];

/** The report a server returns for this client document, with the chain verdict, as `?present=1` answers it. */
export function reportFixture(client: ClientObservation | null, id = 'r-chain-1'): StoredReport {
  const report: Report & { id: string } = {
    schema: 'wxprobe.report/3',
    id,
    createdAt: '2026-03-01T08:00:02.000Z',
    url: client?.url ?? 'https://api.example.com/health',
    client,
    probe: probeFixture(client?.url),
    diagnosis: { verdicts: [{ ...CHAIN_VERDICT, evidence: [...CHAIN_VERDICT.evidence] }] },
  };
  return { ...report, presented: presentReport(report) };
}
