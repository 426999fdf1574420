/**
 * Everything a server needs to be one of a fleet on one PostgreSQL database (WXPROBE_DATABASE_URL):
 * the report store (its migrations run here, under their advisory lock), the pg-boss probe queue,
 * the fleet-wide probe slots and the progress hub. Opened in that order, closed in reverse; a
 * failure half-way closes what was opened.
 *
 * Queue timing comes from the probe budget, because pg-boss has no heartbeat: a job is presumed dead
 * only once it has run longer than any probe can (`expireInSeconds`), and the servers look for such
 * jobs every `maintenanceIntervalSeconds`. A killed worker's job is rerun after at most the sum.
 */
import type { ServerConfig } from '../config';
import { openPgReportStore, type PgReportStore } from '../store/report-store-pg';
import { PgProbeQueue } from './probe-queue-pg';
import { PgProbeSlots } from './probe-slots-pg';
import { PgProgressHub } from './progress-pg';

export type PgFleet = {
  store: PgReportStore;
  queue: PgProbeQueue;
  slots: PgProbeSlots;
  hub: PgProgressHub;
  timing: QueueTiming;
  close(): Promise<void>;
};

type QueueTiming = { expireInSeconds: number; maintenanceIntervalSeconds: number };

/** Progress events are kept this long: only someone following a job needs them. */
const PROGRESS_KEEP_MS = 24 * 3600_000;
const PROGRESS_SWEEP_MS = 3600_000;

/** Expiry: the whole budget and half again, plus 5 s for storing; maintenance: a quarter of that, 1-15 s. */
export function queueTimingFor(probeTotalTimeoutMs: number): QueueTiming {
  const expireInSeconds = Math.ceil((1.5 * probeTotalTimeoutMs) / 1000) + 5;
  return {
    expireInSeconds,
    maintenanceIntervalSeconds: Math.max(1, Math.min(15, Math.ceil(expireInSeconds / 4))),
  };
}

export async function openPgFleet(
  config: Pick<ServerConfig, 'databaseUrl' | 'maxProbes' | 'probeTotalTimeoutMs'>,
  onError: (error: Error, what: string) => void,
): Promise<PgFleet> {
  const connectionString = config.databaseUrl;
  if (!connectionString) throw new Error('openPgFleet needs a database URL');
  const timing = queueTimingFor(config.probeTotalTimeoutMs);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const store = await openPgReportStore({
      connectionString,
      // Reads are the hot path of shared links; probes hold no store connection while they run.
      maxConnections: 10,
      onIdleError: (error) => onError(error, 'store connection'),
    });
    opened.push(store);
    const queue = await PgProbeQueue.start({
      connectionString,
      ...timing,
      onError: (error) => onError(error, 'probe queue'),
    });
    opened.push({ close: () => queue.stop() });
    const slots = await PgProbeSlots.open({
      connectionString,
      limit: config.maxProbes,
      onError: (error) => onError(error, 'probe slots'),
    });
    opened.push(slots);
    const hub = await PgProgressHub.open({
      connectionString,
      onError: (error) => onError(error, 'progress events'),
    });
    opened.push(hub);
    const sweep = setInterval(() => {
      hub.deleteCreatedBefore(Date.now() - PROGRESS_KEEP_MS).catch((error: unknown) => {
        onError(error as Error, 'progress retention');
      });
    }, PROGRESS_SWEEP_MS);
    sweep.unref();
    return {
      store,
      queue,
      slots,
      hub,
      timing,
      close: async () => {
        clearInterval(sweep);
        // Queue first: its lanes are stopped before the slots and the store go away.
        await queue.stop();
        await hub.close();
        await slots.close();
        await store.close();
      },
    };
  } catch (error) {
    for (const part of opened.reverse()) await part.close().catch(() => {});
    throw error;
  }
}
