/**
 * Background probe jobs for the web page: `start` answers at once with the id the report will have,
 * the probe runs, its progress is kept as a numbered event list (replayed to late or reconnecting
 * listeners, e.g. an EventSource sending Last-Event-ID), and when it ends the report is stored under
 * that id. Finished jobs are forgotten after a while; by then the report is in the store.
 */
import type { ClientObservation } from '../../../shared/observations/client';
import type { ProbeProgress } from '../../../shared/observations/progress';
import type { Report } from '../../../shared/observations/report';
import { LOCAL_VANTAGE } from '../agents/vantage-name';
import type { ErrorCode } from '../errors';
import type { ProbeJobData } from '../queue/probe-queue-pg';
import type { ReportService } from '../report/report-service';
import {
  assembleVantages,
  isMultiVantage,
  vantageEvent,
  type VantageEvent,
  type VantageProbe,
} from '../report/vantage-report';
import { newReportId } from '../store/report-id';
import { jsonSafeOptions, type ProbeRunner, type ProbeSlot, type ServerProbeOptions } from './probe-runner';
import { VantageCollector } from './vantage-collector';

/** Progress of one probe; `vantage` says whose when a report is asked from several. */
export type JobProgress = ProbeProgress & { elapsedMs: number; vantage?: string };

export type JobEvent =
  | { seq: number; type: 'progress'; data: JobProgress }
  | { seq: number; type: 'vantage'; data: VantageEvent }
  | { seq: number; type: 'done'; data: { id: string } }
  | { seq: number; type: 'failed'; data: { code: ErrorCode } };

export type JobState = 'running' | 'done' | 'failed';

/** The events that end a job's stream (`progress` and `vantage` ones come before). */
export function isEndEvent(event: JobEvent): event is Extract<JobEvent, { type: 'done' | 'failed' }> {
  return event.type === 'done' || event.type === 'failed';
}

export type ProbeInput = {
  url: string;
  client: ClientObservation | null;
  probeOptions: ServerProbeOptions;
  /** Where to probe from, in order (checked against the known vantages); absent: `local` only. */
  vantages?: readonly string[];
};

/** How a report asked from several vantages reaches the agents' vantages in this process. */
export type VantageFanout = {
  /** Hands a vantage's job to its agents (agents/memory-job-source.ts). */
  dispatch: { enqueue(job: ProbeJobData): Promise<unknown> | void };
  /** Where their answers arrive (the job source delivers to `collector.deliver`). */
  collector: VantageCollector;
  /** Waited beyond a probe's budget for an agent's answer to travel back. */
  graceMs: number;
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
  /** Where the vantages' answers of a report gather: the fan-out's, or this process's own. */
  private readonly collector: VantageCollector;

  constructor(
    private readonly runner: ProbeRunner,
    private readonly reports: ReportService,
    private readonly options: {
      keepFinishedMs?: number;
      now?: () => number;
      onError?: (error: unknown, job: ProbeJob) => void;
      /** Agents' vantages; without it only `local` is known (the routes refuse others). */
      fanout?: VantageFanout;
    } = {},
  ) {
    this.collector = options.fanout?.collector ?? new VantageCollector(options.now);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async probeAndStore(input: ProbeInput): Promise<Report> {
    if (!isMultiVantage(input.vantages)) {
      const probe = await this.runner.run(input.url, input.probeOptions);
      return this.reports.create({ url: input.url, client: input.client, probe });
    }
    const id = newReportId();
    const slot = input.vantages.includes(LOCAL_VANTAGE) ? this.runner.acquire(input.probeOptions) : null;
    const observed = await this.probeVantages(id, input, input.vantages, slot, this.now(), () => {});
    return this.reports.create({ id, url: input.url, client: input.client, ...observed });
  }

  /**
   * Every vantage of one report at once: the local probe here (in `slot`), the others handed to
   * their agents; put together when all answered or the budget (plus the way back) ran out.
   */
  private async probeVantages(
    id: string,
    input: ProbeInput,
    vantages: readonly string[],
    slot: ProbeSlot | null,
    startedAt: number,
    emit: (event: Omit<JobEvent, 'seq'>) => void,
  ): Promise<{ probe: VantageProbe['probe']; vantages: VantageProbe[] }> {
    const fanout = this.options.fanout;
    const elapsedMs = () => this.now() - startedAt;
    const deadlineAt = startedAt + this.runner.totalTimeoutMs + (fanout?.graceMs ?? 0);
    // Without agents only `local` can answer: the others are marked unanswered at once.
    const answering = fanout ? vantages : vantages.filter((vantage) => vantage === LOCAL_VANTAGE);
    const collection = this.collector.collect(id, answering, deadlineAt, (vantage, outcome) =>
      emit({ type: 'vantage', data: vantageEvent(vantage, outcome, elapsedMs()) }),
    );
    for (const vantage of answering) {
      if (vantage === LOCAL_VANTAGE) continue;
      const job: ProbeJobData = {
        reportId: id,
        vantage,
        url: input.url,
        options: jsonSafeOptions(input.probeOptions),
        clientJson: input.client === null ? null : JSON.stringify(input.client),
        requestedAt: startedAt,
        vantages: [...vantages],
        deadlineAt,
      };
      Promise.resolve()
        .then(() => fanout!.dispatch.enqueue(job))
        .catch((error: unknown) =>
          collection.settle(vantage, { error: `not handed to its agents: ${String(error)}` }),
        );
    }
    if (slot) {
      void this.runner
        .runInSlot(slot, input.url, input.probeOptions, (progress) =>
          emit({ type: 'progress', data: { ...progress, elapsedMs: elapsedMs(), vantage: LOCAL_VANTAGE } }),
        )
        .then(
          (probe) => collection.settle(LOCAL_VANTAGE, { probe }),
          (error: unknown) => collection.settle(LOCAL_VANTAGE, { error: String(error) }),
        );
    }
    return assembleVantages(vantages, await collection.done);
  }

  /** Starts a job or refuses with `probes-busy` (before anything runs). */
  async start(input: ProbeInput): Promise<ProbeJob> {
    const multi = isMultiVantage(input.vantages) ? input.vantages : null;
    const slot = multi && !multi.includes(LOCAL_VANTAGE) ? null : this.runner.acquire(input.probeOptions);
    const job = new ProbeJob(newReportId(), input.url, this.now());
    this.jobs.set(job.id, job);
    const work = (async () => {
      try {
        if (multi) {
          const observed = await this.probeVantages(job.id, input, multi, slot, job.startedAt, (event) =>
            job.emit(event),
          );
          await this.reports.create({ id: job.id, url: input.url, client: input.client, ...observed });
        } else {
          const probe = await this.runner.runInSlot(slot!, input.url, input.probeOptions, (progress) =>
            job.emit({ type: 'progress', data: { ...progress, elapsedMs: this.now() - job.startedAt } }),
          );
          await this.reports.create({ id: job.id, url: input.url, client: input.client, probe });
        }
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
    // Reports waiting for agents are put together now, with what they have.
    this.collector.finishAll();
    await Promise.allSettled([...this.pending]);
  }
}
