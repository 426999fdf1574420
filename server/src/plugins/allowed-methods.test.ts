/**
 * A known path with a method it does not serve is 405 with Allow, whatever the body; an unknown path
 * stays 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { ERRORS } from '../errors';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp(defineConfig({ logLevel: 'silent', dbPath: ':memory:' }));
  await app.ready();
});
afterAll(() => app?.close());

const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('405 method-not-allowed', () => {
  it('answers PUT on a report with 405, Allow: GET, HEAD, whatever the body', async () => {
    const bodies = [
      {},
      { headers: { 'content-type': 'application/json' }, payload: '{"url":"https://x.test/"}' },
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' },
      { headers: { 'content-type': 'application/json' }, payload: '{broken' },
    ];
    for (const body of bodies) {
      const response = await app.inject({ method: 'PUT', url: `/api/v1/reports/${ID}`, ...body });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(response.json()).toEqual({
        error: { code: 'method-not-allowed', message: `${ERRORS['method-not-allowed'].zh}：GET, HEAD` },
      });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('names the methods each path serves', async () => {
    const cases: Array<[string, string, string]> = [
      ['GET', '/api/v1/reports', 'POST'],
      ['DELETE', `/api/v1/reports/${ID}/events`, 'GET, HEAD'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['PATCH', '/api/v1/classify', 'POST'],
      ['OPTIONS', '/api/v1/probes', 'POST'],
      ['GET', '/probe', 'POST'],
      ['PUT', '/docs/', 'GET, HEAD'],
    ];
    for (const [method, url, allow] of cases) {
      const response = await app.inject({ method: method as 'GET', url });
      expect(response.statusCode, `${method} ${url}`).toBe(405);
      expect(response.headers.allow, `${method} ${url}`).toBe(allow);
    }
  });

  it('answers a page path with an HTML 405 page', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/r/${ID}?lang=en` });
    expect(response.statusCode).toBe(405);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.body).toContain('method-not-allowed');
    expect(response.body).toContain(ERRORS['method-not-allowed'].en);
  });

  it('leaves the served methods alone and unknown paths at 404', async () => {
    expect((await app.inject({ method: 'HEAD', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/v1/reports/${ID}` })).statusCode).toBe(404);
    const unknown = await app.inject({ method: 'PUT', url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('route-not-found');
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/v1/reports/{id}'].put).toBeUndefined(); // not in the API document
  });
});
