/**
 * Child process for the queue tests that need a second process or a hard kill. Modes:
 * - `hang`: a worker whose probe never ends (prints `started`), to be killed with SIGKILL;
 * - `sleep`: a worker whose probe takes `sleepMs` (prints `start`/`end` with timestamps);
 * - `publish`: publishes the given progress events for a report, then exits.
 * Every stdout line is one JSON message.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openPgReportStore } from '../../store/report-store-pg';
import { PgProbeQueue } from '../probe-queue-pg';
import { PgProbeSlots } from '../probe-slots-pg';
import { PgProgressHub } from '../progress-pg';
import { reportFor } from './probe-report';

export type ChildArgs =
  | {
      mode: 'hang' | 'sleep';
      connectionString: string;
      vantage: string;
      slots: number;
      concurrency: number;
      sleepMs?: number;
      expireInSeconds: number;
      pollIntervalMs: number;
    }
  | {
      mode: 'publish';
      connectionString: string;
      reportId: string;
      events: { type: string; data: unknown }[];
    };

export type ChildMessage =
  | { ready: true }
  | { started: string; retryCount: number }
  | { start: string; pid: number; at: number }
  | { end: string; pid: number; at: number }
  | { published: number[] };

const say = (message: ChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
const args = JSON.parse(process.argv[2]!) as ChildArgs;

if (args.mode === 'publish') {
  const hub = await PgProgressHub.open({ connectionString: args.connectionString });
  const seqs: number[] = [];
  for (const event of args.events) seqs.push(await hub.publish(args.reportId, event.type, event.data));
  await hub.close();
  say({ published: seqs });
} else {
  const store = await openPgReportStore({ connectionString: args.connectionString });
  const slots = await PgProbeSlots.open({ connectionString: args.connectionString, limit: args.slots });
  const queue = await PgProbeQueue.start({
    connectionString: args.connectionString,
    expireInSeconds: args.expireInSeconds,
    maintenanceIntervalSeconds: 1,
  });
  const sleepMs = args.sleepMs ?? 0;
  await queue.work({
    vantage: args.vantage,
    store,
    slots,
    concurrency: args.concurrency,
    pollIntervalMs: args.pollIntervalMs,
    run: async (job, context) => {
      if (args.mode === 'hang') {
        say({ started: job.reportId, retryCount: context.retryCount });
        return new Promise(() => {});
      }
      say({ start: job.reportId, pid: process.pid, at: Date.now() });
      await sleep(sleepMs);
      say({ end: job.reportId, pid: process.pid, at: Date.now() });
      return reportFor(job);
    },
  });
  say({ ready: true });
}
