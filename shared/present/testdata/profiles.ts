/**
 * Test helper, for tests only: a fresh HTTPS request's `profile` as WeChat reports it (absolute ms,
 * connectEnd = SSLconnectionEnd), for the phase tests of every medium.
 */
import type { ClientProfile } from '../../observations/client';

export const T0 = 1_700_000_000_000;

export function freshProfile(overrides: Partial<ClientProfile> = {}): ClientProfile {
  return {
    fetchStart: T0,
    domainLookUpStart: T0 + 1,
    domainLookUpEnd: T0 + 21,
    connectStart: T0 + 21,
    SSLconnectionStart: T0 + 45,
    SSLconnectionEnd: T0 + 90,
    connectEnd: T0 + 90,
    requestStart: T0 + 91,
    responseStart: T0 + 150,
    responseEnd: T0 + 155,
    ...overrides,
  };
}

/** A kept-alive connection: WeChat sets the DNS and connect marks to fetchStart, the TLS ones to 0. */
export function reusedProfile(base: ClientProfile = freshProfile()): ClientProfile {
  return {
    ...base,
    domainLookUpStart: base.fetchStart,
    domainLookUpEnd: base.fetchStart,
    connectStart: base.fetchStart,
    connectEnd: base.fetchStart,
    SSLconnectionStart: 0,
    SSLconnectionEnd: 0,
    socketReused: true,
  };
}
