/**
 * Background probe jobs for the web page: `start` answers at once with the id the report will have,
 * the probe runs, its progress is kept as a numbered event list (replayed to late or reconnecting
 * listeners, e.g. an EventSource sending Last-Event-ID), and when it ends the report is stored under
 * that id. Finished jobs are forgotten after a while; by then the report is in the store.
 */
import type { ClientObservation } from '../../../shared/observations/client';
import type { ProbeProgress } from '../../../shared/observations/progress';
import type { Report } from '../../../shared/observations/report';
import type { ErrorCode } from '../errors';
import type { ReportService } from '../report/report-service';
import { newReportId } from '../store/report-id';
import type { ProbeRunner, ServerProbeOptions } from './probe-runner';

export type JobEvent =
  | { seq: number; type: 'progress'; data: ProbeProgress & { elapsedMs: number } }
  | { seq: number; type: 'done'; data: { id: string } }
  | { seq: number; type: 'failed'; data: { code: ErrorCode } };

export type JobState = 'running' | 'done' | 'failed';

export type ProbeInput = {
  url: string;
  client: ClientObservation | null;
  probeOptions: ServerProbeOptions;
};

/** A job as one process sees it: its state, the events so far, and the ones still to come. */
export type JobView = {
  readonly id: string;
  readonly state: JobState;
  readonly events: readonly JobEvent[];
  /** Events after `afterSeq`, then every new one; returns the unsubscribe function. */
  subscribe(listener: (event: JobEvent) => void, afterSeq?: number): () => void;
};

/**
 * Where probes run: in this process (`ProbeJobs`, the default) or on the PostgreSQL queue shared by
 * a fleet of servers (`../queue/queued-probe-jobs.ts`). The routes only see this.
 */
export interface ProbeJobService {
  /** Probes, stores and returns the report (the synchronous API and the no-script form). */
  probeAndStore(input: ProbeInput): Promise<Report>;
  /** Starts a background job or refuses with `probes-busy`; resolves with the report's future id. */
  start(input: ProbeInput): Promise<{ id: string }>;
  /** The job, if this service knows it (a finished one may be forgotten: the report is stored). */
  get(id: string): Promise<JobView | undefined>;
  /** Waits for running jobs to store their (possibly partial) reports; used at shutdown. */
  drain(): Promise<void>;
}

export class ProbeJob implements JobView {
  state: JobState = 'running';
  readonly events: JobEvent[] = [];
  private readonly listeners = new Set<(event: JobEvent) => void>();

  constructor(
    readonly id: string,
    readonly url: string,
    readonly startedAt: number,
  ) {}

  emit(event: Omit<JobEvent, 'seq'>): void {
    const full = { ...event, seq: this.events.length + 1 } as JobEvent;
    this.events.push(full);
    for (const listener of this.listeners) listener(full);
  }

  /** Events after `afterSeq`, then every new one; returns the unsubscribe function. */
  subscribe(listener: (event: JobEvent) => void, afterSeq = 0): () => void {
    for (const event of this.events) if (event.seq > afterSeq) listener(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export class ProbeJobs implements ProbeJobService {
  private readonly jobs = new Map<string, ProbeJob>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly runner: ProbeRunner,
    private readonly reports: ReportService,
    private readonly options: {
      keepFinishedMs?: number;
      now?: () => number;
      onError?: (error: unknown, job: ProbeJob) => void;
    } = {},
  ) {}

  async probeAndStore(input: ProbeInput): Promise<Report> {
    const probe = await this.runner.run(input.url, input.probeOptions);
    return this.reports.create({ url: input.url, client: input.client, probe });
  }

  /** Starts a job or refuses with `probes-busy` (before anything runs). */
  async start(input: ProbeInput): Promise<ProbeJob> {
    const slot = this.runner.acquire(input.probeOptions);
    const now = this.options.now ?? Date.now;
    const job = new ProbeJob(newReportId(), input.url, now());
    this.jobs.set(job.id, job);
    const work = (async () => {
      try {
        const probe = await this.runner.runInSlot(slot, input.url, input.probeOptions, (progress) =>
          job.emit({ type: 'progress', data: { ...progress, elapsedMs: now() - job.startedAt } }),
        );
        await this.reports.create({ id: job.id, url: input.url, client: input.client, probe });
        job.state = 'done';
        job.emit({ type: 'done', data: { id: job.id } });
      } catch (error) {
        this.options.onError?.(error, job);
        job.state = 'failed';
        job.emit({ type: 'failed', data: { code: 'probe-failed' } });
      }
      const forget = setTimeout(() => this.jobs.delete(job.id), this.options.keepFinishedMs ?? 10 * 60_000);
      forget.unref();
    })();
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return job;
  }

  async get(id: string): Promise<ProbeJob | undefined> {
    return this.jobs.get(id);
  }

  /** Waits for running jobs to store their (possibly partial) reports; used at shutdown. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
