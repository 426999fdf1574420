import { describe, expect, it } from 'vitest';
import type { ClientAttempt, ClientProfile } from '../observations/client';
import { happenedPhases, profilePhases, representativeAttempt } from './phases';
import { T0, freshProfile, reusedProfile } from './testdata/profiles';

const fresh: ClientProfile = freshProfile();

const durations = (profile: ClientProfile) =>
  Object.fromEntries(profilePhases(profile, 'en').map((p) => [p.id, p.durationMs]));

describe('the phase breakdown of a WeChat profile', () => {
  it('names and times DNS, TCP, TLS, first byte and download from fetchStart', () => {
    expect(profilePhases(fresh, 'zh')).toEqual([
      { id: 'dns', label: 'DNS', startMs: 1, durationMs: 20 },
      { id: 'tcp', label: 'TCP', startMs: 21, durationMs: 24 },
      { id: 'tls', label: 'TLS', startMs: 45, durationMs: 45 },
      { id: 'ttfb', label: '首字节', startMs: 91, durationMs: 59 },
      { id: 'download', label: '下载', startMs: 150, durationMs: 5 },
    ]);
    expect(profilePhases(fresh, 'en').map((p) => p.label)).toEqual([
      'DNS',
      'TCP',
      'TLS',
      'First byte',
      'Download',
    ]);
  });

  it('ends TCP where the handshake starts, even when connectEnd comes after the handshake ends', () => {
    // connectEnd includes SSL (and SOCKS): 3 ms after SSLconnectionEnd is not TCP time (24, not 27)
    expect(durations({ ...fresh, connectEnd: T0 + 93 })).toMatchObject({ tcp: 24, tls: 45 });
  });

  it('without TLS (SSLconnectionStart 0), TCP is the whole connect', () => {
    const plain = { ...fresh, SSLconnectionStart: 0, SSLconnectionEnd: 0 };
    expect(durations(plain)).toMatchObject({ tcp: 69, tls: null });
  });

  it('a cached lookup and a reused connection did not happen: null, never 0 ms', () => {
    const reused = reusedProfile(fresh);
    expect(durations(reused)).toEqual({ dns: null, tcp: null, tls: null, ttfb: 59, download: 5 });
    expect(happenedPhases(reused, 'en').map((p) => p.id)).toEqual(['ttfb', 'download']);
  });

  it('missing, zero or reversed marks (high-performance mode, odd clients) give no phase', () => {
    expect(durations({ fetchStart: T0, requestStart: T0 + 9, responseStart: T0 + 4 })).toEqual({
      dns: null,
      tcp: null,
      tls: null,
      ttfb: null,
      download: null,
    });
    expect(happenedPhases({}, 'zh')).toEqual([]);
  });
});

describe('the attempt a report shows the breakdown of', () => {
  const attempt = (ok: boolean, profile?: ClientProfile): ClientAttempt =>
    ({ ok, durationMs: 100, ...(profile ? { profile } : {}) }) as ClientAttempt;

  it('is the first success with a profile, else the first attempt with one', () => {
    expect(
      representativeAttempt({ attempts: [attempt(false, fresh), attempt(true), attempt(true, fresh)] })
        ?.index,
    ).toBe(2);
    expect(representativeAttempt({ attempts: [attempt(true), attempt(false, fresh)] })?.index).toBe(1);
  });

  it('is none when no attempt has a profile with fetchStart', () => {
    expect(
      representativeAttempt({ attempts: [attempt(true), attempt(false, { fetchStart: 0 })] }),
    ).toBeNull();
  });
});
