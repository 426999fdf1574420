/**
 * Step bookkeeping: which steps started and how each ended, for `observation.steps` and for progress
 * events. A step that started but never ended when the budget ran out is recorded as `timeout`.
 */
import type { StepStatus } from '../../../shared/observations/probe';

export const PROBE_STEPS = [
  'target',
  'dns',
  'policy',
  'tcp',
  'tls',
  'certificate',
  'http',
  'port80',
] as const;
export type ProbeStep = (typeof PROBE_STEPS)[number];

export type ProbeProgress = {
  step: string;
  status: 'start' | 'done' | 'error' | 'timeout' | 'refused' | 'skipped';
  detail?: string;
};

export class StepTracker {
  private readonly started = new Set<ProbeStep>();

  constructor(
    readonly statuses: Record<string, StepStatus>,
    private readonly onProgress: (event: ProbeProgress) => void,
  ) {}

  private emit(event: ProbeProgress): void {
    try {
      this.onProgress(event);
    } catch {
      // a failing progress listener must not break the measurement
    }
  }

  start(step: ProbeStep): void {
    this.started.add(step);
    this.emit({ step, status: 'start' });
  }

  end(step: ProbeStep, status: StepStatus, detail?: string): void {
    if (this.statuses[step] !== undefined) return;
    this.statuses[step] = status;
    this.emit(detail === undefined ? { step, status } : { step, status, detail });
  }

  /** Marks steps that will not run (not applicable, or refused by the policy). */
  endAll(steps: readonly ProbeStep[], status: StepStatus, detail?: string): void {
    for (const step of steps) this.end(step, status, detail);
  }

  ended(step: ProbeStep): boolean {
    return this.statuses[step] !== undefined;
  }

  /** After the budget: steps in flight or never reached did not finish. */
  finish(budgetHit: boolean): ProbeStep[] {
    const unfinished = PROBE_STEPS.filter((s) => !this.ended(s));
    for (const step of unfinished) {
      this.end(
        step,
        budgetHit || this.started.has(step) ? 'timeout' : 'skipped',
        budgetHit ? 'probe budget ended' : undefined,
      );
    }
    return unfinished;
  }
}
