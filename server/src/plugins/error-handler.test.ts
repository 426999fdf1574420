/**
 * Every failure leaves as a catalogue error, and none takes the process down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { ERRORS } from '../errors';
import { PAGE_CSP } from './security-headers';
import { openSqliteReportStore } from '../store/report-store-sqlite';
import { clientObservation, okAttempts } from '../testing/client-fixtures';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp(defineConfig({ logLevel: 'silent', dbPath: ':memory:', bodyLimitBytes: 4096 }));
  await app.ready();
});
afterAll(() => app?.close());

function expectCatalogueError(response: { statusCode: number; json(): unknown }, code: keyof typeof ERRORS) {
  expect(response.statusCode).toBe(ERRORS[code].status);
  expect(response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
}

describe('error catalogue', () => {
  it('answers malformed JSON with invalid-json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { 'content-type': 'application/json' },
      payload: '{"url": "https://x.test/",',
    });
    expectCatalogueError(response, 'invalid-json');
  });

  it('answers an oversized body with body-too-large', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { url: `https://x.test/${'a'.repeat(5000)}` },
    });
    expectCatalogueError(response, 'body-too-large');
  });

  it('answers a body that is not JSON with unsupported-media-type', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { 'content-type': 'text/plain' },
      payload: 'https://x.test/',
    });
    expectCatalogueError(response, 'unsupported-media-type');
  });

  it('answers an unknown API route with route-not-found as JSON', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/nope',
      headers: { accept: 'text/html' },
    });
    expectCatalogueError(response, 'route-not-found');
    expect(response.json().error.path).toBe('/api/v1/nope');
  });

  it('answers an unknown page with an HTML 404 for browsers', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('route-not-found');
  });

  it('every catalogue entry has a status and both languages', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.zh).not.toBe('');
      expect(entry.en).not.toBe('');
    }
  });
});

/** The headers every response carries, errors included. */
function expectSecurityHeaders(headers: Record<string, unknown>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
}

describe('errors Fastify raises itself', () => {
  it('answers a path with broken percent-encoding in the catalogue shape, with the security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/reports/%E0%A4%A' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json()).toEqual({
      error: { code: 'invalid-path-encoding', message: ERRORS['invalid-path-encoding'].zh },
    });
    expectSecurityHeaders(response.headers);
  });

  it('answers a browser asking for a broken page URL with an error page under the page CSP', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/r/%E0%A4%A?lang=en',
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(response.body).toContain('invalid-path-encoding');
    expect(response.body).toContain(ERRORS['invalid-path-encoding'].en);
    expectSecurityHeaders(response.headers);
  });

  it('answers an over-long path segment with url-too-long (414)', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/reports/${'A'.repeat(200)}` });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toMatchObject({ error: { code: 'url-too-long' } });
    expectSecurityHeaders(response.headers);
  });

  it('gives every kind of error the same headers and shape', async () => {
    const responses = [
      await app.inject({ method: 'GET', url: '/api/v1/nope' }),
      await app.inject({ method: 'GET', url: '/api/v1/reports/..%2F' }),
      await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { 'content-type': 'text/csv' },
        payload: 'a,b',
      }),
      await app.inject({ method: 'DELETE', url: '/healthz' }),
    ];
    for (const response of responses) {
      expect(response.json()).toMatchObject({
        error: { code: expect.any(String), message: expect.any(String) },
      });
      expectSecurityHeaders(response.headers);
    }
  });
});

describe('an internal failure', () => {
  it('is a 500 internal-error, health turns degraded, and the server keeps answering', async () => {
    const store = openSqliteReportStore(':memory:');
    const broken = await buildApp(defineConfig({ logLevel: 'silent' }), { store });
    await broken.ready();
    await store.close(); // the database goes away under the running server
    const url = 'https://x.test/';
    const response = await broken.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: { url, client: clientObservation(url, okAttempts(1)), options: { probe: false } },
    });
    expectCatalogueError(response, 'internal-error');
    expect(response.body).not.toMatch(/database|sqlite|stack/i); // no internals leak to the client
    const health = await broken.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded' });
    const home = await broken.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    await broken.close();
  });
});

describe('errors before a request is complete', () => {
  it('answer a client that never finishes its request with request-timeout, and close', async () => {
    const { connect } = await import('node:net');
    const slow = await buildApp(
      defineConfig({ logLevel: 'silent', dbPath: ':memory:', requestTimeoutMs: 1000 }),
    );
    const address = await slow.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    socket.write(
      'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"url"',
    );
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'request-timeout' },
    });
    await slow.close();
  });

  it('answer a malformed request line with invalid-request', async () => {
    const { connect } = await import('node:net');
    const server = await buildApp(defineConfig({ logLevel: 'silent', dbPath: ':memory:' }));
    const address = await server.listen({ host: '127.0.0.1', port: 0 });
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(address).port) });
    socket.write('NONSENSE\r\n\r\n');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"invalid-request"');
    expect(answer).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
    expect(answer).toMatch(/\r\nreferrer-policy: no-referrer\r\n/i);
    await server.close();
  });
});

describe('a request that arrives while the server closes', () => {
  it('is a catalogue 503 shutting-down with Retry-After and the usual headers, not Fastify’s bare one', async () => {
    const { connect } = await import('node:net');
    const server = await buildApp(defineConfig({ logLevel: 'silent', dbPath: ':memory:' }));
    // Hold the close in preClose (after ours has run) until the test has sent its request.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let closingStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (closingStarted = resolve));
    server.addHook('preClose', async () => {
      closingStarted();
      await held;
    });
    const address = await server.listen({ host: '127.0.0.1', port: 0 });
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(address).port) });
    await new Promise((resolve) => socket.on('connect', resolve));
    const closed = server.close();
    await started;
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n');
    let answer = '';
    await new Promise<void>((resolve) =>
      socket.on('data', (chunk) => {
        answer += chunk.toString();
        if (answer.includes('}}')) resolve();
      }),
    );
    release();
    await closed;
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'shutting-down', message: ERRORS['shutting-down'].en },
    });
  });
});
