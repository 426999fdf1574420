/**
 * Per-client rate limits: the general one on every route, the stricter one on probe-starting routes.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { defineConfig } from '../config';

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
});
