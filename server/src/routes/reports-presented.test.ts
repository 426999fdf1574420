/**
 * `?present=1`: the report with its view models in zh and en, as the mini-program reads it — the
 * same cards and rows the CLI and the web page make from the report, checked by the schema the
 * mini-program validates with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/observations/report';
import { validate } from '../../../shared/observations/validate';
import { probeSummaryRows } from '../../../shared/present/probe-summary';
import { presentedReportSchema, type PresentedReport } from '../../../shared/present/presented-report.schema';
import { verdictCards } from '../../../shared/present/verdict-card';
import { clientObservation, resetAttempts } from '../testing/client-fixtures';
import { startLabApp } from '../testing/lab-app';

let env: Awaited<ReturnType<typeof startLabApp>>;

beforeAll(async () => {
  env = await startLabApp({ lab: { cases: ['icp-block'], leakProbability: 0 } });
});
afterAll(() => env?.close());

describe('reports with ?present=1', () => {
  it('POST answers the report plus its cards and rows in zh and en, valid for the mini-program', async () => {
    const endpoint = env.lab.byCase('icp-block');
    const client = clientObservation(endpoint.url, resetAttempts(4));
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports?present=1',
      payload: { url: endpoint.url, client, options: { attempts: 4, httpPort: endpoint.httpPort } },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<PresentedReport & Report>();
    expect(validate(presentedReportSchema, body)).toEqual([]);
    const { presented, ...report } = body;
    for (const lang of ['zh', 'en'] as const) {
      expect(presented[lang].verdicts).toEqual(verdictCards(report, lang));
      expect(presented[lang].outside).toEqual(probeSummaryRows(report.probe!, lang));
    }
    expect(presented.zh.verdicts[0]?.cause).toBe('icp-filing-block');
    expect(presented.zh.verdicts[0]?.title).not.toBe(presented.en.verdicts[0]?.title);
  });

  it('GET adds them to the stored report under an entity tag of its own, and answers 304 to it', async () => {
    const endpoint = env.lab.byCase('icp-block');
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { url: endpoint.url, options: { attempts: 3, httpPort: endpoint.httpPort } },
    });
    const report = created.json<Report & { id: string }>();
    expect(report).not.toHaveProperty('presented');

    const plain = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` });
    const shown = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}?present=1` });
    expect(shown.statusCode).toBe(200);
    const body = shown.json<PresentedReport & Report>();
    expect(validate(presentedReportSchema, body)).toEqual([]);
    expect(body.presented.en.verdicts).toEqual(verdictCards(report, 'en'));
    expect(shown.headers.etag).not.toBe(plain.headers.etag);

    const again = await env.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report.id}?present=1`,
      headers: { 'if-none-match': String(shown.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('refuses another value of present with 400 and the path', async () => {
    const response = await env.app.inject({
      method: 'GET',
      url: '/api/v1/reports/AAAAAAAAAAAAAAAAAAAAAA?present=yes',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { path: expect.stringContaining('present') } });
  });
});
