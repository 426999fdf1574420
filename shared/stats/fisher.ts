/**
 * Fisher's exact test on a 2×2 table of counts: is one group's share of failures higher than
 * another's beyond chance? Pure and exact (no normal approximation, so it holds for the probe's
 * small counts: 10 attempts per variant, sometimes 2 or 3).
 *
 * Given both groups' totals and the failures in all (the table's margins), the number of failures
 * that falls on the first group is hypergeometric under "the failures fall on every group alike".
 * The p-value is the chance of the first group getting at least as many as it did. Each term is
 * computed in log space (ln n! summed once and kept), then the tail is summed relative to its
 * largest term, so counts in the thousands neither overflow nor lose the small tail.
 *
 * One-sided on purpose: every question the rules ask has a direction. An SNI filter makes the
 * handshakes naming the domain fail *more* than the others; a target that fails less than the
 * controls is no evidence of a filter at all, so a two-sided test would only spend half its power
 * on an alternative no rule acts on.
 */

export type Counts = { failed: number; total: number };

const logFactorials: number[] = [0];

/** ln(n!), from the kept table (grown on demand; exact sums of logs, no Stirling error). */
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++)
    logFactorials.push((logFactorials[i - 1] ?? 0) + Math.log(i));
  return logFactorials[n] ?? 0;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

/**
 * P(X ≥ `more.failed`) for X ~ Hypergeometric(N = both totals, K = both groups' failures,
 * n = `more.total`): the one-sided p-value that `more` fails more often than `than`. 1 when the
 * counts say nothing (no attempts, no failures, or counts that are not a table).
 */
export function fisherOneSided(more: Counts, than: Counts): number {
  const counts = [more.failed, more.total, than.failed, than.total];
  if (!counts.every(isCount) || more.failed > more.total || than.failed > than.total) return 1;
  const n = more.total;
  const N = more.total + than.total;
  const K = more.failed + than.failed;
  if (n === 0 || than.total === 0 || K === 0) return 1;
  const base = logChoose(N, n);
  const logTerms: number[] = [];
  for (let k = more.failed; k <= Math.min(K, n); k++)
    logTerms.push(logChoose(K, k) + logChoose(N - K, n - k) - base);
  const top = Math.max(...logTerms);
  const sum = logTerms.reduce((s, t) => s + Math.exp(t - top), 0);
  return Math.min(1, Math.exp(top + Math.log(sum)));
}
