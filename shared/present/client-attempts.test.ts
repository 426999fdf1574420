import { describe, expect, it } from 'vitest';
import { loadScenario } from '../diagnose/testdata/load-scenario';
import type { ClientAttempt, ClientObservation } from '../observations/client';
import { clientViewModel } from './client-attempts';

/** A real phone run (Android, Cronet resets) with its attempts replaced by `attempts`. */
function androidRun(attempts: ClientAttempt[]): ClientObservation {
  const { client } = loadScenario('icp-client-only-reset');
  if (!client) throw new Error('scenario has no client.json');
  return { ...client, attempts };
}

const reset = (startedAt: number): ClientAttempt => ({
  ok: false,
  errMsg: 'request:fail errcode:-101 cronet_error_code:-101 error_msg:net::ERR_CONNECTION_RESET',
  errno: 600001,
  durationMs: 50,
  startedAt,
});
const certAuthority = (startedAt: number): ClientAttempt => ({
  ok: false,
  errMsg: 'request:fail errcode:-202 cronet_error_code:-202 error_msg:net::ERR_CERT_AUTHORITY_INVALID',
  errno: 600001,
  durationMs: 80,
  startedAt,
});
const answered = (statusCode: number, startedAt: number): ClientAttempt => ({
  ok: true,
  statusCode,
  durationMs: 120,
  startedAt,
});

describe("the phone's attempts as the server presents them", () => {
  it('gives each failed attempt its class and code, and none to a success', () => {
    const view = clientViewModel(androidRun([reset(1), answered(200, 2), certAuthority(3)]), 'en');
    expect(view.attempts[1]).toBeNull();
    expect(view.attempts[0]).toMatchObject({
      classLabel: 'tcp / connection-reset',
      codeLabel: '-101 ERR_CONNECTION_RESET',
    });
    expect(view.attempts[2]?.classLabel).toBe('tls / cert-authority-invalid');
    expect(view.attempts[2]?.codeLabel).toBe('-202 ERR_CERT_AUTHORITY_INVALID');
  });

  it('calls an answered request with an error status an HTTP status, not a network failure', () => {
    const view = clientViewModel(androidRun([answered(502, 1)]), 'en');
    expect(view.attempts[0]?.classLabel).toBe('http / http-status');
  });

  it('tallies the classes, the most frequent first, each with its meaning', () => {
    const view = clientViewModel(androidRun([certAuthority(1), reset(2), reset(3), reset(4)]), 'en');
    expect(view.classes.map((c) => [c.label, c.count])).toEqual([
      ['tcp / connection-reset', 3],
      [view.attempts[0]!.classLabel, 1],
    ]);
    expect(view.classes[0]?.meaning).toBe(view.attempts[1]?.meaning);
  });

  it('explains in the reader’s language, the raw words kept apart', () => {
    const doc = androidRun([reset(1)]);
    const zh = clientViewModel(doc, 'zh').attempts[0]!;
    const en = clientViewModel(doc, 'en').attempts[0]!;
    expect(zh.classLabel).toBe(en.classLabel);
    expect(zh.meaning).not.toBe(en.meaning);
    expect(zh.meaning).toMatch(/[\u4e00-\u9fff]/);
    expect(en.meaning).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads the domain check from the run: devtools with the check off hides TLS and certificate errors', () => {
    const { client } = loadScenario('domain-check-bypassed-devtools');
    const view = clientViewModel(client!, 'zh');
    expect(view.domainCheck).toBe('off');
    expect(view.tlsChecksHidden).toBe(true);
    expect(clientViewModel(androidRun([reset(1)]), 'zh')).toMatchObject({
      domainCheck: 'on',
      tlsChecksHidden: false,
    });
  });
});
