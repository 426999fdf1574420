/**
 * The phone's own context in the diagnosis: attempts that overlapped the background never count,
 * a failing control URL says "this phone's network", a system proxy explains TLS/certificate errors.
 */
import { describe, expect, it } from 'vitest';
import type { ClientAttempt, ClientObservation } from '../observations/client';
import { diagnose } from './diagnose';

const RESET = { ok: false, errMsg: 'request:fail -101:net::ERR_CONNECTION_RESET', durationMs: 40 };
const CERT = {
  ok: false,
  errno: 600001,
  errMsg: 'request:fail errcode:-202 cronet_error_code:-202 error_msg:net::ERR_CERT_AUTHORITY_INVALID',
  durationMs: 60,
};
const OK = { ok: true, statusCode: 200, errMsg: 'request:ok', durationMs: 50 };

function doc(attempts: ClientAttempt[], env: Partial<ClientObservation['env']> = {}): ClientObservation {
  return {
    schema: 'wxprobe.client/1',
    url: 'https://api.example.com/health',
    api: 'request',
    env: {
      platform: 'android',
      SDKVersion: '3.6.0',
      version: '8.0.50',
      networkType: 'wifi',
      envVersion: 'release',
      enableDebug: false,
      domainCheck: 'on',
      ...env,
    },
    attempts,
  };
}

const top = (d: ClientObservation) => diagnose(d, null).verdicts[0]!;

describe('the phone’s context in the diagnosis', () => {
  it('an interrupted attempt that overlapped the background is not counted against the server', () => {
    const interrupted = {
      ok: false,
      errMsg: 'request:fail interrupted',
      errno: 600003,
      durationMs: 5000,
      background: true,
    };
    expect(top(doc([OK, OK, interrupted, OK])).cause).toBe('ok');
    // Without the mark the same attempt would count.
    expect(top(doc([OK, OK, { ...interrupted, background: false }, OK])).cause).not.toBe('ok');
  });

  it('control URL failing too → the phone’s network, with the control attempts as evidence', () => {
    const control = (a: ClientAttempt): ClientAttempt => ({ ...a, target: 'control' });
    const verdict = top(doc([RESET, control(RESET), RESET, control(RESET)]));
    expect(verdict.cause).toBe('client-network');
    expect(verdict.title.zh).toContain('对照地址也失败');
    expect(verdict.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'client-control',
        pointer: '/client/attempts',
        facts: expect.objectContaining({ attempts: [1, 3], kind: 'connection-reset' }),
      }),
    );
  });

  it('control URL passing: the control attempts are not the target’s passes', () => {
    const control = (a: ClientAttempt): ClientAttempt => ({ ...a, target: 'control' });
    const verdict = top(doc([RESET, control(OK), RESET, control(OK)]));
    expect(verdict.cause).not.toBe('ok');
    expect(verdict.cause).not.toBe('intermittent');
  });

  it('a system proxy with certificate errors → the proxy is named', () => {
    const verdicts = diagnose(doc([CERT, CERT, CERT], { hasSystemProxy: true }), null).verdicts;
    const proxy = verdicts.find((v) => v.title.zh.includes('系统代理'));
    expect(proxy?.cause).toBe('client-network');
    expect(proxy?.evidence).toContainEqual({
      kind: 'client-system-proxy',
      pointer: '/client/env/hasSystemProxy',
      facts: { hasSystemProxy: true },
    });
    // Without the proxy flag no such verdict.
    expect(
      diagnose(doc([CERT, CERT, CERT]), null).verdicts.some((v) => v.title.zh.includes('系统代理')),
    ).toBe(false);
  });

  it('failures around a network switch or weak network → put down to the phone’s network', () => {
    const at = 1_700_000_000_000;
    const timed = (a: ClientAttempt, startedAt: number): ClientAttempt => ({ ...a, startedAt });
    const d = {
      ...doc([timed(OK, at), timed(RESET, at + 1000), timed(OK, at + 20_000), timed(RESET, at + 30_000)]),
      networkEvents: [
        { at: at + 1020, event: 'status' as const, isConnected: true, networkType: '4g' },
        { at: at + 30_010, event: 'weak' as const, weakNet: true, networkType: '4g' },
      ],
    };
    const verdict = diagnose(d, null).verdicts.find((v) => v.title.zh.includes('网络切换或弱网'));
    expect(verdict?.cause).toBe('client-network');
    expect(verdict?.evidence).toContainEqual({
      kind: 'client-network-events',
      pointer: '/client/networkEvents',
      facts: {
        events: [
          { event: 'status', networkType: '4g', isConnected: true, weakNet: null },
          { event: 'weak', networkType: '4g', isConnected: null, weakNet: true },
        ],
      },
    });
    // Far from any event: no such verdict.
    const far = { ...d, networkEvents: [{ at: at + 60_000, event: 'status' as const, networkType: 'wifi' }] };
    expect(diagnose(far, null).verdicts.some((v) => v.title.zh.includes('网络切换或弱网'))).toBe(false);
  });
});
