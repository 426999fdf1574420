import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgReportStore, type PgReportStore } from '../store/report-store-pg';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { jobIdFor, PgProbeQueue, queueName, type JobOutcome, type ProbeJobData } from './probe-queue-pg';
import { PgProbeSlots } from './probe-slots-pg';
import { reportFor } from './test-support/probe-report';
import type { ChildArgs, ChildMessage } from './test-support/queue-child';
import { bundleChild, startJsonChild } from './test-support/ts-child';
import { waitUntil } from './test-support/wait';
import { probeJobFor } from './test-support/probe-job';

// Short expiry and maintenance so a dead worker's job comes back within seconds.
const EXPIRE_S = 2;

const jobFor = (vantage: string, overrides: Partial<ProbeJobData> = {}) =>
  probeJobFor(vantage, { clientJson: '{"schema":"wxprobe.client/1","z":1,"a":2}', ...overrides });

describe.skipIf(!pgAvailable('the PostgreSQL probe queue tests'))('probe jobs on pg-boss', () => {
  let cluster: PgCluster;
  let connectionString: string;
  let store: PgReportStore;
  let queue: PgProbeQueue;
  let bundle: { file: string; remove: () => void };
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    cluster = await startPgCluster();
    connectionString = await cluster.newDatabase();
    store = await openPgReportStore({ connectionString });
    queue = await PgProbeQueue.start({
      connectionString,
      expireInSeconds: EXPIRE_S,
      maintenanceIntervalSeconds: 1,
    });
    bundle = await bundleChild(fileURLToPath(new URL('./test-support/queue-child.ts', import.meta.url)));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    await queue?.stop();
    await store?.close();
    bundle?.remove();
    await cluster?.stop();
  });

  async function reportCount(reportId: string): Promise<number> {
    const client = new pg.Client({ connectionString });
    await client.connect();
    const result = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM reports WHERE id = $1', [
      reportId,
    ]);
    await client.end();
    return result.rows[0]!.n;
  }

  function child(args: Omit<Extract<ChildArgs, { mode: 'hang' | 'sleep' }>, 'connectionString'>) {
    const started = startJsonChild<ChildMessage>(bundle.file, {
      ...args,
      connectionString,
    } satisfies ChildArgs);
    cleanups.push(() => started.kill9());
    return started;
  }

  it('runs a queued probe on a worker of its vantage, stores its report, and enqueues a report once', async () => {
    const job = jobFor('vantage-a');
    expect(await queue.enqueue(job)).toEqual({ jobId: jobIdFor(job.reportId), created: true });
    expect(await queue.enqueue(job)).toEqual({ jobId: jobIdFor(job.reportId), created: false });
    const slots = await PgProbeSlots.open({ connectionString, limit: 2 });
    cleanups.push(() => slots.close());
    const outcomes: JobOutcome[] = [];
    const ran: ProbeJobData[] = [];
    const worker = await queue.work({
      vantage: 'vantage-a',
      store,
      slots,
      pollIntervalMs: 100,
      onOutcome: (o) => outcomes.push(o),
      run: async (data) => {
        ran.push(data);
        return reportFor(data);
      },
    });
    await waitUntil(() => outcomes.length > 0, 'the job outcome');
    await worker.stop();
    expect(outcomes).toEqual([
      { kind: 'stored', jobId: jobIdFor(job.reportId), reportId: job.reportId, retryCount: 0, job },
    ]);
    expect(ran).toEqual([job]);
    expect((await store.getText(job.reportId))?.clientJson).toBe(job.clientJson);
    expect(await queue.jobState('vantage-a', job.reportId)).toBe('completed');
  });

  it('reruns a job whose worker was killed with SIGKILL on another worker after expiry, keeping one result', async () => {
    const vantage = 'vantage-kill';
    const job = jobFor(vantage);
    // One slot for the whole fleet: the dead process's slot must come free with its connection.
    const doomed = child({
      mode: 'hang',
      vantage,
      slots: 1,
      concurrency: 1,
      expireInSeconds: EXPIRE_S,
      pollIntervalMs: 100,
    });
    await doomed.waitFor((m) => 'ready' in m, 'the doomed worker ready');
    await queue.enqueue(job);
    await doomed.waitFor(
      (m) => 'started' in m && m.started === job.reportId,
      'the doomed worker to start the job',
    );
    await doomed.kill9();
    expect(await queue.jobState(vantage, job.reportId)).toBe('active');

    const slots = await PgProbeSlots.open({ connectionString, limit: 1 });
    cleanups.push(() => slots.close());
    const outcomes: JobOutcome[] = [];
    const worker = await queue.work({
      vantage,
      store,
      slots,
      pollIntervalMs: 100,
      onOutcome: (o) => outcomes.push(o),
      run: async (data) => reportFor(data),
    });
    await waitUntil(() => outcomes.length > 0, 'the retried job outcome');
    await worker.stop();
    expect(outcomes).toEqual([
      { kind: 'stored', jobId: jobIdFor(job.reportId), reportId: job.reportId, retryCount: 1, job },
    ]);
    expect(await reportCount(job.reportId)).toBe(1);
    expect(await queue.jobState(vantage, job.reportId)).toBe('completed');
  });

  it('swallows the late result of a slow worker whose job was retried as already done', async () => {
    const vantage = 'vantage-slow';
    const job = jobFor(vantage);
    const slots = await PgProbeSlots.open({ connectionString, limit: 2 });
    cleanups.push(() => slots.close());
    const outcomes: JobOutcome[] = [];
    let retriedStored!: () => void;
    const stored = new Promise<void>((resolve) => (retriedStored = resolve));
    let slowStarted = false;
    const slow = await queue.work({
      vantage,
      store,
      slots,
      pollIntervalMs: 100,
      onOutcome: (o) => outcomes.push(o),
      // Ignores its abort signal and only finishes after the retry has stored the report.
      run: async (data) => {
        slowStarted = true;
        await stored;
        return reportFor(data);
      },
    });
    await queue.enqueue(job);
    await waitUntil(() => slowStarted, 'the slow worker to start');
    const fast = await queue.work({
      vantage,
      store,
      slots,
      pollIntervalMs: 100,
      onOutcome: (o) => {
        outcomes.push(o);
        if (o.kind === 'stored') retriedStored();
      },
      run: async (data) => reportFor(data),
    });
    await waitUntil(() => outcomes.length >= 2, 'both workers to finish');
    await Promise.all([slow.stop(), fast.stop()]);
    expect(outcomes.map((o) => [o.kind, o.retryCount])).toEqual([
      ['stored', 1],
      ['already-done', 0],
    ]);
    expect(await reportCount(job.reportId)).toBe(1);
  });

  it('holds the probe limit across two processes', async () => {
    const vantage = 'vantage-limit';
    const limit = 2;
    // Three lanes per process: either process alone would exceed the limit without the shared slots.
    const workers = [0, 1].map(() =>
      child({
        mode: 'sleep',
        vantage,
        slots: limit,
        concurrency: 3,
        sleepMs: 400,
        expireInSeconds: 30,
        pollIntervalMs: 100,
      }),
    );
    await Promise.all(workers.map((w) => w.waitFor((m) => 'ready' in m, 'a worker ready')));
    const jobs = Array.from({ length: 6 }, () => jobFor(vantage));
    for (const job of jobs) await queue.enqueue(job);
    await waitUntil(async () => {
      for (const job of jobs) if ((await queue.jobState(vantage, job.reportId)) !== 'completed') return false;
      return true;
    }, 'all six jobs completed');
    const intervals = workers.flatMap((w) => {
      const starts = new Map<string, number>();
      const spans: { from: number; to: number }[] = [];
      for (const m of w.messages) {
        if ('start' in m) starts.set(m.start, m.at);
        if ('end' in m) spans.push({ from: starts.get(m.end)!, to: m.at });
      }
      return spans;
    });
    expect(intervals).toHaveLength(6);
    // Start/end are printed inside the slot, so their overlap can never exceed the slots held.
    const edges = intervals.flatMap((s) => [
      { at: s.from, delta: 1 },
      { at: s.to, delta: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let running = 0;
    let peak = 0;
    for (const edge of edges) peak = Math.max(peak, (running += edge.delta));
    expect(peak).toBeLessThanOrEqual(limit);
    for (const job of jobs) expect(await reportCount(job.reportId)).toBe(1);
  });

  it('marks a probe that keeps failing as failed once its retries are spent', async () => {
    const vantage = 'vantage-fail';
    const failing = await PgProbeQueue.start({
      connectionString,
      expireInSeconds: EXPIRE_S,
      retryLimit: 1,
      retryDelaySeconds: 0,
      maintenanceIntervalSeconds: 1,
    });
    cleanups.push(() => failing.stop());
    const slots = await PgProbeSlots.open({ connectionString, limit: 1 });
    cleanups.push(() => slots.close());
    const job = jobFor(vantage);
    await failing.enqueue(job);
    const outcomes: JobOutcome[] = [];
    const worker = await failing.work({
      vantage,
      store,
      slots,
      pollIntervalMs: 100,
      onOutcome: (o) => outcomes.push(o),
      run: async () => {
        throw new Error('target unreachable');
      },
    });
    await waitUntil(() => outcomes.length >= 2, 'two failed attempts');
    await worker.stop();
    expect(outcomes.map((o) => o.kind === 'failed' && [o.retryCount, o.final, o.error.message])).toEqual([
      [0, false, 'target unreachable'],
      [1, true, 'target unreachable'],
    ]);
    expect(await failing.jobState(vantage, job.reportId)).toBe('failed');
    expect(await store.get(job.reportId)).toBeNull();
  });

  it('refuses a vantage name that is not a plain lowercase label', () => {
    expect(queueName('cn-shanghai-1')).toBe('probe-cn-shanghai-1');
    expect(() => queueName('Shanghai')).toThrow(/vantage name/);
    expect(() => queueName('a.b')).toThrow(/vantage name/);
  });
});
