/**
 * The probe against the lab (server/lab): every case must yield the raw observations that make it
 * recognisable, and every observation must be a valid `wxprobe.probe/1` document. One lab for the
 * file; attempts kept small except where the point is a success ratio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseProbeObservation,
  type ProbeObservation,
  type TlsVariant,
} from '../../../shared/observations/index';
import { PROBE_ERROR_CODES, PROBE_STEPS } from '../../../shared/observations/vocabulary';
import { startLab, type Lab } from '../../lab/lab';
import { MISSING_ISSUER_CODES } from './certificate-check';
import { probeTarget, type ProbeOptions, type ProbeProgress } from './probe';
import { guardLoopbackOnly, type LoopbackGuard } from './test-support/loopback-guard';

let lab: Lab;
let guard: LoopbackGuard;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  lab = await startLab({ slowDelayMs: 3_000 });
});

afterAll(async () => {
  await lab?.close();
  guard?.restore();
  expect(guard.violations).toEqual([]);
});

async function probeCase(
  name: string,
  options: Partial<ProbeOptions> = {},
  onProgress?: (event: ProbeProgress) => void,
): Promise<ProbeObservation> {
  const endpoint = lab.byCase(name);
  const obs = await probeTarget(
    endpoint.url,
    {
      allowCidrs: ['127.0.0.0/8'],
      dnsServer: `${lab.dnsServer.address}:${lab.dnsServer.port}`,
      ca: [lab.caPem],
      attempts: 2,
      timeoutMs: 1_500,
      ...(endpoint.httpPort !== null ? { httpPort: endpoint.httpPort } : {}),
      ...options,
    },
    onProgress,
  );
  const parsed = parseProbeObservation(obs);
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  return obs;
}

function variant(obs: ProbeObservation, id: string): TlsVariant {
  const found = obs.tls?.variants.find((v) => v.id === id);
  if (!found) throw new Error(`no TLS variant ${id}`);
  return found;
}

function version(obs: ProbeObservation, name: string) {
  const found = obs.tls?.versions.find((v) => v.version === name);
  if (!found) throw new Error(`no version attempt ${name}`);
  return found.attempt;
}

const lastHop = (obs: ProbeObservation) => obs.http?.hops.at(-1);

describe('healthy endpoints', () => {
  it('ok: every variant and TLS 1.2/1.3 complete, the chain verifies, HTTP answers 200', async () => {
    const events: ProbeProgress[] = [];
    const obs = await probeCase('ok', {}, (event) => events.push(event));
    for (const step of PROBE_STEPS) {
      expect(events.filter((e) => e.step === step).map((e) => e.status)).toEqual(['start', obs.steps[step]]);
    }
    expect(obs.steps).toMatchObject({
      dns: 'done',
      policy: 'done',
      tcp: 'done',
      tls: 'done',
      certificate: 'done',
      http: 'done',
    });
    for (const v of obs.tls?.variants ?? []) expect(v.okCount).toBe(v.total);
    expect(obs.tls?.variants.map((v) => v.id)).toEqual(['sni-host', 'no-sni', 'control-sni', 'split-hello']);
    expect(version(obs, 'TLSv1.3').ok).toBe(true);
    expect(version(obs, 'TLSv1.2').ok).toBe(true);
    expect(obs.certificate).toMatchObject({ verify: { ok: true }, hostname: { ok: true }, aia: null });
    expect(obs.certificate?.chain).toHaveLength(2);
    expect(obs.certificate?.chain[0]?.sans).toContain(`DNS:${lab.byCase('ok').name}`);
    expect(obs.policy?.pinned).toBe(lab.byCase('ok').address);
    expect(lastHop(obs)).toMatchObject({ statusCode: 200, address: lab.byCase('ok').address, error: null });
    expect(lastHop(obs)?.bodySample).toContain('"ok":true');
    expect(lastHop(obs)?.ttfbMs).toBeGreaterThan(0);
  });

  it('cname: records the CNAME chain and still reaches the ok address', async () => {
    const obs = await probeCase('cname');
    expect(obs.dns?.cname).toEqual(['cname-2.lab.wxprobe.test', 'ok.lab.wxprobe.test']);
    expect(obs.dns?.answers.map((a) => a.address)).toEqual([lab.byCase('ok').address]);
    expect(lastHop(obs)?.statusCode).toBe(200);
  });

  it('rebind: pins the first answer and never connects to the name’s later answer', async () => {
    const obs = await probeCase('rebind');
    expect(lab.rebind.lookups()).toBeGreaterThanOrEqual(1);
    expect(obs.policy?.pinned).toBe(lab.rebind.firstAddress);
    expect(obs.tls?.variants.every((v) => v.okCount === v.total)).toBe(true);
    expect(lastHop(obs)?.statusCode).toBe(200);
    expect(lab.rebind.laterAddressConnections()).toBe(0);
  });
});

describe('certificate cases', () => {
  it('expired and not-yet-valid: the OpenSSL verify code and the dates that explain it', async () => {
    const expired = await probeCase('expired');
    expect(expired.certificate?.verify.error?.code).toBe('CERT_HAS_EXPIRED');
    expect(Date.parse(expired.certificate?.chain[0]?.notAfter ?? '')).toBeLessThan(
      Date.parse(expired.startedAt),
    );
    const early = await probeCase('not-yet-valid');
    expect(early.certificate?.verify.error?.code).toBe('CERT_NOT_YET_VALID');
    expect(Date.parse(early.certificate?.chain[0]?.notBefore ?? '')).toBeGreaterThan(
      Date.parse(early.startedAt),
    );
    // the handshakes themselves complete: the certificate is judged apart
    expect(variant(expired, 'sni-host').okCount).toBe(2);
  });

  it('wrong-host: the chain verifies but the hostname check fails', async () => {
    const obs = await probeCase('wrong-host');
    expect(obs.certificate?.verify.ok).toBe(true);
    expect(obs.certificate?.hostname).toMatchObject({
      ok: false,
      error: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    });
  });

  it('self-signed and untrusted-root: verification fails and AIA does not rescue it', async () => {
    const self = await probeCase('self-signed');
    expect(self.certificate?.verify.error?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(self.certificate?.chain[0]?.selfSigned).toBe(true);
    const untrusted = await probeCase('untrusted-root');
    expect(['SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']).toContain(
      untrusted.certificate?.verify.error?.code,
    );
    expect(untrusted.certificate?.aia?.verify?.ok ?? false).toBe(false);
    // the sent chain ends at the untrusted root itself: nothing is missing, nothing is fetched
    expect(untrusted.certificate?.trust).toMatchObject({
      anchored: null,
      fetches: [],
      error: { code: PROBE_ERROR_CODES.chainUntrustedRoot },
    });
  });

  it('incomplete-chain: fails without AIA, fetches the intermediate over AIA, then verifies', async () => {
    const obs = await probeCase('incomplete-chain');
    expect(obs.certificate?.chain).toHaveLength(1);
    expect(MISSING_ISSUER_CODES).toContain(obs.certificate?.verify.error?.code);
    expect(obs.certificate?.aia).toMatchObject({
      fetched: true,
      error: null,
      verify: { ok: true, error: null },
    });
    expect(obs.certificate?.aia?.url).toMatch(/^http:\/\/aia\.lab\.wxprobe\.test:\d+\//);
    expect(obs.certificate?.aia?.bytes).toBeGreaterThan(0);
    // the AIA host went through the address policy too
    expect(obs.policy?.checks.map((c) => c.address)).toContain(lab.aia.address);
    // the probe's own chain building: leaf (sent) → intermediate (AIA) → the --ca root, one fetch
    expect(obs.certificate?.trust).toMatchObject({
      anchored: 'aia',
      anchor: { source: 'ca-option', sentIndex: null },
      path: [
        { from: 'sent', index: 0 },
        { from: 'aia', index: 0 },
      ],
      error: null,
    });
    expect(obs.certificate?.trust?.fetches).toHaveLength(1);
    expect(obs.certificate?.trust?.fetched[0]).toMatchObject({ isCA: true, selfSigned: false });
  });

  it('aia-private-root: AIA serves a self-signed private root, which is never taken as a trust anchor', async () => {
    const obs = await probeCase('aia-private-root');
    expect(obs.certificate?.chain).toHaveLength(1);
    expect(MISSING_ISSUER_CODES).toContain(obs.certificate?.verify.error?.code);
    const trust = obs.certificate?.trust;
    expect(trust).toMatchObject({
      anchored: null,
      anchor: null,
      path: [
        { from: 'sent', index: 0 },
        { from: 'aia', index: 0 },
      ],
      error: { code: PROBE_ERROR_CODES.chainUntrustedRoot },
    });
    expect(trust?.fetched[0]).toMatchObject({ selfSigned: true, isCA: true });
    expect(trust?.fetched[0]?.subject).toContain('untrusted root');
    expect(obs.certificate?.aia).toMatchObject({ fetched: true, verify: { ok: false } });
  });

  it('cn-only: no SAN at all, and Node still passes the hostname on the CN', async () => {
    const obs = await probeCase('cn-only');
    const leaf = obs.certificate?.chain[0];
    expect(leaf?.sans).toEqual([]);
    expect(leaf?.subject).toContain(`CN=${lab.byCase('cn-only').name}`);
    expect(leaf?.eku).toEqual(['1.3.6.1.5.5.7.3.1']);
    // what Chromium 58+ and iOS 13+ refuse, Node's checkServerIdentity accepts
    expect(obs.certificate?.verify.ok).toBe(true);
    expect(obs.certificate?.hostname).toEqual({ ok: true, error: null });
    expect(obs.certificate?.trust).toMatchObject({ anchored: 'sent-chain', fetches: [] });
  });

  it('ok: the sent chain reaches the --ca root with nothing fetched; EKU and constraints recorded', async () => {
    const obs = await probeCase('ok');
    expect(obs.certificate?.trust).toMatchObject({
      anchored: 'sent-chain',
      anchor: { source: 'ca-option', subject: expect.stringContaining('wxprobe lab root CA') },
      path: [
        { from: 'sent', index: 0 },
        { from: 'sent', index: 1 },
      ],
      error: null,
      fetched: [],
      fetches: [],
    });
    expect(obs.certificate?.chain[0]?.eku).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(obs.certificate?.chain[1]).toMatchObject({ eku: null, nameConstraints: null });
  });

  it('weak-key: RSA-1024 and SHA-1 are recorded and OpenSSL names the weakness', async () => {
    const obs = await probeCase('weak-key');
    expect(['CA_MD_TOO_WEAK', 'EE_KEY_TOO_SMALL']).toContain(obs.certificate?.verify.error?.code);
    expect(obs.certificate?.chain[0]).toMatchObject({ keyType: 'rsa', keyBits: 1024 });
    expect(obs.certificate?.chain[0]?.signatureAlgorithm).toMatch(/sha1/i);
  });
});

describe('TLS cases', () => {
  it('tls10-only and tls11-only: TLS 1.2/1.3 fail, only the old version completes', async () => {
    for (const [name, good] of [
      ['tls10-only', 'TLSv1'],
      ['tls11-only', 'TLSv1.1'],
    ] as const) {
      const obs = await probeCase(name);
      expect(version(obs, good)).toMatchObject({ ok: true, protocol: good });
      expect(version(obs, 'TLSv1.2').ok).toBe(false);
      expect(version(obs, 'TLSv1.3').ok).toBe(false);
      expect(variant(obs, 'sni-host').okCount).toBe(0);
      expect(variant(obs, 'sni-host').attempts[0]?.alert?.description).toBe('protocol_version');
    }
  });

  it('no-shared-cipher: every handshake ends with a handshake_failure alert from the server', async () => {
    const obs = await probeCase('no-shared-cipher');
    const attempts = obs.tls?.variants.flatMap((v) => v.attempts) ?? [];
    expect(attempts.length).toBeGreaterThan(0);
    for (const a of attempts) {
      expect(a).toMatchObject({
        ok: false,
        end: 'alert',
        alert: { code: 40, description: 'handshake_failure' },
      });
      expect(a.serverBytes).toBeGreaterThan(0);
    }
  });

  it('icp-block: SNI = host is reset before any server byte, no SNI and the control SNI pass', async () => {
    const obs = await probeCase('icp-block', { attempts: 10 });
    const host = variant(obs, 'sni-host');
    expect(host.total).toBe(10);
    expect(host.okCount).toBeLessThanOrEqual(3);
    for (const a of host.attempts.filter((x) => !x.ok)) {
      expect(a).toMatchObject({ end: 'rst', serverBytes: 0, error: { code: 'ECONNRESET' } });
    }
    expect(variant(obs, 'no-sni')).toMatchObject({ okCount: 10, total: 10 });
    expect(variant(obs, 'control-sni')).toMatchObject({ okCount: 10, total: 10 });
    // the lab's filter, like the field reports, lets a ClientHello split over segments through
    expect(variant(obs, 'split-hello').okCount).toBeGreaterThan(host.okCount);
    expect(obs.port80).toMatchObject({ statusCode: 403, server: 'Beaver' });
    expect(obs.port80?.title).toContain('Non-compliance ICP Filing');
  });

  it('random-resets: silent RSTs after the ClientHello on every kind of handshake, the rest complete', async () => {
    const before = lab.icpDecisions('random-resets')['random-reset'];
    // exact: an adaptive probe may add a round when the resets fall close to a differential by chance
    const obs = await probeCase('random-resets', { attempts: 10, attemptMode: 'exact' });
    const variants = obs.tls?.variants ?? [];
    expect(variants.map((v) => v.total)).toEqual([10, 10, 10, 10]);
    const failed = variants.flatMap((v) => v.attempts.filter((a) => !a.ok));
    for (const a of failed)
      expect(a).toMatchObject({ end: 'rst', serverBytes: 0, error: { code: 'ECONNRESET' } });
    // 30% of 40 handshakes: none at all would happen once in a million runs
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(40);
    // every reset is the box's random draw (the certificate and HTTP steps may draw one too)
    expect(lab.icpDecisions('random-resets')['random-reset'] - before).toBeGreaterThanOrEqual(failed.length);
  });

  it('icp-drop: SNI = host is held unanswered until the attempt timeout, no SNI and the control SNI pass', async () => {
    const before = lab.icpDecisions('icp-drop').drop;
    const obs = await probeCase('icp-drop', { attempts: 4, timeoutMs: 800 });
    const host = variant(obs, 'sni-host');
    expect(host.total).toBe(4);
    for (const a of host.attempts.filter((x) => !x.ok))
      expect(a).toMatchObject({ end: 'timeout', serverBytes: 0, alert: null });
    expect(host.okCount).toBeLessThan(4);
    expect(variant(obs, 'no-sni')).toMatchObject({ okCount: 4, total: 4 });
    expect(variant(obs, 'control-sni')).toMatchObject({ okCount: 4, total: 4 });
    expect(lab.icpDecisions('icp-drop').drop - before).toBeGreaterThanOrEqual(4 - host.okCount);
  });

  it('client-cert-required: TLS 1.3 refused with certificate_required after the handshake, TLS 1.2 after a CertificateRequest', async () => {
    const obs = await probeCase('client-cert-required');
    const refused13 = {
      ok: false,
      end: 'alert',
      alert: { code: 116, description: 'certificate_required' },
      clientCertRequested: true,
    };
    // node:tls reports these handshakes done; the server's alert that follows fails them
    for (const a of variant(obs, 'sni-host').attempts) expect(a).toMatchObject(refused13);
    expect(version(obs, 'TLSv1.3')).toMatchObject(refused13);
    // TLS 1.2: the plaintext CertificateRequest was read off the wire before handshake_failure
    expect(version(obs, 'TLSv1.2')).toMatchObject({
      ok: false,
      end: 'alert',
      alert: { code: 40 },
      clientCertRequested: true,
    });
    expect(obs.tls?.status).toBe('error');
  });

  it('a TLS 1.2 handshake failure without a CertificateRequest is not called a client-certificate demand', async () => {
    const obs = await probeCase('no-shared-cipher');
    expect(version(obs, 'TLSv1.2')).toMatchObject({ ok: false, alert: { code: 40 } });
    expect(version(obs, 'TLSv1.2').clientCertRequested).toBeUndefined();
  });

  it('icp-block-tencent: the plain-HTTP port redirects to the dnspod webblock page', async () => {
    const obs = await probeCase('icp-block-tencent');
    expect(obs.port80?.statusCode).toBe(302);
    expect(obs.port80?.location).toContain('dnspod.qcloud.com/static/webblock.html');
    // every no-SNI handshake passes (the target's resets take the adaptive probe past 2, see adaptive-attempts)
    expect(variant(obs, 'no-sni').okCount).toBeGreaterThanOrEqual(2);
    expect(variant(obs, 'no-sni').okCount).toBe(variant(obs, 'no-sni').total);
  });

  it('reset-all, close-after-hello, hang-after-hello: RST, FIN and timeout told apart', async () => {
    const cases = [
      ['reset-all', 'rst'],
      ['close-after-hello', 'fin'],
      ['hang-after-hello', 'timeout'],
    ] as const;
    for (const [name, end] of cases) {
      const obs = await probeCase(name, { timeoutMs: 1_000 });
      const attempts = obs.tls?.variants.flatMap((v) => v.attempts) ?? [];
      expect(attempts.length).toBe(8);
      for (const a of attempts)
        expect({ name, end: a.end, ok: a.ok, serverBytes: a.serverBytes }).toEqual({
          name,
          end,
          ok: false,
          serverBytes: 0,
        });
    }
  });

  it('plain-http: the TLS port answers in plain HTTP, bytes and all', async () => {
    const obs = await probeCase('plain-http');
    const a = variant(obs, 'sni-host').attempts[0];
    expect(a).toMatchObject({ ok: false, end: 'error', error: { code: 'ERR_SSL_WRONG_VERSION_NUMBER' } });
    expect(a?.serverBytes).toBeGreaterThan(0);
  });
});

describe('TCP cases', () => {
  it('refused: ECONNREFUSED, and the TLS steps are skipped', async () => {
    const obs = await probeCase('refused');
    expect(obs.tcp?.results[0]).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
    expect(obs.steps).toMatchObject({ tcp: 'error', tls: 'skipped', http: 'skipped' });
  });

  it('dropped: the connect times out', async (context) => {
    if (lab.skipped.some((s) => s.case === 'dropped')) context.skip();
    const obs = await probeCase('dropped', { timeoutMs: 1_000 });
    expect(obs.tcp?.results[0]).toMatchObject({
      ok: false,
      error: { code: PROBE_ERROR_CODES.timeout, syscall: 'connect' },
    });
    expect(obs.steps.tcp).toBe('timeout');
  });
});

describe('HTTP cases', () => {
  it('status-502 and h2-only: the status and the protocol as served', async () => {
    expect(lastHop(await probeCase('status-502'))?.statusCode).toBe(502);
    expect(lastHop(await probeCase('h2-only'))).toMatchObject({ statusCode: 200, protocol: 'h2' });
  });

  it('redirect-to-http, redirect-offsite: each hop recorded, new hosts checked by the policy', async () => {
    const toHttp = await probeCase('redirect-to-http');
    expect(toHttp.http?.hops[0]?.statusCode).toBe(301);
    expect(toHttp.http?.hops[1]?.url).toMatch(/^http:\/\//);
    const offsite = await probeCase('redirect-offsite');
    expect(new URL(offsite.http?.hops[1]?.url ?? 'x:').hostname).toBe('offsite.wxprobe-elsewhere.test');
    expect(offsite.policy?.checks.length).toBeGreaterThanOrEqual(2);
  });

  it('redirect-loop: stops after 5 redirects, every hop a redirect', async () => {
    const obs = await probeCase('redirect-loop');
    expect(obs.http?.hops).toHaveLength(6);
    for (const hop of obs.http?.hops ?? []) expect(hop.statusCode).toBe(302);
  });

  it('slow: TLS is fine, the HTTP answer does not come within the timeout', async () => {
    const obs = await probeCase('slow', { timeoutMs: 1_000 });
    expect(variant(obs, 'sni-host').okCount).toBe(2);
    expect(obs.http?.status).toBe('timeout');
    expect(lastHop(obs)).toMatchObject({
      statusCode: null,
      ttfbMs: null,
      error: { code: 'UND_ERR_HEADERS_TIMEOUT' },
    });
  });
});

describe('DNS cases', () => {
  it('nxdomain, servfail, empty, timeout: the rcode-level error, and nothing connected', async () => {
    const expected = {
      nxdomain: 'ENOTFOUND',
      servfail: 'ESERVFAIL',
      empty: 'ENODATA',
      timeout: 'ETIMEOUT',
    } as const;
    for (const [name, code] of Object.entries(expected)) {
      const obs = await probeCase(name, { timeoutMs: 1_000 });
      expect(obs.dns?.answers).toEqual([]);
      expect(obs.dns?.errors.find((e) => e.rrtype === 'A')?.code).toBe(code);
      expect(obs.dns?.status).toBe(name === 'timeout' ? 'timeout' : 'error');
      expect(obs.tcp).toBeNull();
    }
  });
});

describe('budget and policy', () => {
  it('returns a partial observation when the total budget ends, marking what did not finish', async () => {
    const started = performance.now();
    const obs = await probeCase('hang-after-hello', { timeoutMs: 10_000, totalTimeoutMs: 800 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(obs.steps).toMatchObject({
      dns: 'done',
      tcp: 'done',
      tls: 'timeout',
      certificate: 'timeout',
      http: 'timeout',
    });
    expect(obs.tls?.status).toBe('timeout');
    expect(obs.interrupted).toBeUndefined();
  });

  it('an interrupted probe returns at once what it measured, marked interrupted, unfinished steps skipped', async () => {
    const controller = new AbortController();
    const events: ProbeProgress[] = [];
    let abortedAt = 0;
    const obs = await probeCase(
      'hang-after-hello',
      { timeoutMs: 20_000, signal: controller.signal },
      (event) => {
        events.push(event);
        if (event.step === 'tcp' && event.status === 'done')
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, 300);
      },
    );
    expect(abortedAt).toBeGreaterThan(0);
    expect(performance.now() - abortedAt).toBeLessThan(2_000);
    expect(obs.interrupted?.steps).toEqual(expect.arrayContaining(['tls', 'certificate', 'http']));
    expect(obs.steps).toMatchObject({ dns: 'done', tcp: 'done', tls: 'skipped', http: 'skipped' });
    expect(obs.tls?.status).toBe('skipped');
    // nothing the stop itself produced is in the observation: no attempt ended by it
    const attempts = [...(obs.tls?.variants.flatMap((v) => v.attempts) ?? []), ...(obs.tls?.versions ?? [])];
    expect(JSON.stringify(attempts)).not.toMatch(/probe (budget ended|stopped)/);
    const tlsEnd = events.find((e) => e.step === 'tls' && e.status !== 'start');
    expect(tlsEnd).toMatchObject({ status: 'skipped', note: 'interrupted' });
    // the books are closed: no step is reported after the stop
    expect(events.at(-1)).not.toMatchObject({ status: 'start' });
  });

  it('a probe whose signal is already aborted connects nowhere', async () => {
    const controller = new AbortController();
    controller.abort();
    const obs = await probeCase('ok', { signal: controller.signal });
    expect(obs.interrupted?.steps).toContain('dns');
    expect(obs.dns).toBeNull();
    expect(obs.tcp).toBeNull();
  });

  it('refuses the lab’s loopback addresses unless allowed', async () => {
    const obs = await probeCase('ok', { allowCidrs: [] });
    expect(obs.policy?.checks[0]).toMatchObject({ category: 'loopback', allowed: false });
    expect(obs.steps).toMatchObject({ policy: 'refused', tcp: 'refused', tls: 'refused', http: 'refused' });
    expect(obs.tcp).toBeNull();
  });

  it('--resolve pins the name to the given address without DNS', async () => {
    const ok = lab.byCase('ok');
    const obs = await probeTarget(ok.url, {
      resolve: [{ host: ok.name, port: ok.port, address: ok.address }],
      allowCidrs: ['127.0.0.0/8'],
      ca: [lab.caPem],
      attempts: 1,
      httpPort: ok.httpPort ?? 80,
    });
    expect(obs.dns).toMatchObject({ source: 'override', answers: [{ address: ok.address }] });
    expect(obs.certificate?.verify.ok).toBe(true);
  });
});

describe('every address the name resolves to', () => {
  const skippedReason = (name: string) => lab.skipped.find((s) => s.case === name)?.reason.en;

  it('several A records: each measured on its own, the expired certificate only on the second', async (ctx) => {
    const skipped = skippedReason('several-addresses');
    if (skipped) ctx.skip(skipped);
    const obs = await probeCase('several-addresses');
    const [first, second] = obs.addresses ?? [];
    expect(obs.addresses).toHaveLength(2);
    expect(first).toMatchObject({ primary: true, family: 4, tcp: { ok: true }, http: { statusCode: 200 } });
    expect(first?.certificate?.verify.ok).toBe(true);
    expect(second).toMatchObject({ primary: false, family: 4, tcp: { ok: true } });
    expect(second?.address).not.toBe(first?.address);
    expect(second?.tls?.okCount).toBe(2);
    expect(second?.certificate?.verify).toMatchObject({ ok: false, error: { code: 'CERT_HAS_EXPIRED' } });
    expect(Date.parse(second?.certificate?.notAfter ?? '')).toBeLessThan(Date.now());
    // the top-level sections stay the primary address's
    expect(obs.policy?.pinned).toBe(first?.address);
    expect(obs.certificate?.verify.ok).toBe(true);
  });

  it('a broken AAAA: the IPv6 address resets every ClientHello while the A record answers', async (ctx) => {
    const skipped = skippedReason('broken-aaaa');
    if (skipped) ctx.skip(skipped);
    const obs = await probeCase('broken-aaaa', { allowCidrs: ['127.0.0.0/8', '::1/128'] });
    const v6 = obs.addresses?.find((a) => a.family === 6);
    const v4 = obs.addresses?.find((a) => a.family === 4);
    expect(v4).toMatchObject({ primary: true, tcp: { ok: true }, http: { statusCode: 200 } });
    expect(v6).toMatchObject({
      address: '::1',
      primary: false,
      tcp: { ok: true },
      http: { statusCode: null },
    });
    expect(v6?.tls?.okCount).toBe(0);
    expect(v6?.tls?.attempts.every((a) => a.end === 'rst')).toBe(true);
    expect(v6?.certificate?.verify.ok).toBe(false);
  });

  it('a single-address name records no per-address list', async () => {
    const obs = await probeCase('ok');
    expect(obs.addresses).toBeUndefined();
  });
});
