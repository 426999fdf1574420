import { afterEach, describe, expect, it, vi } from 'vitest';
import { asWxFailure, corpusLine } from '../test/corpus';
import { createFakeWx, realisticProfile, type Responder } from '../test/fake-wx';
import { LIMITS } from './limits';
import { DEFAULT_RUN_CONFIG, type RunConfig } from './run-config';
import { runAttempts } from './run-attempts';

const config = (patch: Partial<RunConfig> = {}): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  url: 'https://api.example.com/health',
  ...patch,
});

function install(respond: Responder) {
  const fake = createFakeWx(respond);
  vi.stubGlobal('wx', fake.wx);
  return fake;
}

afterEach(() => vi.unstubAllGlobals());

describe('runAttempts', () => {
  it('runs every attempt, one at a time by default, and returns them in order', async () => {
    const reset = asWxFailure(corpusLine((l) => l.kind === 'connection-reset' && l.platform === 'android'));
    const fake = install(({ n }) =>
      n % 3 === 2 ? { fail: reset } : { success: { statusCode: 200, profile: realisticProfile() } },
    );
    const seen: number[] = [];
    const result = await runAttempts(config({ attempts: 7 }), (r) => seen.push(r.index)).done;
    expect(result.cancelled).toBe(false);
    expect(result.attempts.map((a) => a.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(result.attempts.filter((a) => !a.ok).map((a) => a.errMsg)).toEqual([reset.errMsg, reset.errMsg]);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(fake.maxInFlight).toBe(1);
  });

  it('keeps at most `concurrency` attempts in flight', async () => {
    const fake = install(() => ({ success: { statusCode: 204 } }));
    const result = await runAttempts(config({ attempts: 12, concurrency: 4 }), () => undefined).done;
    expect(result.attempts).toHaveLength(12);
    expect(fake.maxInFlight).toBe(4);
  });

  it('never exceeds WeChat’s limit of 10 concurrent requests, whatever is asked', async () => {
    const fake = install(() => ({ success: { statusCode: 200 } }));
    await runAttempts(config({ attempts: 30, concurrency: 50 }), () => undefined).done;
    expect(fake.maxInFlight).toBe(LIMITS.maxConcurrentHttp);
  });

  it('never exceeds the limit of 5 sockets for connectSocket', async () => {
    const fake = install(() => ({ success: {} }));
    await runAttempts(
      config({ api: 'connectSocket', url: 'wss://ws.example.com/', attempts: 12, concurrency: 10 }),
      () => undefined,
    ).done;
    expect(fake.maxInFlight).toBeLessThanOrEqual(LIMITS.maxConcurrentSocket);
    expect(fake.maxInFlight).toBeGreaterThan(1);
  });

  it('cancel stops new attempts, aborts those in flight and keeps only the finished ones', async () => {
    const fake = install(({ n }) => (n < 2 ? { success: { statusCode: 200 } } : { hang: true }));
    const run = runAttempts(config({ attempts: 10, concurrency: 3 }), () => undefined);
    await vi.waitFor(() => expect(fake.calls.length).toBe(5));
    run.cancel();
    const result = await run.done;
    expect(result.cancelled).toBe(true);
    expect(result.attempts.map((a) => a.index)).toEqual([0, 1]);
    expect(fake.calls).toHaveLength(5);
  });
});
