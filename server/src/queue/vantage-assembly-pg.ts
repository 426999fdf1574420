/**
 * Reports asked from several vantages, put together on the fleet's database: each vantage's answer
 * (from this fleet's local worker or from an agent, through whichever server it reached) is kept in
 * `vantage_results`; the report is assembled as soon as every vantage answered, by whoever recorded
 * the last answer, or else at its deadline by the assembly job pg-boss holds for it (so a report
 * whose requesting server died is still put together by another).
 *
 * At the deadline a vantage whose job is still being worked or retried (its worker died and pg-boss
 * has not yet handed it to another, or the retry runs) is waited for once more, for a job's expiry
 * and a probe's budget; a vantage that never took its job (its agents are offline) is `no-answer`,
 * and its job is cancelled, so an agent coming back does not probe for a report already made.
 *
 * Exactly one report: it is inserted under the report id, and a second assembler meets the primary
 * key. Only the one whose insert succeeded announces `done`.
 */
import type { ReportService } from '../report/report-service';
import { assembleVantages, vantageEvent, type VantageOutcome } from '../report/vantage-report';
import { DuplicateReportIdError } from '../store/report-store';
import type { PgReportStore } from '../store/report-store-pg';
import type { AssemblyJobData, PgProbeQueue, ProbeJobData, ProbeWorker } from './probe-queue-pg';
import type { PgProgressHub } from './progress-pg';

export type VantageAssemblyOptions = {
  store: Pick<PgReportStore, 'recordVantageAnswer' | 'vantageAnswers' | 'insert'>;
  queue: Pick<PgProbeQueue, 'scheduleAssembly' | 'jobState' | 'cancel' | 'workAssemblies'>;
  hub: Pick<PgProgressHub, 'publish'>;
  reports: Pick<ReportService, 'prepare'>;
  /** How much longer a vantage still being worked or retried at the deadline is waited for (once). */
  postponeMs: number;
  now?: () => number;
  onError?: (error: Error, reportId?: string) => void;
};

/** The job states in which a vantage's answer may still come. */
const STILL_COMING = new Set(['active', 'retry']);

export class PgVantageAssembly {
  private readonly now: () => number;

  constructor(private readonly options: VantageAssemblyOptions) {
    this.now = options.now ?? Date.now;
  }

  /** How long past a report's deadline a vantage still being worked is waited for. */
  get postponeMs(): number {
    return this.options.postponeMs;
  }

  /** Schedules the report's deadline; send it before the vantages' jobs, so none is orphaned. */
  schedule(data: Omit<AssemblyJobData, 'postponed'>): Promise<void> {
    return this.options.queue.scheduleAssembly({ ...data, postponed: 0 }, new Date(data.deadlineAt));
  }

  /**
   * A vantage's answer: kept (the first counts), announced as a `vantage` event, and the report put
   * together when it was the last one missing.
   */
  async record(job: ProbeJobData, outcome: VantageOutcome): Promise<void> {
    const { store, hub } = this.options;
    const fresh = await store.recordVantageAnswer(job.reportId, job.vantage, outcome);
    if (fresh) {
      await hub.publish(
        job.reportId,
        'vantage',
        vantageEvent(job.vantage, outcome, this.now() - job.requestedAt),
      );
    }
    const answers = await store.vantageAnswers(job.reportId);
    const vantages = job.vantages ?? [job.vantage];
    if (job.deadlineAt === undefined || !vantages.every((v) => answers.has(v))) return;
    await this.assemble(
      {
        reportId: job.reportId,
        url: job.url,
        clientJson: job.clientJson,
        requestedAt: job.requestedAt,
        vantages,
        deadlineAt: job.deadlineAt,
        postponed: 0,
      },
      answers,
    );
  }

  /** The assembly job at the report's deadline: put it together now, or once more later. */
  async atDeadline(data: AssemblyJobData): Promise<void> {
    const answers = await this.options.store.vantageAnswers(data.reportId);
    const missing = data.vantages.filter((v) => !answers.has(v));
    if (missing.length > 0 && data.postponed === 0) {
      const states = await Promise.all(missing.map((v) => this.options.queue.jobState(v, data.reportId)));
      if (states.some((state) => state !== null && STILL_COMING.has(state))) {
        const later = new Date(this.now() + this.options.postponeMs);
        await this.options.queue.scheduleAssembly({ ...data, postponed: 1 }, later);
        return;
      }
    }
    await this.assemble(data, answers);
  }

  /** Every server works the deadlines of the whole fleet. */
  work(): Promise<ProbeWorker> {
    return this.options.queue.workAssemblies((data) => this.atDeadline(data));
  }

  private async assemble(data: AssemblyJobData, answers: ReadonlyMap<string, VantageOutcome>): Promise<void> {
    const { probe, vantages } = assembleVantages(data.vantages, answers);
    const client = data.clientJson === null ? null : JSON.parse(data.clientJson);
    const report = this.options.reports.prepare({
      id: data.reportId,
      url: data.url,
      client,
      probe,
      vantages,
    });
    try {
      await this.options.store.insert(report);
    } catch (error) {
      if (error instanceof DuplicateReportIdError) return; // put together by another already
      throw error;
    }
    for (const entry of vantages) {
      if (entry.state !== 'no-answer') continue;
      await this.options.queue.cancel(entry.vantage, data.reportId).catch((error: unknown) => {
        this.options.onError?.(error as Error, data.reportId);
      });
    }
    await this.options.hub.publish(data.reportId, 'done', { id: data.reportId });
  }
}
