/**
 * The answers of a report asked from several vantages, collected in this process (no database: the
 * agents' jobs wait in memory too, agents/memory-job-source.ts). Each report waits until every
 * vantage answered or its deadline passed; an answer after that is dropped — the report is already
 * put together and says which vantage did not answer.
 */
import type { ProbeJobData } from '../queue/probe-queue-pg';
import type { VantageOutcome } from '../report/vantage-report';

type Collection = {
  finish(): void;
  readonly outcomes: Map<string, VantageOutcome>;
  readonly expected: ReadonlySet<string>;
  settle(vantage: string, outcome: VantageOutcome): void;
};

export type VantageCollection = {
  /** Records a vantage's answer (the first one counts). */
  settle(vantage: string, outcome: VantageOutcome): void;
  /** Every answer that arrived by the deadline, by vantage. */
  readonly done: Promise<ReadonlyMap<string, VantageOutcome>>;
};

export class VantageCollector {
  private readonly open = new Map<string, Collection>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts waiting for `vantages` of `reportId`; `onAnswer` hears each answer as it is recorded. */
  collect(
    reportId: string,
    vantages: readonly string[],
    deadlineAt: number,
    onAnswer: (vantage: string, outcome: VantageOutcome) => void = () => {},
  ): VantageCollection {
    let finish!: () => void;
    const outcomes = new Map<string, VantageOutcome>();
    const done = new Promise<ReadonlyMap<string, VantageOutcome>>((resolve) => {
      finish = () => {
        clearTimeout(timer);
        this.open.delete(reportId);
        resolve(outcomes);
      };
    });
    const timer = setTimeout(() => finish(), Math.max(0, deadlineAt - this.now()));
    const collection: Collection = {
      finish,
      outcomes,
      expected: new Set(vantages),
      settle: (vantage, outcome) => {
        if (!collection.expected.has(vantage) || outcomes.has(vantage)) return;
        if (this.open.get(reportId) !== collection) return; // too late: already put together
        outcomes.set(vantage, outcome);
        try {
          onAnswer(vantage, outcome);
        } catch {
          // A broken listener must not lose the answer.
        }
        if (outcomes.size === collection.expected.size) finish();
      },
    };
    this.open.set(reportId, collection);
    if (collection.expected.size === 0) finish(); // nobody to wait for
    return { settle: collection.settle, done };
  }

  /** An agent's answer, as the memory job source delivers it. */
  readonly deliver = async (job: ProbeJobData, result: VantageOutcome): Promise<void> => {
    this.open.get(job.reportId)?.settle(job.vantage, result);
  };

  /** Shutdown: every report is put together now with what it has. */
  finishAll(): void {
    for (const collection of [...this.open.values()]) collection.finish();
  }

  /** Reports still waiting for answers (for tests and shutdown). */
  get openCount(): number {
    return this.open.size;
  }
}
