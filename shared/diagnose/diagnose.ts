/**
 * diagnose(client?, probe?, vantages?) → Diagnosis: compare what the mini-program saw with what the
 * outside probe saw, and name the cause with evidence, explanation and fix (zh + en). With two or
 * more answered vantages the probes are compared too (vantages.ts).
 * Pure, total and deterministic: no I/O, no clock (certificate dates are judged against
 * probe.startedAt), no randomness. Works with either view alone or both.
 */
import type { ClientObservation } from '../observations/client';
import type { ProbeObservation } from '../observations/probe';
import type { Diagnosis, VantageProbe } from '../observations/report';
import { buildContext } from './context';
import { rank, runRules } from './engine';
import { RULES } from './registry';
import { diagnoseAcrossVantages, vantageOutcomes, type VantageOutcome } from './vantages';

/**
 * Bump when any rule, threshold, calibration number, text or evidence shape changes: stored reports
 * say which rules judged them, and one judged by other rules is diagnosed again when read.
 */
export const RULES_VERSION = '2026-12-04.1';

/**
 * `vantages`: the report's, when it has them; `probe` is then its first answered one. With fewer
 * than two answered vantages the diagnosis is exactly that of (client, probe).
 */
export function diagnose(
  client?: ClientObservation | null,
  probe?: ProbeObservation | null,
  vantages?: readonly VantageProbe[] | null,
): Diagnosis {
  return (
    (vantages ? diagnoseAcrossVantages(client ?? null, vantages, diagnoseViews) : null) ??
    diagnoseViews(client ?? null, probe ?? null)
  );
}

function diagnoseViews(client: ClientObservation | null, probe: ProbeObservation | null): Diagnosis {
  const ctx = buildContext(client, probe);
  return rank(ctx, runRules(ctx, RULES), RULES_VERSION);
}

/** Each vantage as diagnosed on its own (its probe alone): what the side-by-side view names. */
export function diagnoseEachVantage(vantages: readonly VantageProbe[]): VantageOutcome[] {
  return vantageOutcomes(vantages, diagnoseViews);
}

export type { VantageOutcome };
