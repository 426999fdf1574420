/**
 * Agent jobs in this process (a single SQLite server): a queue per vantage in memory, long-polls
 * waiting on it, and the same promises as the pg-boss source (`../queue/agent-jobs-pg.ts`):
 *
 * - A job enqueued twice for one report is one job (the id is `jobIdFor(reportId)`).
 * - A claimed job not answered within `expireMs` goes back to the front of its queue under a new claim
 *   id, up to `retryLimit` more tries; then it is failed through `deliver` with an error result. An
 *   agent answering `{error}` while tries remain sends the job back the same way.
 * - Exactly one accepted answer per job: the claim is taken out before `deliver` is awaited, so a
 *   second answer (a duplicate post, the expired claim's agent) is `unknown-job`. `deliver` is called
 *   once per job, with the accepted probe or the final error; when it throws, the claim stands again
 *   (same id, fresh expiry) so the agent's retried post can still be accepted.
 *
 * Jobs live only as long as the process: a restart loses them, as it loses in-process probes.
 */
import { jobIdFor, type ProbeJobData } from '../queue/probe-queue-pg';
import {
  agentJobOf,
  claimId,
  EXPIRED_ERROR,
  type AgentJob,
  type AgentJobSource,
  type AgentResult,
  type DeliverResult,
} from './job-source';

export type MemoryJobSourceOptions = {
  deliver: DeliverResult;
  /** How long an agent may hold a job before it is presumed dead (longer than a probe's budget). */
  expireMs: number;
  /** Tries after the first (a dead agent, or one that answered with an error). */
  retryLimit?: number;
  now?: () => number;
  /** A `deliver` of a final failure that threw (nobody is waiting on that call). */
  onError?: (error: Error, job: ProbeJobData) => void;
};

/** The error delivered for a job whose deadline passed before any agent took it. */
export const DEADLINE_ERROR = 'the deadline passed before an agent took the job';

type Entry = { data: ProbeJobData; queueJobId: string; attempt: number };
type Claim = { entry: Entry; timer: NodeJS.Timeout };

export class MemoryAgentJobSource implements AgentJobSource {
  private readonly pending = new Map<string, Entry[]>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly claims = new Map<string, Claim>();
  /** Queue job ids not finished yet (waiting or claimed): enqueueing one again is a no-op. */
  private readonly unfinished = new Set<string>();
  private readonly retryLimit: number;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: MemoryJobSourceOptions) {
    this.retryLimit = options.retryLimit ?? 2;
    this.now = options.now ?? Date.now;
  }

  enqueue(data: ProbeJobData): { jobId: string; created: boolean } {
    const queueJobId = jobIdFor(data.reportId);
    if (this.unfinished.has(queueJobId)) return { jobId: queueJobId, created: false };
    this.unfinished.add(queueJobId);
    this.queueOf(data.vantage).push({ data, queueJobId, attempt: 0 });
    this.wake(data.vantage);
    return { jobId: queueJobId, created: true };
  }

  /** Jobs of the vantage waiting or claimed. */
  backlog(vantage: string): number {
    const claimed = [...this.claims.values()].filter((c) => c.entry.data.vantage === vantage).length;
    return (this.pending.get(vantage)?.length ?? 0) + claimed;
  }

  async claim(vantage: string, waitMs: number, signal: AbortSignal): Promise<AgentJob | null> {
    const until = Date.now() + waitMs;
    for (;;) {
      const entry = this.take(vantage);
      if (entry) return this.hand(entry);
      const left = until - Date.now();
      if (left <= 0 || signal.aborted || this.closed) return null;
      await this.waitForWork(vantage, left, signal);
    }
  }

  async submit(vantage: string, jobId: string, result: AgentResult): Promise<'accepted' | 'unknown-job'> {
    const claim = this.claims.get(jobId);
    if (!claim || claim.entry.data.vantage !== vantage) return 'unknown-job';
    this.claims.delete(jobId);
    clearTimeout(claim.timer);
    const { entry } = claim;
    if ('error' in result && entry.attempt < this.retryLimit) {
      this.retry(entry);
      return 'accepted';
    }
    try {
      await this.options.deliver(entry.data, result);
    } catch (error) {
      this.claims.set(jobId, { entry, timer: this.expiry(jobId, entry) });
      throw error;
    }
    this.unfinished.delete(entry.queueJobId);
    return 'accepted';
  }

  /** Stops every expiry timer and ends waiting long-polls (they answer "no job"). */
  close(): void {
    this.closed = true;
    for (const claim of this.claims.values()) clearTimeout(claim.timer);
    for (const vantage of this.waiters.keys()) this.wake(vantage, true);
  }

  private queueOf(vantage: string): Entry[] {
    let queue = this.pending.get(vantage);
    if (!queue) this.pending.set(vantage, (queue = []));
    return queue;
  }

  /** The next job still worth running; jobs past their deadline are failed on the way. */
  private take(vantage: string): Entry | undefined {
    const queue = this.pending.get(vantage);
    for (let entry = queue?.shift(); entry; entry = queue?.shift()) {
      const deadline = entry.data.deadlineAt;
      if (deadline === undefined || deadline > this.now()) return entry;
      this.fail(entry, DEADLINE_ERROR);
    }
    return undefined;
  }

  private hand(entry: Entry): AgentJob {
    const id = claimId(entry.queueJobId, entry.attempt);
    this.claims.set(id, { entry, timer: this.expiry(id, entry) });
    return agentJobOf(entry.data, id);
  }

  private expiry(id: string, entry: Entry): NodeJS.Timeout {
    const timer = setTimeout(() => {
      if (this.claims.get(id)?.entry !== entry) return;
      this.claims.delete(id);
      if (entry.attempt < this.retryLimit) this.retry(entry);
      else this.fail(entry, EXPIRED_ERROR);
    }, this.options.expireMs);
    timer.unref();
    return timer;
  }

  /** Back to the front of the queue (it has waited longest), as a new claim. */
  private retry(entry: Entry): void {
    this.queueOf(entry.data.vantage).unshift({ ...entry, attempt: entry.attempt + 1 });
    this.wake(entry.data.vantage);
  }

  private fail(entry: Entry, error: string): void {
    this.unfinished.delete(entry.queueJobId);
    this.options.deliver(entry.data, { error }).catch((e: unknown) => {
      this.options.onError?.(e instanceof Error ? e : new Error(String(e)), entry.data);
    });
  }

  private waitForWork(vantage: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(vantage);
      if (!set) this.waiters.set(vantage, (set = new Set()));
      const waiters = set;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      waiters.add(done);
    });
  }

  /** Wakes one waiting long-poll of the vantage (each new job is for one agent), or all. */
  private wake(vantage: string, all = false): void {
    for (const done of [...(this.waiters.get(vantage) ?? [])]) {
      done();
      if (!all) return;
    }
  }
}
