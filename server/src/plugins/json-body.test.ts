/**
 * Accepted documents are JSON only and bounded in depth and size at the edge: before validation,
 * diagnosis or the store's JSON.stringify ever see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { clientObservation, okAttempts } from '../testing/client-fixtures';
import { checkDocumentShape } from '../document-shape';

let app: FastifyInstance;
const config = defineConfig({ logLevel: 'silent', dbPath: ':memory:' });

beforeAll(async () => {
  app = await buildApp(config);
  await app.ready();
});
afterAll(() => app?.close());

const url = 'https://api.example.test/';

/** A client-only upload whose client observation carries `ext` as raw JSON text (built as text:
 * JSON.stringify itself overflows on the documents under test). */
function uploadWithExtension(extJson: string): string {
  const client = JSON.stringify(clientObservation(url, okAttempts(1)));
  return `{"url":${JSON.stringify(url)},"options":{"probe":false},"client":${client.slice(0, -1)},"ext":${extJson}}}`;
}

function nested(levels: number): string {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

function postJson(path: string, payload: string) {
  return app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json' }, payload });
}

describe('nesting depth', () => {
  it('refuses 5,000 levels in an extension field with 400 json-too-deep and the path, and keeps serving', async () => {
    const response = await postJson('/api/v1/reports', uploadWithExtension(nested(5000)));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('json-too-deep');
    expect(error.message).toContain(`最多 ${config.maxJsonDepth} 层`);
    // The first container past the limit: body(1) → client(2) → ext(3) → a … a.
    const segments = error.path.split('/').slice(1);
    expect(segments.slice(0, 3)).toEqual(['body', 'client', 'ext']);
    expect(segments.length).toBe(config.maxJsonDepth + 1);

    const ok = await postJson('/api/v1/reports', uploadWithExtension(nested(10)));
    expect(ok.statusCode, ok.body).toBe(201);
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json().status).toBe('ok');
  });

  it('applies to every JSON route, classify included, and answers in English on request', async () => {
    const payload = `{"items":[{"raw":"x","deep":${nested(100)}}]}`;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/classify',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'json-too-deep',
      message: `The JSON document is nested more deeply than allowed: at most ${config.maxJsonDepth} levels`,
    });
    expect(response.json().error.path).toMatch(/^\/body\/items\/0\/deep\/a\/a/);
  });
});

describe('value count', () => {
  it('refuses a document with more values than allowed, naming the first one past the limit', async () => {
    const many = `[${'0,'.repeat(config.maxJsonNodes)}0]`;
    const response = await postJson('/api/v1/reports', uploadWithExtension(many));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('json-too-many-values');
    expect(error.path).toMatch(/^\/body\/client\/ext\/\d+$/);
    expect(error.message).toContain(String(config.maxJsonNodes));
  });
});

describe('body types', () => {
  it('answers a urlencoded body on the JSON API with 415, and the form route still takes it', async () => {
    for (const path of ['/api/v1/reports', '/api/v1/probes', '/api/v1/classify']) {
      const response = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'url=https%3A%2F%2Fapi.example.test%2F&options=x',
      });
      expect(response.statusCode, path).toBe(415);
      expect(response.json().error.code).toBe('unsupported-media-type');
    }
    const form = await app.inject({
      method: 'POST',
      url: '/probe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'url=ftp%3A%2F%2Fx.test%2F',
    });
    expect(form.statusCode).toBe(400); // parsed, then refused for its URL: not a 415
    expect(form.body).toContain('invalid-url');
  });

  it('still refuses prototype poisoning like Fastify’s own parser', async () => {
    const response = await postJson('/api/v1/classify', '{"items":[{"raw":"x"}],"__proto__":{"x":1}}');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid-json');
  });
});

describe('checkDocumentShape', () => {
  it('walks without recursion: a million levels neither overflow nor pass', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(checkDocumentShape(deep, { maxDepth: 32, maxNodes: 10 ** 7 })).toEqual({
      limit: 'depth',
      path: '/0'.repeat(32),
    });
  });

  it('counts every value, the document included, and accepts exactly the limits', () => {
    expect(checkDocumentShape({ a: [1, 2] }, { maxDepth: 2, maxNodes: 4 })).toBeNull();
    expect(checkDocumentShape({ a: [1, 2] }, { maxDepth: 1, maxNodes: 4 })).toEqual({
      limit: 'depth',
      path: '/a',
    });
    expect(checkDocumentShape({ a: [1, 2] }, { maxDepth: 2, maxNodes: 3 })).toEqual({
      limit: 'nodes',
      path: '/a/1',
    });
    expect(checkDocumentShape('text', { maxDepth: 0, maxNodes: 1 })).toBeNull();
  });

  it('names the first offender in document order, with RFC 6901 escapes', () => {
    const doc = { ok: { x: 1 }, 'a/b~c': { deep: { deeper: {} } }, later: { deep: { deeper: {} } } };
    expect(checkDocumentShape(doc, { maxDepth: 3, maxNodes: 100 }, '/body')).toEqual({
      limit: 'depth',
      path: '/body/a~1b~0c/deep/deeper',
    });
  });
});
