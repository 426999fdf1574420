/**
 * Retry-After follows the running probes' budgets: the step timeout that bounds a probe that is not
 * stuck, and the total budget it never exceeds.
 */
import { describe, expect, it } from 'vitest';
import type { ProbeObservation } from '../../../shared/observations/probe';
import { ApiError } from '../errors';
import { ProbeRunner } from './probe-runner';
import { retryAfterSeconds } from './retry-after';

describe('retryAfterSeconds', () => {
  const slot = (startedAt: number, stepMs = 5000, totalMs = 30_000) => ({
    startedAt,
    stepMs,
    deadline: startedAt + totalMs,
  });

  it('is the time to the soonest expected end, not the total budget', () => {
    expect(retryAfterSeconds([slot(0)], 0)).toBe(5);
    expect(retryAfterSeconds([slot(0), slot(-3000)], 0)).toBe(2);
    expect(retryAfterSeconds([slot(0, 1500)], 400)).toBe(2);
  });

  it('expects an overdue probe within another step, never after its total budget', () => {
    expect(retryAfterSeconds([slot(0)], 12_000)).toBe(5);
    expect(retryAfterSeconds([slot(0)], 27_500)).toBe(3);
  });

  it('is at least one second, and 1 when nothing runs', () => {
    expect(retryAfterSeconds([slot(0)], 4_990)).toBe(1);
    expect(retryAfterSeconds([], 0)).toBe(1);
  });
});

describe('ProbeRunner', () => {
  it('refuses the next probe with the budget-derived Retry-After', async () => {
    let now = 1_000_000;
    const pending: Array<() => void> = [];
    const runner = new ProbeRunner({
      maxConcurrent: 1,
      totalTimeoutMs: 30_000,
      baseOptions: {},
      now: () => now,
      probe: () =>
        new Promise<ProbeObservation>((resolve) => pending.push(() => resolve({} as ProbeObservation))),
    });
    const running = runner.run('https://a.test/', { timeoutMs: 5000 });
    now += 1000;
    let refusal: unknown;
    try {
      runner.acquire({ timeoutMs: 5000 });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).code).toBe('probes-busy');
    expect((refusal as ApiError).options.retryAfterSeconds).toBe(4);
    pending.forEach((resolve) => resolve());
    await running;
    expect(runner.runningCount).toBe(0);
  });
});
