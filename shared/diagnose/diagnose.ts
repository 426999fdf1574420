/**
 * diagnose(client?, probe?) → Diagnosis: compare what the mini-program saw with what the outside
 * probe saw, and name the cause with evidence, explanation and fix (zh + en).
 * Pure, total and deterministic: no I/O, no clock (certificate dates are judged against
 * probe.startedAt), no randomness. Works with either view alone or both.
 */
import type { ClientObservation } from '../observations/client';
import type { ProbeObservation } from '../observations/probe';
import type { Diagnosis } from '../observations/report';
import { buildContext } from './context';
import { rank, runRules } from './engine';
import { RULES } from './registry';

/**
 * Bump when any rule, threshold, calibration number, text or evidence shape changes: stored reports
 * say which rules judged them, and one judged by other rules is diagnosed again when read.
 */
export const RULES_VERSION = '2026-12-03.3';

export function diagnose(client?: ClientObservation | null, probe?: ProbeObservation | null): Diagnosis {
  const ctx = buildContext(client ?? null, probe ?? null);
  return rank(ctx, runRules(ctx, RULES), RULES_VERSION);
}
