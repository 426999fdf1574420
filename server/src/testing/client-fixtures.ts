/** Client observations (`wxprobe.client/1`) as the mini-program sends them, for tests. */
import type { ClientObservation } from '../../../shared/observations/client';

export function clientObservation(
  url: string,
  attempts: ClientObservation['attempts'],
  env: Partial<ClientObservation['env']> = {},
): ClientObservation {
  return {
    schema: 'wxprobe.client/1',
    url,
    api: 'request',
    env: {
      platform: 'android',
      SDKVersion: '3.5.8',
      version: '8.0.50',
      networkType: 'wifi',
      envVersion: 'release',
      enableDebug: false,
      domainCheck: 'on',
      system: 'Android 14',
      model: 'Pixel 8',
      brand: 'google',
      ...env,
    },
    startedAt: '2025-01-01T00:00:00.000Z',
    attempts,
  };
}

/** Ten resets after the TCP connect, as an unfiled domain behind the ICP filter shows on Android. */
export function resetAttempts(n = 10): ClientObservation['attempts'] {
  return Array.from({ length: n }, () => ({
    ok: false,
    errMsg: 'request:fail -101:net::ERR_CONNECTION_RESET',
    errno: 1,
    durationMs: 120,
  }));
}

export function okAttempts(n = 3): ClientObservation['attempts'] {
  const base = 1_735_689_600_000;
  return Array.from({ length: n }, () => ({
    ok: true,
    statusCode: 200,
    durationMs: 180,
    profile: {
      fetchStart: base,
      domainLookUpStart: base + 1,
      domainLookUpEnd: base + 21,
      connectStart: base + 21,
      SSLconnectionStart: base + 60,
      SSLconnectionEnd: base + 120,
      connectEnd: base + 120,
      requestStart: base + 121,
      responseStart: base + 170,
      responseEnd: base + 180,
      peerIP: '127.0.0.1',
      protocol: 'http/1.1',
    },
  }));
}
