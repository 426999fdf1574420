/**
 * The variant matrix of one client run, summed up: for each variant (and the control URL) how many
 * attempts passed, the ratio, and the p50/p95 duration. Attempts that overlapped the background are
 * left out of every figure and counted apart: WeChat failed or held them, not the network.
 * Pure; the presenter renders it.
 */
import type { ClientAttempt, ClientObservation } from '../observations/client';

export type VariantSummary = {
  /** `base`, `http2`, `quic`, `httpdns`, `high-performance`; `control` for the control URL; `all` without a matrix */
  id: string;
  target: 'target' | 'control';
  total: number;
  passed: number;
  /** passed / total; null when nothing counted */
  ratio: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  /** attempts left out because the app was in the background */
  background: number;
};

/** Passed: the success callback fired and, for HTTP, the status is below 400 (as the diagnosis counts). */
export function attemptPassed(a: ClientAttempt): boolean {
  return a.ok === true && (typeof a.statusCode !== 'number' || a.statusCode < 400);
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? null;
}

function summarizeGroup(id: string, target: 'target' | 'control', attempts: ClientAttempt[]): VariantSummary {
  const counted = attempts.filter((a) => a.background !== true);
  const passed = counted.filter(attemptPassed).length;
  const durations = counted
    .map((a) => a.durationMs)
    .filter((d) => typeof d === 'number' && Number.isFinite(d))
    .sort((x, y) => x - y);
  return {
    id,
    target,
    total: counted.length,
    passed,
    ratio: counted.length ? passed / counted.length : null,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    background: attempts.length - counted.length,
  };
}

/** One row per variant in the order the document declares them (then any others seen), control last. */
export function summarizeMatrix(doc: Pick<ClientObservation, 'attempts' | 'options'>): VariantSummary[] {
  const targets = new Map<string, ClientAttempt[]>();
  const declared = Array.isArray(doc.options?.variants) ? doc.options.variants.map((v) => v.id) : [];
  for (const id of declared) targets.set(id, []);
  const control: ClientAttempt[] = [];
  for (const a of doc.attempts) {
    if (a.target === 'control') {
      control.push(a);
      continue;
    }
    const id = typeof a.variant === 'string' ? a.variant : 'all';
    const group = targets.get(id) ?? [];
    group.push(a);
    targets.set(id, group);
  }
  const rows = [...targets].map(([id, attempts]) => summarizeGroup(id, 'target', attempts));
  if (control.length) rows.push(summarizeGroup('control', 'control', control));
  return rows;
}
