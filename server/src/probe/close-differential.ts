/**
 * Is the TLS step's differential close to significance after its full count? The probe only
 * measures, but how many attempts it spends follows the question the diagnosis will ask of them
 * (shared/diagnose/differential.ts, the ICP rule): do the handshakes naming the target fail more
 * than the controls (no SNI, control SNI) beyond chance? With the same test (Fisher's exact test,
 * one-sided) and the same level (shared/stats), a p-value just above the level says "maybe": one
 * more round can settle it either way, where stopping would leave the rule without its answer.
 */
import type { TlsVariant } from '../../../shared/observations/probe';
import type { TlsVariantId } from '../../../shared/observations/vocabulary';
import { fisherOneSided, type Counts } from '../../../shared/stats/fisher';
import { closeToSignificance, DIFFERENTIAL_ALPHA } from '../../../shared/stats/significance';

const TARGET: readonly TlsVariantId[] = ['sni-host'];
const CONTROLS: readonly TlsVariantId[] = ['no-sni', 'control-sni'];

export type SniDifferential = { target: Counts; others: Counts; pValue: number; alpha: number };

function failedOf(variants: readonly TlsVariant[], ids: readonly TlsVariantId[]): Counts {
  const attempts = variants.filter((v) => ids.includes(v.id)).flatMap((v) => v.attempts);
  return { failed: attempts.filter((a) => !a.ok).length, total: attempts.length };
}

/** The target SNI's failed attempts against the controls', and the one-sided p-value of its excess. */
export function sniDifferential(variants: readonly TlsVariant[]): SniDifferential {
  const target = failedOf(variants, TARGET);
  const others = failedOf(variants, CONTROLS);
  return { target, others, pValue: fisherOneSided(target, others), alpha: DIFFERENTIAL_ALPHA };
}

/** More attempts are worth it: the counts neither pass the level nor fall clearly short of it. */
export function shouldEscalate(target: Counts, others: Counts): boolean {
  return closeToSignificance(fisherOneSided(target, others));
}
