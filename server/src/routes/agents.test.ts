/**
 * The agent routes and GET /api/v1/vantages on the real app (buildApp, in-memory agent jobs), with a
 * real probe observation of the lab's `ok` case as the posted result.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeObservation } from '../../../shared/observations/probe';
import { startLab, type Lab } from '../../lab/lab';
import type { AgentResult } from '../agents/job-source';
import { buildApp } from '../app';
import { probeTarget } from '../probe/probe';
import type { ProbeJobData } from '../queue/probe-queue-pg';
import { newReportId } from '../store/report-id';
import { labConfig } from '../testing/lab-app';

const EAST_TOKEN = 'east-token-0123456789abcdef';
const NORTH_TOKEN = 'north-token-0123456789abcdef';

let lab: Lab;
let app: FastifyInstance;
let observation: ProbeObservation;
const delivered: { job: ProbeJobData; result: AgentResult }[] = [];

beforeAll(async () => {
  lab = await startLab({ cases: ['ok'] });
  const config = labConfig(lab, {
    agentTokens: [
      { vantage: 'cn-east', token: EAST_TOKEN },
      { vantage: 'cn-north', token: NORTH_TOKEN },
    ],
  });
  app = await buildApp(config, {
    deliverAgentResult: async (job, result) => void delivered.push({ job, result }),
  });
  await app.ready();
  observation = await probeTarget(lab.byCase('ok').url, {
    dnsServer: config.dnsServer,
    ca: config.caPem,
    allowCidrs: config.allowCidrs,
    attempts: 1,
  });
});
afterAll(async () => {
  await app?.close();
  await lab?.close();
});

function jobFor(vantage: string): ProbeJobData {
  return {
    reportId: newReportId(),
    vantage,
    url: lab.byCase('ok').url,
    options: { attempts: 2, timeoutMs: 3000 },
    clientJson: null,
    requestedAt: Date.now(),
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function next(headers: Record<string, string>, waitSeconds = 0) {
  return app.inject({ method: 'GET', url: `/api/v1/agent/jobs/next?waitSeconds=${waitSeconds}`, headers });
}

describe('agent routes', () => {
  it('answers a missing or wrong token with 401 and hands out no job: the job stays queued', async () => {
    const job = jobFor('cn-east');
    await app.agents.jobs.enqueue(job);
    for (const headers of [
      {},
      { authorization: EAST_TOKEN },
      bearer(`${EAST_TOKEN}x`),
      bearer(EAST_TOKEN.slice(0, -1)),
      { authorization: `Basic ${EAST_TOKEN}` },
    ]) {
      const response = await next(headers);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('agent-unauthorized');
      expect(response.body).not.toContain(EAST_TOKEN);
    }
    const claimed = await next(bearer(EAST_TOKEN));
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ reportId: job.reportId, vantage: 'cn-east' });
    const result = await app.inject({
      method: 'POST',
      url: `/api/v1/agent/jobs/${claimed.json().jobId}/result`,
      headers: bearer(`${EAST_TOKEN}!`),
      payload: { error: 'x' },
    });
    expect(result.statusCode).toBe(401);
  });

  it('long-polls until a job arrives, takes a probe result once, and delivers it', async () => {
    const waiting = next(bearer(NORTH_TOKEN), 30);
    const job = jobFor('cn-north');
    setTimeout(() => void app.agents.jobs.enqueue(job), 200);
    const response = await waiting;
    expect(response.statusCode).toBe(200);
    const claimed = response.json();
    expect(claimed).toEqual({
      jobId: expect.any(String),
      reportId: job.reportId,
      vantage: 'cn-north',
      url: job.url,
      options: job.options,
      deadlineAt: null,
    });
    const post = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/agent/jobs/${claimed.jobId}/result`,
        headers: bearer(NORTH_TOKEN),
        payload: { probe: observation },
      });
    // another vantage's token cannot answer it
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/v1/agent/jobs/${claimed.jobId}/result`,
      headers: bearer(EAST_TOKEN),
      payload: { probe: observation },
    });
    expect(foreign.statusCode).toBe(409);
    expect((await post()).statusCode).toBe(204);
    const again = await post();
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('agent-job-unknown');
    const mine = delivered.filter((d) => d.job.reportId === job.reportId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.result).toEqual({ probe: observation });
  });

  it('answers 204 when no job came, and refuses waits beyond 55 s', async () => {
    expect((await next(bearer(EAST_TOKEN), 0)).statusCode).toBe(204);
    const tooLong = await next(bearer(EAST_TOKEN), 56);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('invalid-request');
  });

  it('refuses a result that is not a probe observation or an error', async () => {
    await app.agents.jobs.enqueue(jobFor('cn-east'));
    const { jobId } = (await next(bearer(EAST_TOKEN))).json();
    for (const payload of [
      {},
      { probe: { ...observation, schema: 'nope' } },
      { probe: observation, error: 'x' },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/agent/jobs/${jobId}/result`,
        headers: bearer(EAST_TOKEN),
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/agent/jobs/${jobId}/result`,
      headers: bearer(EAST_TOKEN),
      payload: { error: 'the agent could not resolve the name' },
    });
    expect(ok.statusCode).toBe(204);
  });

  it('lists local and every configured vantage, online once its agent is heard from', async () => {
    const before = Date.now();
    const beat = await app.inject({
      method: 'POST',
      url: '/api/v1/agent/heartbeat',
      headers: { ...bearer(EAST_TOKEN), 'wxprobe-agent-id': 'east-1' },
      payload: { version: '9.9.9', inFlight: 1 },
    });
    expect(beat.statusCode).toBe(200);
    expect(beat.json()).toEqual({ vantage: 'cn-east', heartbeatIntervalSeconds: 10 });
    const list = await app.inject({ method: 'GET', url: '/api/v1/vantages' });
    expect(list.statusCode).toBe(200);
    const vantages = list.json().vantages as {
      name: string;
      online: boolean;
      lastHeartbeatAt: string | null;
    }[];
    expect(vantages.map((v) => v.name)).toEqual(['local', 'cn-east', 'cn-north']);
    const east = vantages.find((v) => v.name === 'cn-east')!;
    // east-1, and the unnamed agent of the long-polls above
    expect(east).toMatchObject({ kind: 'agent', online: true, agentsOnline: 2, inFlight: 1 });
    expect(Date.parse(east.lastHeartbeatAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(vantages[0]).toMatchObject({ name: 'local', kind: 'local', online: true });
  });

  it('documents the agent routes in the OpenAPI document with the bearer scheme', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/agent/jobs/next',
        '/api/v1/agent/jobs/{jobId}/result',
        '/api/v1/agent/heartbeat',
        '/api/v1/vantages',
      ]),
    );
    expect(doc.components.securitySchemes.agentToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('guessing tokens', () => {
  it('rate-limits refused tokens like API calls, never a known agent', async () => {
    const limited = await buildApp(
      labConfig(lab, { rateLimitPerMinute: 3, agentTokens: [{ vantage: 'cn-east', token: EAST_TOKEN }] }),
    );
    try {
      const call = (token: string) =>
        limited.inject({
          method: 'POST',
          url: '/api/v1/agent/heartbeat',
          headers: bearer(token),
          payload: {},
        });
      for (let i = 0; i < 3; i++) expect((await call(`guess-${i}-0123456789abcdef`)).statusCode).toBe(401);
      const refused = await call('guess-x-0123456789abcdef');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate-limited');
      for (let i = 0; i < 5; i++) expect((await call(EAST_TOKEN)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('vantages without local probing', () => {
  it('leaves local out when the server does not probe itself', async () => {
    const other = await buildApp(labConfig(lab, { localProbe: false }));
    const list = (await other.inject({ method: 'GET', url: '/api/v1/vantages' })).json();
    await other.close();
    expect(list).toEqual({ vantages: [] });
  });
});
