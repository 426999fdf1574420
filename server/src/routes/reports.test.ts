/**
 * The reports API against the real lab: the real probe, the real diagnosis, the stored report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReport, type Report } from '../../../shared/observations/index';
import { clientObservation, okAttempts, resetAttempts } from '../testing/client-fixtures';
import { startLabApp } from '../testing/lab-app';

let env: Awaited<ReturnType<typeof startLabApp>>;

beforeAll(async () => {
  env = await startLabApp({ lab: { cases: ['ok', 'icp-block', 'expired'], leakProbability: 0 } });
});
afterAll(() => env?.close());

function post(body: unknown, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body as object, headers });
}

describe('POST /api/v1/reports', () => {
  it('probes a healthy endpoint, diagnoses ok, stores the report and returns it with its id', async () => {
    const endpoint = env.lab.byCase('ok');
    const response = await post({ url: endpoint.url });
    expect(response.statusCode).toBe(201);
    const report = response.json<Report>();
    expect(parseReport(report)).toEqual({ ok: true, value: report });
    expect(report.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(response.headers.location).toBe(`/api/v1/reports/${report.id}`);
    expect(report.url).toBe(endpoint.url);
    expect(report.client).toBeNull();
    expect(report.probe?.tls?.variants.length).toBeGreaterThan(0);
    expect(report.diagnosis.verdicts[0]?.cause).toBe(endpoint.expectedCause);

    const again = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(report);
  });

  it('probes, diagnoses and stores as usual under Prefer: return=minimal, answering only where it is', async () => {
    const endpoint = env.lab.byCase('expired');
    const response = await post(
      { url: endpoint.url, options: { attempts: 2 } },
      { prefer: 'return=minimal' },
    );
    expect(response.statusCode).toBe(201);
    expect(response.headers['preference-applied']).toBe('return=minimal');
    const body = response.json<{ id: string; url: string; createdAt: string }>();
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'id', 'url']);
    expect(response.headers.location).toBe(`/api/v1/reports/${body.id}`);
    const stored = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${body.id}` });
    const report = stored.json<Report>();
    expect(report.probe?.tls?.variants.length).toBeGreaterThan(0);
    expect(report.diagnosis.verdicts[0]?.cause).toBe(endpoint.expectedCause);
    expect(report.createdAt).toBe(body.createdAt);
  });

  it('combines the phone view with the probe: an unfiled domain reset after the ClientHello', async () => {
    const endpoint = env.lab.byCase('icp-block');
    const client = clientObservation(endpoint.url, resetAttempts(6));
    const response = await post({
      url: endpoint.url,
      client,
      options: { attempts: 6, httpPort: endpoint.httpPort },
    });
    expect(response.statusCode).toBe(201);
    const report = response.json<Report>();
    expect(report.client).toEqual(client);
    expect(report.probe?.options.attempts).toBe(6);
    expect(report.probe?.port80).toMatchObject({ statusCode: 403, server: 'Beaver' });
    expect(report.diagnosis.verdicts[0]?.cause).toBe('icp-filing-block');
  });

  it('diagnoses the client observation alone when told not to probe', async () => {
    const url = 'https://api.example.test/';
    const client = clientObservation(url, okAttempts(2));
    const response = await post({ url, client, options: { probe: false } });
    expect(response.statusCode).toBe(201);
    const report = response.json<Report>();
    expect(report.probe).toBeNull();
    expect(report.client).toEqual(client);
    expect(report.diagnosis.verdicts.length).toBeGreaterThan(0);
  });

  it('answers a client-only upload with a valid report, the same bytes a later GET sends', async () => {
    const url = 'https://api.example.test/';
    const response = await post({
      url,
      client: clientObservation(url, resetAttempts(10)),
      options: { probe: false },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const report = response.json<Report>();
    expect(parseReport(report)).toEqual({ ok: true, value: report });
    expect(report.diagnosis.verdicts[0]?.cause).toBe('icp-filing-block');
    const again = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` });
    expect(again.body).toBe(response.body);
  });

  it('keeps extra fields of the client observation (forward compatible) instead of dropping them', async () => {
    const url = 'https://api.example.test/';
    const client = { ...clientObservation(url, okAttempts(1)), futureField: { a: 1 } };
    const response = await post({ url, client, options: { probe: false } });
    expect(response.statusCode).toBe(201);
    expect(response.json<Report>().client).toMatchObject({ futureField: { a: 1 } });
  });

  it('refuses to store nothing: probe=false needs a client observation', async () => {
    const response = await post({ url: 'https://x.example.test/', options: { probe: false } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: 'nothing-to-diagnose', path: '/body/options/probe' },
    });
  });

  it('limits attempts server-side', async () => {
    const response = await post({
      url: env.lab.byCase('ok').url,
      options: { attempts: env.config.maxAttempts + 1 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid-request', path: '/body/options/attempts' });
  });

  it('answers a bad client observation with the path and the reason', async () => {
    const url = 'https://x.example.test/';
    const client = { ...clientObservation(url, okAttempts(1)), api: 'fetch' };
    const response = await post({ url, client, options: { probe: false } });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('invalid-request');
    expect(error.path).toBe('/body/client/api');
    expect(error.message).toContain('"request"');
  });

  it('names a missing required field and an unknown one', async () => {
    const missing = await post({ options: {} });
    expect(missing.json().error).toMatchObject({ code: 'invalid-request', path: '/body/url' });
    const unknown = await post({ url: 'https://x.example.test/', colour: 'red' });
    expect(unknown.json().error).toMatchObject({ code: 'invalid-request', path: '/body/colour' });
  });

  it('refuses URLs the probe cannot start on', async () => {
    for (const url of ['not a url', 'ftp://example.test/', 'javascript:alert(1)']) {
      const response = await post({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'invalid-url', path: '/body/url' });
    }
  });

  it('answers in English on request, Chinese by default', async () => {
    const zh = await post({ url: 'ftp://example.test/' });
    expect(zh.json().error.message).toMatch(/URL 无法解析/);
    const en = await post({ url: 'ftp://example.test/' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().error.message).toMatch(/^The URL cannot be parsed/);
  });
});

describe('GET /api/v1/reports/:id', () => {
  it('is 404 report-not-found for an id that does not exist', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/v1/reports/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'report-not-found', path: '/params/id' } });
  });

  it('is 400 with the path for a malformed id', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/v1/reports/..%2F..%2Fetc' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'invalid-request', path: '/params/id' });
  });

  it('offers the report as a file download', async () => {
    const url = 'https://dl.example.test/';
    const created = await post({
      url,
      client: clientObservation(url, okAttempts(1)),
      options: { probe: false },
    });
    const id = created.json<Report>().id!;
    const response = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${id}?download=1` });
    expect(response.headers['content-disposition']).toBe(`attachment; filename="wxprobe-report-${id}.json"`);
    expect(response.json<Report>().id).toBe(id);
  });
});
