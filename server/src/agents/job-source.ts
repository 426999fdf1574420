/**
 * The agent side of probe jobs: what an agent is handed, what it answers, and where an accepted answer
 * goes. Two sources implement it — in memory for a single SQLite server (`memory-job-source.ts`) and on
 * the fleet's pg-boss queues (`../queue/agent-jobs-pg.ts`) — and the agent routes (`../routes/agents.ts`)
 * only talk to this interface.
 *
 * A job id names one claim of a job, not the job: `<queue job id>.<attempt>`. A job that expired in an
 * agent's hands and was handed to another agent gets a new id, so the first agent's late answer is
 * `unknown-job`, never a second result.
 */
import type { ProbeObservation } from '../../../shared/observations/probe';
import type { ProbeJobData } from '../queue/probe-queue-pg';

/** A probe job as handed to an agent. */
export type AgentJob = {
  jobId: string;
  reportId: string;
  vantage: string;
  url: string;
  /** JSON-safe probe options requested (no operator settings: the agent applies its own). */
  options: Record<string, unknown>;
  /** ms epoch after which the result is no longer used, if known. */
  deadlineAt: number | null;
};

export type AgentResult = { probe: ProbeObservation } | { error: string };

export interface AgentJobSource {
  /** Waits up to waitMs (or until signal aborts) for the vantage's next job; null when none came. */
  claim(vantage: string, waitMs: number, signal: AbortSignal): Promise<AgentJob | null>;
  /**
   * The agent's answer for a job it claimed: 'accepted', or 'unknown-job' when it is not an active job
   * of this vantage (never existed, already finished, or expired and handed to another).
   */
  submit(vantage: string, jobId: string, result: AgentResult): Promise<'accepted' | 'unknown-job'>;
}

/** Where an accepted result goes (the integrator's assembly); the sources call it before acknowledging. */
export type DeliverResult = (job: ProbeJobData, result: AgentResult) => Promise<void>;

/** The error result a source delivers for a job no agent answered within its tries. */
export const EXPIRED_ERROR = 'no agent answered before the job expired (every try)';

/** `<queue job id>.<attempt>`: the id of one claim. */
export function claimId(queueJobId: string, attempt: number): string {
  return `${queueJobId}.${attempt}`;
}

/** The queue job id and attempt of a claim id, or null when it is not one. */
export function parseClaimId(jobId: string): { queueJobId: string; attempt: number } | null {
  const match = /^([0-9a-f-]{36})\.(\d{1,4})$/.exec(jobId);
  return match ? { queueJobId: match[1]!, attempt: Number(match[2]) } : null;
}

export function agentJobOf(data: ProbeJobData, jobId: string): AgentJob {
  return {
    jobId,
    reportId: data.reportId,
    vantage: data.vantage,
    url: data.url,
    options: data.options,
    deadlineAt: data.deadlineAt ?? null,
  };
}

/** Sleeps `ms` or until `signal` aborts; true when the whole time passed. */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
