/**
 * The verification profiles, rule by rule, on a recorded observation (the healthy golden probe: a
 * Let's Encrypt leaf + R11 anchored at a bundled root) changed one fact at a time. What each rule
 * says and where it comes from is written beside it in platform-profiles.ts; here each is shown to
 * split the platforms the way its source says.
 */
import { describe, expect, it } from 'vitest';
import type { CertInfo, ProbeObservation, ProbeTrust } from '../observations/probe';
import { PROBE_ERROR_CODES } from '../observations/vocabulary';
import { judgeCertificate, platformSplit } from './platform-profiles';
import { loadScenario } from './testdata/load-scenario';

const BASE = loadScenario('ok-both-views').probe as ProbeObservation;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

function anchoredTrust(anchored: ProbeTrust['anchored'], source: 'bundled' | 'ca-option'): ProbeTrust {
  return {
    anchored,
    anchor: { subject: 'CN=ISRG Root X1', fingerprint256: 'AA', source, sentIndex: null },
    path: [0, 1].map((index) => ({ from: 'sent' as const, index })),
    error: null,
    fetched: [],
    fetches: [],
  };
}

/** The base observation with the leaf (and the recorded trust) changed. */
function probe(
  leaf: Partial<CertInfo> = {},
  trust: ProbeTrust | null = anchoredTrust('sent-chain', 'bundled'),
  intermediate: Partial<CertInfo> = {},
): ProbeObservation {
  const doc = structuredClone(BASE);
  const cert = doc.certificate;
  if (!cert) throw new Error('the base scenario has a certificate');
  const [l, i] = cert.chain as [CertInfo, CertInfo];
  cert.chain = [
    { ...l, eku: [SERVER_AUTH], ...leaf },
    { ...i, eku: null, nameConstraints: null, ...intermediate },
  ];
  if (trust) cert.trust = trust;
  return doc;
}

function split(doc: ProbeObservation, ...checks: Parameters<typeof platformSplit>[1][number][]) {
  const judged = judgeCertificate(doc, doc.target.host);
  if (!judged) throw new Error('nothing judged');
  const { reject, accept, findings } = platformSplit(judged, checks);
  return { reject, accept, findings, nodeAccepts: judged.nodeAccepts };
}

const ALL = ['android', 'ios', 'desktop'];

describe('platform profiles', () => {
  it('a healthy publicly trusted chain breaks no rule on any platform', () => {
    expect(judgeCertificate(probe(), 'api.example.com')?.findings).toEqual([]);
    // an older observation (no EKU, no trust recorded) is judged on what it holds
    expect(judgeCertificate(BASE, 'api.example.com')?.findings).toEqual([]);
  });

  it('no SAN: every platform refuses, though Node (CN fallback) passed the name', () => {
    const s = split(probe({ sans: [], subject: 'CN=api.example.com' }), 'san', 'name');
    expect(s.reject).toEqual(ALL);
    expect(s.nodeAccepts).toBe(true);
    expect(s.findings).toMatchObject([{ check: 'san', cert: 0, value: 'CN=api.example.com' }]);
  });

  it('names: full-label wildcards for one label only, IP hosts against IP SANs', () => {
    const name = (sans: string[], host: string) => {
      const judged = judgeCertificate(probe({ sans }), host);
      return judged ? platformSplit(judged, ['name']).reject : null;
    };
    expect(name(['DNS:*.example.com'], 'api.example.com')).toEqual([]);
    expect(name(['DNS:API.Example.com'], 'api.example.com.')).toEqual([]);
    expect(name(['DNS:*.example.com'], 'a.b.example.com')).toEqual(ALL);
    expect(name(['DNS:*.example.com'], 'example.com')).toEqual(ALL);
    // a partial wildcard Node's checkServerIdentity accepts; Chromium and Apple do not
    expect(name(['DNS:ap*.example.com'], 'api.example.com')).toEqual(ALL);
    expect(name(['IP Address:10.1.2.3'], '10.1.2.3')).toEqual([]);
    expect(name(['DNS:10.1.2.3'], '10.1.2.3')).toEqual(ALL);
  });

  it('AIA: only Android (Cronet) refuses a chain that completes over AIA', () => {
    const s = split(probe({}, anchoredTrust('aia', 'bundled')), 'chain');
    expect(s).toMatchObject({ reject: ['android'], accept: ['ios', 'desktop'] });
  });

  it('no anchor: every platform refuses; a fetched private root is not one', () => {
    const trust: ProbeTrust = {
      ...anchoredTrust(null, 'bundled'),
      anchor: null,
      error: { code: PROBE_ERROR_CODES.chainUntrustedRoot, syscall: null, message: 'x' },
    };
    const s = split(probe({}, trust), 'anchor', 'chain');
    expect(s.reject).toEqual(ALL);
    expect(s.findings.map((f) => f.check)).toEqual(['anchor']);
  });

  it('RSA keys: iOS wants 2048 bits, Chromium 1024; unsupported EC curves fail on Chromium', () => {
    expect(split(probe({ keyBits: 1024 }), 'key')).toMatchObject({
      reject: ['ios'],
      accept: ['android', 'desktop'],
    });
    expect(split(probe({ keyBits: 512 }), 'key').reject).toEqual(ALL);
    expect(split(probe({}, undefined, { keyBits: 1024 }), 'key').findings[0]).toMatchObject({ cert: 1 });
    expect(split(probe({ keyType: 'ec', keyBits: 224 }), 'key').reject).toEqual(['android', 'desktop']);
    expect(split(probe({ keyType: 'ec', keyBits: 384 }), 'key').reject).toEqual([]);
  });

  it('SHA-1 signatures fail everywhere, on the leaf or an intermediate', () => {
    expect(split(probe({ signatureAlgorithm: 'sha1WithRSAEncryption' }), 'signature').reject).toEqual(ALL);
    const inIntermediate = probe({}, undefined, { signatureAlgorithm: 'ecdsa-with-SHA1' });
    expect(split(inIntermediate, 'signature').findings).toMatchObject([{ cert: 1 }]);
  });

  it('EKU: without serverAuth every platform refuses; a missing EKU only iOS (leaves from 2019-07-01)', () => {
    expect(split(probe({ eku: ['1.3.6.1.5.5.7.3.2'] }), 'eku').reject).toEqual(ALL);
    // anyExtendedKeyUsage stands for serverAuth in Chromium, not in Apple's rule
    expect(split(probe({ eku: ['2.5.29.37.0'] }), 'eku').reject).toEqual(['ios']);
    expect(split(probe({ eku: null }), 'eku').reject).toEqual(['ios']);
    expect(split(probe({ eku: null, notBefore: '2019-06-01T00:00:00.000Z' }), 'eku').reject).toEqual([]);
    // an intermediate's EKU binds Chromium
    const intermediate = probe({}, undefined, { eku: ['1.3.6.1.5.5.7.3.4'] });
    expect(split(intermediate, 'eku').reject).toEqual(['android', 'desktop']);
  });

  it('validity caps: 398 days for public roots (Apple and Chromium), 825 days on iOS for any root', () => {
    const days = (n: number, from = '2026-10-15T00:00:00.000Z') => ({
      notBefore: from,
      notAfter: new Date(Date.parse(from) + n * 86_400_000).toISOString(),
    });
    expect(split(probe(days(398)), 'validity').reject).toEqual([]);
    expect(split(probe(days(400)), 'validity')).toMatchObject({
      reject: ALL,
      findings: [{ value: '400', limit: '398' }],
    });
    // a --ca root: Apple's 398-day rule and Chromium's caps are for the preinstalled roots only
    const userRoot = anchoredTrust('sent-chain', 'ca-option');
    expect(split(probe(days(400), userRoot), 'validity').reject).toEqual([]);
    expect(split(probe(days(900), userRoot), 'validity')).toMatchObject({
      reject: ['ios'],
      findings: [{ limit: '825' }],
    });
    // issued before 2020-09-01: 825 days still pass Chromium, not 826
    const before = '2019-09-01T00:00:00.000Z';
    expect(split(probe(days(825, before)), 'validity').reject).toEqual([]);
    expect(split(probe(days(826, before)), 'validity').reject).toEqual(ALL);
  });

  it('name constraints of a CA in the path bind the leaf names, on every platform', () => {
    const constrained = (permitted: string[], excluded: string[] = []) =>
      split(probe({}, undefined, { nameConstraints: { permitted, excluded } }), 'name-constraints');
    expect(constrained(['DNS:example.com']).reject).toEqual([]);
    expect(constrained(['DNS:.example.com']).reject).toEqual([]);
    expect(constrained(['DNS:other.test'])).toMatchObject({
      reject: ALL,
      findings: [{ cert: 1, value: 'DNS:api.example.com' }],
    });
    expect(constrained([], ['DNS:example.com']).reject).toEqual(ALL);
    expect(constrained(['IP:10.0.0.0/8']).reject).toEqual([]);
    const ipLeaf = probe({ sans: ['DNS:api.example.com', 'IP Address:192.168.1.1'] }, undefined, {
      nameConstraints: { permitted: ['IP:10.0.0.0/8'], excluded: [] },
    });
    expect(split(ipLeaf, 'name-constraints').findings[0]?.value).toBe('IP:192.168.1.1');
  });

  it('judges the further rules only on chains that reach an anchor', () => {
    const untrusted: ProbeTrust = { ...anchoredTrust(null, 'bundled'), anchor: null };
    const doc = probe({ eku: ['1.3.6.1.5.5.7.3.2'] }, untrusted);
    expect(split(doc, 'eku', 'validity', 'name-constraints').findings).toEqual([]);
    expect(split(doc, 'anchor').reject).toEqual(ALL);
  });
});
