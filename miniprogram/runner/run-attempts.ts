/**
 * Runs the planned attempts with at most `concurrency` in flight (clamped to WeChat's limit: 10 for
 * request/uploadFile/downloadFile, 5 for connectSocket). Attempts come back in index order.
 * While the app is in the background no attempt starts (WeChat would refuse it), and an attempt that
 * was in flight when the app was hidden is marked `background: true`: its outcome is WeChat's doing.
 */
import { startAttempt, type AttemptHandle, type AttemptRecord } from './attempt';
import type { AppVisibility } from './app-visibility';
import { planSlots, type Slot } from './plan';
import { maxConcurrency, type RunConfig } from './run-config';

export type AttemptsResult = { attempts: AttemptRecord[]; cancelled: boolean };
export type AttemptsRun = { cancel(): void; done: Promise<AttemptsResult> };

export type RunAttemptsOptions = {
  /** the planned attempts; default: `config.attempts` times the config itself */
  slots?: Slot[];
  /** pause while hidden; default: never pauses */
  visibility?: AppVisibility;
};

export function runAttempts(
  config: RunConfig,
  onAttempt: (record: AttemptRecord) => void,
  uploadFilePath = '',
  options: RunAttemptsOptions = {},
): AttemptsRun {
  const slots = options.slots ?? planSlots({ ...config, controlUrl: '' }, []);
  const visibility = options.visibility;
  const inFlight = new Map<number, AttemptHandle>();
  const overlapped = new Set<number>();
  const records: AttemptRecord[] = [];
  let next = 0;
  let cancelled = false;

  visibility?.onChange((hidden) => {
    if (hidden) for (const index of inFlight.keys()) overlapped.add(index);
  });

  /**
   * One worker: the next slot, then the one after, until none is left or the run is cancelled; it
   * waits while the app is in the background. A Promise chain, not an async loop: see
   * miniprogram/README.md (package size).
   */
  function worker(): Promise<void> {
    if (cancelled || next >= slots.length) return Promise.resolve();
    if (visibility?.hidden) return visibility.whenVisible().then(worker);
    const slot = slots[next++]!;
    const handle = startAttempt(slot.config, slot.index, uploadFilePath);
    inFlight.set(slot.index, handle);
    return handle.done.then((record) => {
      inFlight.delete(slot.index);
      if (record) {
        if (slot.variant !== undefined) record.variant = slot.variant;
        if (slot.target === 'control') record.target = 'control';
        if (overlapped.has(slot.index)) record.background = true;
        records.push(record);
        onAttempt(record);
      }
      return worker();
    });
  }

  const workers = Math.min(
    slots.length,
    Math.max(1, Math.min(config.concurrency, maxConcurrency(config.api))),
  );
  const done = Promise.all(Array.from({ length: workers }, worker)).then(() => ({
    attempts: records.sort((a, b) => a.index - b.index),
    cancelled,
  }));
  return {
    cancel() {
      cancelled = true;
      for (const handle of inFlight.values()) handle.abort();
      visibility?.stop();
    },
    done,
  };
}
