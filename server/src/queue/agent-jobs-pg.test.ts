/**
 * Agent jobs on the fleet's pg-boss queues and the shared heartbeat table, against a throw-away
 * PostgreSQL cluster (skipped, with the reason printed, when PostgreSQL is not installed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryAgentRegistry, PgAgentRegistry, vantageStatuses } from '../agents/agent-registry';
import { parseClaimId, type AgentResult } from '../agents/job-source';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { openPgReportStore, type PgReportStore } from '../store/report-store-pg';
import { pgAvailable, startPgCluster, type PgCluster } from '../testing/pg-cluster';
import { PgAgentJobs } from './agent-jobs-pg';
import { PgProbeQueue, type ProbeJobData } from './probe-queue-pg';
import { probeJobFor } from './test-support/probe-job';

const EXPIRE_S = 2;
const never = new AbortController().signal;
const probe = { probe: { schema: 'stand-in' } } as unknown as AgentResult;

const jobFor = probeJobFor;

describe.skipIf(!pgAvailable('the PostgreSQL agent job tests'))('agent jobs on pg-boss', () => {
  let cluster: PgCluster;
  let connectionString: string;
  let store: PgReportStore;
  let queue: PgProbeQueue;
  const delivered: { job: ProbeJobData; result: AgentResult }[] = [];
  let jobs: PgAgentJobs;

  beforeAll(async () => {
    cluster = await startPgCluster();
    connectionString = await cluster.newDatabase();
    store = await openPgReportStore({ connectionString });
    queue = await PgProbeQueue.start({
      connectionString,
      expireInSeconds: EXPIRE_S,
      maintenanceIntervalSeconds: 1,
      retryLimit: 1,
      retryDelaySeconds: 0,
    });
    jobs = new PgAgentJobs({
      queue,
      deliver: async (job, result) => void delivered.push({ job, result }),
      pollIntervalMs: 100,
    });
  });
  afterAll(async () => {
    await queue?.stop();
    await store?.close();
    await cluster?.stop();
  });

  const deliveredFor = (reportId: string) => delivered.filter((d) => d.job.reportId === reportId);

  it('hands a queued job to its vantage only, accepts one answer, delivers it and completes the job', async () => {
    const job = jobFor('pg-east');
    await queue.enqueue(job);
    expect(await jobs.claim('pg-north', 300, never)).toBeNull();
    const claimed = (await jobs.claim('pg-east', 5000, never))!;
    expect(claimed).toMatchObject({
      reportId: job.reportId,
      vantage: 'pg-east',
      url: job.url,
      deadlineAt: null,
    });
    expect(claimed.options).toEqual(job.options);
    expect(await jobs.submit('pg-north', claimed.jobId, probe)).toBe('unknown-job');
    expect(await jobs.submit('pg-east', claimed.jobId, probe)).toBe('accepted');
    expect(await queue.jobState('pg-east', job.reportId)).toBe('completed');
    expect(await jobs.submit('pg-east', claimed.jobId, probe)).toBe('unknown-job');
    expect(deliveredFor(job.reportId)).toEqual([{ job, result: probe }]);
  });

  it('answers unknown-job for ids that never were jobs', async () => {
    expect(await jobs.submit('pg-east', 'not-a-claim', probe)).toBe('unknown-job');
    expect(await jobs.submit('pg-east', '00000000-0000-8000-8000-000000000000.0', probe)).toBe('unknown-job');
  });

  it('waits for a job that arrives during the long-poll, and gives up when none comes', async () => {
    const job = jobFor('pg-wait');
    const waiting = jobs.claim('pg-wait', 20_000, never);
    setTimeout(() => void queue.enqueue(job), 300);
    expect((await waiting)?.reportId).toBe(job.reportId);
    expect(await jobs.claim('pg-wait', 200, never)).toBeNull();
    const controller = new AbortController();
    const aborted = jobs.claim('pg-wait', 60_000, controller.signal);
    controller.abort();
    expect(await aborted).toBeNull();
  });

  it('retries a claimed job nobody answered after expiry, under a new claim id; the old claim is refused', async () => {
    const job = jobFor('pg-dead');
    await queue.enqueue(job);
    const first = (await jobs.claim('pg-dead', 5000, never))!;
    // the agent died: nothing is posted; pg-boss's maintenance expires the try
    const second = (await jobs.claim('pg-dead', 30_000, never))!;
    expect(second.reportId).toBe(job.reportId);
    expect(parseClaimId(second.jobId)?.attempt).toBe(parseClaimId(first.jobId)!.attempt + 1);
    expect(await jobs.submit('pg-dead', first.jobId, probe)).toBe('unknown-job');
    expect(await jobs.submit('pg-dead', second.jobId, probe)).toBe('accepted');
    expect(deliveredFor(job.reportId)).toEqual([{ job, result: probe }]);
  });

  it('sends an error answer back to the queue while tries remain, and delivers the last one', async () => {
    const job = jobFor('pg-error');
    await queue.enqueue(job);
    const first = (await jobs.claim('pg-error', 5000, never))!;
    expect(await jobs.submit('pg-error', first.jobId, { error: 'resolver down' })).toBe('accepted');
    expect(deliveredFor(job.reportId)).toEqual([]);
    const second = (await jobs.claim('pg-error', 10_000, never))!;
    expect(await jobs.submit('pg-error', second.jobId, { error: 'resolver still down' })).toBe('accepted');
    expect(deliveredFor(job.reportId)).toEqual([{ job, result: { error: 'resolver still down' } }]);
    expect(await queue.jobState('pg-error', job.reportId)).toBe('failed');
  });

  it('delivers an error for a job whose deadline passed instead of handing it out', async () => {
    const job = jobFor('pg-late', { deadlineAt: Date.now() - 1 });
    await queue.enqueue(job);
    expect(await jobs.claim('pg-late', 300, never)).toBeNull();
    expect(deliveredFor(job.reportId)).toEqual([
      { job, result: { error: expect.stringMatching(/deadline/) } },
    ]);
  });

  it('shares heartbeats between servers through the agent_heartbeats table', async () => {
    const a = PgAgentRegistry.open({ connectionString });
    const b = PgAgentRegistry.open({ connectionString });
    try {
      await a.beat({ vantage: 'pg-east', agentId: 'agent-1', version: '1.2.3', inFlight: 2 });
      await b.beat({ vantage: 'pg-east', agentId: 'agent-1' });
      const seen = await b.list();
      expect(seen).toEqual([
        {
          vantage: 'pg-east',
          agentId: 'agent-1',
          lastSeenAt: expect.any(Number),
          version: '1.2.3',
          inFlight: 2,
        },
      ]);
      const [east, north] = vantageStatuses(['pg-east', 'pg-north'], seen, Date.now());
      expect(east).toMatchObject({ online: true, agentsOnline: 1, inFlight: 2 });
      expect(north).toEqual({
        name: 'pg-north',
        online: false,
        lastHeartbeatAt: null,
        agentsOnline: 0,
        inFlight: 0,
      });
      // the memory registry says the same about the same beats
      const memory = new MemoryAgentRegistry();
      await memory.beat({ vantage: 'pg-east', agentId: 'agent-1', version: '1.2.3', inFlight: 2 });
      await memory.beat({ vantage: 'pg-east', agentId: 'agent-1' });
      expect((await memory.list()).map(({ lastSeenAt: _, ...rest }) => rest)).toEqual(
        seen.map(({ lastSeenAt: _, ...rest }) => rest),
      );
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('serves the agent routes of a fleet server from the queue', async () => {
    const token = 'fleet-agent-token-0123456789';
    const results: AgentResult[] = [];
    const app = await buildApp(
      defineConfig({
        logLevel: 'silent',
        databaseUrl: connectionString,
        localProbe: false,
        agentTokens: [{ vantage: 'pg-fleet', token }],
      }),
      { deliverAgentResult: async (_job, result) => void results.push(result) },
    );
    try {
      const job = jobFor('pg-fleet');
      await app.agents.jobs.enqueue(job);
      const headers = { authorization: `Bearer ${token}` };
      const refused = await app.inject({ method: 'GET', url: '/api/v1/agent/jobs/next?waitSeconds=1' });
      expect(refused.statusCode).toBe(401);
      const next = await app.inject({
        method: 'GET',
        url: '/api/v1/agent/jobs/next?waitSeconds=10',
        headers,
      });
      expect(next.statusCode).toBe(200);
      expect(next.json().reportId).toBe(job.reportId);
      const posted = await app.inject({
        method: 'POST',
        url: `/api/v1/agent/jobs/${next.json().jobId}/result`,
        headers,
        payload: { error: 'cannot reach the resolver' },
      });
      expect(posted.statusCode).toBe(204);
      const vantages = (await app.inject({ method: 'GET', url: '/api/v1/vantages' })).json().vantages;
      expect(vantages).toEqual([expect.objectContaining({ name: 'pg-fleet', online: true })]);
    } finally {
      await app.close();
    }
  });
});
