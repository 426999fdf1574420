import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, RULES_VERSION } from '../../../shared/diagnose/diagnose';
import { loadScenario } from '../../../shared/diagnose/testdata/load-scenario';
import type { ProbeObservation } from '../../../shared/observations/probe';
import { ReportService } from '../report/report-service';
import { newReportId } from '../store/report-id';
import { openPgReportStore, type PgReportStore } from '../store/report-store-pg';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import {
  ASSEMBLY_QUEUE,
  jobIdFor,
  PgProbeQueue,
  type ProbeJobData,
  type ProbeWorker,
} from './probe-queue-pg';
import { PgProgressHub, type ProgressEvent } from './progress-pg';
import { waitUntil } from './test-support/wait';
import { PgVantageAssembly } from './vantage-assembly-pg';

const icpProbe = loadScenario('icp-sni-drop').probe as ProbeObservation;
const okProbe = loadScenario('ok-probe-only').probe as ProbeObservation;

describe.skipIf(!pgAvailable('the PostgreSQL vantage assembly tests'))(
  'reports from several vantages on PostgreSQL',
  () => {
    let cluster: PgCluster;
    let store: PgReportStore;
    let queue: PgProbeQueue;
    let hub: PgProgressHub;
    let assembly: PgVantageAssembly;
    let worker: ProbeWorker;

    beforeAll(async () => {
      cluster = await startPgCluster();
      const connectionString = await cluster.newDatabase();
      store = await openPgReportStore({ connectionString });
      queue = await PgProbeQueue.start({
        connectionString,
        expireInSeconds: 2,
        maintenanceIntervalSeconds: 1,
      });
      hub = await PgProgressHub.open({ connectionString });
      const reports = new ReportService(store, diagnose, RULES_VERSION);
      assembly = new PgVantageAssembly({ store, queue, hub, reports, postponeMs: 1500 });
      worker = await assembly.work();
    });
    afterAll(async () => {
      await worker?.stop();
      await queue?.stop();
      await hub?.close();
      await store?.close();
      await cluster?.stop();
    });

    function jobsFor(vantages: string[], deadlineInMs: number): ProbeJobData[] {
      const base = {
        reportId: newReportId(),
        url: 'https://unfiled.example.test/api',
        options: { attempts: 4 },
        clientJson: null,
        requestedAt: Date.now(),
        vantages,
        deadlineAt: Date.now() + deadlineInMs,
      };
      return vantages.map((vantage) => ({ ...base, vantage }));
    }

    async function schedule(jobs: ProbeJobData[]): Promise<void> {
      const [first] = jobs;
      await assembly.schedule({
        reportId: first!.reportId,
        url: first!.url,
        clientJson: first!.clientJson,
        requestedAt: first!.requestedAt,
        vantages: first!.vantages!,
        deadlineAt: first!.deadlineAt!,
      });
      for (const job of jobs) await queue.enqueue(job);
    }

    async function eventsOf(reportId: string): Promise<ProgressEvent[]> {
      return hub.events(reportId);
    }

    it('puts the report together as soon as the last vantage answers, once, in the order asked', async () => {
      const jobs = jobsFor(['cn-east', 'cn-west'], 60_000);
      await schedule(jobs);
      const [east, west] = jobs as [ProbeJobData, ProbeJobData];
      await assembly.record(west, { probe: okProbe });
      expect(await store.get(west.reportId)).toBeNull();
      // The same vantage again (a retried job finishing late) changes nothing.
      await assembly.record(west, { probe: icpProbe });
      await Promise.all([
        assembly.record(east, { probe: icpProbe }),
        assembly.record(east, { probe: icpProbe }),
      ]);
      const report = await store.get(east.reportId);
      expect(report?.vantages?.map((v) => [v.vantage, v.state])).toEqual([
        ['cn-east', 'answered'],
        ['cn-west', 'answered'],
      ]);
      expect(report?.vantages?.[1]?.probe).toEqual(okProbe);
      expect(report?.probe).toEqual(icpProbe);
      const events = await eventsOf(east.reportId);
      expect(
        events.filter((e) => e.type === 'vantage').map((e) => (e.data as { vantage: string }).vantage),
      ).toEqual(['cn-west', 'cn-east']);
      expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
    });

    it('marks a vantage that never took its job as no-answer at the deadline, and cancels its job', async () => {
      const jobs = jobsFor(['local', 'offline-agent'], 1500);
      await schedule(jobs);
      await assembly.record(jobs[0]!, { probe: okProbe });
      const report = await waitUntil(
        () => store.get(jobs[0]!.reportId).then((r) => r ?? undefined),
        'the report',
      );
      expect(report.vantages?.map((v) => [v.vantage, v.state, v.probe === null])).toEqual([
        ['local', 'answered', false],
        ['offline-agent', 'no-answer', true],
      ]);
      expect(await queue.jobState('offline-agent', jobs[0]!.reportId)).toBe('cancelled');
      expect((await eventsOf(jobs[0]!.reportId)).map((e) => e.type)).toContain('done');
    });

    it('waits once more for a vantage whose job is still running at the deadline', async () => {
      const jobs = jobsFor(['slow-agent'], 1000);
      await schedule(jobs);
      // An agent took the job and is still probing when the deadline passes.
      await queue.ensureVantage('slow-agent');
      const claimed = await waitUntil(
        async () => (await queue.jobState('slow-agent', jobs[0]!.reportId)) === 'created',
        'the job queued',
      );
      expect(claimed).toBe(true);
      type Boss = {
        fetch(name: string): Promise<unknown[]>;
        getJobById(name: string, id: string): Promise<{ state: string } | null>;
      };
      const boss = (queue as unknown as { boss: Boss }).boss;
      expect(await boss.fetch('probe-slow-agent')).toHaveLength(1);
      const id = jobs[0]!.reportId;
      const postponed = () => boss.getJobById(ASSEMBLY_QUEUE, jobIdFor(`${id}#assembly-1`));
      expect(await postponed()).toBeNull();
      await waitUntil(async () => (await postponed()) !== null, 'the assembly put off at the deadline');
      expect(await store.get(id)).toBeNull();
      await assembly.record(jobs[0]!, { probe: icpProbe });
      const report = await store.get(jobs[0]!.reportId);
      expect(report?.vantages?.map((v) => v.state)).toEqual(['answered']);
    });

    it('keeps a failed vantage as failed, without a probe', async () => {
      const jobs = jobsFor(['a', 'b'], 60_000);
      await schedule(jobs);
      await assembly.record(jobs[0]!, { error: 'probe threw: boom' });
      await assembly.record(jobs[1]!, { probe: okProbe });
      const report = await store.get(jobs[0]!.reportId);
      expect(report?.vantages?.map((v) => v.state)).toEqual(['failed', 'answered']);
      // with the reason the agent gave, as it was recorded in PostgreSQL
      expect(report?.vantages?.[0]).toEqual({
        vantage: 'a',
        state: 'failed',
        probe: null,
        error: 'probe threw: boom',
      });
      expect(report?.probe).toEqual(okProbe);
      // and announced with it, to whichever server streams the report's progress
      const announced = (await eventsOf(jobs[0]!.reportId)).filter((e) => e.type === 'vantage');
      expect(announced.map((e) => e.data)).toEqual([
        { vantage: 'a', state: 'failed', elapsedMs: expect.any(Number), error: 'probe threw: boom' },
        { vantage: 'b', state: 'answered', elapsedMs: expect.any(Number) },
      ]);
    });
  },
);
