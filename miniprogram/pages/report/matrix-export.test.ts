// @vitest-environment jsdom
/**
 * A run with a variant matrix and a control URL, as the user sees it on the Report page: one row per
 * variant (and the control) with its success ratio and p50/p95, and the phone view exported without
 * a server — as a JSON file offered to a chat (wx.shareFileMessage) and as JSON on the clipboard.
 */
import { domainCheckOf } from '../../../shared/classify/domain-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../runner/run-config';
import { parseClientObservation } from '../../shared/observations/parse-client';
import { listRuns } from '../../storage/history';
import { saveRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { asWxFailure, corpusLine } from '../../test/corpus';
import { createFakeWx, realisticProfile, waitFor, type FakeWx, type WxAnswer } from '../../test/fake-wx';
import { runToReport } from '../../test/flow';
import { PROBE_BASE, scenario } from '../../test/scenario';
import { tap, text, texts } from '../../test/simulate';

const CONTROL = 'https://control.example.com/healthz';
const reset = asWxFailure(corpusLine((l) => l.kind === 'connection-reset' && l.platform === 'android'));
const ok: WxAnswer = { success: { statusCode: 200, data: 'ok', profile: realisticProfile() } };
let fake: FakeWx;
afterEach(() => vi.unstubAllGlobals());

async function matrixRun() {
  const world = scenario(() => ok);
  // HTTP/2 fails, everything else passes; the control URL passes.
  const respond = (call: Parameters<typeof world.respond>[0]): WxAnswer =>
    call.url === 'https://api.example.com/health' && call.options.enableHttp2 === true
      ? { fail: reset }
      : world.respond(call);
  fake = createFakeWx(respond, { deviceInfo: { platform: 'android' } });
  vi.stubGlobal('wx', fake.wx);
  saveSettings({ baseUrl: PROBE_BASE });
  saveRunConfig({
    ...DEFAULT_RUN_CONFIG,
    url: 'https://api.example.com/health',
    attempts: 4,
    matrix: ['enableHttp2'],
    controlUrl: CONTROL,
  });
  return runToReport(fake);
}

describe('Report page: variant matrix and export', () => {
  it('shows each variant’s ratio and p50/p95, the control last', async () => {
    const { report, entry } = await matrixRun();
    expect(texts(report, '.matrix-row .m-label')).toEqual(['变体', '基准（全部关闭）', 'HTTP/2', '对照地址']);
    expect(text(report, '#matrix-base .m-ratio')).toBe('2/2');
    expect(text(report, '#matrix-http2 .m-ratio')).toBe('0/2');
    expect(text(report, '#matrix-control .m-ratio')).toBe('2/2');
    expect(texts(report, '#matrix-base .m-ms')).toEqual([
      expect.stringMatching(/^\d+ ms$/),
      expect.stringMatching(/^\d+ ms$/),
    ]);
    // Interleaved in the document: base, http2, control, base, http2, control.
    expect(entry!.client.attempts.map((a) => (a.target === 'control' ? 'control' : a.variant))).toEqual([
      'base',
      'http2',
      'control',
      'base',
      'http2',
      'control',
    ]);
    // History counts the target's attempts only, as the diagnosis does.
    expect(listRuns()[0]).toMatchObject({ okCount: 2, total: 4 });
  });

  it('exports the phone view as a JSON file to a chat, readable as wxprobe.client/1', async () => {
    const { report } = await matrixRun();
    await tap(report, '#export-file');
    await waitFor(() => fake.shares.length === 1, 'wx.shareFileMessage');
    const share = fake.shares[0] as { filePath: string; fileName: string };
    expect(share.fileName).toMatch(/^wxprobe-api\.example\.com-\d{8}T\d{6}\.json$/);
    const exported = JSON.parse(fake.files.get(share.filePath)!);
    expect(parseClientObservation(exported)).toMatchObject({ ok: true });
    expect(domainCheckOf(exported.env)).toBe('on');
    expect(exported.options.controlUrl).toBe(CONTROL);

    await tap(report, '#copy-json');
    await waitFor(() => fake.clipboard.length === 1, 'the clipboard');
    expect(JSON.parse(fake.clipboard[0]!)).toEqual(exported);
  });
});
