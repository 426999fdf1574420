/**
 * When the two views disagree: the phone's error names a class (the certificate does not cover the
 * name, the certificate is not trusted, no common TLS version) that the outside probe looked for
 * and did not see. The phone's raw error is evidence: its cause is ranked, less sure than when the
 * probe confirms it, with why the probe may not see it and what would settle it. `unknown` is left
 * for evidence no rule fits.
 */
import { describe, expect, it } from 'vitest';
import type { ClientAttempt, ClientObservation } from '../observations/client';
import type { ProbeObservation } from '../observations/probe';
import { CALIBRATION } from './calibration';
import { diagnose } from './diagnose';
import { loadScenario } from './testdata/load-scenario';

const NAME = 'request:fail errcode:-200 cronet_error_code:-200 error_msg:net::ERR_CERT_COMMON_NAME_INVALID';
const AUTHORITY =
  'request:fail errcode:-202 cronet_error_code:-202 error_msg:net::ERR_CERT_AUTHORITY_INVALID';
const IOS_UNTRUSTED =
  'request:fail 此服务器的证书无效。您可能正在连接到一个伪装成“api.example.com”的服务器，这会威胁到您的机密信息的安全。';
const OK: ClientAttempt = { ok: true, statusCode: 200, errMsg: 'request:ok', durationMs: 50 };

const failing = (errMsg: string, peerIP?: string): ClientAttempt => ({
  ok: false,
  errno: 600001,
  errMsg,
  durationMs: 60,
  ...(peerIP ? { profile: { peerIP } } : {}),
});

function phone(attempts: ClientAttempt[], platform = 'android'): ClientObservation {
  const doc = structuredClone(loadScenario('views-cert-name-phone-only').client) as ClientObservation;
  return { ...doc, env: { ...doc.env, platform }, attempts };
}

/** The outside view of a healthy endpoint: TLS, the certificate and HTTP all fine. */
const healthy = () => structuredClone(loadScenario('ok-probe-only').probe) as ProbeObservation;

describe('the phone names a class the probe does not reproduce', () => {
  it('a certificate-name error beside a good certificate: cert-hostname-mismatch, not unknown', () => {
    const d = diagnose(phone([failing(NAME), failing(NAME), failing(NAME)]), healthy());
    const top = d.verdicts[0]!;
    expect(top.cause).toBe('cert-hostname-mismatch');
    expect(top.confidence).toBe(CALIBRATION['views/phone-only-class'].consistent);
    // less sure than when the probe sees the mismatch itself
    const confirmed = loadScenario('cert-hostname-mismatch');
    const byProbe = diagnose(confirmed.client, confirmed.probe).verdicts[0]!;
    expect(byProbe.cause).toBe('cert-hostname-mismatch');
    expect(top.confidence).toBeLessThan(byProbe.confidence);
    // the evidence points at the phone's attempts and at the probe's certificate
    expect(top.evidence[0]).toMatchObject({
      kind: 'client-attempts',
      pointer: '/client/attempts',
      facts: { attempts: [0, 1, 2], kind: 'cert-name-invalid' },
    });
    expect(top.evidence.map((e) => e.pointer)).toContain('/probe/certificate');
    // why the probe may not see it, and what settles it, in both languages
    expect(top.title.en).toContain('ERR_CERT_COMMON_NAME_INVALID');
    for (const reason of [/another address/, /CDN/, /fall back to the certificate's CN/, /proxy/])
      expect(top.explanation.en).toMatch(reason);
    for (const reason of [/另一个地址/, /CDN/, /CN/, /代理/]) expect(top.explanation.zh).toMatch(reason);
    expect(top.fix.en).toContain('--resolve api.example.com:443:');
    expect(top.fix.zh).toContain('profile.peerIP');
  });

  it('an untrusted certificate names the chain on Android (no AIA fetching) and the root on iOS', () => {
    const android = diagnose(phone([failing(AUTHORITY), failing(AUTHORITY)]), healthy());
    expect(android.verdicts[0]?.cause).toBe('cert-chain-incomplete');
    expect(android.verdicts[0]?.explanation.en).toContain('does not fetch a missing intermediate');
    const ios = diagnose(phone([failing(IOS_UNTRUSTED), failing(IOS_UNTRUSTED)], 'ios'), healthy());
    expect(ios.verdicts[0]?.cause).toBe('cert-untrusted-root');
    expect(ios.verdicts[0]?.explanation.en).toContain('iOS trusts differently');
  });

  it('one such error among passes is a weaker hint', () => {
    const d = diagnose(phone([OK, failing(NAME), OK, OK]), healthy());
    const verdict = d.verdicts.find((v) => v.cause === 'cert-hostname-mismatch');
    expect(verdict?.confidence).toBe(CALIBRATION['views/phone-only-class'].some);
  });

  it('the failing requests’ own peerIP: another address raises it and is named; the same one is said', () => {
    const probe = healthy();
    const checked = probe.tls?.address ?? '';
    const elsewhere = diagnose(phone([failing(NAME, '47.98.200.9'), failing(NAME, '47.98.200.9')]), probe);
    const mismatch = elsewhere.verdicts.find((v) => v.cause === 'cert-hostname-mismatch')!;
    const C = CALIBRATION['views/phone-only-class'];
    expect(mismatch.confidence).toBeCloseTo(C.consistent + C.peerElsewhere, 10);
    expect(mismatch.explanation.en).toContain(
      `profile.peerIP is 47.98.200.9 while the probe checked ${checked}`,
    );
    expect(mismatch.evidence).toContainEqual(
      expect.objectContaining({ kind: 'client-peer-ip', facts: { attempts: [0, 1], peerIP: '47.98.200.9' } }),
    );
    const same = diagnose(phone([failing(NAME, checked), failing(NAME, checked)]), probe).verdicts[0]!;
    expect(same.confidence).toBe(C.consistent);
    expect(same.explanation.en).toContain('reached the same address the probe checked');
    // a pass's peerIP says nothing about where the failures went
    const passElsewhere = { ...OK, profile: { peerIP: '47.98.200.9' } };
    const mixed = diagnose(phone([passElsewhere, failing(NAME), failing(NAME)]), probe);
    const hint = mixed.verdicts.find((v) => v.cause === 'cert-hostname-mismatch')!;
    expect(hint.explanation.en).toContain('the failing requests recorded no profile.peerIP');
  });

  it('when the probe confirms the class, the probe-based verdict speaks, not the phone-only one', () => {
    const { client, probe } = loadScenario('cert-hostname-mismatch');
    const top = diagnose(client, probe).verdicts[0]!;
    expect(top.title.en).not.toContain('does not reproduce');
    expect(top.evidence).toContainEqual(expect.objectContaining({ kind: 'agreement' }));
  });

  it('stays silent when the probe could not complete a handshake with the name (it cannot vouch)', () => {
    const { client, probe } = loadScenario('contradiction-icp-vs-cert-error');
    const causes = diagnose(client, probe).verdicts.map((v) => v.cause);
    expect(causes).toEqual(['icp-filing-block']);
  });

  it('unknown is left for an error that fits no rule', () => {
    const d = diagnose(phone([failing('request:fail something nobody has seen before')]), healthy());
    expect(d.verdicts.map((v) => v.cause)).toEqual(['unknown']);
  });
});
