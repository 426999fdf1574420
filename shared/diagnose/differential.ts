/**
 * Does one group of the probe's handshakes fail more than the others beyond chance? The rules that
 * accuse a filter of singling something out (the ICP rule: the target SNI is reset, the others are
 * not) ask it here, with Fisher's exact test (shared/stats/fisher.ts) held to the one significance level of
 * calibration.ts, and cite the answer as a `differential` piece of evidence. A few more resets on
 * the target in one run of 10 is not a filter: behind a lossy path or an overloaded server resets
 * fall on every SNI alike, and only a difference the counts cannot explain by chance is one.
 */
import type { DifferentialCount, FactsOf } from '../observations/evidence';
import type { TlsAttempt } from '../observations/probe';
import { CALIBRATION } from './calibration';
import { fisherOneSided } from '../stats/fisher';
import { signature, type Signature } from './tls-signature';

export type Differential = FactsOf<'differential'>;

/** How each count reads the attempts (see DIFFERENTIAL_COUNTS). */
const COUNTED: Record<DifferentialCount, readonly Signature[] | 'any-failure'> = {
  'silent-reset': ['rst-silent'],
  'silent-drop': ['timeout'],
  reset: ['rst-silent', 'rst', 'fin-silent', 'fin'],
  failed: 'any-failure',
};

function counts(a: TlsAttempt, counted: DifferentialCount): boolean {
  const shapes = COUNTED[counted];
  return shapes === 'any-failure' ? !a.ok : shapes.includes(signature(a));
}

/** A group of handshakes compared: a TLS variant, or one address of the name (its id the address). */
export type AttemptGroup = { id: string; attempts: readonly TlsAttempt[] };

function group(variants: readonly AttemptGroup[], counted: DifferentialCount): Differential['target'] {
  const attempts = variants.flatMap((v) => v.attempts);
  return {
    ids: variants.map((v) => v.id),
    count: attempts.filter((a) => counts(a, counted)).length,
    total: attempts.length,
  };
}

/**
 * `target` against the pooled `others`: the one-sided p-value that the target's share of `counted`
 * endings is higher. Null when either side has no attempt (nothing to compare).
 */
export function variantDifferential(
  target: readonly AttemptGroup[],
  others: readonly AttemptGroup[],
  counted: DifferentialCount,
): Differential | null {
  const t = group(target, counted);
  const o = group(others, counted);
  if (t.total === 0 || o.total === 0) return null;
  return {
    counted,
    target: t,
    others: o,
    pValue: fisherOneSided({ failed: t.count, total: t.total }, { failed: o.count, total: o.total }),
    alpha: CALIBRATION.differentialAlpha,
  };
}

/** The target's excess is significant: its p-value is below the significance level. */
export function beyondChance(d: Differential | null): d is Differential {
  return d !== null && d.pValue < d.alpha;
}
