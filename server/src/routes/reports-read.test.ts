/**
 * The read paths of a shared report link: the JSON answer and the page are built once per report and
 * rules version (no re-diagnosis, no re-render on later reads), carry a strong ETag, and a reader
 * who has them gets 304; new rules mean new bytes and a new ETag; retention still removes reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { diagnose } from '../../../shared/diagnose/diagnose';
import type { Report } from '../../../shared/observations/report';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import type { DiagnoseFn } from '../report/report-service';
import { openSqliteReportStore, type SqliteReportStore } from '../store/report-store-sqlite';
import { clientObservation, resetAttempts } from '../testing/client-fixtures';
import { etagOf, matchesIfNoneMatch } from './reports-read-cache';

const DAY_MS = 24 * 3600_000;

let store: SqliteReportStore;
let clock = Date.UTC(2026, 0, 10);
let diagnoses = 0;
/** The real diagnosis, counted, stamped with the app's rules version (so other rules, other bytes). */
const counting: DiagnoseFn = (client, probe) => {
  diagnoses++;
  const { rulesVersion: _real, ...diagnosis } = diagnose(client, probe);
  return diagnosis as ReturnType<DiagnoseFn>;
};

async function appWith(rulesVersion: string): Promise<FastifyInstance> {
  const app = await buildApp(defineConfig({ logLevel: 'silent', retentionDays: 1 }), {
    store,
    diagnose: counting,
    rulesVersion,
    now: () => clock,
  });
  await app.ready();
  return app;
}

let app: FastifyInstance;
beforeAll(async () => {
  store = openSqliteReportStore(':memory:');
  app = await appWith('rules-1');
});
afterAll(async () => {
  await app?.close();
  await store?.close();
});

async function createReport(target: FastifyInstance = app): Promise<Report> {
  const url = 'https://unfiled.example.test/';
  const response = await target.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: { url, client: clientObservation(url, resetAttempts(4)), options: { probe: false } },
  });
  expect(response.statusCode).toBe(201);
  return response.json<Report>();
}

describe('GET /api/v1/reports/:id', () => {
  it('answers with a strong ETag, revalidated on every use, and 304 to a reader who has it', async () => {
    const report = await createReport();
    const first = await app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual(report);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toBe(etagOf(first.rawPayload));
    expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);

    const again = await app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` });
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe(first.body);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await app.inject({
        method: 'GET',
        url: `/api/v1/reports/${report.id}`,
        headers: { 'if-none-match': ifNoneMatch },
      });
      expect(cached.statusCode, ifNoneMatch).toBe(304);
      expect(cached.body).toBe('');
      expect(cached.headers.etag).toBe(etag);
    }
    const stale = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report.id}`,
      headers: { 'if-none-match': '"an-older-version"' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
  });

  it('diagnoses once per rules version: reads of the JSON and the page do not diagnose again', async () => {
    const report = await createReport();
    const before = diagnoses;
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: `/r/${report.id}` })).statusCode).toBe(200);
    }
    expect(diagnoses).toBe(before);

    // Other rules: diagnosed again once, on the first read, with other bytes and another ETag.
    const oldEtag = (await app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` })).headers.etag;
    const newer = await appWith('rules-2');
    try {
      const read = async () => newer.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` });
      const first = await read();
      expect(diagnoses).toBe(before + 1);
      expect(first.json<Report>().diagnosis.rulesVersion).toBe('rules-2');
      expect((await store.getText(report.id!))?.rulesVersion).toBe('rules-2');
      expect(first.headers.etag).not.toBe(oldEtag);
      await read();
      await newer.inject({ method: 'GET', url: `/r/${report.id}` });
      expect(diagnoses).toBe(before + 1);
      const revalidated = await newer.inject({
        method: 'GET',
        url: `/api/v1/reports/${report.id}`,
        headers: { 'if-none-match': oldEtag as string },
      });
      expect(revalidated.statusCode).toBe(200);
    } finally {
      await newer.close();
    }
  });

  it('stops serving a report once retention has removed it, cached or not', async () => {
    const report = await createReport();
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/r/${report.id}` })).statusCode).toBe(200);
    clock += 2 * DAY_MS;
    await store.deleteCreatedBefore(clock - DAY_MS);
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/${report.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/r/${report.id}` })).statusCode).toBe(404);
  });
});

describe('GET /r/:id', () => {
  it('gives each language its own ETag and answers 304 to the one the reader has', async () => {
    const report = await createReport();
    const zh = await app.inject({ method: 'GET', url: `/r/${report.id}` });
    const en = await app.inject({ method: 'GET', url: `/r/${report.id}?lang=en` });
    expect(zh.statusCode).toBe(200);
    expect(en.statusCode).toBe(200);
    expect(zh.headers['cache-control']).toBe('private, no-cache');
    expect(zh.headers.etag).toBe(etagOf(zh.rawPayload));
    expect(en.headers.etag).not.toBe(zh.headers.etag);
    const cached = await app.inject({
      method: 'GET',
      url: `/r/${report.id}`,
      headers: { 'if-none-match': zh.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect(cached.headers['content-security-policy']).toBeDefined(); // the usual headers still come
    const otherLanguage = await app.inject({
      method: 'GET',
      url: `/r/${report.id}?lang=en`,
      headers: { 'if-none-match': zh.headers.etag as string },
    });
    expect(otherLanguage.statusCode).toBe(200);
  });
});

describe('If-None-Match', () => {
  it('matches a listed tag, a weak form of it, or *; nothing else', () => {
    expect(matchesIfNoneMatch(undefined, '"a"')).toBe(false);
    expect(matchesIfNoneMatch('"b"', '"a"')).toBe(false);
    expect(matchesIfNoneMatch('"b" , W/"a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"ab"', '"a"')).toBe(false);
  });
});
