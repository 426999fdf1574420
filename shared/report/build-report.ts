/**
 * Assemble a `wxprobe.report/3` from the two observations (and, probed from several places, every
 * vantage's: the top-level probe is then the first answered one unless given). The diagnosis is always derived here,
 * never stored as the truth: re-running this on stored observations applies the current rules.
 */
import { diagnose } from '../diagnose/diagnose';
import type { ClientObservation } from '../observations/client';
import type { ProbeObservation } from '../observations/probe';
import { REPORT_SCHEMA_ID, firstAnsweredProbe, type Report, type VantageProbe } from '../observations/report';

export type ReportInput = {
  url?: string;
  client?: ClientObservation | null;
  probe?: ProbeObservation | null;
  vantages?: VantageProbe[] | null;
  id?: string;
  createdAt?: string;
};

export function buildReport(input: ReportInput): Report {
  const client = input.client ?? null;
  const vantages = input.vantages ?? null;
  const probe = input.probe ?? (vantages ? firstAnsweredProbe(vantages) : null);
  const url = input.url ?? probe?.url ?? client?.url ?? '';
  return {
    schema: REPORT_SCHEMA_ID,
    ...(input.id !== undefined ? { id: input.id } : {}),
    ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
    url,
    client,
    probe,
    ...(vantages ? { vantages } : {}),
    diagnosis: diagnose(client, probe, vantages),
  };
}

/** Exit status the CLI uses: 0 when the top verdict is `ok`, 1 when a problem was diagnosed. */
export function reportExitCode(report: Report): 0 | 1 {
  return report.diagnosis.verdicts[0]?.cause === 'ok' ? 0 : 1;
}
