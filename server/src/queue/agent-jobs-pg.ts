/**
 * Agent jobs on the fleet's pg-boss queues (`probe-<vantage>`, probe-queue-pg.ts), so a job enqueued
 * on any server is handed to an agent polling any server, and a dead agent's job is retried by
 * pg-boss's expiry as a dead worker's is.
 *
 * - claim: `fetch` on the vantage's queue, polled every `pollIntervalMs` until `waitMs` has passed
 *   (pg-boss has no blocking fetch). A job whose deadline has passed is not handed out: its error is
 *   delivered and the job completed.
 * - submit: the claim must still be the job's live try — `active` in that vantage's queue with the
 *   claim's attempt as its retry count (a try that expired and was fetched again has another) —
 *   else `unknown-job`. Then `deliver`, then `complete`; `{error}` with tries left only `fail`s the
 *   job (pg-boss retries it, nothing is delivered), on the last try it is delivered and failed.
 *   `deliver` therefore sees one answer per job, except when two answers for the same live try arrive
 *   on two servers at the same moment: both pass the check. The assembly keeps the first (it stores
 *   under the report id, as the worker does with DuplicateReportIdError).
 * - A job that expires on its last try ends `failed` in pg-boss without a delivery (no process is
 *   there to see it): whoever waits for the report reads the job's state, as queued-probe-jobs does.
 */
import {
  agentJobOf,
  claimId,
  parseClaimId,
  pause,
  type AgentJob,
  type AgentJobSource,
  type AgentResult,
  type DeliverResult,
} from '../agents/job-source';
import { DEADLINE_ERROR } from '../agents/memory-job-source';
import type { PgProbeQueue } from './probe-queue-pg';

export type PgAgentJobsOptions = {
  queue: Pick<PgProbeQueue, 'fetchJob' | 'getJob' | 'settleJob'>;
  deliver: DeliverResult;
  /** How often a waiting long-poll asks pg-boss again. */
  pollIntervalMs?: number;
  now?: () => number;
};

export class PgAgentJobs implements AgentJobSource {
  private readonly pollIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PgAgentJobsOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  async claim(vantage: string, waitMs: number, signal: AbortSignal): Promise<AgentJob | null> {
    const until = Date.now() + waitMs;
    const { queue } = this.options;
    while (!signal.aborted) {
      const job = await queue.fetchJob(vantage);
      if (job) {
        const deadline = job.data.deadlineAt;
        if (deadline === undefined || deadline > this.now()) {
          return agentJobOf(job.data, claimId(job.id, job.retryCount));
        }
        await this.options.deliver(job.data, { error: DEADLINE_ERROR });
        await queue.settleJob(vantage, job.id, 'complete', { agent: 'deadline-passed' });
        continue;
      }
      const left = until - Date.now();
      if (left <= 0 || !(await pause(Math.min(this.pollIntervalMs, left), signal))) break;
    }
    return null;
  }

  async submit(vantage: string, jobId: string, result: AgentResult): Promise<'accepted' | 'unknown-job'> {
    const claim = parseClaimId(jobId);
    if (!claim) return 'unknown-job';
    const { queue } = this.options;
    const job = await queue.getJob(vantage, claim.queueJobId);
    if (!job || job.state !== 'active' || job.retryCount !== claim.attempt) return 'unknown-job';
    if ('error' in result) {
      const final = job.retryCount >= job.retryLimit;
      if (final) await this.options.deliver(job.data, result);
      await queue.settleJob(vantage, job.id, 'fail', { message: result.error.slice(0, 500) });
      return 'accepted';
    }
    await this.options.deliver(job.data, result);
    await queue.settleJob(vantage, job.id, 'complete', { reportId: job.data.reportId, agent: true });
    return 'accepted';
  }
}
