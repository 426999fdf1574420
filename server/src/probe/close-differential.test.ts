/**
 * When the probe runs one more round: the target SNI's failures against the controls', judged by
 * the diagnosis's own test and level. Figures are the exact hypergeometric tails, worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { DIFFERENTIAL_ALPHA } from '../../../shared/stats/significance';
import { shouldEscalate } from './close-differential';

const of = (failed: number, total: number) => ({ failed, total });

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
});
