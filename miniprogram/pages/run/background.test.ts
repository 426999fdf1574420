// @vitest-environment jsdom
/**
 * A locked screen mid-run: WeChat interrupts what is running (`interrupted`, errno 600003) and
 * refuses new requests while the mini-program is in the background. The run pauses and says so,
 * resumes when the app is back, marks the attempt that overlapped the background, and the diagnosis
 * leaves that attempt out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../../runner/run-config';
import { diagnose } from '../../../shared/diagnose/diagnose';
import { saveRunConfig } from '../../storage/run-config-store';
import { saveSettings } from '../../storage/settings';
import { createFakeWx, realisticProfile, waitFor, type FakeWx, type WxAnswer } from '../../test/fake-wx';
import { openReport, startRun } from '../../test/flow';
import { PROBE_BASE, scenario } from '../../test/scenario';
import { exists, settle, text } from '../../test/simulate';

const ok: WxAnswer = { success: { statusCode: 200, data: '{}', profile: realisticProfile() } };
let fake: FakeWx;

afterEach(() => vi.unstubAllGlobals());

/** Attempt 3 (k = 2) is still running when the screen locks. */
function setUp(hangThird = true) {
  const world = scenario((k) => (k === 2 && hangThird ? { hang: true } : ok));
  fake = createFakeWx(world.respond, { deviceInfo: { platform: 'android' } });
  vi.stubGlobal('wx', fake.wx);
  saveSettings({ baseUrl: PROBE_BASE });
  saveRunConfig({ ...DEFAULT_RUN_CONFIG, url: 'https://api.example.com/health', attempts: 6 });
}

const attemptCalls = () => fake.calls.filter((c) => c.url === 'https://api.example.com/health').length;

describe('Run page in the background', () => {
  it('pauses while hidden, says so, resumes on show, and marks the overlapped attempt', async () => {
    setUp();
    const run = startRun();
    await waitFor(() => attemptCalls() === 3, 'the third attempt to be running');
    fake.hide();
    await waitFor(() => exists(run, '#paused'), 'the paused notice');
    expect(text(run, '#paused')).toContain('已暂停');
    // WeChat would refuse anything new: nothing is started while hidden.
    await new Promise((r) => setTimeout(r, 50));
    expect(attemptCalls()).toBe(3);

    fake.show();
    const { report, entry } = await openReport(fake, run);
    expect(exists(run, '#paused')).toBe(false);
    expect(attemptCalls()).toBe(6);

    const attempts = entry!.client.attempts;
    expect(attempts).toHaveLength(6);
    expect(attempts[2]).toMatchObject({ ok: false, errno: 600003, background: true });
    expect(attempts.filter((a) => a.background)).toHaveLength(1);
    expect(entry!.client.background).toHaveLength(1);
    expect(entry!.client.background![0]!.shownAt).toBeGreaterThanOrEqual(
      entry!.client.background![0]!.hiddenAt,
    );
    // The run leaves no app or network listener behind.
    expect(fake.listenerCount).toBe(0);

    // What the user reads on the report, and what the diagnosis makes of it.
    expect(text(report, '#notes')).toContain('1 次尝试与后台时段重叠');
    const top = diagnose(entry!.client, null).verdicts[0]!;
    expect(top.cause).toBe('ok');
    expect(top.evidence.join('\n')).not.toContain('interrupted');
  });

  it('hidden before its first request, the run sends nothing (not even the domain check) until shown', async () => {
    setUp(false);
    const run = startRun();
    fake.hide();
    await settle();
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls).toEqual([]);
    fake.show();
    const { entry } = await openReport(fake, run);
    expect(entry!.client.attempts.filter((a) => a.ok)).toHaveLength(6);
    expect(entry!.client.attempts.some((a) => a.background)).toBe(false);
  });

  it('network changes and weak-network events during the run, and a system proxy, are recorded and shown', async () => {
    const world = scenario((k) => (k === 1 ? { hang: true } : ok));
    fake = createFakeWx(world.respond, {
      deviceInfo: { platform: 'android' },
      networkExtra: { hasSystemProxy: true, signalStrength: -70 },
    });
    vi.stubGlobal('wx', fake.wx);
    saveSettings({ baseUrl: PROBE_BASE });
    saveRunConfig({
      ...DEFAULT_RUN_CONFIG,
      url: 'https://api.example.com/health',
      attempts: 3,
      timeoutMs: 1000,
    });
    const run = startRun();
    await waitFor(() => attemptCalls() === 2, 'the second attempt to be running');
    fake.networkChange({ isConnected: true, networkType: '4g' });
    fake.weakChange({ weakNet: true, networkType: '4g' });
    const { report, entry } = await openReport(fake, run);
    expect(entry!.client.networkEvents).toMatchObject([
      { event: 'status', isConnected: true, networkType: '4g' },
      { event: 'weak', weakNet: true, networkType: '4g' },
    ]);
    expect(entry!.client.env).toMatchObject({ hasSystemProxy: true, signalStrength: -70 });
    const notes = text(report, '#notes');
    expect(notes).toContain('网络切换为 4g');
    expect(notes).toContain('进入弱网');
    expect(notes).toContain('手机开着系统代理');
  });
});
