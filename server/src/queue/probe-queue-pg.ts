/**
 * Probe jobs on pg-boss, for a fleet: any server enqueues a probe for a named vantage (a place the
 * probe runs from), a worker of that vantage on any server runs it and stores the report.
 *
 * - One pg-boss queue per vantage, `probe-<vantage>`, created with the retry and expiry settings.
 * - Enqueueing is idempotent per report: the job id is derived from the report id, and pg-boss
 *   inserts with ON CONFLICT DO NOTHING, so sending the same report twice makes one job. (A
 *   `singletonKey` would not do this under the `standard` policy: it only dedupes with
 *   `singletonSeconds` or the short/singleton/stately policies, and none of those covers "ever".)
 * - A worker that dies mid-job leaves it `active`; pg-boss's maintenance fails it once
 *   `expireInSeconds` have passed since it started and, within `retryLimit`, puts it back for
 *   another worker. pg-boss has no heartbeat, so `expireInSeconds` must exceed a probe's whole
 *   budget, and a dead worker's job waits up to expiry + `maintenanceIntervalSeconds`.
 * - Exactly one result: the report is inserted under the job's report id, so a late duplicate (a
 *   worker that was only slow, finishing after its retry did) gets DuplicateReportIdError, which is
 *   "already done", not a failure.
 * - The worker takes a cross-process slot (probe-slots-pg.ts) *before* fetching a job, so a busy
 *   fleet leaves jobs queued instead of claiming them and letting their expiry run out.
 *
 * The client observation travels as JSON text, not as an object: pg-boss keeps job data as jsonb,
 * which would reorder its keys, and the stored report should hold what the phone sent.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { isVantageName, VANTAGE_NAME_RULE } from '../agents/vantage-name';
import { DuplicateReportIdError, type ReportStore, type StoredReport } from '../store/report-store';
import type { ProbeSlot } from './probe-slots-pg';

/** What a probe job carries: everything a worker needs to run the probe and store the report. */
export type ProbeJobData = {
  reportId: string;
  vantage: string;
  url: string;
  /** JSON-safe probe options (no AbortSignal): see jobs/probe-runner.ts ServerProbeOptions. */
  options: Record<string, unknown>;
  /** The client observation as the JSON text received, or null. */
  clientJson: string | null;
  /** ms since epoch, when the request was accepted. */
  requestedAt: number;
  /** A report asked from several vantages: all of them, in order (the job is one of them). */
  vantages?: string[];
  /**
   * ms since epoch after which the answer is no longer waited for (told to agents; several vantages
   * only).
   */
  deadlineAt?: number;
};

export const PROBE_QUEUE_DEFAULTS = {
  /** Longer than a probe's total budget: a job is only presumed dead after this. */
  expireInSeconds: 180,
  /** Attempts after the first, for a worker that died or a probe that threw. */
  retryLimit: 2,
  retryDelaySeconds: 1,
  /** How often one of the servers looks for expired jobs (pg-boss runs it on one server at a time). */
  maintenanceIntervalSeconds: 15,
  /** How long an idle worker lane waits before asking for a job (or a slot) again. */
  pollIntervalMs: 1000,
} as const;

/** Where pg-boss keeps its tables; it migrates this schema itself, under its own lock. */
export const PG_BOSS_SCHEMA = 'pgboss';
/** Advisory lock serialising queue creation: int8 of sha256('wxprobe.probe-queue-create')[0..8]. */
const QUEUE_CREATE_LOCK_KEY = '-6183382659659197796';

export function queueName(vantage: string): string {
  if (!isVantageName(vantage)) {
    throw new Error(`vantage name must be ${VANTAGE_NAME_RULE.en}, got ${JSON.stringify(vantage)}`);
  }
  return `probe-${vantage}`;
}

/** The pg-boss job id for a report: a UUID-shaped digest, the same every time. */
export function jobIdFor(reportId: string): string {
  const hex = createHash('sha256').update(`wxprobe.probe-job:${reportId}`).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so it is a well-formed UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type ProbeQueueOptions = {
  connectionString: string;
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
  maintenanceIntervalSeconds?: number;
  onError?: (error: Error) => void;
};

export type JobRunContext = {
  /** Aborted when the job's expiry is reached (by then another worker may be running it). */
  signal: AbortSignal;
  /** 0 for the first attempt. */
  retryCount: number;
  jobId: string;
};

/**
 * Runs the probe and builds the report to store (its id must be `job.reportId`), or null when the
 * run recorded its answer itself (one vantage of several: vantage-assembly-pg.ts).
 */
export type RunProbeJob = (job: ProbeJobData, context: JobRunContext) => Promise<StoredReport | null>;

type OutcomeBase = { jobId: string; reportId: string; retryCount: number; job: ProbeJobData };
export type JobOutcome =
  | (OutcomeBase & { kind: 'stored' | 'already-done' })
  | (OutcomeBase & { kind: 'failed'; error: Error; final: boolean });

export type WorkerOptions = {
  vantage: string;
  store: ReportStore;
  /** The fleet-wide limit; each lane holds one slot while it runs a probe. */
  slots: { tryAcquire(): Promise<ProbeSlot | null> };
  run: RunProbeJob;
  /** Lanes in this process (the fleet-wide bound is the slots' limit). */
  concurrency?: number;
  pollIntervalMs?: number;
  /** Awaited before the lane takes its next job (e.g. to announce the end of the job). */
  onOutcome?: (outcome: JobOutcome) => unknown;
  /** Errors outside a job (the database unreachable while polling); the lane waits and goes on. */
  onError?: (error: Error) => void;
};

export type ProbeWorker = {
  /** Stops fetching; waits for running jobs unless told not to (then they expire and are retried). */
  stop(options?: { wait?: boolean }): Promise<void>;
};

/** What it takes to put a report from several vantages together, whoever does it. */
export type AssemblyJobData = Required<Pick<ProbeJobData, 'vantages' | 'deadlineAt'>> &
  Pick<ProbeJobData, 'reportId' | 'url' | 'clientJson' | 'requestedAt'> & {
    /** 0 the first time; 1 when it was put off once for a vantage whose job was still being retried. */
    postponed: number;
  };

/** The queue of reports from several vantages waiting to be put together at their deadline. */
export const ASSEMBLY_QUEUE = 'report-assemble';

export type ProbeJobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export class PgProbeQueue {
  private readonly vantages = new Set<string>();
  private readonly workers = new Set<Worker>();

  private constructor(
    private readonly connectionString: string,
    private readonly boss: PgBoss,
    private readonly settings: Required<Omit<ProbeQueueOptions, 'connectionString' | 'onError'>>,
  ) {}

  /** Connects and installs or migrates pg-boss's schema (safe when several servers start at once). */
  static async start(options: ProbeQueueOptions): Promise<PgProbeQueue> {
    const settings = {
      expireInSeconds: options.expireInSeconds ?? PROBE_QUEUE_DEFAULTS.expireInSeconds,
      retryLimit: options.retryLimit ?? PROBE_QUEUE_DEFAULTS.retryLimit,
      retryDelaySeconds: options.retryDelaySeconds ?? PROBE_QUEUE_DEFAULTS.retryDelaySeconds,
      maintenanceIntervalSeconds:
        options.maintenanceIntervalSeconds ?? PROBE_QUEUE_DEFAULTS.maintenanceIntervalSeconds,
    };
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: PG_BOSS_SCHEMA,
      application_name: 'wxprobe-queue',
      max: 4,
      supervise: true,
      schedule: false,
      maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    });
    boss.on('error', (error) => options.onError?.(error));
    await boss.start();
    return new PgProbeQueue(options.connectionString, boss, settings);
  }

  /** Creates the vantage's queue if missing; enqueue and work call it themselves. */
  ensureVantage(vantage: string): Promise<string> {
    return this.ensureQueue(queueName(vantage));
  }

  private async ensureQueue(name: string): Promise<string> {
    if (this.vantages.has(name)) return name;
    const queue = {
      name,
      policy: 'standard' as const,
      expireInSeconds: this.settings.expireInSeconds,
      retryLimit: this.settings.retryLimit,
      retryDelay: this.settings.retryDelaySeconds,
    };
    // pg-boss's createQueue deadlocks when two servers create the same queue at once (seen in the
    // two-process test): serialise creation fleet-wide on a session advisory lock.
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'wxprobe-queue',
    });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [QUEUE_CREATE_LOCK_KEY]);
      if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, queue);
    } finally {
      await client.end().catch(() => {});
    }
    this.vantages.add(name);
    return name;
  }

  /**
   * Queues a probe; `created` is false when the report already had a job. A job with a deadline
   * (one vantage of several) is dropped unstarted some time after it: an agent offline until then
   * must not spend its return on reports already put together.
   */
  async enqueue(job: ProbeJobData): Promise<{ jobId: string; created: boolean }> {
    const name = await this.ensureVantage(job.vantage);
    const jobId = jobIdFor(job.reportId);
    // Until the deadline, and past it long enough for a dead worker's job to expire and be retried
    // (the assembly waits for that once); a job its report gave up on is cancelled by the assembly.
    const { expireInSeconds, maintenanceIntervalSeconds } = this.settings;
    const waitSeconds =
      job.deadlineAt === undefined
        ? undefined
        : Math.max(1, Math.ceil((job.deadlineAt - Date.now()) / 1000)) +
          2 * expireInSeconds +
          maintenanceIntervalSeconds;
    const sent = await this.boss.send(name, job, {
      id: jobId,
      ...(waitSeconds === undefined ? {} : { retentionSeconds: waitSeconds }),
    });
    return { jobId, created: sent !== null };
  }

  /** Cancels a vantage's job of a report if it has not finished (its report was put together without it). */
  async cancel(vantage: string, reportId: string): Promise<void> {
    await this.boss.cancel(await this.ensureVantage(vantage), jobIdFor(reportId));
  }

  /** Schedules the putting together of a report from several vantages at `startAfter`. */
  async scheduleAssembly(data: AssemblyJobData, startAfter: Date): Promise<void> {
    const name = await this.ensureQueue(ASSEMBLY_QUEUE);
    await this.boss.send(name, data, {
      id: jobIdFor(`${data.reportId}#assembly-${data.postponed}`),
      startAfter,
    });
  }

  /** State of the report's latest scheduled assembly, null when it has none (one vantage only). */
  async assemblyState(reportId: string): Promise<ProbeJobState | null> {
    const name = await this.ensureQueue(ASSEMBLY_QUEUE);
    for (const postponed of [1, 0]) {
      const id = jobIdFor(`${reportId}#assembly-${postponed}`);
      const job = await this.boss.getJobById(name, id, { includeArchive: true });
      if (job) return job.state;
    }
    return null;
  }

  /** Works the assembly queue in this process (every server of the fleet does). */
  async workAssemblies(handle: (data: AssemblyJobData) => Promise<void>): Promise<ProbeWorker> {
    const name = await this.ensureQueue(ASSEMBLY_QUEUE);
    await this.boss.work<AssemblyJobData>(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await handle(job.data);
    });
    return { stop: () => this.boss.offWork(name) };
  }

  /** Jobs of the vantage not yet finished (waiting, waiting to retry, or running), fleet-wide. */
  async backlog(vantage: string): Promise<number> {
    return (await this.boss.getQueueSize(await this.ensureVantage(vantage), { before: 'completed' })) ?? 0;
  }

  async jobState(vantage: string, reportId: string): Promise<ProbeJobState | null> {
    const job = await this.boss.getJobById(queueName(vantage), jobIdFor(reportId), { includeArchive: true });
    return job?.state ?? null;
  }

  /**
   * For agents, which work a vantage's queue over HTTP instead of through `work`: the next job of the
   * vantage, now (made `active`, its expiry running), or null.
   */
  async fetchJob(vantage: string): Promise<PgBoss.JobWithMetadata<ProbeJobData> | null> {
    const name = await this.ensureVantage(vantage);
    const [job] = await this.boss.fetch<ProbeJobData>(name, { batchSize: 1, includeMetadata: true });
    return job ?? null;
  }

  /** A job of the vantage's queue by its pg-boss id (live jobs only), or null. */
  async getJob(vantage: string, jobId: string): Promise<PgBoss.JobWithMetadata<ProbeJobData> | null> {
    return this.boss.getJobById<ProbeJobData>(queueName(vantage), jobId);
  }

  /**
   * Ends an active job: `complete`, or `fail` (pg-boss retries it while tries remain). False when it
   * was no longer active (it expired, or another server ended it first).
   */
  async settleJob(
    vantage: string,
    jobId: string,
    end: 'complete' | 'fail',
    output: object,
  ): Promise<boolean> {
    const name = queueName(vantage);
    // pg-boss's types say void; the call answers how many rows it changed.
    const result = (await (end === 'complete'
      ? this.boss.complete(name, jobId, output)
      : this.boss.fail(name, jobId, output))) as unknown as { affected?: number } | undefined;
    return (result?.affected ?? 0) > 0;
  }

  /** Starts `concurrency` lanes that fetch this vantage's jobs, run them and record the result. */
  async work(options: WorkerOptions): Promise<ProbeWorker> {
    const name = await this.ensureVantage(options.vantage);
    const worker = new Worker(this.boss, name, options);
    this.workers.add(worker);
    worker.start();
    return {
      stop: async (stopOptions) => {
        this.workers.delete(worker);
        await worker.stop(stopOptions?.wait ?? true);
      },
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.stop(true)));
    this.workers.clear();
    // graceful: false — lanes are already stopped; pg-boss's own workers are unused.
    await this.boss.stop({ graceful: false, wait: true, close: true });
  }
}

class Worker {
  private stopping = false;
  private readonly lanes: Promise<void>[] = [];
  private readonly running = new Set<AbortController>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly boss: PgBoss,
    private readonly name: string,
    private readonly options: WorkerOptions,
  ) {}

  start(): void {
    const concurrency = this.options.concurrency ?? 1;
    for (let i = 0; i < concurrency; i++) this.lanes.push(this.lane());
  }

  async stop(wait: boolean): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    if (!wait) for (const controller of this.running) controller.abort(new Error('worker stopped'));
    await Promise.all(this.lanes);
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        worked = await this.once();
      } catch (error) {
        this.options.onError?.(error as Error);
      }
      if (!worked && !this.stopping) await this.pause();
    }
  }

  /** One slot, one job at most. True when a job ran (so look for the next one at once). */
  private async once(): Promise<boolean> {
    const slot = await this.options.slots.tryAcquire();
    if (!slot) return false;
    try {
      if (this.stopping) return false;
      const [job] = await this.boss.fetch<ProbeJobData>(this.name, { batchSize: 1, includeMetadata: true });
      if (!job) return false;
      await this.runJob(job);
      return true;
    } finally {
      await slot.release();
    }
  }

  private async runJob(job: PgBoss.JobWithMetadata<ProbeJobData>): Promise<void> {
    const base = { jobId: job.id, reportId: job.data.reportId, retryCount: job.retryCount, job: job.data };
    const controller = new AbortController();
    this.running.add(controller);
    const expiresInMs = Number(job.expireInSeconds) * 1000;
    const timer = setTimeout(() => controller.abort(new Error('job expired')), expiresInMs);
    let outcome: JobOutcome;
    try {
      const report = await this.options.run(job.data, {
        signal: controller.signal,
        retryCount: job.retryCount,
        jobId: job.id,
      });
      if (report !== null && report.id !== job.data.reportId) {
        throw new Error(`probe job for report ${job.data.reportId} produced report ${report.id}`);
      }
      let kind: 'stored' | 'already-done' = 'stored';
      try {
        if (report !== null) await this.options.store.insert(report);
      } catch (error) {
        if (!(error instanceof DuplicateReportIdError)) throw error;
        kind = 'already-done';
      }
      await this.boss.complete(this.name, job.id, { reportId: job.data.reportId, kind });
      outcome = { kind, ...base };
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      await this.boss.fail(this.name, job.id, { message: failure.message });
      outcome = { kind: 'failed', ...base, error: failure, final: job.retryCount >= job.retryLimit };
    } finally {
      clearTimeout(timer);
      this.running.delete(controller);
    }
    // After the job is settled in pg-boss, so whoever hears of the outcome finds it recorded; a
    // failing listener must not turn a stored report into a failed job.
    try {
      await this.options.onOutcome?.(outcome);
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer: NodeJS.Timeout = setTimeout(
        () => done(),
        this.options.pollIntervalMs ?? PROBE_QUEUE_DEFAULTS.pollIntervalMs,
      );
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      this.wakers.add(done);
    });
  }
}
