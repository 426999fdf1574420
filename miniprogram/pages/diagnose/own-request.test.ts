// @vitest-environment jsdom
/**
 * The 诊断 page takes the developer's own request (method, headers, body, dataType, responseType,
 * manual redirects), the variant matrix and a control URL (by default the probe server's /healthz),
 * and hands them to the run exactly as set.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { createFakeWx } from '../../test/fake-wx';
import { PROBE_BASE } from '../../test/scenario';
import { change, exists, page, render, tap, texts, type as typeInto } from '../../test/simulate';

type DiagnosePage = { onLoad(): void; onShow(): void };
afterEach(() => vi.unstubAllGlobals());

describe('诊断 page: the developer’s own request, the matrix and the control URL', () => {
  it('passes them to the run as set', async () => {
    const fake = createFakeWx(() => ({ success: { statusCode: 200 } }));
    vi.stubGlobal('wx', fake.wx);
    saveSettings({ baseUrl: PROBE_BASE });
    const diagnose = render('pages/diagnose/index');
    page<DiagnosePage>(diagnose).onLoad();
    page<DiagnosePage>(diagnose).onShow();
    await typeInto(diagnose, '#url', 'https://api.example.com/login');
    expect(exists(diagnose, '#body')).toBe(false);
    await change(diagnose, '#method', 2); // POST
    await typeInto(diagnose, '#header', 'Content-Type: application/json\nX-Trace: 1');
    await typeInto(diagnose, '#body', '{"user":"a"}');
    await change(diagnose, '#dataType', 1); // json
    await change(diagnose, '#responseType', 1); // arraybuffer
    await change(diagnose, '#redirect', true);
    await change(diagnose, '#matrix-enableHttp2', true);
    await change(diagnose, '#matrix-enableQuic', true);
    expect(exists(diagnose, '#controlUrl')).toBe(false);
    await change(diagnose, '#control', true);
    await tap(diagnose, '#run');

    expect(texts(diagnose, '.config-problem')).toEqual([]);
    expect(fake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/run/index' }]);
    expect(loadRunConfig()).toMatchObject({
      url: 'https://api.example.com/login',
      method: 'POST',
      header: { 'Content-Type': 'application/json', 'X-Trace': '1' },
      body: '{"user":"a"}',
      dataType: 'json',
      responseType: 'arraybuffer',
      redirect: 'manual',
      matrix: ['enableHttp2', 'enableQuic'],
      controlUrl: `${PROBE_BASE}/healthz`,
    });
  });

  it('a control URL that is not https is refused with the reason', async () => {
    const fake = createFakeWx(() => ({ success: { statusCode: 200 } }));
    vi.stubGlobal('wx', fake.wx);
    const diagnose = render('pages/diagnose/index');
    page<DiagnosePage>(diagnose).onLoad();
    page<DiagnosePage>(diagnose).onShow();
    await typeInto(diagnose, '#url', 'https://api.example.com/login');
    await change(diagnose, '#control', true);
    await typeInto(diagnose, '#controlUrl', 'http://plain.example.com/');
    await tap(diagnose, '#run');
    expect(texts(diagnose, '.config-problem')).toEqual(['对照地址必须以 https:// 开头']);
    expect(fake.navigations).toEqual([]);
  });
});
