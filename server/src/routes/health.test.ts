import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { RULES_VERSION } from '../../../shared/diagnose/diagnose';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { ERROR_CODES } from '../errors';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp(defineConfig({ logLevel: 'silent', dbPath: ':memory:', maxProbes: 3 }));
});
afterAll(() => app?.close());

describe('GET /healthz', () => {
  it('reports ok, the rules version and the probe slots', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      rulesVersion: RULES_VERSION,
      probes: { running: 0, max: 3 },
    });
  });
});

describe('OpenAPI at /docs', () => {
  it('serves Swagger UI from this server, with no third-party origin', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https:|upgrade-insecure-requests|validator\.swagger\.io/);
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.[a-z]{2,}\/[^"']*\.(js|css)/i);
    const asset = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
  });

  it('documents every API route with its statuses and the shared observation schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/v1/reports',
      '/api/v1/reports/{id}',
      '/api/v1/reports/{id}/events',
      '/api/v1/probes',
      '/api/v1/probes/{id}',
      '/api/v1/classify',
      '/healthz',
    ]) {
      expect(paths).toContain(path);
    }
    expect(paths).not.toContain('/r/{id}'); // pages are not API
    const post = doc.paths['/api/v1/reports'].post;
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '413', '415', '429', '503']),
    );
    const text = JSON.stringify(doc);
    expect(text).toContain('wxprobe.client/1');
    expect(text).toContain('icp-filing-block');
    for (const code of ['probes-busy', 'rate-limited', 'invalid-request'])
      expect(ERROR_CODES).toContain(code);
  });
});
