import { describe, expect, it } from 'vitest';
import type { ClientObservation } from '../shared/observations/client';
import { parseProbeObservation, parseReport } from '../../shared/observations/parse';
import { validate } from '../shared/observations/validate';
import { presentedReportSchema } from '../shared/present/presented-report.schema';
import { asWxFailure, loadCorpus } from '../test/corpus';
import { realisticProfile } from '../test/fake-wx';
import { CHAIN_VERDICT, clientFixture, probeFixture, reportFixture } from '../test/fixtures';
import { loadScenario } from '../../shared/diagnose/testdata/load-scenario';
import { presentReport } from '../../shared/present/presented-report';
import { buildReport } from '../../shared/report/build-report';
import type { StoredReport } from '../services/wxprobe-api';
import { buildReportView } from './report-view';

const EVIDENCE = 'request:fail url not in domain list';
const clientWith = (attempts: ClientObservation['attempts'], platform = 'android') =>
  clientFixture(attempts, { env: { platform, domainCheckEvidence: EVIDENCE } });

describe('buildReportView', () => {
  it('the fixtures match their schemas', () => {
    expect(parseProbeObservation(probeFixture())).toMatchObject({ ok: true });
    const { presented: _, ...report } = reportFixture(clientWith([]));
    expect(parseReport(report)).toMatchObject({ ok: true });
    expect(validate(presentedReportSchema, reportFixture(clientWith([])))).toEqual([]);
  });

  it('every corpus error reads as the corpus expects, in the classes the server sent', () => {
    const corpus = loadCorpus();
    for (const line of corpus) {
      const client = clientWith([{ ok: false, durationMs: 1, ...asWxFailure(line) }], line.platform);
      const view = buildReportView({ client, report: reportFixture(client), serverFailure: null }, 'zh');
      expect(view.attempts[0]!.classLabel, line.raw).toBe(`${line.phase} / ${line.kind}`);
      expect(view.attempts[0]!.errMsg).toBe(asWxFailure(line).errMsg);
      expect(view.attempts[0]!.meaning).toBeTruthy();
      expect(view.attempts[0]!.hint).toBeTruthy();
    }
  });

  it('without the server: the raw words, no class yet (and why), and why the outside view is missing', () => {
    const client = clientWith([
      { ok: false, durationMs: 80, errMsg: 'request:fail -202:net::ERR_CERT_AUTHORITY_INVALID' },
      { ok: false, durationMs: 90, errMsg: 'request:fail -202:net::ERR_CERT_AUTHORITY_INVALID' },
      {
        ok: true,
        durationMs: 155,
        statusCode: 200,
        errMsg: 'request:ok',
        profile: realisticProfile(5000) as never,
      },
    ]);
    const view = buildReportView(
      {
        client,
        report: null,
        serverFailure: { kind: 'unreachable', errMsg: 'request:fail -102:net::ERR_CONNECTION_REFUSED' },
      },
      'zh',
    );
    expect(view.verdicts).toEqual([]);
    expect(view.server).toBeNull();
    expect(view.outsideMissing).toContain('request:fail -102:net::ERR_CONNECTION_REFUSED');
    expect(view.ratioText).toBe('成功 1/3');
    expect(view.phone!.classes).toEqual([]);
    expect(view.classesNote).toContain('wxprobe diagnose');
    expect(view.attempts[0]).toMatchObject({
      errMsg: 'request:fail -202:net::ERR_CERT_AUTHORITY_INVALID',
      classLabel: null,
      meaning: null,
    });
    const served = buildReportView({ client, report: reportFixture(client), serverFailure: null }, 'zh');
    expect(served.classesNote).toBeNull();
    expect(served.phone!.classes).toEqual([
      expect.objectContaining({ label: 'tls / cert-authority-invalid', count: 2 }),
    ]);
    expect(served.attempts[0]!.codeLabel).toBe('-202 ERR_CERT_AUTHORITY_INVALID');
    expect(view.attempts[2]).toMatchObject({ state: 'ok', classLabel: null, statusCode: 200 });
    expect(view.attempts[2]!.segments.map((s) => s.name)).toEqual(['dns', 'tcp', 'tls', 'ttfb', 'download']);
    expect(view.attempts[2]!.profileRows.slice(0, 2).map((r) => r.key)).toEqual([
      'redirectStart',
      'redirectEnd',
    ]);
    expect(view.phone!.rows.map((r) => r.value)).toContain('203.0.113.7');
  });

  it('with the server: verdicts in the chosen language on top, the probe side by side', () => {
    const client = clientWith([
      { ok: false, durationMs: 80, errMsg: 'request:fail -202:net::ERR_CERT_AUTHORITY_INVALID' },
    ]);
    const report = reportFixture(client);
    const zh = buildReportView({ client, report, serverFailure: null }, 'zh');
    expect(zh.outsideMissing).toBeNull();
    expect(zh.verdicts[0]).toMatchObject({
      title: CHAIN_VERDICT.title.zh,
      fix: CHAIN_VERDICT.fix.zh,
      confidencePct: 90,
    });
    expect(zh.server!.map((r) => `${r.label}=${r.value}`)).toEqual(
      expect.arrayContaining([
        'DNS=203.0.113.7 · 12 ms',
        'TLS 目标 SNI=3/3 · api.example.com · TLS 1.3 h2 · 42 ms',
        'TLS 版本=TLS 1.3 ✓ · TLS 1.2 ✓ · TLS 1.1 ✗',
        '证书链=1 张 · 找不到签发者：缺中间证书（UNABLE_TO_VERIFY_LEAF_SIGNATURE） · AIA: 补全后验证通过',
      ]),
    );
    const en = buildReportView({ client, report, serverFailure: null }, 'en');
    expect(en.verdicts[0]!.title).toBe(CHAIN_VERDICT.title.en);
    expect(en.ratioText).toBe('Passed 0/1');
  });

  it('a shared report (no local entry) shows the client document the server kept', () => {
    const client = clientWith([{ ok: true, durationMs: 10, statusCode: 204 }]);
    const view = buildReportView({ client: null, report: reportFixture(client), serverFailure: null }, 'zh');
    expect(view.attempts).toHaveLength(1);
    expect(view.reportId).toBe('r-chain-1');
  });

  it('says when the record was not uploaded because it did not match the schema', () => {
    const client = clientWith([]);
    const view = buildReportView(
      { client, report: null, serverFailure: null, schemaErrors: ['/env/platform must be string'] },
      'en',
    );
    expect(view.outsideMissing).toContain('/env/platform must be string');
  });

  it('lays out the vantages the server presented, each row as one line; none for a one-place report', () => {
    const built = buildReport({ ...loadScenario('vantage-icp-one-region'), id: 'rv' });
    const report = { ...built, id: 'rv', presented: presentReport(built) } as StoredReport;
    expect(validate(presentedReportSchema, report)).toEqual([]);
    const view = buildReportView({ client: null, report, serverFailure: null }, 'en');
    expect(view.vantages.map((v) => [v.vantage, v.tone, v.stateLabel, v.cause])).toEqual([
      ['cn-east', 'bad', 'answered', 'icp-filing-block'],
      ['local', 'ok', 'answered', 'ok'],
      ['hk-2', 'dim', 'no answer in time', ''],
    ]);
    expect(view.vantages[0]!.rows.find((r) => r.label === 'TLS target SNI')).toMatchObject({
      tone: 'bad',
      value: expect.stringMatching(/^0\/10 · api\.example\.com · 10×RST/),
    });
    expect(view.vantages[2]).toMatchObject({ causeTitle: '', error: '', rows: [] });
    // a failed vantage: the reason it gave, as the server presented it
    const scenario = loadScenario('vantage-icp-one-region');
    const failedBuilt = buildReport({
      ...scenario,
      id: 'rf',
      vantages: [
        ...scenario.vantages!.slice(0, 2),
        { vantage: 'hk-2', state: 'failed' as const, probe: null, error: 'agent: ENOTFOUND' },
      ],
    });
    const failed = buildReportView(
      {
        client: null,
        report: { ...failedBuilt, id: 'rf', presented: presentReport(failedBuilt) } as StoredReport,
        serverFailure: null,
      },
      'zh',
    );
    expect(failed.vantages[2]).toMatchObject({
      vantage: 'hk-2',
      stateLabel: '探测出错',
      error: 'agent: ENOTFOUND',
    });
    const single = buildReportView(
      { client: null, report: reportFixture(clientWith([])), serverFailure: null },
      'zh',
    );
    expect(single.vantages).toEqual([]);
  });
});
