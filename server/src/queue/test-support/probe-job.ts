/** A probe job as a server would queue it, for tests of the queues and job sources. */
import { newReportId } from '../../store/report-id';
import type { ProbeJobData } from '../probe-queue-pg';

export function probeJobFor(vantage: string, overrides: Partial<ProbeJobData> = {}): ProbeJobData {
  return {
    reportId: newReportId(),
    vantage,
    url: 'https://unfiled.example.test/api',
    options: { attempts: 3 },
    clientJson: null,
    requestedAt: 1_700_000_000_000,
    ...overrides,
  };
}
