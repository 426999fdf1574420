/**
 * An SNI verdict accuses the provider of filtering, so it needs a differential beyond chance.
 * Resets that fall on every SNI alike (a lossy path, an overloaded front) are `tls-reset`, never
 * `icp-filing-block`; the real filter (the target's ClientHellos reset, the others passing) still
 * is, and the evidence cites the test: the counts, the p-value, the significance level.
 */
import { describe, expect, it } from 'vitest';
import type { FactsOf } from '../observations/evidence';
import type { ProbeObservation, TlsAttempt } from '../observations/probe';
import type { TlsVariantId } from '../observations/vocabulary';
import { CALIBRATION } from './calibration';
import { diagnose } from './diagnose';
import { loadScenario } from './testdata/load-scenario';

const handshake = (): TlsAttempt => ({
  ok: true,
  durationMs: 30,
  end: 'handshake',
  serverBytes: 3900,
  alert: null,
  error: null,
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  alpn: 'http/1.1',
});
const silentReset = (): TlsAttempt => ({
  ok: false,
  durationMs: 30,
  end: 'rst',
  serverBytes: 0,
  alert: null,
  error: { code: 'ECONNRESET', syscall: 'read', message: 'read ECONNRESET' },
  protocol: null,
  cipher: null,
  alpn: null,
});

/** A healthy endpoint (HTTP 200, certificate fine) whose variants were reset `resets[id]` of `n` times. */
function probeWith(n: number, resets: Record<TlsVariantId, number>): ProbeObservation {
  const probe = structuredClone(loadScenario('ok-probe-only').probe) as ProbeObservation;
  for (const v of probe.tls?.variants ?? []) {
    const failed = resets[v.id as TlsVariantId];
    v.attempts = Array.from({ length: n }, (_, i) => (i < failed ? silentReset() : handshake()));
    v.total = n;
    v.okCount = n - failed;
  }
  return probe;
}

const causesOf = (probe: ProbeObservation) => diagnose(null, probe).verdicts.map((v) => v.cause);

function differentials(probe: ProbeObservation): FactsOf<'differential'>[] {
  return diagnose(null, probe)
    .verdicts.flatMap((v) => v.evidence)
    .flatMap((e) => (e.kind === 'differential' ? [e.facts] : []));
}

function binomial(n: number, k: number, p: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c * p ** k * (1 - p) ** (n - k);
}

/**
 * The exact chance, over every outcome of `n` attempts a variant with each handshake reset with
 * probability `share` whatever its SNI, that the diagnosis names `cause` (the split ClientHello's
 * count fixed at its expectation: no rule reads it for an SNI verdict).
 */
function chanceOfCause(cause: string, n: number, share: number): number {
  let chance = 0;
  for (let a = 0; a <= n; a++)
    for (let b = 0; b <= n; b++)
      for (let c = 0; c <= n; c++) {
        const weight = binomial(n, a, share) * binomial(n, b, share) * binomial(n, c, share);
        if (weight < 1e-9) continue; // all such outcomes together weigh under 1e-6
        const split = Math.round(n * share);
        const probe = probeWith(n, { 'sni-host': a, 'no-sni': b, 'control-sni': c, 'split-hello': split });
        if (causesOf(probe).includes(cause as never)) chance += weight;
      }
  return chance;
}

describe('an SNI verdict needs a significant differential', () => {
  it('random resets on every SNI are named an ICP filter in under 1% of runs, whatever their share', () => {
    for (const share of [0.1, 0.3, 0.5]) {
      const chance = chanceOfCause('icp-filing-block', 10, share);
      expect(chance, `share ${share}`).toBeLessThan(0.01);
    }
  });

  it('a run where the target happens to be reset most is still tls-reset, with the test cited', () => {
    // 5 of 10 target handshakes reset, 3 of 10 on each control: the shape the ICP rule looks for
    // (target mostly reset, a control ≥ 70% through), but no more than chance explains
    const probe = probeWith(10, { 'sni-host': 5, 'no-sni': 3, 'control-sni': 3, 'split-hello': 3 });
    const causes = causesOf(probe);
    expect(causes).not.toContain('icp-filing-block');
    expect(causes.slice(0, 2)).toEqual(['tls-reset', 'intermittent']);
    const [test] = differentials(probe);
    expect(test).toMatchObject({
      counted: 'reset',
      target: { ids: ['sni-host'], count: 5, total: 10 },
      others: { ids: ['no-sni', 'control-sni'], count: 6, total: 20 },
      alpha: CALIBRATION.differentialAlpha,
    });
    expect(test?.pValue).toBeGreaterThan(0.2);
    expect(test?.pValue).toBeLessThan(0.3);
  });

  it('a reset HTTP request counts towards the share of reset connections', () => {
    const probe = probeWith(3, { 'sni-host': 0, 'no-sni': 1, 'control-sni': 0, 'split-hello': 0 });
    expect(causesOf(probe)).not.toContain('tls-reset'); // one reset in 15 connections: noise
    const hop = probe.http?.hops.at(-1);
    if (!hop) throw new Error('the scenario has an HTTP hop');
    Object.assign(hop, {
      statusCode: null,
      error: { code: 'ECONNRESET', syscall: 'read', message: 'read ECONNRESET' },
    });
    expect(causesOf(probe)[0]).toBe('tls-reset');
  });

  it('the real filter is still ICP: 98% of the target’s ClientHellos reset, the others through', () => {
    for (const resets of [10, 9]) {
      const probe = probeWith(10, { 'sni-host': resets, 'no-sni': 0, 'control-sni': 0, 'split-hello': 0 });
      expect(causesOf(probe)[0]).toBe('icp-filing-block');
      const [test, split] = differentials(probe);
      expect(test).toMatchObject({
        counted: 'silent-reset',
        target: { count: resets },
        others: { count: 0 },
      });
      expect(test?.pValue).toBeLessThan(1e-5);
      // the split ClientHello passing where the target fails is tested too, and cited when it holds
      expect(split).toMatchObject({ counted: 'failed', others: { ids: ['split-hello'], count: 0 } });
    }
  });

  it('a complete differential over 3 attempts a variant counts; over 2 it cannot, and nothing is accused', () => {
    const three = probeWith(3, { 'sni-host': 3, 'no-sni': 0, 'control-sni': 0, 'split-hello': 0 });
    expect(causesOf(three)[0]).toBe('icp-filing-block');
    expect(differentials(three)[0]?.pValue).toBeCloseTo(1 / 84, 10);
    const two = probeWith(2, { 'sni-host': 2, 'no-sni': 0, 'control-sni': 0, 'split-hello': 0 });
    expect(causesOf(two)).not.toContain('icp-filing-block');
  });

  it('a block page still names the filter when the handshakes alone fall short', () => {
    const probe = probeWith(2, { 'sni-host': 2, 'no-sni': 0, 'control-sni': 0, 'split-hello': 0 });
    const icp = loadScenario('icp-2-of-100-leak').probe as ProbeObservation;
    probe.port80 = structuredClone(icp.port80);
    const d = diagnose(null, probe);
    expect(d.verdicts[0]?.cause).toBe('icp-filing-block');
    // the test that fell short is cited beside the page, not hidden
    const test = d.verdicts[0]?.evidence.find((e) => e.kind === 'differential');
    expect(test?.facts).toMatchObject({ target: { count: 2, total: 2 }, others: { count: 0, total: 4 } });
  });
});
