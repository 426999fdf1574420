import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { DEFAULT_RUN_CONFIG, normalizeRunConfig } from './run-config';

describe('normalizeRunConfig', () => {
  it('defaults to 10 sequential wx.request GET attempts', () => {
    expect(normalizeRunConfig(undefined)).toEqual(DEFAULT_RUN_CONFIG);
    expect(DEFAULT_RUN_CONFIG).toMatchObject({ api: 'request', method: 'GET', attempts: 10, concurrency: 1 });
  });

  it('clamps numbers to WeChat’s limits', () => {
    expect(normalizeRunConfig({ attempts: 0, concurrency: 99, timeoutMs: 10 ** 9 })).toMatchObject({
      attempts: 1,
      concurrency: LIMITS.maxConcurrentHttp,
      timeoutMs: LIMITS.maxTimeoutMs,
    });
    expect(normalizeRunConfig({ api: 'connectSocket', concurrency: 9 }).concurrency).toBe(
      LIMITS.maxConcurrentSocket,
    );
    expect(normalizeRunConfig({ attempts: '12' }).attempts).toBe(12);
    expect(normalizeRunConfig({ attempts: 'many' }).attempts).toBe(LIMITS.defaultAttempts);
  });

  it('refuses unknown APIs and methods', () => {
    expect(normalizeRunConfig({ api: 'fetch', method: 'BREW' })).toMatchObject({
      api: 'request',
      method: 'GET',
    });
  });
});
