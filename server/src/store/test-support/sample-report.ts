/** Test helper, for the store tests of both backends: a small valid report with a fresh id. */
import { newReportId } from '../report-id';
import type { StoredReport } from '../report-store';

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
