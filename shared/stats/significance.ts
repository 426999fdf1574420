/**
 * The one significance level a differential must pass, shared by the two sides that ask: the
 * diagnosis (calibration.ts `differentialAlpha`, read by differential.ts) decides with it, and the
 * probe (server/src/probe/tls-run.ts) runs more attempts when a differential is close to it. Kept
 * here, outside shared/diagnose, because measuring code never imports the diagnosis.
 *
 * One in fifty: with random resets on every SNI (10%, 30% or 50% of the handshakes, 10 attempts a
 * variant) the ICP rule then names a filter in under 1% of runs (icp-significance.test.ts computes
 * it exactly; at level 1, i.e. without the test, the same computation gives 13% at 30%), while a
 * complete differential over 3 attempts a variant (p = 1/84 ≈ 0.012) still counts; over 2
 * (p = 1/15) it cannot: run more.
 */
export const DIFFERENTIAL_ALPHA = 0.02;

/**
 * How far above the level a p-value is still "close": below DIFFERENTIAL_ALPHA × this the counts
 * neither show a difference nor rule one out, and more attempts may settle it either way.
 */
export const CLOSE_TO_SIGNIFICANCE_FACTOR = 10;

/** Undecided: not significant (p ≥ alpha), yet within a factor of ten of the level. */
export function closeToSignificance(pValue: number, alpha: number = DIFFERENTIAL_ALPHA): boolean {
  return pValue >= alpha && pValue < alpha * CLOSE_TO_SIGNIFICANCE_FACTOR;
}
