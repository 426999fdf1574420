/**
 * Background probes, their live progress (SSE), and the bound on concurrent probes — against the lab
 * with the real probe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/observations/report';
import { buildApp } from '../app';
import { openSqliteReportStore } from '../store/report-store-sqlite';
import { labConfig, startLabApp } from '../testing/lab-app';

let env: Awaited<ReturnType<typeof startLabApp>>;

beforeAll(async () => {
  env = await startLabApp({
    lab: { cases: ['ok', 'hang-after-hello'] },
    config: { maxProbes: 1, probeTimeoutMs: 1500, probeTotalTimeoutMs: 20_000 },
  });
});
afterAll(() => env?.close());

type Frame = { id: number; event: string; data: unknown };

function parseSse(body: string): Frame[] {
  return body
    .split('\n\n')
    .filter((block) => block.includes('event:'))
    .map((block) => {
      const field = (name: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${name}: `))
          ?.slice(name.length + 2);
      return { id: Number(field('id')), event: field('event')!, data: JSON.parse(field('data')!) };
    });
}

async function startJob(url: string, options: object = {}) {
  const response = await env.app.inject({ method: 'POST', url: '/api/v1/probes', payload: { url, options } });
  expect(response.statusCode).toBe(202);
  return response.json<{
    id: string;
    eventsUrl: string;
    reportUrl: string;
    pageUrl: string;
    statusUrl: string;
  }>();
}

describe('background probes with live progress', () => {
  it('streams progress, ends with done, and the report then exists under the announced id', async () => {
    const endpoint = env.lab.byCase('ok');
    const job = await startJob(endpoint.url, { attempts: 2 });
    expect(job.pageUrl).toBe(`/r/${job.id}`);

    const stream = await env.app.inject({ method: 'GET', url: job.eventsUrl });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    expect(stream.headers['referrer-policy']).toBe('no-referrer');
    const frames = parseSse(stream.body);
    const progress = frames.filter((f) => f.event === 'progress');
    const steps = new Set(progress.map((f) => (f.data as { step: string }).step));
    for (const step of ['dns', 'tcp', 'tls', 'http']) expect(steps, step).toContain(step);
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { id: job.id, pageUrl: job.pageUrl } });
    expect(frames.map((f) => f.id)).toEqual(frames.map((_, i) => i + 1));

    const report = await env.app.inject({ method: 'GET', url: job.reportUrl });
    expect(report.statusCode).toBe(200);
    expect(report.json<Report>().diagnosis.verdicts[0]?.cause).toBe(endpoint.expectedCause);

    // A reconnecting EventSource resumes after the last event it saw.
    const resumed = await env.app.inject({
      method: 'GET',
      url: job.eventsUrl,
      headers: { 'last-event-id': String(frames.length - 1) },
    });
    expect(parseSse(resumed.body).map((f) => f.event)).toEqual(['done']);

    const status = await env.app.inject({ method: 'GET', url: job.statusUrl });
    expect(status.json()).toMatchObject({ id: job.id, status: 'done' });
    expect(status.json().progress.length).toBe(progress.length);
  });

  it('gives a stored report without a job a single done event', async () => {
    const report = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { url: env.lab.byCase('ok').url, options: { attempts: 1 } },
    });
    const id = report.json<Report>().id!;
    const stream = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${id}/events` });
    expect(parseSse(stream.body)).toEqual([
      expect.objectContaining({ event: 'done', data: expect.objectContaining({ id }) }),
    ]);
  });

  it('is 404 for events of an unknown id', async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: '/api/v1/reports/AAAAAAAAAAAAAAAAAAAAAA/events',
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('report-not-found');
    const status = await env.app.inject({ method: 'GET', url: '/api/v1/probes/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(status.json().error.code).toBe('probe-not-found');
  });
});

describe('the bound on concurrent probes', () => {
  it('answers 503 probes-busy with Retry-After while the slots are full, and serves again after', async () => {
    const hanging = env.lab.byCase('hang-after-hello');
    const job = await startJob(hanging.url, { attempts: 2, timeoutMs: 1500 });

    const busy = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { url: env.lab.byCase('ok').url },
    });
    expect(busy.statusCode).toBe(503);
    expect(busy.json()).toMatchObject({ error: { code: 'probes-busy' } });
    // From the running probe's budgets: its 1.5 s step timeout, not the 20 s total budget.
    const retryAfter = Number(busy.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);

    const busyJob = await env.app.inject({
      method: 'POST',
      url: '/api/v1/probes',
      payload: { url: hanging.url },
    });
    expect(busyJob.statusCode).toBe(503);

    const health = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json().probes).toEqual({ running: 1, max: 1 });

    const stream = await env.app.inject({ method: 'GET', url: job.eventsUrl });
    expect(parseSse(stream.body).at(-1)?.event).toBe('done');

    const after = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { url: env.lab.byCase('ok').url, options: { attempts: 1 } },
    });
    expect(after.statusCode).toBe(201);
  });
});

describe('a job whose report cannot be stored', () => {
  it('ends with a failed event carrying a catalogue code', async () => {
    const store = openSqliteReportStore(':memory:');
    const app = await buildApp(labConfig(env.lab), { store });
    await app.ready();
    await store.close();
    const start = await app.inject({
      method: 'POST',
      url: '/api/v1/probes?lang=en',
      payload: { url: env.lab.byCase('ok').url, options: { attempts: 1 } },
    });
    const job = start.json<{ eventsUrl: string }>();
    const stream = await app.inject({ method: 'GET', url: `${job.eventsUrl}?lang=en` });
    expect(parseSse(stream.body).at(-1)).toMatchObject({
      event: 'failed',
      data: { code: 'probe-failed', message: expect.stringMatching(/^The probe stopped/) },
    });
    await app.close();
  });
});
