/** The report a test's fake probe "produces" for a job: no probe observation, an empty diagnosis. */
import type { StoredReport } from '../../store/report-store';
import type { ProbeJobData } from '../probe-queue-pg';

export function reportFor(job: ProbeJobData): StoredReport {
  return {
    id: job.reportId,
    createdAt: job.requestedAt,
    url: job.url,
    client: job.clientJson === null ? null : JSON.parse(job.clientJson),
    probe: null,
    diagnosis: { rulesVersion: 'r1', verdicts: [] },
    rulesVersion: 'r1',
  };
}
