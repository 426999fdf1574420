import { describe, expect, it } from 'vitest';
import { loadScenario } from '../diagnose/testdata/load-scenario';
import { validate } from '../observations/validate';
import { buildReport } from '../report/build-report';
import { presentReport, reportViewModel } from './presented-report';
import { presentedSchema } from './presented-report.schema';
import { rowText } from './probe-summary';
import { vantageViews } from './vantages';
import { verdictCards } from './verdict-card';

// cn-east behind an ICP filter, local clean, hk-2 never answered (real recorded probes)
const split = buildReport(loadScenario('vantage-icp-one-region'));
const single = buildReport(loadScenario('icp-split-hello-passes'));

describe('the vantages side by side', () => {
  it('name each vantage, how it came back and the main cause its probe shows, zh and en', () => {
    const zh = vantageViews(split, 'zh')!;
    expect(zh.map((v) => [v.vantage, v.state, v.tone, v.cause])).toEqual([
      ['cn-east', 'answered', 'bad', 'icp-filing-block'],
      ['local', 'answered', 'ok', 'ok'],
      ['hk-2', 'no-answer', 'dim', null],
    ]);
    expect(zh.map((v) => v.stateLabel)).toEqual(['已应答', '已应答', '超时未应答']);
    expect(zh[0]!.causeTitle).toContain('备案');
    const en = vantageViews(split, 'en')!;
    expect(en[2]!.stateLabel).toBe('no answer in time');
    expect(en[0]!.causeTitle).toMatch(/ICP filing/);
    expect(en[2]!.causeTitle).toBeNull();
  });

  it('say why a failed vantage has no probe, as it said it; nothing for the others', () => {
    const failed = {
      ...split,
      vantages: [
        ...split.vantages!.slice(0, 2),
        { vantage: 'hk-2', state: 'failed' as const, probe: null, error: 'getaddrinfo ENOTFOUND ok.example' },
        { vantage: 'sg-1', state: 'failed' as const, probe: null },
      ],
    };
    for (const lang of ['zh', 'en'] as const) {
      const views = vantageViews(failed, lang)!;
      expect(views.map((v) => [v.vantage, v.state, v.error])).toEqual([
        ['cn-east', 'answered', null],
        ['local', 'answered', null],
        ['hk-2', 'failed', 'getaddrinfo ENOTFOUND ok.example'],
        ['sg-1', 'failed', null],
      ]);
    }
    expect(vantageViews(split, 'zh')!.map((v) => v.error)).toEqual([null, null, null]);
    expect(validate(presentedSchema, JSON.parse(JSON.stringify(presentReport(failed))))).toEqual([]);
    // a server older than `error` presents vantages without it: still valid for today's renderers
    const older = JSON.parse(JSON.stringify(presentReport(split))) as ReturnType<typeof presentReport>;
    for (const view of [...older.zh.vantages!, ...older.en.vantages!])
      delete (view as { error?: unknown }).error;
    expect(validate(presentedSchema, older)).toEqual([]);
  });

  it('summarise each answered probe in the rows that say where it breaks', () => {
    const [east, local, hk] = vantageViews(split, 'en')!;
    const keys = east!.summary.map((r) => r.key);
    expect(keys).toContain('tls:sni-host');
    expect(keys).not.toContain('tls:control-sni');
    expect(keys).not.toContain('tls-versions');
    expect(east!.summary.find((r) => r.key === 'tls:sni-host')!.tone).toBe('bad');
    expect(local!.summary.find((r) => r.key === 'tls:sni-host')!.tone).toBe('ok');
    expect(rowText(local!.summary.find((r) => r.key === 'http')!)).toMatch(/^200 /);
    expect(hk!.summary).toEqual([]);
  });

  it('are part of the presented report, valid for the renderers’ schema', () => {
    const presented = presentReport(split);
    expect(validate(presentedSchema, JSON.parse(JSON.stringify(presented)))).toEqual([]);
    expect(presented.zh.vantages).toEqual(vantageViews(split, 'zh'));
    // the qualifier is coloured as one
    expect(verdictCards(split, 'zh').map((c) => [c.cause, c.tone])).toEqual([
      ['icp-filing-block', 'problem'],
      ['vantage-dependent', 'intermittent'],
    ]);
  });

  it('are absent from a report without vantages, whose view model stays as it was', () => {
    expect(vantageViews(single, 'zh')).toBeNull();
    expect(Object.keys(reportViewModel(single, 'zh')).sort()).toEqual(['client', 'outside', 'verdicts']);
    expect(validate(presentedSchema, JSON.parse(JSON.stringify(presentReport(single))))).toEqual([]);
  });
});
