// @vitest-environment jsdom
/**
 * The domain-check probe (one request to a `.invalid` host) answered in every wording WeChat uses,
 * through the real Run and Report pages: the runner stores the raw answer as measured, the shared
 * reading (shared/classify/domain-check.ts, the classifier's kinds, any case — run by the server,
 * which sends it under `presented`) decides on/off, and the report says it. Devtools with the check
 * off also says TLS and certificate errors are hidden.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { domainCheckOf } from '../../../shared/classify/domain-check';
import { DOMAIN_CHECK_URL } from '../../runner/limits';
import { DEFAULT_RUN_CONFIG } from '../../runner/run-config';
import { saveRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { asWxFailure, loadCorpus } from '../../test/corpus';
import { createFakeWx, realisticProfile, type FakeWx, type WxAnswer } from '../../test/fake-wx';
import { runToReport } from '../../test/flow';
import { PROBE_BASE, scenario } from '../../test/scenario';
import { exists, text } from '../../test/simulate';

type Answer = { errMsg: string; errno?: number | null };
const corpus = loadCorpus();
const fromCorpus = (kind: string) => corpus.filter((l) => l.kind === kind).map((l) => asWxFailure(l));

/** Wordings seen on real clients that the old runner missed (case, old Android, iOS zh-Hant). */
const ON: Answer[] = [
  ...fromCorpus('not-in-domain-list'),
  { errMsg: 'request:fail URL not in domain list' },
  { errMsg: 'request:fail Url Not In Domain List' },
  { errMsg: 'request:fail ', errno: 600002 },
];
const OFF: Answer[] = [
  ...fromCorpus('name-not-resolved'),
  {
    errMsg:
      'request:fail java.net.UnknownHostException: Unable to resolve host "domain-check.wxprobe.invalid": No address associated with hostname',
  },
  { errMsg: 'request:fail 找不到具有指定主機名稱的伺服器。' },
  { errMsg: 'request:fail 未能找到使用指定主机名的服务器。' },
  { errMsg: 'request:fail A server with the specified hostname could not be found.' },
  { errMsg: 'request:fail getaddrinfo ENOTFOUND domain-check.wxprobe.invalid' },
];
const UNKNOWN: Answer[] = [{ errMsg: 'request:fail timeout', errno: 5 }, { errMsg: 'request:fail' }];

let fake: FakeWx;
afterEach(() => vi.unstubAllGlobals());

async function runWithDomainCheck(answer: Answer, platform = 'android') {
  const world = scenario(() => ({ success: { statusCode: 200, data: '{}', profile: realisticProfile() } }));
  const respond = (call: Parameters<typeof world.respond>[0]): WxAnswer =>
    call.url === DOMAIN_CHECK_URL ? { fail: answer } : world.respond(call);
  fake = createFakeWx(respond, { deviceInfo: { platform } });
  vi.stubGlobal('wx', fake.wx);
  saveSettings({ baseUrl: PROBE_BASE });
  saveRunConfig({ ...DEFAULT_RUN_CONFIG, url: 'https://api.example.com/health', attempts: 1 });
  return runToReport(fake);
}

describe('domain-check wordings through the Run and Report pages', () => {
  it.each(ON)('on: $errMsg', async (answer) => {
    const { report, entry } = await runWithDomainCheck(answer);
    expect(entry!.client.env.domainCheckRaw).toEqual({ ok: false, ...answer });
    expect(domainCheckOf(entry!.client.env)).toBe('on');
    expect(text(report, '#phone')).toContain('开启');
  });

  it.each(OFF)('off: $errMsg', async (answer) => {
    const { report, entry } = await runWithDomainCheck(answer);
    expect(entry!.client.env.domainCheckRaw).toMatchObject({ ok: false, errMsg: answer.errMsg });
    expect(domainCheckOf(entry!.client.env)).toBe('off');
    expect(text(report, '#phone')).toContain('关闭（此结果不代表正式版）');
    // On a phone, debug mode: no claim about the TLS checks.
    expect(exists(report, '#note-tls-hidden')).toBe(false);
  });

  it.each(UNKNOWN)('unknown: $errMsg', async (answer) => {
    const { entry } = await runWithDomainCheck(answer);
    expect(domainCheckOf(entry!.client.env)).toBe('unknown');
  });

  it('devtools with the check off says TLS-version and certificate errors are hidden on this run', async () => {
    const { report, entry } = await runWithDomainCheck(
      { errMsg: 'request:fail getaddrinfo ENOTFOUND domain-check.wxprobe.invalid' },
      'devtools',
    );
    expect(domainCheckOf(entry!.client.env)).toBe('off');
    expect(text(report, '#note-tls-hidden')).toContain('TLS 版本和证书错误');
  });
});
