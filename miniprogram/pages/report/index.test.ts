// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadScenario } from '../../../shared/diagnose/testdata/load-scenario';
import { presentReport } from '../../../shared/present/presented-report';
import { buildReport } from '../../../shared/report/build-report';
import type { StoredReport } from '../../services/wxprobe-api';
import { loadRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { asWxFailure, corpusLine } from '../../test/corpus';
import { createFakeWx, realisticProfile, waitFor, type FakeWx, type WxAnswer } from '../../test/fake-wx';
import { CHAIN_EVIDENCE_ZH, CHAIN_VERDICT } from '../../test/fixtures';
import { PROBE_BASE, scenario, type Scenario } from '../../test/scenario';
import {
  allText,
  exists,
  page,
  render,
  settle,
  tap,
  text,
  texts,
  type,
  type Rendered,
} from '../../test/simulate';

type Lifecycle = {
  onLoad(query?: Record<string, string>): void;
  onShow(): void;
  onShareAppMessage(): { title: string; path: string };
};

/** An Android phone whose requests fail on an incomplete chain 2 times out of 3 (corpus wording). */
const certFailure = corpusLine((l) => l.kind === 'cert-authority-invalid' && l.errno === 600001);
const attempts = (k: number): WxAnswer =>
  k % 3 === 2
    ? { success: { statusCode: 200, data: '{}', profile: realisticProfile() } }
    : { fail: asWxFailure(certFailure) };

let fake: FakeWx;
let world: Scenario;
function setUp(server: 'up' | 'down' | 'none') {
  world = scenario(attempts, server === 'down' ? 'down' : 'up');
  fake = createFakeWx(world.respond, {
    deviceInfo: { platform: 'android', model: 'MI 8', system: 'Android 10', brand: 'Xiaomi' },
  });
  vi.stubGlobal('wx', fake.wx);
  if (server !== 'none') saveSettings({ baseUrl: PROBE_BASE });
}
afterEach(() => vi.unstubAllGlobals());

/** Drives the whole flow as a user: type the URL on 诊断, tap run, let Run finish, open its report. */
async function diagnoseThroughTheUi(url: string): Promise<Rendered> {
  const diagnose = render('pages/diagnose/index');
  page<Lifecycle>(diagnose).onLoad();
  await type(diagnose, '#url', url);
  await type(diagnose, '#attempts', '6');
  await tap(diagnose, '#run');
  await waitFor(() => fake.navigations.some((n) => n.url === '/pages/run/index'), 'navigation to Run');
  const run = render('pages/run/index');
  page<Lifecycle>(run).onLoad();
  await waitFor(() => fake.navigations.some((n) => n.kind === 'redirectTo'), 'navigation to Report');
  const target = fake.navigations.find((n) => n.kind === 'redirectTo')!.url!;
  const query = Object.fromEntries(new URLSearchParams(target.split('?')[1]));
  const report = render('pages/report/index');
  page<Lifecycle>(report).onLoad(query);
  await settle();
  return report;
}

describe('Report page', () => {
  it('type a URL, run, read the server’s verdict on top and both views side by side', async () => {
    setUp('up');
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    const verdict = report.querySelector('.verdict')!;
    expect(text(verdict, '.title')).toBe(CHAIN_VERDICT.title.zh);
    expect(text(verdict, '.fix')).toBe(CHAIN_VERDICT.fix.zh);
    expect(texts(verdict, '.evidence')).toEqual(CHAIN_EVIDENCE_ZH);
    expect(text(report, '#ratio')).toBe('成功 2/6');
    expect(exists(report, '#outside-missing')).toBe(false);

    const phone = text(report, '#phone');
    expect(phone).toContain('手机视角');
    expect(phone).toContain('android · Android 10 · MI 8');
    expect(phone).toContain(`开启 — request:fail url not in domain list`);
    expect(phone).toContain(`${certFailure.phase} / ${certFailure.kind} ×4`);
    const server = text(report, '#server');
    expect(server).toContain('服务器视角');
    expect(server).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(server).toContain('TLS 1.3 ✓ · TLS 1.2 ✓');

    const rows = report.querySelectorAll('.attempt');
    expect(rows).toHaveLength(6);
    expect(text(rows[0]!, '.errmsg')).toBe(asWxFailure(certFailure).errMsg);
    expect(text(rows[0]!, '.errno')).toBe('errno 600001');
    expect(text(rows[0]!, '.class-label')).toBe(`分类: ${certFailure.phase} / ${certFailure.kind}`);
    expect(rows[2]!.querySelectorAll('.timing-bar')).toHaveLength(1);
  });

  it('copies the report link and shares the report to a chat', async () => {
    setUp('up');
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    await tap(report, '#copy-link');
    expect(fake.clipboard).toEqual([`${PROBE_BASE}/r/r1`]);
    expect(exists(report, '#share')).toBe(true);
    expect(page<Lifecycle>(report).onShareAppMessage()).toEqual({
      title: `wxprobe 诊断：${CHAIN_VERDICT.title.zh}`,
      path: `/pages/report/index?id=r1&base=${encodeURIComponent(PROBE_BASE)}`,
    });
  });

  it('a shared card opens the report from the server it names, on a phone without settings', async () => {
    setUp('up');
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    const path = page<Lifecycle>(report).onShareAppMessage().path;
    saveSettings({ baseUrl: '' });
    const shared = render('pages/report/index');
    page<Lifecycle>(shared).onLoad(Object.fromEntries(new URLSearchParams(path.split('?')[1])));
    await waitFor(() => exists(shared, '.verdict'), 'the fetched report');
    expect(text(shared.querySelector('.verdict')!, '.title')).toBe(CHAIN_VERDICT.title.zh);
    expect(shared.querySelectorAll('.attempt')).toHaveLength(6);
  });

  it('a report probed from several vantages shows each: its state, main cause and probe in brief', async () => {
    setUp('up');
    // cn-east behind an ICP filter, local clean, hk-2 never answered (real recorded probes)
    const stored = buildReport({ ...loadScenario('vantage-icp-one-region'), id: 'rv' }) as StoredReport;
    world.reports.set('rv', { ...stored, presented: presentReport(stored as never) });
    const shared = render('pages/report/index');
    page<Lifecycle>(shared).onLoad({ id: 'rv', base: PROBE_BASE });
    await waitFor(() => exists(shared, '#vantages'), 'the vantages');
    expect(text(shared, '#vantages .section-title')).toBe('各探测点');
    expect(texts(shared, '.vantage-name')).toEqual(['cn-east', 'local', 'hk-2']);
    expect(text(shared, '#vantage-cn-east .vantage-state')).toBe('已应答');
    expect(text(shared, '#vantage-cn-east .vantage-cause')).toMatch(/备案.* icp-filing-block$/);
    expect(shared.querySelector('#vantage-cn-east')!.dom.className).toContain('vantage-bad');
    expect(shared.querySelector('#vantage-local')!.dom.className).toContain('vantage-ok');
    const east = shared.querySelector('#vantage-cn-east')!.dom.textContent ?? '';
    expect(east).toMatch(/TLS 目标 SNI\s*0\/10 · api\.example\.com · 10×RST/);
    expect(shared.querySelector('#vantage-local')!.dom.textContent).toMatch(/HTTP\s*200 /);
    expect(text(shared, '#vantage-hk-2')).toBe('hk-2超时未应答'); // name and state only: no cause, no rows
    const verdicts = shared.querySelectorAll('.verdict');
    expect(text(verdicts[0]!, '.title')).toContain('备案');
    expect(text(verdicts[1]!, '.title')).toBe('只在部分探测点失败：从 cn-east 失败，从 local 正常');
  });

  it('a report probed from one place has no vantages section', async () => {
    setUp('up');
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    expect(exists(report, '.verdict')).toBe(true);
    expect(exists(report, '#vantages')).toBe(false);
  });

  it('server unreachable: the phone view and its raw errors still show, classes and the outside view come with the server', async () => {
    setUp('down');
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    expect(exists(report, '.verdict')).toBe(false);
    expect(text(report, '#outside-missing')).toContain('缺少服务器视角');
    expect(text(report, '#outside-missing')).toContain(
      '连不上探测服务器：request:fail -102:net::ERR_CONNECTION_REFUSED',
    );
    expect(text(report, '#server')).toContain('缺少服务器视角');
    expect(text(report, '#classes-note')).toContain('wxprobe diagnose');
    expect(text(report.querySelectorAll('.attempt')[0]!, '.errmsg')).toBe(asWxFailure(certFailure).errMsg);
    expect(exists(report.querySelectorAll('.attempt')[0]!, '.meaning')).toBe(false);

    world.setServer('up');
    await tap(report, '#retry');
    await waitFor(() => exists(report, '.verdict'), 'the verdict after uploading again');
    expect(exists(report, '#outside-missing')).toBe(false);
    expect(exists(report, '#classes-note')).toBe(false);
    expect(text(report, '#phone')).toContain(`${certFailure.phase} / ${certFailure.kind} ×4`);
    expect(text(report.querySelectorAll('.attempt')[0]!, '.meaning')).not.toBe('');
  });

  it('no server configured: says so, offers no link', async () => {
    setUp('none');
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    expect(text(report, '#outside-missing')).toContain('还没有设置探测服务器');
    expect(exists(report, '#copy-link')).toBe(false);
    expect(page<Lifecycle>(report).onShareAppMessage().path).toBe('/pages/diagnose/index');
  });

  it('run again measures the same URL with the same options, replacing the page (the stack stays put)', async () => {
    setUp('up');
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    fake.navigations.length = 0;
    await tap(report, '#rerun');
    // redirectTo, not navigateTo: ten reruns would otherwise hit WeChat's page-stack limit of 10.
    expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: '/pages/run/index' }]);
    expect(loadRunConfig()).toMatchObject({
      url: 'https://api.example.com/health',
      attempts: 6,
      api: 'request',
    });
  });

  it('in English', async () => {
    setUp('up');
    saveSettings({ lang: 'en' });
    const report = await diagnoseThroughTheUi('https://api.example.com/health');
    expect(text(report.querySelector('.verdict')!, '.title')).toBe(CHAIN_VERDICT.title.en);
    expect(allText(report)).toContain('Phone view');
    expect(allText(report)).toContain('Server view');
  });

  it('an unknown report says so', async () => {
    setUp('up');
    const report = render('pages/report/index');
    page<Lifecycle>(report).onLoad({ id: 'missing' });
    await waitFor(() => exists(report, '#not-found'), 'not found');
    expect(text(report, '#not-found')).toContain('NOT_FOUND');
  });
});
