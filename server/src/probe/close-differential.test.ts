/**
 * When the probe runs one more round: the target SNI's failures against the controls', judged by
 * the diagnosis's own test and level. Figures are the exact hypergeometric tails, worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { fisherOneSided, type Counts } from '../../../shared/stats/fisher';
import { DIFFERENTIAL_ALPHA } from '../../../shared/stats/significance';
import { shouldEscalate } from './close-differential';

const of = (failed: number, total: number) => ({ failed, total });

function binomial(n: number, k: number, p: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c * p ** k * (1 - p) ** (n - k);
}

/** Every outcome of `n` target and `2n` control attempts, failing with the given chances, with its weight. */
function* outcomes(n: number, target: number, controls: number): Generator<[Counts, Counts, number]> {
  for (let a = 0; a <= n; a++)
    for (let c = 0; c <= 2 * n; c++)
      yield [of(a, n), of(c, 2 * n), binomial(n, a, target) * binomial(2 * n, c, controls)];
}

/**
 * The exact chance that the probe's final counts pass the level: significant after `n` a variant,
 * or close there and significant over both rounds together (the escalation the probe runs).
 */
function chanceSignificant(n: number, target: number, controls: number, escalate: boolean): number {
  const significant = (t: Counts, o: Counts) => fisherOneSided(t, o) < DIFFERENTIAL_ALPHA;
  let chance = 0;
  for (const [t, o, weight] of outcomes(n, target, controls)) {
    if (significant(t, o)) chance += weight;
    else if (escalate && shouldEscalate(t, o))
      for (const [t2, o2, w2] of outcomes(n, target, controls))
        if (significant(of(t.failed + t2.failed, 2 * n), of(o.failed + o2.failed, 4 * n)))
          chance += weight * w2;
  }
  return chance;
}

describe('escalating a differential close to significance', () => {
  it('a complete differential over 2 attempts a variant (p = 1/15) is undecided: run more', () => {
    expect(1 / 15).toBeGreaterThanOrEqual(DIFFERENTIAL_ALPHA);
    expect(shouldEscalate(of(2, 2), of(0, 4))).toBe(true);
  });

  it('a complete differential over 3 (p = 1/84) or 4 (p = 1/495) is already significant: stop', () => {
    expect(shouldEscalate(of(3, 3), of(0, 6))).toBe(false);
    expect(shouldEscalate(of(4, 4), of(0, 8))).toBe(false);
  });

  it('a filter resetting some target handshakes: 2 or 3 of 10 (p = 45/435, 120/4060) is close, 4 (p = 210/27405) is not', () => {
    expect(shouldEscalate(of(2, 10), of(0, 20))).toBe(true);
    expect(shouldEscalate(of(3, 10), of(0, 20))).toBe(true);
    expect(shouldEscalate(of(4, 10), of(0, 20))).toBe(false);
  });

  it('counts that show nothing never escalate: no failure, failures alike, one attempt a variant (p = 1/3)', () => {
    expect(shouldEscalate(of(0, 10), of(0, 20))).toBe(false);
    expect(shouldEscalate(of(3, 10), of(6, 20))).toBe(false);
    expect(shouldEscalate(of(0, 10), of(5, 20))).toBe(false);
    expect(shouldEscalate(of(1, 1), of(0, 2))).toBe(false);
  });

  it('the extra round keeps chance differentials under the level and finds a partial filter far more often', () => {
    // resets on every SNI alike, 10 attempts a variant: both rounds together pass the level in
    // under alpha of runs (computed: 0.65%, 1.45%, 1.38% at 10%, 30%, 50%; one round alone 0.21%,
    // 0.80%, 0.67%)
    for (const share of [0.1, 0.3, 0.5])
      expect(chanceSignificant(10, share, share, true), `share ${share}`).toBeLessThan(DIFFERENTIAL_ALPHA);
    // a filter resetting 30% of the target's handshakes, none of the controls': 35% → 81%
    const once = chanceSignificant(10, 0.3, 0, false);
    const escalated = chanceSignificant(10, 0.3, 0, true);
    expect(once).toBeLessThan(0.4);
    expect(escalated).toBeGreaterThan(0.8);
  });
});
