/**
 * Retention: reports older than the configured number of days are deleted, once at start and then
 * periodically. 0 days means keep forever. The timer is unref'd so it never holds the process open.
 */
import type { ReportStore } from './report-store';

const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export type RetentionJob = { sweep(): Promise<number>; stop(): void };

export function startRetention(options: {
  store: ReportStore;
  retentionDays: number;
  now: () => number;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  onSwept?: (deleted: number) => void;
}): RetentionJob {
  const { store, retentionDays, now } = options;
  const sweep = async (): Promise<number> => {
    if (retentionDays <= 0) return 0;
    const deleted = await store.deleteCreatedBefore(now() - retentionDays * DAY_MS);
    if (deleted > 0) options.onSwept?.(deleted);
    return deleted;
  };
  const safeSweep = () => void sweep().catch((error) => options.onError?.(error));
  if (retentionDays <= 0) return { sweep, stop: () => {} };
  safeSweep();
  const timer = setInterval(safeSweep, options.intervalMs ?? RETENTION_SWEEP_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
