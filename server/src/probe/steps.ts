/**
 * Step bookkeeping: which steps started and how each ended, for `observation.steps` and for progress
 * events. When the probe stops before the end, `finish` closes the books: steps still open are
 * `timeout` when the budget ran out, `skipped` when the caller interrupted the probe (Ctrl-C).
 * After that no event is emitted any more (work still unwinding must not report late steps).
 */
import type { ProbeSteps } from '../../../shared/observations/probe';
import type { ProbeProgress } from '../../../shared/observations/progress';
import {
  PROBE_STEPS,
  type ProbeNote,
  type ProbeStep,
  type StepStatus,
} from '../../../shared/observations/vocabulary';
import { PROBE_NOTE_TEXTS } from '../../../shared/present/notes';

/** Why a step ended as it did: a note code, and/or a raw detail (English, as the source gave it). */
export type StepWhy = { note?: ProbeNote; detail?: string };

/** How a probe run stopped. */
export type ProbeOutcome = 'finished' | 'budget' | 'interrupted';

export class StepTracker {
  private readonly started = new Set<ProbeStep>();
  private closed = false;

  constructor(
    readonly statuses: ProbeSteps,
    private readonly onProgress: (event: ProbeProgress) => void,
  ) {}

  private emit(event: ProbeProgress): void {
    if (this.closed) return;
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

  end(step: ProbeStep, status: StepStatus, why: StepWhy = {}): void {
    if (this.closed || this.statuses[step] !== undefined) return;
    this.statuses[step] = status;
    // the English detail stays for readers that do not know the note codes
    const detail = why.detail ?? (why.note ? PROBE_NOTE_TEXTS[why.note].en : undefined);
    this.emit({
      step,
      status,
      ...(detail !== undefined ? { detail } : {}),
      ...(why.note ? { note: why.note } : {}),
    });
  }

  /** Marks steps that will not run (not applicable, or refused by the policy). */
  endAll(steps: readonly ProbeStep[], status: StepStatus, why: StepWhy = {}): void {
    for (const step of steps) this.end(step, status, why);
  }

  ended(step: ProbeStep): boolean {
    return this.statuses[step] !== undefined;
  }

  /**
   * Closes the books: steps in flight or never reached did not finish. Budget: they timed out.
   * Interrupted: they were not measured to the end, so `skipped` (the observation says `interrupted`).
   */
  finish(outcome: ProbeOutcome): ProbeStep[] {
    const unfinished = PROBE_STEPS.filter((s) => !this.ended(s));
    for (const step of unfinished) {
      if (outcome === 'budget') this.end(step, 'timeout', { note: 'budget-ended' });
      else if (outcome === 'interrupted') this.end(step, 'skipped', { note: 'interrupted' });
      else this.end(step, this.started.has(step) ? 'timeout' : 'skipped');
    }
    this.closed = true;
    return unfinished;
  }
}
