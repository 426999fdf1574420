/**
 * How many TLS handshakes the probe runs (tls-run.ts, limits.ts ADAPTIVE_EARLY_STOP), against the
 * lab: a healthy endpoint stops after the early-stop count per variant, a failing one gets the full
 * count (and one more round when its differential is close to significance), an explicit count is
 * run exactly — and the observation says which and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeObservation, type ProbeObservation } from '../../../shared/observations/index';
import { startLab, type Lab } from '../../lab/lab';
import { ADAPTIVE_EARLY_STOP } from './limits';
import { probeTarget, type ProbeOptions } from './probe';
import { guardLoopbackOnly, type LoopbackGuard } from './test-support/loopback-guard';

let lab: Lab;
let guard: LoopbackGuard;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  // no leaks through the ICP filter: the close-to-significance case needs every target handshake reset
  lab = await startLab({ leakProbability: 0 });
});

afterAll(async () => {
  await lab?.close();
  guard?.restore();
  expect(guard.violations).toEqual([]);
});

async function probeCase(name: string, options: Partial<ProbeOptions>): Promise<ProbeObservation> {
  const endpoint = lab.byCase(name);
  const obs = await probeTarget(endpoint.url, {
    allowCidrs: ['127.0.0.0/8'],
    dnsServer: `${lab.dnsServer.address}:${lab.dnsServer.port}`,
    ca: [lab.caPem],
    timeoutMs: 1_500,
    ...(endpoint.httpPort !== null ? { httpPort: endpoint.httpPort } : {}),
    ...options,
  });
  const parsed = parseProbeObservation(obs);
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  return obs;
}

const totals = (obs: ProbeObservation) => obs.tls?.variants.map((v) => v.total);

describe('adaptive TLS attempts', () => {
  it('a healthy endpoint stops after the early-stop count per variant, every attempt a success', async () => {
    const obs = await probeCase('ok', { attempts: 10 });
    expect(obs.options.attemptMode).toBe('adaptive');
    expect(obs.tls?.attemptPlan).toEqual({
      mode: 'adaptive',
      requested: 10,
      earlyStopAfter: ADAPTIVE_EARLY_STOP,
      reason: 'all-consistent',
    });
    expect(totals(obs)).toEqual([4, 4, 4, 4].map(() => ADAPTIVE_EARLY_STOP));
    expect(obs.tls?.variants.every((v) => v.okCount === v.total)).toBe(true);
  });

  it('an SNI filter sends every variant on to the full count', async () => {
    const obs = await probeCase('icp-block', { attempts: 10 });
    expect(obs.tls?.attemptPlan?.reason).toBe('outcome-differs');
    expect(totals(obs)).toEqual([10, 10, 10, 10]);
  });

  it('resets on every kind of handshake get the full count too', async () => {
    const obs = await probeCase('random-resets', { attempts: 10 });
    const plan = obs.tls?.attemptPlan;
    // resets fall on every SNI alike, but by chance the target's share may come close to the level
    // (then one more round, see the next tests); either way the plan says which
    expect(['outcome-differs', 'close-to-significance']).toContain(plan?.reason);
    const ran = plan?.reason === 'close-to-significance' ? 20 : 10;
    expect(plan?.escalation?.to ?? 10).toBe(ran);
    expect(totals(obs)).toEqual([ran, ran, ran, ran]);
  });

  it('a differential close to significance after the full count gets one more round, recorded in the plan', async () => {
    // an SNI filter over 2 attempts a variant: 2 of 2 reset against 0 of 4, p = 1/15, undecided
    const obs = await probeCase('icp-block', { attempts: 2 });
    const plan = obs.tls?.attemptPlan;
    expect(plan).toMatchObject({
      mode: 'adaptive',
      requested: 2,
      reason: 'close-to-significance',
      escalation: { target: { failed: 2, total: 2 }, others: { failed: 0, total: 4 }, to: 4 },
    });
    expect(plan?.escalation?.pValue).toBeCloseTo(1 / 15, 12);
    expect(totals(obs)).toEqual([4, 4, 4, 4]);
    // now 4 of 4 reset against 0 of 8 (p = 1/495): significant, and no further round (the split
    // ClientHello gets past this filter)
    expect(obs.tls?.variants.map((v) => v.okCount)).toEqual([0, 4, 4, 4]);
  });

  it('an exact count is never escalated, however close the differential', async () => {
    const obs = await probeCase('icp-block', { attempts: 2, attemptMode: 'exact' });
    expect(obs.tls?.attemptPlan).toMatchObject({ mode: 'exact', reason: 'exact' });
    expect(obs.tls?.attemptPlan?.escalation).toBeUndefined();
    expect(totals(obs)).toEqual([2, 2, 2, 2]);
  });

  it('an exact count is run exactly, on a healthy endpoint too', async () => {
    const obs = await probeCase('ok', { attempts: 6, attemptMode: 'exact' });
    expect(obs.options).toMatchObject({ attempts: 6, attemptMode: 'exact' });
    expect(obs.tls?.attemptPlan).toMatchObject({ mode: 'exact', requested: 6, reason: 'exact' });
    expect(totals(obs)).toEqual([6, 6, 6, 6]);
  });

  it('a requested count no larger than the early stop is run in full: nothing to save', async () => {
    const obs = await probeCase('ok', { attempts: 2 });
    expect(obs.tls?.attemptPlan).toMatchObject({ mode: 'adaptive', reason: 'within-early-stop' });
    expect(totals(obs)).toEqual([2, 2, 2, 2]);
  });
});
