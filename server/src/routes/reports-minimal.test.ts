/**
 * `Prefer: return=minimal` on POST /api/v1/reports: a client-only upload is stored undiagnosed and
 * answered with where it is; its first read diagnoses it exactly as a full upload would have been.
 * The real app over a real (in-memory) SQLite store; the PostgreSQL store keeps the same rows
 * (store-contract.ts runs on both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Report } from '../../../shared/observations/index';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { UNDIAGNOSED } from '../store/report-store';
import { openSqliteReportStore, type SqliteReportStore } from '../store/report-store-sqlite';
import { clientObservation, resetAttempts } from '../testing/client-fixtures';
import { minimalReportReplySchema } from './reports';

let app: FastifyInstance;
let store: SqliteReportStore;

beforeAll(async () => {
  store = openSqliteReportStore(':memory:');
  app = await buildApp(defineConfig({ logLevel: 'silent' }), { store });
  await app.ready();
});
afterAll(() => app?.close());

const url = 'https://unfiled.example.test/api';
const client = clientObservation(url, resetAttempts(6));
const upload = (headers: Record<string, string> = {}, query = '') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/reports${query}`,
    payload: { url, client, options: { probe: false } },
    headers,
  });

describe('POST /api/v1/reports with Prefer: return=minimal', () => {
  it('stores a client-only upload undiagnosed, durable before the answer, and says where it is', async () => {
    const response = await upload({ prefer: 'return=minimal' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['preference-applied']).toBe('return=minimal');
    const body = response.json<{ id: string; url: string; createdAt: string }>();
    expect(Object.keys(body).sort()).toEqual([...minimalReportReplySchema.required].sort());
    expect(body.id).toMatch(new RegExp(minimalReportReplySchema.properties.id.pattern));
    expect(body.url).toBe(url);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    expect(response.headers.location).toBe(`/api/v1/reports/${body.id}`);
    expect(response.headers.link).toBe(`</r/${body.id}>; rel="alternate"; type="text/html"`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');

    const stored = await store.getText(body.id);
    expect(stored).toMatchObject({ rulesVersion: UNDIAGNOSED, diagnosisJson: 'null' });
    expect(JSON.parse(stored!.clientJson!)).toEqual(client);
  });

  it('is diagnosed at its first read exactly as a full upload is, and the diagnosis is kept', async () => {
    const full = (await upload()).json<Report>();
    const minimal = (await upload({ prefer: 'respond-async, return=minimal' })).json<{ id: string }>();

    const read = await app.inject({ method: 'GET', url: `/api/v1/reports/${minimal.id}` });
    expect(read.statusCode).toBe(200);
    const report = read.json<Report>();
    expect(report.client).toEqual(client);
    expect(report.diagnosis.verdicts.length).toBeGreaterThan(0);
    expect(report.diagnosis).toEqual(full.diagnosis);
    expect((await store.getText(minimal.id))?.rulesVersion).toBe(app.reports.rulesVersion);

    const page = await app.inject({ method: 'GET', url: `/r/${minimal.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(full.diagnosis.verdicts[0]!.cause);
    const presented = await app.inject({ method: 'GET', url: `/api/v1/reports/${minimal.id}?present=1` });
    expect(presented.json()).toMatchObject({ diagnosis: full.diagnosis, presented: expect.any(Object) });
  });

  it('answers minimally even when the presented form is asked for', async () => {
    const response = await upload({ prefer: 'return=minimal' }, '?present=1');
    expect(response.statusCode).toBe(201);
    expect(response.json()).not.toHaveProperty('presented');
    expect(response.json()).not.toHaveProperty('diagnosis');
  });

  it('sends the whole diagnosed report for return=representation, as without the header', async () => {
    const response = await upload({ prefer: 'return=representation' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['preference-applied']).toBeUndefined();
    const report = response.json<Report>();
    expect(report.diagnosis.verdicts.length).toBeGreaterThan(0);
    expect((await store.getText(report.id!))?.rulesVersion).toBe(app.reports.rulesVersion);
  });

  it('still refuses a bad upload with its catalogue error', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { url, options: { probe: false } },
      headers: { prefer: 'return=minimal' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'nothing-to-diagnose' } });
  });
});
