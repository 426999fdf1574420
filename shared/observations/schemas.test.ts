import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import fc from 'fast-check';
import {
  clientObservationSchema,
  parseClientObservation,
  parseProbeObservation,
  probeObservationSchema,
  reportSchema,
  validate,
  type ClientObservation,
  type ProbeObservation,
} from './index';

export const sampleClient: ClientObservation = {
  schema: 'wxprobe.client/1',
  url: 'https://api.example.com/ping',
  api: 'request',
  env: {
    platform: 'android',
    SDKVersion: '3.6.0',
    version: '8.0.50',
    networkType: 'wifi',
    envVersion: 'develop',
    enableDebug: false,
    domainCheck: 'on',
  },
  attempts: [
    { ok: false, errMsg: 'request:fail -101:net::ERR_CONNECTION_RESET', errno: 600001, durationMs: 35 },
    {
      ok: true,
      statusCode: 200,
      durationMs: 120,
      profile: { peerIP: '203.0.113.7', protocol: 'http/1.1', connectStart: 1 },
    },
  ],
};

const sampleProbe: ProbeObservation = {
  schema: 'wxprobe.probe/1',
  url: 'https://api.example.com/ping',
  startedAt: '2026-11-28T00:00:00.000Z',
  durationMs: 10,
  options: {
    attempts: 10,
    timeoutMs: 5000,
    totalTimeoutMs: 30000,
    controlSni: 'www.qq.com',
    method: 'GET',
    dnsServer: null,
    allowPrivate: false,
    allowCidrs: [],
    resolve: [],
    caCount: 0,
    httpPort: 80,
    headerNames: [],
  },
  steps: { target: 'done', dns: 'error' },
  target: {
    input: 'https://api.example.com/ping',
    scheme: 'https',
    host: 'api.example.com',
    hostUnicode: null,
    port: 443,
    explicitPort: false,
    path: '/ping',
    hostKind: 'name',
    numericHostForm: null,
    error: null,
  },
  dns: {
    status: 'error',
    source: 'resolver',
    server: null,
    durationMs: 3,
    answers: [],
    cname: [],
    errors: [{ rrtype: 'A', code: 'ENOTFOUND', message: 'queryA ENOTFOUND api.example.com' }],
  },
  policy: null,
  tcp: null,
  tls: null,
  certificate: null,
  http: null,
  port80: null,
};

const ajv = new Ajv({ allErrors: true, strict: false });

describe('observation schemas', () => {
  it('accept well-formed documents (our validator and Ajv agree)', () => {
    expect(validate(clientObservationSchema, sampleClient)).toEqual([]);
    expect(validate(probeObservationSchema, sampleProbe)).toEqual([]);
    expect(ajv.validate(clientObservationSchema, sampleClient)).toBe(true);
    expect(ajv.validate(probeObservationSchema, sampleProbe)).toBe(true);
    const report = {
      schema: 'wxprobe.report/1',
      url: sampleClient.url,
      client: sampleClient,
      probe: sampleProbe,
      diagnosis: { verdicts: [] },
    };
    expect(validate(reportSchema, report)).toEqual([]);
    expect(ajv.validate(reportSchema, report)).toBe(true);
  });

  it('rejects junk with a JSON pointer and a reason', () => {
    const bad = { ...sampleClient, attempts: [{ ok: 'yes', durationMs: 1 }] };
    const parsed = parseClientObservation(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors[0]).toEqual({ path: '/attempts/0/ok', message: 'must be boolean, got string' });
    const missing = parseClientObservation({ schema: 'wxprobe.client/1' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => e.path)).toEqual(['/url', '/api', '/env', '/attempts']);
    const wrongSchema = parseProbeObservation({ ...sampleProbe, schema: 'wxprobe.probe/2' });
    expect(wrongSchema.ok).toBe(false);
    if (!wrongSchema.ok) expect(wrongSchema.errors[0]!.path).toBe('/schema');
  });

  it('never throws and agrees with Ajv on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const ours = validate(clientObservationSchema, value).length === 0;
        expect(ours).toBe(ajv.validate(clientObservationSchema, value));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with Ajv on mutated documents', () => {
    const mutations: Array<(d: Record<string, unknown>) => void> = [
      (d) => delete d.env,
      (d) => (d.api = 'fetch'),
      (d) => (d.attempts = 'many'),
      (d) => ((d.env as Record<string, unknown>).domainCheck = 'maybe'),
      (d) => (d.attempts as unknown[]).push({ ok: true, durationMs: -1 }),
      (d) => (d.attempts as unknown[]).push({ ok: true, durationMs: 1, errno: 1.5 }),
      (d) => (d.url = ''),
    ];
    for (const mutate of mutations) {
      const doc = structuredClone(sampleClient) as unknown as Record<string, unknown>;
      mutate(doc);
      expect(validate(clientObservationSchema, doc).length > 0).toBe(true);
      expect(ajv.validate(clientObservationSchema, doc)).toBe(false);
    }
  });
});
