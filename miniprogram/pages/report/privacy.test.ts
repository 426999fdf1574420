// @vitest-environment jsdom
/**
 * The clipboard is a privacy API: WeChat asks the page's privacy popup first (agree → copied, with
 * WeChat's own toast only; refuse → errno 104) or refuses outright when the privacy guide does not
 * declare the clipboard (errno 112). A refused copy shows the text to copy by hand.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../runner/run-config';
import { saveRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import {
  createFakeWx,
  realisticProfile,
  waitFor,
  type FakeEnvironment,
  type FakeWx,
} from '../../test/fake-wx';
import { runToReport } from '../../test/flow';
import { PROBE_BASE, scenario } from '../../test/scenario';
import { exists, settle, tap, text, type Rendered } from '../../test/simulate';

let fake: FakeWx;
afterEach(() => vi.unstubAllGlobals());

async function reportWith(privacy: FakeEnvironment['privacy']): Promise<Rendered> {
  const world = scenario(() => ({ success: { statusCode: 200, data: '{}', profile: realisticProfile() } }));
  fake = createFakeWx(world.respond, { privacy });
  vi.stubGlobal('wx', fake.wx);
  saveSettings({ baseUrl: PROBE_BASE });
  saveRunConfig({ ...DEFAULT_RUN_CONFIG, url: 'https://api.example.com/health', attempts: 2 });
  return (await runToReport(fake)).report;
}

const popup = (report: Rendered) => report.querySelector('#privacy')!;
const popupShown = (report: Rendered) => exists(popup(report), '#privacy-popup');

describe('Report page: copying under WeChat’s privacy rules', () => {
  it('asks first; refusing shows the link to copy by hand, and no toast', async () => {
    const report = await reportWith('ask');
    await tap(report, '#copy-link');
    await waitFor(() => popupShown(report), 'the privacy popup');
    expect(text(popup(report), '#privacy-popup')).toContain('剪贴板');
    await tap(popup(report), '#privacy-disagree');
    await waitFor(() => exists(report, '#copy-problem'), 'the copy-by-hand box');
    expect(text(report, '#copy-problem')).toContain('没有同意隐私授权');
    expect(text(report, '#copy-problem .copy-text')).toBe(`${PROBE_BASE}/r/r1`);
    expect(popupShown(report)).toBe(false);
    expect(fake.clipboard).toEqual([]);
    expect(fake.toasts).toEqual([]);
    expect(fake.privacyAnswers.at(-1)).toEqual({ event: 'disagree' });
  });

  it('agreeing copies; only WeChat’s own「内容已复制」toast shows, none of ours', async () => {
    const report = await reportWith('ask');
    await tap(report, '#copy-json');
    await waitFor(() => popupShown(report), 'the privacy popup');
    popup(report).querySelector('#privacy-agree')!.dispatchEvent('agreeprivacyauthorization');
    await settle();
    await waitFor(() => fake.clipboard.length === 1, 'the copy');
    expect(JSON.parse(fake.clipboard[0]!)).toMatchObject({
      schema: 'wxprobe.client/1',
      // as measured: the raw domain-check answer, read by whoever reads the export
      env: { domainCheckRaw: { ok: false } },
    });
    expect(fake.privacyAnswers.at(-1)).toEqual({ event: 'agree', buttonId: 'privacy-agree' });
    expect(fake.toasts).toEqual([]);
    expect(exists(report, '#copy-problem')).toBe(false);
  });

  it('the clipboard not declared in the privacy guide (errno 112): says so and offers the text', async () => {
    const report = await reportWith('undeclared');
    await tap(report, '#copy-link');
    await waitFor(() => exists(report, '#copy-problem'), 'the copy-by-hand box');
    expect(text(report, '#copy-problem')).toContain('没有声明“剪切板”');
    expect(text(report, '#copy-problem .copy-text')).toBe(`${PROBE_BASE}/r/r1`);
    expect(popupShown(report)).toBe(false);
    expect(fake.toasts).toEqual([]);
  });
});
