/**
 * How many TLS handshakes the probe runs (tls-run.ts, limits.ts ADAPTIVE_EARLY_STOP), against the
 * lab: a healthy endpoint stops after the early-stop count per variant, a failing one gets the full
 * count, an explicit count is run exactly — and the observation says which and why.
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
  lab = await startLab();
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
    expect(obs.tls?.attemptPlan?.reason).toBe('outcome-differs');
    expect(totals(obs)).toEqual([10, 10, 10, 10]);
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
