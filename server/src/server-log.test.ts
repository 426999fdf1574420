/**
 * What the server writes to its log at each level: the lines are read back from the real pino
 * logger the app builds, through the destination buildApp accepts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { defineConfig, type ServerConfig } from './config';
import { openSqliteReportStore } from './store/report-store-sqlite';
import { clientObservation, okAttempts } from './testing/client-fixtures';

type Line = { level: number; msg?: string; reqId?: string; err?: { message?: string } };

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** An app at `level` over a store that can be closed under it, and the lines it has logged. */
async function appAt(level: ServerConfig['logLevel']) {
  const raw: string[] = [];
  const store = openSqliteReportStore(':memory:');
  const app = await buildApp(defineConfig({ logLevel: level }), {
    store,
    logDestination: { write: (text: string) => void raw.push(text) },
  });
  apps.push(app);
  await app.ready();
  const lines = () =>
    raw
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Line);
  return { app, store, lines, raw: () => raw.join('') };
}

const upload = (app: FastifyInstance) => {
  const url = 'https://x.test/';
  return app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: { url, client: clientObservation(url, okAttempts(1)), options: { probe: false } },
  });
};

describe('at warn (and above)', () => {
  it('writes nothing for requests that succeed', async () => {
    const { app, lines } = await appAt('warn');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await upload(app)).statusCode).toBe(201);
    expect(lines()).toEqual([]);
  });

  it('logs a request that fails inside the server once, with its request id and the error', async () => {
    const { app, store, lines } = await appAt('warn');
    await store.close(); // the database goes away under the running server
    expect((await upload(app)).statusCode).toBe(500);
    const logged = lines();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, msg: 'request failed', reqId: expect.stringMatching(/\S/) });
    expect(logged[0]!.err?.message).toMatch(/\S/);
  });

  it('keeps the server log itself (background failures are logged through app.log)', async () => {
    const { app, lines } = await appAt('warn');
    app.log.error({ job: 'j1' }, 'probe job failed');
    app.log.info('not at this level');
    expect(lines()).toEqual([expect.objectContaining({ level: 50, msg: 'probe job failed' })]);
  });
});

describe('at info (the default)', () => {
  it('logs every request in and out under one request id, and its failure under the same id', async () => {
    const { app, store, lines } = await appAt('info');
    await store.close();
    expect((await upload(app)).statusCode).toBe(500);
    const logged = lines().filter((line) => line.reqId !== undefined);
    const messages = logged.map((line) => line.msg);
    expect(messages).toEqual(['incoming request', 'request failed', 'request completed']);
    expect(new Set(logged.map((line) => line.reqId)).size).toBe(1);
  });

  it('never writes an agent token', async () => {
    const { app, raw } = await appAt('info');
    const token = 'wxp-secret-token-that-must-not-be-logged';
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/agent/jobs/next?waitSeconds=0',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(401);
    expect(raw()).toContain('incoming request');
    expect(raw()).not.toContain(token);
  });
});
