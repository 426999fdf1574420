/**
 * A report asked from several vantages in one process (no database): the server's own probe and an
 * agent's, collected until both answered or the budget ran out. The agent here is a probe run
 * beside the server over another network path (the lab's ICP case reached around its SNI filter),
 * answering through the collector as the memory job source would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, RULES_VERSION } from '../../../shared/diagnose/diagnose';
import type { ProbeObservation } from '../../../shared/observations/probe';
import { startLab, type Lab } from '../../lab/lab';
import { probeTarget } from '../probe/probe';
import type { ProbeJobData } from '../queue/probe-queue-pg';
import { ReportService } from '../report/report-service';
import { openSqliteReportStore, type SqliteReportStore } from '../store/report-store-sqlite';
import { startPathAroundFilter } from '../testing/path-around-filter';
import { ProbeJobs, type JobEvent } from './probe-jobs';
import { ProbeRunner } from './probe-runner';
import { VantageCollector } from './vantage-collector';

/** Every event of a job, from its start to its `done` or `failed`. */
function eventsUntilEnd(job: Awaited<ReturnType<ProbeJobs['start']>>): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  return new Promise((resolve) =>
    job.subscribe((event) => {
      events.push(event);
      if (event.type === 'done' || event.type === 'failed') resolve(events);
    }),
  );
}

describe('a report from several vantages in one process', () => {
  let lab: Lab;
  let around: Awaited<ReturnType<typeof startPathAroundFilter>>;
  let store: SqliteReportStore;

  beforeAll(async () => {
    lab = await startLab();
    around = await startPathAroundFilter(lab.byCase('icp-block'));
    store = openSqliteReportStore(':memory:');
  });
  afterAll(async () => {
    await around?.close();
    await store?.close();
    await lab?.close();
  });

  const labOptions = () => ({
    dnsServer: `${lab.dnsServer.address}:${lab.dnsServer.port}`,
    ca: [lab.caPem],
    allowCidrs: ['127.0.0.0/8'],
  });

  function jobsWith(agents: Record<string, 'around-filter' | 'silent' | 'failing'>, totalTimeoutMs = 20_000) {
    const collector = new VantageCollector();
    const dispatched: ProbeJobData[] = [];
    const runner = new ProbeRunner({
      maxConcurrent: 4,
      probe: probeTarget,
      totalTimeoutMs,
      baseOptions: labOptions(),
    });
    const dispatch = {
      enqueue(job: ProbeJobData) {
        dispatched.push(job);
        // what the memory job source delivers when an agent posts `{ error }` for its job
        if (agents[job.vantage] === 'failing')
          setTimeout(
            () => void collector.deliver(job, { error: ' getaddrinfo EAI_AGAIN ok.lab.wxprobe.test \n' }),
            50,
          );
        if (agents[job.vantage] !== 'around-filter') return;
        const [host, port, address] = around.resolve.split(':') as [string, string, string];
        void probeTarget(job.url, {
          ...labOptions(),
          ...job.options,
          resolve: [{ host, port: Number(port), address }],
          totalTimeoutMs,
        }).then((probe) => collector.deliver(job, { probe }));
      },
    };
    const reports = new ReportService(store, diagnose, RULES_VERSION);
    const jobs = new ProbeJobs(runner, reports, { fanout: { dispatch, collector, graceMs: 500 } });
    return { jobs, dispatched, collector };
  }

  it('puts both vantages into one report, in the order asked, each with its own probe', async () => {
    const { jobs, dispatched } = jobsWith({ 'cn-west': 'around-filter' });
    const url = lab.byCase('icp-block').url;
    const report = await jobs.probeAndStore({
      url,
      client: null,
      probeOptions: { attempts: 4 },
      vantages: ['local', 'cn-west'],
    });
    expect(dispatched.map((job) => [job.vantage, job.vantages, job.reportId])).toEqual([
      ['cn-west', ['local', 'cn-west'], report.id],
    ]);
    const vantages = (report as { vantages?: { vantage: string; state: string; probe: unknown }[] }).vantages;
    expect(vantages?.map((v) => [v.vantage, v.state])).toEqual([
      ['local', 'answered'],
      ['cn-west', 'answered'],
    ]);
    expect(report.probe).toEqual(vantages?.[0]?.probe);
    // The same name, two paths: the filter's reset through it, a healthy backend around it.
    const causeFrom = (v: number) =>
      diagnose(null, vantages?.[v]?.probe as ProbeObservation).verdicts[0]?.cause;
    expect([causeFrom(0), causeFrom(1)]).toEqual(['icp-filing-block', 'ok']);
    // Stored as answered: the same report comes back from the store.
    expect((await store.get(report.id!))?.vantages?.map((v) => v.state)).toEqual(['answered', 'answered']);
  });

  it('marks a vantage that does not answer within the budget as no-answer, and announces each answer', async () => {
    const { jobs, collector } = jobsWith({ 'cn-offline': 'silent' }, 3000);
    const job = await jobs.start({
      url: lab.byCase('ok').url,
      client: null,
      probeOptions: { attempts: 4 },
      vantages: ['cn-offline', 'local'],
    });
    const events = await eventsUntilEnd(job);
    expect(events.at(-1)?.type).toBe('done');
    expect(events.filter((e) => e.type === 'vantage').map((e) => e.data)).toEqual([
      expect.objectContaining({ vantage: 'local', state: 'answered' }),
    ]);
    expect(
      events
        .filter((e) => e.type === 'progress')
        .every((e) => (e.data as { vantage?: string }).vantage === 'local'),
    ).toBe(true);
    const stored = await store.get(job.id);
    expect(stored?.vantages?.map((v) => [v.vantage, v.state])).toEqual([
      ['cn-offline', 'no-answer'],
      ['local', 'answered'],
    ]);
    // The first answer is the report's probe, whichever vantage it came from.
    expect(stored?.probe).toEqual(stored?.vantages?.[1]?.probe);
    expect(collector.openCount).toBe(0);
  });

  it('lists a vantage whose probe failed as failed, with the reason it gave, and stores it so', async () => {
    const { jobs } = jobsWith({ 'cn-broken': 'failing' });
    const report = await jobs.probeAndStore({
      url: lab.byCase('ok').url,
      client: null,
      probeOptions: { attempts: 4 },
      vantages: ['local', 'cn-broken'],
    });
    const failed = {
      vantage: 'cn-broken',
      state: 'failed',
      probe: null,
      error: 'getaddrinfo EAI_AGAIN ok.lab.wxprobe.test',
    };
    expect(report.vantages?.[1]).toEqual(failed);
    expect((await store.get(report.id!))?.vantages?.[1]).toEqual(failed);
  });

  it('announces a failed vantage with the reason it gave, as the report keeps it', async () => {
    const { jobs } = jobsWith({ 'cn-broken': 'failing' });
    const job = await jobs.start({
      url: lab.byCase('ok').url,
      client: null,
      probeOptions: { attempts: 4 },
      vantages: ['local', 'cn-broken'],
    });
    const events = await eventsUntilEnd(job);
    const announced = events.filter((e) => e.type === 'vantage').map((e) => e.data);
    expect(announced).toContainEqual({
      vantage: 'cn-broken',
      state: 'failed',
      elapsedMs: expect.any(Number),
      error: 'getaddrinfo EAI_AGAIN ok.lab.wxprobe.test',
    });
    expect(announced.find((e) => (e as { vantage: string }).vantage === 'local')).not.toHaveProperty('error');
  });

  it('keeps a report asked from the server alone exactly as before, without vantages', async () => {
    const { jobs, dispatched } = jobsWith({});
    const report = await jobs.probeAndStore({
      url: lab.byCase('ok').url,
      client: null,
      probeOptions: { attempts: 4 },
      vantages: ['local'],
    });
    expect(dispatched).toEqual([]);
    expect('vantages' in report).toBe(false);
    expect((await store.getText(report.id!))?.vantagesJson).toBeNull();
  });
});
