/**
 * Any stored report renders within bounds, whatever its documents hold — here reports stored before
 * the edge limits existed (thousands of levels of nesting, a thousand attempts of hostile text): the
 * page stays small and cheap, the JSON answer and the download carry the whole document untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES_VERSION, diagnose } from '../../../shared/diagnose/diagnose';
import type { ClientObservation } from '../../../shared/observations/client';
import { REPORT_SCHEMA_ID } from '../../../shared/observations/report';
import type { StoredReport } from '../store/report-store';
import { clientObservation } from '../testing/client-fixtures';
import { startStoredReportsApp, type StoredReportsApp } from '../testing/stored-reports-app';
import { PAGE_LIMITS } from '../web/page-limits';

const MAX_PAGE_BYTES = 2 * 1024 * 1024;
/** The goal is ~100 ms; the bound has room for a slow, busy test machine. */
const MAX_RENDER_CPU_MS = 1000;
const DEPTH = 3000;

let env: StoredReportsApp;

beforeAll(async () => {
  env = await startStoredReportsApp();
});
afterAll(async () => env?.close());

/** `levels` objects inside one another, built without recursion. */
function nested(levels: number, leaf: unknown = 'bottom'): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/**
 * 1000 attempts (the schema's most) whose texts are made of what costs most: characters that need
 * HTML entities, and the classifier's slowest input. `textChars` per text: 4096 is every text as long
 * as the schema allows (~15 MB); 700 keeps the document within the default 2 MB body limit, i.e.
 * what could have been accepted before the edge limits.
 */
function hostileClient(url: string, textChars: number): ClientObservation {
  const attempts = Array.from({ length: 1000 }, (_, i) => ({
    ok: false,
    errMsg: `${i} ${'ﬀ'.repeat(textChars / 2)}${'"<'.repeat(textChars / 4 - 4)}`,
    errno: i,
    durationMs: i,
    profile: { peerIP: '"&'.repeat(textChars / 20), protocol: '<'.repeat(textChars / 10) },
  }));
  const client = clientObservation(url, attempts, {
    model: '"'.repeat(128),
    system: '<'.repeat(128),
  });
  return {
    ...client,
    options: { method: 'GET', deep: nested(DEPTH) } as ClientObservation['options'],
    ext: nested(DEPTH),
    wide: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, '<'.repeat(40)])),
  } as ClientObservation;
}

function storeHostile(textChars: number): Promise<StoredReport> {
  const client = hostileClient(`https://x.test/${'<'.repeat(2000)}`, textChars);
  // Stored under the current rules: served as stored, no re-diagnosis on read.
  return env.storeClientReport(client, { diagnosis: diagnose(client, null), rulesVersion: RULES_VERSION });
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

describe('a stored report of any size and nesting', () => {
  it('renders a page in well under a second of CPU from a document the body limit let in', async () => {
    const stored = await storeHostile(700);
    expect(Buffer.byteLength((await env.store.getText(stored.id))!.clientJson!)).toBeLessThan(
      2 * 1024 * 1024,
    );
    await env.app.inject({ method: 'GET', url: `/r/${stored.id}` }); // warm up code paths once
    const before = process.cpuUsage();
    const page = await env.app.inject({ method: 'GET', url: `/r/${stored.id}` });
    const cpu = cpuMs(before);
    expect(page.statusCode).toBe(200);
    expect(page.rawPayload.length).toBeLessThan(MAX_PAGE_BYTES);
    expect(cpu).toBeLessThan(MAX_RENDER_CPU_MS);
  });

  it('renders a page under 2 MB however big the document, the raw JSON folded and capped', async () => {
    const stored = await storeHostile(4096);
    const page = await env.app.inject({ method: 'GET', url: `/r/${stored.id}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.rawPayload.length).toBeLessThan(MAX_PAGE_BYTES);

    const html = page.body;
    expect(html).toContain(`Only the first ${PAGE_LIMITS.attemptRows} of 1000 attempts are listed`);
    expect(html).not.toContain(`<td>${PAGE_LIMITS.attemptRows + 1}</td>`);
    expect(html).toMatch(/id="raw-json"[\s\S]*Preview: only the first/);
    expect(html).toContain('{…}'); // the deep extension folded
    expect(html).toContain('?download=1');
    expect(html).not.toContain('<'.repeat(2)); // every hostile character escaped
  });

  it('keeps serving everyone while eight readers load that page at once', async () => {
    const stored = await storeHostile(4096);
    const pages = await Promise.all(
      Array.from({ length: 8 }, () => env.app.inject({ method: 'GET', url: `/r/${stored.id}` })),
    );
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.rawPayload.length).toBeLessThan(MAX_PAGE_BYTES);
    }
    expect((await env.app.inject({ method: 'GET', url: '/healthz' })).json().status).toBe('ok');
  });

  it('answers the JSON API and the download with the whole stored document, streamed as stored', async () => {
    const stored = await storeHostile(4096);
    const expected = await env.store.getText(stored.id);
    for (const url of [`/api/v1/reports/${stored.id}`, `/api/v1/reports/${stored.id}?download=1`]) {
      const response = await env.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      const body = response.body;
      expect(body).toContain(`"client":${expected!.clientJson},"probe":null,"diagnosis":`);
      const report = JSON.parse(body); // JSON.parse does not recurse: the deep document parses
      expect(report).toMatchObject({ schema: REPORT_SCHEMA_ID, id: stored.id, url: stored.url });
      expect(report.client.attempts).toHaveLength(1000);
      expect(report.diagnosis).toEqual(stored.diagnosis);
    }
  });
});
