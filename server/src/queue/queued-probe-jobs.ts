/**
 * Probe jobs on the fleet's PostgreSQL queue (`ProbeJobService` for WXPROBE_DATABASE_URL): a request
 * on any server enqueues the probe for a vantage; a worker of that vantage on any server (this one
 * too unless WXPROBE_LOCAL_PROBE=false) runs it, stores the report and announces its progress through
 * `PgProgressHub`, so the status, the SSE stream and the synchronous answer can be served by any
 * server, whichever ran the probe.
 *
 * Admission: a vantage takes at most `maxBacklog` unfinished jobs fleet-wide (running ones included);
 * beyond that the request is refused with `probes-busy`, as the in-process runner refuses, rather
 * than queued behind strangers' slow targets without end. The bound is checked, then the job is
 * sent: two servers admitting at the same moment may both take the last place, so it can be passed
 * by a few jobs. The running limit itself is exact: it is the slots'.
 *
 * A job can end without a `done` or `failed` event: its last worker died and pg-boss failed it on
 * expiry, or the announcement was lost. Followers therefore also look at the job's state now and
 * then and end the stream with what pg-boss says.
 */
import { LOCAL_VANTAGE } from '../agents/vantage-name';
import type { Report } from '../../../shared/observations/report';
import { ApiError } from '../errors';
import {
  isEndEvent,
  type JobEvent,
  type JobState,
  type JobView,
  type ProbeInput,
  type ProbeJobService,
} from '../jobs/probe-jobs';
import { jsonSafeOptions, type ProbeRunner, type ServerProbeOptions } from '../jobs/probe-runner';
import type { ReportService } from '../report/report-service';
import { isMultiVantage } from '../report/vantage-report';
import { newReportId } from '../store/report-id';
import type { ReportStore } from '../store/report-store';
import type { PgProbeQueue, ProbeJobData, ProbeWorker } from './probe-queue-pg';
import type { PgVantageAssembly } from './vantage-assembly-pg';
import type { ProbeSlot } from './probe-slots-pg';
import type { PgProgressHub, ProgressEvent } from './progress-pg';

export type QueuedJobsOptions = {
  queue: Pick<PgProbeQueue, 'enqueue' | 'backlog' | 'jobState' | 'assemblyState'>;
  /** Reports from several vantages (their deadline); without it only the vantage below is asked. */
  assembly?: Pick<PgVantageAssembly, 'schedule'>;
  /** A probe's whole budget, and what is waited beyond it for an agent's answer to come back. */
  budgetMs?: number;
  graceMs?: number;
  /** How long after the deadline a retried vantage's answer is still taken (the assembly's postponement). */
  lateAnswerMs?: number;
  hub: Pick<PgProgressHub, 'events' | 'subscribe'>;
  reports: Pick<ReportService, 'get'>;
  vantage?: string;
  /** Unfinished jobs (waiting or running, fleet-wide) beyond which new ones are refused. */
  maxBacklog: number;
  /** Retry-After of a refusal. */
  retryAfterSeconds: number;
  /** How long a synchronous request waits for its report. */
  waitMs: number;
  /** How often a follower asks pg-boss whether the job ended silently. */
  statePollMs?: number;
  now?: () => number;
  onError?: (error: Error) => void;
};

type End = 'done' | 'failed' | 'timeout' | 'closed';
/** Whether a report was asked from several vantages (its end is its assembly's), once known. */
type Kind = 'single' | 'multi' | 'unknown';
type Terminal = Extract<JobEvent, { type: 'done' | 'failed' }>;

function toJobEvent(event: ProgressEvent): JobEvent {
  return { seq: event.seq, type: event.type, data: event.data } as JobEvent;
}

/** The end pg-boss recorded for a job whose end was not announced, as the event that would have been. */
function endFromState(id: string, state: string | null, seq: number): Terminal | null {
  if (state === 'completed') return { seq, type: 'done', data: { id } };
  if (state === 'failed' || state === 'cancelled')
    return { seq, type: 'failed', data: { code: 'probe-failed' } };
  return null;
}

export class QueuedProbeJobs implements ProbeJobService {
  private readonly vantage: string;
  private readonly followers = new Set<() => void>();
  private readonly waiters = new Set<(end: End) => void>();
  private closed = false;

  constructor(private readonly options: QueuedJobsOptions) {
    this.vantage = options.vantage ?? LOCAL_VANTAGE;
  }

  async start(input: ProbeInput): Promise<{ id: string }> {
    if (this.closed) throw new ApiError('shutting-down');
    const multi = isMultiVantage(input.vantages) ? input.vantages : null;
    // The fleet's own probes are bounded; an agent's vantage answers for itself (its deadline).
    if (!multi || multi.includes(this.vantage)) {
      const backlog = await this.options.queue.backlog(this.vantage);
      if (backlog >= this.options.maxBacklog) {
        throw new ApiError('probes-busy', { retryAfterSeconds: this.options.retryAfterSeconds });
      }
    }
    const id = newReportId();
    const job: ProbeJobData = {
      reportId: id,
      vantage: this.vantage,
      url: input.url,
      options: jsonSafeOptions(input.probeOptions),
      clientJson: input.client === null ? null : JSON.stringify(input.client),
      requestedAt: (this.options.now ?? Date.now)(),
    };
    if (!multi) {
      await this.options.queue.enqueue(job);
      return { id };
    }
    const { assembly } = this.options;
    if (!assembly) throw new Error('a report from several vantages needs the assembly');
    const deadlineAt = job.requestedAt + (this.options.budgetMs ?? 0) + (this.options.graceMs ?? 0);
    // Agents are told the latest moment an answer is still used: the assembly waits past its
    // deadline for a vantage whose job is being retried (vantage-assembly-pg.ts).
    const answerBy = deadlineAt + (this.options.lateAnswerMs ?? 0);
    const vantages = [...multi];
    await assembly.schedule({ ...job, vantages, deadlineAt });
    await Promise.all(
      vantages.map((vantage) =>
        this.options.queue.enqueue({ ...job, vantage, vantages, deadlineAt: answerBy }),
      ),
    );
    return { id };
  }

  /**
   * How the job ended if it ended without announcing it: a report's assembly, or its one probe job.
   * Once the kind is known, a single-vantage report asks only for its probe job: the assembly is
   * scheduled before any probe job is sent, so a probe job found without one means there is none.
   */
  private async silentState(id: string, kind: Kind): Promise<{ state: string | null; kind: Kind }> {
    const { queue } = this.options;
    if (kind === 'single') return { state: await queue.jobState(this.vantage, id), kind };
    const assembled = await queue.assemblyState(id);
    if (assembled !== null) return { state: assembled, kind: 'multi' };
    const state = await queue.jobState(this.vantage, id);
    return { state, kind: state === null || kind === 'multi' ? kind : 'single' };
  }

  async probeAndStore(input: ProbeInput): Promise<Report> {
    const { id } = await this.start(input);
    const end = await this.waitForEnd(id, isMultiVantage(input.vantages) ? 'multi' : 'single');
    if (end === 'closed') throw new ApiError('shutting-down');
    if (end === 'done') {
      const report = await this.options.reports.get(id);
      if (report) return report;
    }
    // Failed, or still not done after the whole wait (the report may appear under `id` later).
    throw new ApiError('probe-failed');
  }

  async get(id: string): Promise<JobView | undefined> {
    const events = (await this.options.hub.events(id)).map(toJobEvent);
    const end = events.findIndex(isEndEvent);
    let state: JobState = 'running';
    let kind: Kind = 'unknown';
    if (end >= 0) {
      events.length = end + 1; // nothing after the end counts (a late duplicate's announcement)
      state = events[end]!.type === 'done' ? 'done' : 'failed';
    } else {
      const silentState = await this.silentState(id, kind);
      kind = silentState.kind;
      const jobState = silentState.state;
      if (jobState === null && events.length === 0) return undefined;
      const silent = endFromState(id, jobState, (events.at(-1)?.seq ?? 0) + 1);
      if (silent) {
        events.push(silent);
        state = silent.type === 'done' ? 'done' : 'failed';
      }
    }
    return {
      id,
      state,
      events,
      subscribe: (listener, afterSeq = 0) => this.follow(id, kind, afterSeq, listener),
    };
  }

  /**
   * Shutdown: stops every follower and wait. The jobs themselves belong to the queue and go on (here
   * until the worker stops, or on another server); streams end, synchronous waits answer
   * `shutting-down`.
   */
  async drain(): Promise<void> {
    this.closed = true;
    for (const settle of [...this.waiters]) settle('closed');
    for (const stop of [...this.followers]) stop();
  }

  /**
   * Events of the job after `afterSeq` as they are published anywhere, ending with its terminal
   * event (announced, or read from pg-boss when it ended silently). Returns the unsubscribe function.
   */
  private follow(id: string, known: Kind, afterSeq: number, listener: (event: JobEvent) => void): () => void {
    let kind = known;
    let lastSeq = afterSeq;
    let ended = false;
    let unsubscribe: (() => void) | null = null;
    const deliver = (event: JobEvent) => {
      if (ended) return;
      lastSeq = Math.max(lastSeq, event.seq);
      if (isEndEvent(event)) stop();
      listener(event);
    };
    const timer = setInterval(() => {
      this.silentState(id, kind).then(
        async (found) => {
          kind = found.kind;
          const { state } = found;
          if (ended || endFromState(id, state, 0) === null) return;
          // The end may have been announced just now: deliver the stored events first.
          for (const event of await this.options.hub.events(id, lastSeq)) deliver(toJobEvent(event));
          const silent = endFromState(id, state, lastSeq + 1);
          if (silent) deliver(silent);
        },
        (error: unknown) => this.options.onError?.(error as Error),
      );
    }, this.options.statePollMs ?? 2000);
    const stop = () => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      this.followers.delete(stop);
      unsubscribe?.();
    };
    this.followers.add(stop);
    this.options.hub
      .subscribe(id, afterSeq, (event) => deliver(toJobEvent(event)))
      .then(
        (off) => (ended ? off() : (unsubscribe = off)),
        (error: unknown) => this.options.onError?.(error as Error),
      );
    return stop;
  }

  private waitForEnd(id: string, kind: Kind): Promise<End> {
    return new Promise((resolve) => {
      const settle = (end: End) => {
        if (!this.waiters.delete(settle)) return;
        clearTimeout(timer);
        stop();
        resolve(end);
      };
      this.waiters.add(settle);
      const timer = setTimeout(() => settle('timeout'), this.options.waitMs);
      // Events arrive asynchronously, after `stop` is assigned.
      const stop = this.follow(id, kind, 0, (event) => {
        if (event.type === 'done' || event.type === 'failed') settle(event.type);
      });
    });
  }
}

export type LocalWorkerOptions = {
  queue: Pick<PgProbeQueue, 'work'>;
  slots: { tryAcquire(): Promise<ProbeSlot | null> };
  hub: Pick<PgProgressHub, 'publish'>;
  store: ReportStore;
  reports: Pick<ReportService, 'prepare'>;
  /** Where a job of a report from several vantages leaves its answer. */
  assembly?: Pick<PgVantageAssembly, 'record'>;
  /** This process's runner: operator settings merged in, aborted at shutdown. */
  runner: ProbeRunner;
  vantage?: string;
  /** Lanes in this process; the fleet-wide limit is the slots'. */
  concurrency: number;
  pollIntervalMs?: number;
  now?: () => number;
  onError?: (error: Error, reportId?: string) => void;
};

/**
 * Works the vantage's queue in this process: runs each job's probe through the local runner,
 * publishes its progress, and announces the end once the report is stored (or, on the last
 * attempt, that it failed).
 */
export function startLocalProbeWorker(options: LocalWorkerOptions): Promise<ProbeWorker> {
  const now = options.now ?? Date.now;
  const { hub, runner } = options;
  return options.queue.work({
    vantage: options.vantage ?? LOCAL_VANTAGE,
    store: options.store,
    slots: options.slots,
    concurrency: options.concurrency,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    run: async (job: ProbeJobData, context) => {
      const startedAt = now();
      // One publisher per report, each publish awaited before the next (progress-pg.ts).
      let published: Promise<unknown> = Promise.resolve();
      const publish = (type: string, data: unknown) => {
        published = published
          .then(() => hub.publish(job.reportId, type, data))
          .catch((error: unknown) => options.onError?.(error as Error, job.reportId));
      };
      const requested = job.options as ServerProbeOptions;
      const slot = runner.acquire(requested);
      const onExpired = () => slot.controller.abort(context.signal.reason);
      context.signal.addEventListener('abort', onExpired, { once: true });
      try {
        const multi = job.vantages !== undefined && options.assembly !== undefined;
        const probe = await runner.runInSlot(slot, job.url, requested, (progress) =>
          publish('progress', {
            ...progress,
            elapsedMs: now() - startedAt,
            ...(multi ? { vantage: job.vantage } : {}),
          }),
        );
        if (multi) {
          await published;
          await options.assembly!.record(job, { probe });
          return null;
        }
        const client = job.clientJson === null ? null : JSON.parse(job.clientJson);
        return options.reports.prepare({ id: job.reportId, url: job.url, client, probe });
      } finally {
        context.signal.removeEventListener('abort', onExpired);
        await published;
      }
    },
    onOutcome: async (outcome) => {
      if (outcome.job.vantages !== undefined && options.assembly) {
        // One vantage of several: the assembly announces the report; a vantage failed for good says so.
        if (outcome.kind === 'failed' && outcome.final) {
          options.onError?.(outcome.error, outcome.reportId);
          await options.assembly.record(outcome.job, { error: outcome.error.message });
        }
        return;
      }
      if (outcome.kind !== 'failed') {
        await hub.publish(outcome.reportId, 'done', { id: outcome.reportId });
        return;
      }
      options.onError?.(outcome.error, outcome.reportId);
      if (outcome.final) await hub.publish(outcome.reportId, 'failed', { code: 'probe-failed' });
    },
    onError: (error) => options.onError?.(error),
  });
}
