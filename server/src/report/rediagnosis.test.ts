/**
 * Stored reports keep their observations; the diagnosis is derived. A report stored under other
 * rules is diagnosed again when read (and the cached diagnosis replaced); one stored under the
 * current rules is served as stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES_VERSION, diagnose } from '../../../shared/diagnose/diagnose';
import { parseReport } from '../../../shared/observations/index';
import { REPORT_SCHEMA_ID, type Diagnosis, type Report } from '../../../shared/observations/report';
import type { StoredReport } from '../store/report-store';
import { clientObservation, resetAttempts } from '../testing/client-fixtures';
import { startStoredReportsApp, type StoredReportsApp } from '../testing/stored-reports-app';

let env: StoredReportsApp;

beforeAll(async () => {
  env = await startStoredReportsApp();
});
afterAll(async () => env?.close());

/**
 * A diagnosis no current rule would produce for these observations: stale on purpose. Under older
 * rules it is a wxprobe.report/1 diagnosis, with text evidence, as such reports were stored.
 */
function staleDiagnosis(rulesVersion: string): Diagnosis {
  const text = { zh: '旧规则', en: 'old rules' };
  const evidence =
    rulesVersion === RULES_VERSION
      ? [{ kind: 'client-ratio', pointer: '/client/attempts', facts: { ok: 4, total: 4 } } as const]
      : ['client.attempts: ok 4/4'];
  return {
    rulesVersion,
    verdicts: [{ cause: 'ok', confidence: 1, evidence, title: text, explanation: text, fix: text }],
  } as unknown as Diagnosis;
}

function storeReport(rulesVersion: string): Promise<StoredReport> {
  const client = clientObservation('https://unfiled.example.test/', resetAttempts(4));
  return env.storeClientReport(client, { diagnosis: staleDiagnosis(rulesVersion), rulesVersion });
}

describe('re-diagnosis on read', () => {
  it('re-diagnoses a report stored under older rules and keeps the new diagnosis', async () => {
    const stored = await storeReport('1999-01-01.0');
    const response = await env.app.inject({ method: 'GET', url: `/api/v1/reports/${stored.id}` });
    expect(response.statusCode).toBe(200);
    const report = response.json<Report>();
    const expected = diagnose(stored.client, null);
    expect(report.diagnosis).toEqual({ ...expected, rulesVersion: RULES_VERSION });
    expect(report.diagnosis.verdicts[0]?.cause).not.toBe('ok');
    expect(report.client).toEqual(stored.client);
    expect(report.createdAt).toBe('2024-01-01T00:00:00.000Z');
    // stored as a wxprobe.report/1 diagnosis (text evidence), served as a current one (evidence data)
    expect(report.schema).toBe(REPORT_SCHEMA_ID);
    expect(parseReport(report).ok).toBe(true);
    expect(report.diagnosis.verdicts[0]?.evidence[0]).toMatchObject({
      pointer: expect.stringMatching(/^\/client/),
    });

    const cached = await env.store.get(stored.id);
    expect(cached?.rulesVersion).toBe(RULES_VERSION);
    expect(cached?.diagnosis).toEqual(report.diagnosis);
  });

  it('serves the stored diagnosis when the rules have not changed', async () => {
    const stored = await storeReport(RULES_VERSION);
    const report = (
      await env.app.inject({ method: 'GET', url: `/api/v1/reports/${stored.id}` })
    ).json<Report>();
    expect(report.diagnosis).toEqual(stored.diagnosis);
  });

  it('shows the re-diagnosed verdict on the report page too', async () => {
    const stored = await storeReport('1999-01-01.0');
    const page = await env.app.inject({ method: 'GET', url: `/r/${stored.id}?lang=en` });
    const top = diagnose(stored.client, null).verdicts[0]!;
    expect(page.body).toMatch(new RegExp(`data-cause="${top.cause}"\\s+data-rank="1"`));
    expect(page.body).not.toContain('old rules');
  });
});
