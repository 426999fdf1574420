/**
 * Stored reports of every version still read load as current reports: a `wxprobe.report/1` (text
 * evidence) is diagnosed again from its observations; a current one judged by the current rules is
 * taken as it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../diagnose/diagnose';
import { parseReport } from '../observations/index';
import { REPORT_SCHEMA_ID } from '../observations/report';
import { loadScenario } from '../diagnose/testdata/load-scenario';
import { buildReport } from './build-report';
import { loadReport } from './load-report';

const V1 = JSON.parse(
  readFileSync(new URL('./testdata/report-v1-tls-reset.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { diagnosis: { verdicts: Array<{ evidence: unknown[] }> } };

describe('loading a stored report', () => {
  it('a wxprobe.report/1 document is not a current report (its evidence is text)', () => {
    expect(V1.schema).toBe('wxprobe.report/1');
    expect(typeof V1.diagnosis.verdicts[0]?.evidence[0]).toBe('string');
    expect(parseReport(V1).ok).toBe(false);
  });

  it('a wxprobe.report/1 document loads, re-diagnosed from its observations into a current report', () => {
    const loaded = loadReport(V1);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const report = loaded.value;
    expect(report.schema).toBe(REPORT_SCHEMA_ID);
    expect(report).toMatchObject({ id: V1.id, createdAt: V1.createdAt, url: V1.url });
    expect(report.client).toEqual(V1.client);
    expect(report.probe).toEqual(V1.probe);
    expect(report.diagnosis).toEqual(diagnose(report.client, report.probe));
    expect(report.diagnosis.verdicts[0]?.cause).toBe('tls-reset');
    expect(report.diagnosis.verdicts[0]?.evidence[0]).toMatchObject({
      kind: 'tls-variant',
      pointer: '/probe/tls/variants/0',
    });
    expect(parseReport(report).ok).toBe(true);
  });

  it('a current report judged by the current rules is taken as it is', () => {
    const current = buildReport({ client: V1.client as never, probe: V1.probe as never, id: 'x' });
    const loaded = loadReport(JSON.parse(JSON.stringify(current)));
    expect(loaded).toEqual({ ok: true, value: current });
  });

  it('a current report judged by older rules is diagnosed again', () => {
    const current = buildReport({ client: V1.client as never, probe: V1.probe as never });
    const stale = { ...current, diagnosis: { rulesVersion: '1999-01-01.0', verdicts: [] } };
    const loaded = loadReport(stale);
    expect(loaded.ok && loaded.value.diagnosis).toEqual(current.diagnosis);
  });

  it('a report with vantages judged by older rules is diagnosed again across its vantages', () => {
    const { vantages } = loadScenario('vantage-icp-one-region');
    const current = buildReport({ vantages });
    expect(current.probe).toBe(vantages![0]!.probe);
    const stale = { ...current, diagnosis: { rulesVersion: '1999-01-01.0', verdicts: [] } };
    const loaded = loadReport(JSON.parse(JSON.stringify(stale)));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.value.vantages).toEqual(vantages);
    expect(loaded.value.diagnosis).toEqual(current.diagnosis);
    expect(loaded.value.diagnosis.verdicts.map((v) => v.cause)).toEqual([
      'icp-filing-block',
      'vantage-dependent',
    ]);
  });

  it('refuses what is no report, and a /1 document whose observations are broken', () => {
    expect(loadReport({ schema: 'wxprobe.report/9', url: '', client: null, probe: null }).ok).toBe(false);
    expect(loadReport({ ...V1, probe: { nonsense: true } }).ok).toBe(false);
    expect(loadReport(null).ok).toBe(false);
  });
});
