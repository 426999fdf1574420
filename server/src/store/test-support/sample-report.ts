/** Test helper, for the store tests of both backends: a small valid report with a fresh id. */
import { newReportId } from '../report-id';
import type { StoredReport, StoredReportText } from '../report-store';

export function sampleReport(overrides: Partial<StoredReport> = {}): StoredReport {
  return {
    id: newReportId(),
    createdAt: 1_700_000_000_000,
    url: 'https://example.test/',
    client: null,
    probe: null,
    diagnosis: { rulesVersion: 'r1', verdicts: [] },
    rulesVersion: 'r1',
    ...overrides,
  };
}

/** What `getText` must give back for `report` stored with `clientJson` as its client document. */
export function expectedText(report: StoredReport, clientJson: string | null): StoredReportText {
  return {
    id: report.id,
    createdAt: report.createdAt,
    url: report.url,
    clientJson,
    probeJson: null,
    diagnosisJson: JSON.stringify(report.diagnosis),
    rulesVersion: report.rulesVersion,
  };
}
