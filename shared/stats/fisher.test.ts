import { describe, expect, it } from 'vitest';
import { fisherOneSided } from './fisher';

/** C(n, k) exactly. */
function choose(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** The same tail, summed as exact integers: an independent reference for the float version. */
function exactTail(a: number, n: number, c: number, m: number): number {
  const K = a + c;
  let numerator = 0n;
  for (let k = a; k <= Math.min(K, n); k++) numerator += choose(K, k) * choose(n + m - K, n - k);
  const denominator = choose(n + m, n);
  // scaled integer division keeps 15 significant digits
  const SCALE = 10n ** 18n;
  return Number((numerator * SCALE) / denominator) / 1e18;
}

describe("Fisher's exact test, one-sided", () => {
  it('equals the exact hypergeometric tail for every table up to 12 attempts a side', () => {
    for (let n = 1; n <= 12; n++)
      for (let m = 1; m <= 12; m++)
        for (let a = 0; a <= n; a++)
          for (let c = 0; c <= m; c++) {
            if (a + c === 0) continue;
            const p = fisherOneSided({ failed: a, total: n }, { failed: c, total: m });
            expect(Math.abs(p - exactTail(a, n, c, m)), `${a}/${n} vs ${c}/${m}`).toBeLessThan(1e-12);
          }
  });

  it("gives the textbook values: Fisher's tea tasting and a complete differential", () => {
    // the lady picks 3 of the 4 milk-first cups: P = 17/70
    expect(fisherOneSided({ failed: 3, total: 4 }, { failed: 1, total: 4 })).toBeCloseTo(17 / 70, 12);
    // all 10 target handshakes reset, none of 20 others: 1 / C(30, 10)
    expect(fisherOneSided({ failed: 10, total: 10 }, { failed: 0, total: 20 })).toBeCloseTo(
      1 / 30_045_015,
      15,
    );
    // three attempts a variant, a complete differential against two controls: 1 / C(9, 3) = 1/84
    expect(fisherOneSided({ failed: 3, total: 3 }, { failed: 0, total: 6 })).toBeCloseTo(1 / 84, 12);
  });

  it('says nothing (p = 1) when the counts cannot show a difference', () => {
    expect(fisherOneSided({ failed: 0, total: 10 }, { failed: 0, total: 10 })).toBe(1);
    expect(fisherOneSided({ failed: 0, total: 10 }, { failed: 5, total: 10 })).toBe(1);
    expect(fisherOneSided({ failed: 0, total: 0 }, { failed: 3, total: 10 })).toBe(1);
    expect(fisherOneSided({ failed: 3, total: 3 }, { failed: 0, total: 0 })).toBe(1);
    expect(fisherOneSided({ failed: 4, total: 3 }, { failed: 0, total: 5 })).toBe(1);
    expect(fisherOneSided({ failed: 1.5, total: 3 }, { failed: 0, total: 5 })).toBe(1);
  });

  it('falls as the first group fails more, the others staying the same', () => {
    let previous = 1.0000001;
    for (let a = 0; a <= 10; a++) {
      const p = fisherOneSided({ failed: a, total: 10 }, { failed: 3, total: 30 });
      expect(p).toBeLessThan(previous);
      previous = p;
    }
  });

  it('is stable at large counts: both tails add up to one and a tiny tail stays positive', () => {
    // P(X ≥ a) + P(X ≤ a − 1) = 1; the second tail is the first one seen from the other group
    for (const [a, n, c, m] of [
      [5_000, 10_000, 4_800, 10_000],
      [700, 2_000, 40, 3_000],
      [1, 5_000, 0, 5_000],
    ] as const) {
      const upper = fisherOneSided({ failed: a, total: n }, { failed: c, total: m });
      const lower = fisherOneSided({ failed: c + 1, total: m }, { failed: a - 1, total: n });
      expect(Number.isFinite(upper) && upper > 0 && upper <= 1).toBe(true);
      expect(upper + lower).toBeCloseTo(1, 9);
    }
    // 1 / C(600, 300) ≈ 7e-180: far below what the terms as plain products could hold, still exact
    const tiny = fisherOneSided({ failed: 300, total: 300 }, { failed: 0, total: 300 });
    const expected = 1 / Number(choose(600, 300));
    expect(tiny).toBeGreaterThan(0);
    expect(Math.abs(tiny - expected) / expected).toBeLessThan(1e-9);
  });
});
