// @vitest-environment jsdom
/**
 * Options WeChat may not apply: HttpDNS without a service id is refused before any request (WeChat
 * rejects `httpDNSServiceId: ''` and the failure would look like the network's); options the base
 * library or platform does not honour are recorded as requested AND as applied, and the report says
 * which did not take effect and why.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { createFakeWx, realisticProfile, type FakeEnvironment, type FakeWx } from '../../test/fake-wx';
import { runToReport } from '../../test/flow';
import { PROBE_BASE, scenario } from '../../test/scenario';
import { change, page, render, tap, text, texts, type as typeInto, type Rendered } from '../../test/simulate';

type DiagnosePage = { onLoad(): void; onShow(): void };
let fake: FakeWx;
afterEach(() => vi.unstubAllGlobals());

function setUp(environment: FakeEnvironment = {}) {
  const world = scenario(() => ({ success: { statusCode: 200, data: '{}', profile: realisticProfile() } }));
  fake = createFakeWx(world.respond, environment);
  vi.stubGlobal('wx', fake.wx);
  saveSettings({ baseUrl: PROBE_BASE });
}

async function fillIn(): Promise<Rendered> {
  const diagnose = render('pages/diagnose/index');
  page<DiagnosePage>(diagnose).onLoad();
  page<DiagnosePage>(diagnose).onShow();
  await typeInto(diagnose, '#url', 'https://api.example.com/health');
  await typeInto(diagnose, '#attempts', '2');
  return diagnose;
}

describe('Options WeChat may not apply', () => {
  it('HttpDNS on without a service id: refused with the reason, nothing runs', async () => {
    setUp();
    const diagnose = await fillIn();
    await change(diagnose, '#enableHttpDNS', true);
    await tap(diagnose, '#run');
    expect(texts(diagnose, '.config-problem')).toEqual([
      '开启 HttpDNS 必须填写服务商 ID：微信会拒绝空的 httpDNSServiceId',
    ]);
    expect(fake.navigations).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('an old base library: the run records requested vs applied, and the report says why', async () => {
    setUp({
      appBaseInfo: { SDKVersion: '2.15.0', version: '7.0.20', enableDebug: false },
      deviceInfo: { platform: 'android' },
    });
    const diagnose = await fillIn();
    await change(diagnose, '#enableHttpDNS', true);
    await typeInto(diagnose, '#httpDNSServiceId', 'wxa410372c837a5f26');
    await change(diagnose, '#useHighPerformanceMode', true);
    await tap(diagnose, '#run');
    expect(loadRunConfig()).toMatchObject({ enableHttpDNS: true, httpDNSServiceId: 'wxa410372c837a5f26' });

    const { report, entry } = await runToReport(fake);
    const options = entry!.client.options!;
    expect(options.requested).toMatchObject({ enableHttpDNS: true, useHighPerformanceMode: true });
    expect(options.applied).toMatchObject({ enableHttpDNS: false, useHighPerformanceMode: false });
    expect(options.notApplied).toEqual([
      { option: 'enableHttpDNS', reason: 'base-library-too-old', detail: 'needs 2.19.1, have 2.15.0' },
      {
        option: 'useHighPerformanceMode',
        reason: 'base-library-too-old',
        detail: 'needs 3.3.3, have 2.15.0',
      },
    ]);
    expect(text(report, '#note-not-applied-enableHttpDNS')).toBe(
      '没有按要求生效的选项: enableHttpDNS — 基础库版本太低 (needs 2.19.1, have 2.15.0)',
    );
    // The service id is never sent empty.
    const sent = fake.calls.filter((c) => c.url === 'https://api.example.com/health');
    expect(sent.every((c) => c.options.httpDNSServiceId === 'wxa410372c837a5f26')).toBe(true);
  });

  it('wx.canIUse says no on a phone: recorded and shown', async () => {
    setUp({ deviceInfo: { platform: 'android' }, canIUse: { 'request.object.enableQuic': false } });
    const diagnose = await fillIn();
    await change(diagnose, '#enableHttp2', true);
    await change(diagnose, '#enableQuic', true);
    await tap(diagnose, '#run');
    const { report, entry } = await runToReport(fake);
    expect(entry!.client.options!.applied).toMatchObject({ enableHttp2: true, enableQuic: false });
    expect(text(report, '#note-not-applied-enableQuic')).toContain(
      "当前微信不支持 (wx.canIUse('request.object.enableQuic') is false)",
    );
  });

  it('devtools ignores HTTP/2: recorded and shown', async () => {
    setUp({ deviceInfo: { platform: 'devtools' } });
    const diagnose = await fillIn();
    await change(diagnose, '#enableHttp2', true);
    await tap(diagnose, '#run');
    const { report, entry } = await runToReport(fake);
    expect(entry!.client.options!.requested).toMatchObject({ enableHttp2: true });
    expect(entry!.client.options!.applied).toMatchObject({ enableHttp2: false });
    expect(text(report, '#note-not-applied-enableHttp2')).toContain('此平台忽略该选项');
  });
});
