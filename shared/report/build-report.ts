/**
 * Assemble a `wxprobe.report/2` from the two observations. The diagnosis is always derived here,
 * never stored as the truth: re-running this on stored observations applies the current rules.
 */
import { diagnose } from '../diagnose/diagnose';
import type { ClientObservation } from '../observations/client';
import type { ProbeObservation } from '../observations/probe';
import { REPORT_SCHEMA_ID, type Report } from '../observations/report';

export type ReportInput = {
  url?: string;
  client?: ClientObservation | null;
  probe?: ProbeObservation | null;
  id?: string;
  createdAt?: string;
};

export function buildReport(input: ReportInput): Report {
  const client = input.client ?? null;
  const probe = input.probe ?? null;
  const url = input.url ?? probe?.url ?? client?.url ?? '';
  return {
    schema: REPORT_SCHEMA_ID,
    ...(input.id !== undefined ? { id: input.id } : {}),
    ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
    url,
    client,
    probe,
    diagnosis: diagnose(client, probe),
  };
}

/** Exit status the CLI uses: 0 when the top verdict is `ok`, 1 when a problem was diagnosed. */
export function reportExitCode(report: Report): 0 | 1 {
  return report.diagnosis.verdicts[0]?.cause === 'ok' ? 0 : 1;
}
