import { afterEach, describe, expect, it, vi } from 'vitest';
import { asWxFailure, corpusLine } from '../test/corpus';
import { createFakeWx, realisticProfile, type WxAnswer } from '../test/fake-wx';
import { startAttempt } from './attempt';
import { LIMITS } from './limits';
import { DEFAULT_RUN_CONFIG, type RunConfig } from './run-config';

const config = (patch: Partial<RunConfig> = {}): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  url: 'https://api.example.com/health',
  ...patch,
});

function install(answer: WxAnswer) {
  const fake = createFakeWx(() => answer);
  vi.stubGlobal('wx', fake.wx);
  return fake;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('one attempt records what WeChat returned, word for word', () => {
  it('keeps a real cronet failure errMsg and errno unchanged', async () => {
    const line = corpusLine((l) => l.kind === 'cert-authority-invalid' && l.errno === 600001);
    const failure = asWxFailure(line);
    install({ fail: failure });
    const record = await startAttempt(config(), 3).done;
    expect(record).toMatchObject({ index: 3, ok: false, errMsg: failure.errMsg, errno: 600001 });
    expect(record!.durationMs).toBeGreaterThanOrEqual(0);
    expect(record!.startedAt).toBeTypeOf('number');
  });

  it('keeps a success with its status, profile and body size (an HTTP 502 is still a success callback)', async () => {
    const profile = realisticProfile(1_700_000_000_000);
    install({ success: { statusCode: 502, data: '网关错误', profile } });
    const record = await startAttempt(config(), 0).done;
    expect(record).toMatchObject({ ok: true, statusCode: 502, errMsg: 'request:ok', responseBytes: 12 });
    expect(record!.profile).toEqual(profile);
  });

  it('passes the network-path options to wx.request only as configured', async () => {
    const fake = install({ success: { statusCode: 200 } });
    await startAttempt(
      config({
        method: 'HEAD',
        timeoutMs: 4000,
        enableHttp2: true,
        enableQuic: true,
        enableHttpDNS: true,
        httpDNSServiceId: 'wxa-1',
      }),
      0,
    ).done;
    expect(fake.calls[0]!.options).toMatchObject({
      url: 'https://api.example.com/health',
      method: 'HEAD',
      timeout: 4000,
      enableHttp2: true,
      enableQuic: true,
      enableCache: false,
      enableHttpDNS: true,
      httpDNSServiceId: 'wxa-1',
    });
    expect(fake.calls[0]!.options).not.toHaveProperty('forceCellularNetwork');
  });

  it('uploads the prepared file with wx.uploadFile', async () => {
    const fake = install({ success: { statusCode: 201, data: 'ok' } });
    const record = await startAttempt(config({ api: 'uploadFile' }), 0, 'wxfile://usr/x.txt').done;
    expect(fake.calls[0]).toMatchObject({
      api: 'uploadFile',
      options: { filePath: 'wxfile://usr/x.txt', name: 'file' },
    });
    expect(record).toMatchObject({ ok: true, statusCode: 201, errMsg: 'uploadFile:ok' });
  });

  it('records a downloadFile failure from the corpus', async () => {
    const line = corpusLine((l) => l.raw.startsWith('downloadFile:fail url not in domain list'));
    install({ fail: asWxFailure(line) });
    const record = await startAttempt(config({ api: 'downloadFile' }), 0).done;
    expect(record).toMatchObject({ ok: false, errMsg: line.raw });
  });

  it('connectSocket: onOpen is a pass, and the socket is closed afterwards', async () => {
    const fake = install({ success: { profile: realisticProfile() } });
    const record = await startAttempt(config({ api: 'connectSocket', url: 'wss://ws.example.com/' }), 0).done;
    expect(record).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(fake.inFlight).toBe(0));
  });

  it('connectSocket: onError keeps the raw socket error text', async () => {
    const line = corpusLine((l) => l.raw.includes('Timer Expired'));
    const failure = asWxFailure(line);
    install({ fail: failure });
    const record = await startAttempt(config({ api: 'connectSocket', url: 'wss://ws.example.com/' }), 0).done;
    expect(record).toMatchObject({ ok: false, errMsg: failure.errMsg });
  });

  it('connectSocket: a refused call (domain list) comes through the fail callback', async () => {
    const line = corpusLine((l) => l.raw.startsWith('createSocketTask:fail'));
    install({ callFail: asWxFailure(line) });
    const record = await startAttempt(config({ api: 'connectSocket', url: 'wss://ws.example.com/' }), 0).done;
    expect(record).toMatchObject({ ok: false, errMsg: line.raw });
  });

  it('an attempt aborted by us is dropped, not recorded as a network failure', async () => {
    install({ hang: true });
    const handle = startAttempt(config(), 0);
    handle.abort();
    expect(await handle.done).toBeNull();
  });

  it('a callback that never comes ends at the watchdog, with no invented errMsg', async () => {
    vi.useFakeTimers();
    install({ hang: true });
    const handle = startAttempt(config({ timeoutMs: 2000 }), 0);
    await vi.advanceTimersByTimeAsync(2000 + LIMITS.watchdogGraceMs + 1);
    const record = await handle.done;
    expect(record).toMatchObject({ ok: false, noCallback: true });
    expect(record).not.toHaveProperty('errMsg');
  });
});
