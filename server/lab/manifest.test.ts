import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../shared/taxonomy/codes';
import { CASE_GROUPS, INFRA_OCTETS, LAB_CASES, casesInGroups, hostOfCase } from './manifest';

describe('lab manifest', () => {
  it('names each case once, as a DNS label', () => {
    const names = LAB_CASES.map((c) => c.case);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(hostOfCase(name)).toMatch(/^[a-z0-9-]+\.lab\.wxprobe\.test$/);
  });

  it('gives every server case its own octet, clear of the lab helpers', () => {
    const octets = LAB_CASES.flatMap((c) => (c.octet === null ? [] : [c.octet]));
    expect(new Set(octets).size).toBe(octets.length);
    for (const octet of octets) {
      expect(octet).toBeGreaterThanOrEqual(1);
      expect(octet).toBeLessThanOrEqual(254);
      expect(Object.values(INFRA_OCTETS)).not.toContain(octet);
    }
  });

  it('lists the cases of a group in manifest order, and every case in exactly one group', () => {
    expect(casesInGroups('tcp')).toEqual(['refused', 'dropped']);
    expect(casesInGroups('baseline', 'tcp')).toEqual(['ok', 'refused', 'dropped']);
    expect(casesInGroups(...CASE_GROUPS)).toEqual(LAB_CASES.map((c) => c.case));
  });

  it('DNS cases, and only they, have no server of their own', () => {
    for (const c of LAB_CASES) expect(c.octet === null, c.case).toBe(c.group === 'dns');
  });

  it('expects a cause from the taxonomy and says what is wrong in Chinese and English', () => {
    for (const c of LAB_CASES) {
      expect(CAUSES, c.case).toContain(c.expectedCause);
      expect(c.wrong.zh, c.case).toMatch(/[\u4e00-\u9fff]/);
      expect(c.wrong.en, c.case).toMatch(/^[\x20-\x7e…→]+$/);
    }
  });

  it('covers every failure the lab issue lists', () => {
    const required = [
      'ok',
      'expired',
      'not-yet-valid',
      'wrong-host',
      'self-signed',
      'untrusted-root',
      'incomplete-chain',
      // issue 12: verified as WeChat's stacks do it
      'cn-only',
      'aia-private-root',
      'weak-key',
      'tls10-only',
      'tls11-only',
      'no-shared-cipher',
      'icp-block',
      'icp-block-tencent',
      'reset-all',
      'close-after-hello',
      'hang-after-hello',
      'refused',
      'dropped',
      'plain-http',
      'status-502',
      'redirect-to-http',
      'redirect-loop',
      'redirect-offsite',
      'slow',
      'h2-only',
      'nxdomain',
      'servfail',
      'empty',
      'timeout',
      'cname',
      'rebind',
      // issue 12
      'random-resets',
      // issue 12 §3: handshakes that fail for reasons Node hides
      'client-cert-required',
      'icp-drop',
      // issue 12 §1: every address the name resolves to
      'several-addresses',
      'broken-aaaa',
    ];
    expect(LAB_CASES.map((c) => c.case).sort()).toEqual([...required].sort());
  });
});
