/**
 * Background probe jobs for the web page: `start` answers at once with the id the report will have,
 * the probe runs, its progress is kept as a numbered event list (replayed to late or reconnecting
 * listeners, e.g. an EventSource sending Last-Event-ID), and when it ends the report is stored under
 * that id. Finished jobs are forgotten after a while; by then the report is in the store.
 */
import type { ClientObservation } from '../../../shared/observations/client';
import type { ProbeProgress } from '../../../shared/observations/progress';
import type { ErrorCode } from '../errors';
import type { ReportService } from '../report/report-service';
import { newReportId } from '../store/report-id';
import type { ProbeRunner, ServerProbeOptions } from './probe-runner';

export type JobEvent =
  | { seq: number; type: 'progress'; data: ProbeProgress & { elapsedMs: number } }
  | { seq: number; type: 'done'; data: { id: string } }
  | { seq: number; type: 'failed'; data: { code: ErrorCode } };

export type JobState = 'running' | 'done' | 'failed';

export class ProbeJob {
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

export class ProbeJobs {
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

  /** Starts a job or throws `probes-busy` (synchronously, before anything runs). */
  start(input: {
    url: string;
    client: ClientObservation | null;
    probeOptions: ServerProbeOptions;
  }): ProbeJob {
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

  get(id: string): ProbeJob | undefined {
    return this.jobs.get(id);
  }

  /** Waits for running jobs to store their (possibly partial) reports; used at shutdown. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
