/**
 * Per-client rate limits: the general one on every route, the stricter one on probe-starting routes.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { clientObservation, okAttempts } from '../testing/client-fixtures';

const url = 'https://api.example.test/';
const upload = { url, client: clientObservation(url, okAttempts(1)), options: { probe: false } };

describe('rate limits', () => {
  it('refuse the request past the general limit with rate-limited, 429 and Retry-After', async () => {
    const app = await buildApp(
      defineConfig({ logLevel: 'silent', dbPath: ':memory:', rateLimitPerMinute: 3 }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/reports/AAAAAAAAAAAAAAAAAAAAAA' });
      statuses.push(response.statusCode);
      if (i === 3) {
        expect(response.json()).toMatchObject({ error: { code: 'rate-limited' } });
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    // Another client (another address) is not affected.
    const other = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/AAAAAAAAAAAAAAAAAAAAAA',
      remoteAddress: '127.0.0.2',
    });
    expect(other.statusCode).toBe(404);
    // Health checks are never limited.
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });

  it('apply the stricter probe limit to probe-starting routes', async () => {
    const app = await buildApp(
      defineConfig({
        logLevel: 'silent',
        dbPath: ':memory:',
        rateLimitPerMinute: 100,
        probeRateLimitPerMinute: 2,
      }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      // An unusable URL is refused after the limiter counted it: no probe runs in this test.
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: { url: 'ftp://x.test/' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([400, 400, 429]);
    await app.close();
  });

  it('charges client-only uploads as ordinary API calls, not against the probe limit', async () => {
    const app = await buildApp(
      defineConfig({ logLevel: 'silent', dbPath: ':memory:', rateLimitPerMinute: 30 }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: upload });
      statuses.push(response.statusCode);
    }
    // 25 > the default probe limit (20): all stored, none refused.
    expect(statuses).toEqual(Array(25).fill(201));
    // They did count as API calls: the general limit still applies to them.
    for (let i = 0; i < 5; i++)
      await app.inject({ method: 'GET', url: '/api/v1/reports/AAAAAAAAAAAAAAAAAAAAAA' });
    const over = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: upload });
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('rate-limited');
    await app.close();
  });

  it('counts probes from every entry point on one counter, and every probe as an API call too', async () => {
    const app = await buildApp(
      defineConfig({
        logLevel: 'silent',
        dbPath: ':memory:',
        rateLimitPerMinute: 100,
        probeRateLimitPerMinute: 3,
      }),
    );
    // Unusable URLs: counted, then refused before any network work.
    const bad = { url: 'ftp://x.test/' };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const answers = [
      await app.inject({ method: 'POST', url: '/api/v1/reports', payload: bad }),
      await app.inject({ method: 'POST', url: '/api/v1/probes', payload: bad }),
      await app.inject({
        method: 'POST',
        url: '/probe',
        headers: form,
        payload: 'url=ftp%3A%2F%2Fx.test%2F',
      }),
      await app.inject({ method: 'POST', url: '/api/v1/probes', payload: bad }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([400, 400, 400, 429]);
    expect(Number(answers[3]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The probe limit is spent, uploads are not affected.
    const stored = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: upload });
    expect(stored.statusCode).toBe(201);
    await app.close();
  });
});
