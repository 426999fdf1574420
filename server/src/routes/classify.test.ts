import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { classifyClientError } from '../../../shared/classify/classify';
import { CODE_MEANINGS } from '../../../shared/classify/chromium-net-error-meanings';
import { describeClass } from '../../../shared/classify/describe';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { ERRORS } from '../errors';
import { MAX_CLASSIFY_ITEMS, classifyChars } from './classify';

let app: FastifyInstance;
const config = defineConfig({ logLevel: 'silent', dbPath: ':memory:' });
beforeAll(async () => {
  app = await buildApp(config);
});
afterAll(() => app?.close());

const items = [
  { raw: 'request:fail -101:net::ERR_CONNECTION_RESET', platform: 'android', api: 'request' },
  { raw: 'request:fail url not in domain list', errno: 600002 },
  { raw: 'request:fail 发生了SSL错误，无法建立与该服务器的安全连接。', platform: 'ios' },
  { raw: 'something nobody has seen before' },
];

describe('POST /api/v1/classify', () => {
  it('classifies each raw error like the shared classifier, in order, with meaning and hint', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/classify?lang=en',
      payload: { items },
    });
    expect(response.statusCode).toBe(200);
    const { results } = response.json<{ results: Array<Record<string, unknown>> }>();
    expect(results).toHaveLength(items.length);
    items.forEach((item, i) => {
      const c = classifyClientError(item);
      expect(results[i]).toEqual({ ...c, ...describeClass(c, 'en', CODE_MEANINGS) });
    });
    expect(results[0]).toMatchObject({ phase: 'tcp', kind: 'connection-reset' });
    expect(results[1]).toMatchObject({ phase: 'domain-check', kind: 'not-in-domain-list' });
    expect(results[3]).toMatchObject({ phase: 'unknown', kind: 'unknown' });
  });

  it('answers in Chinese by default', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/classify',
      payload: { items: items.slice(0, 1) },
    });
    const c = classifyClientError(items[0]!);
    expect(response.json().results[0].meaning).toBe(describeClass(c, 'zh', CODE_MEANINGS).meaning);
  });

  it('refuses an empty or oversized batch with the path', async () => {
    const empty = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { items: [] } });
    expect(empty.json().error).toMatchObject({ code: 'invalid-request', path: '/body/items' });
    const many = Array.from({ length: MAX_CLASSIFY_ITEMS + 1 }, () => ({ raw: 'x' }));
    const big = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { items: many } });
    expect(big.json().error).toMatchObject({ code: 'invalid-request', path: '/body/items' });
    const badItem = await app.inject({
      method: 'POST',
      url: '/api/v1/classify',
      payload: { items: [{ raw: 5 }] },
    });
    expect(badItem.json().error).toMatchObject({ code: 'invalid-request', path: '/body/items/0/raw' });
  });

  it('caps the characters one request may classify: 413 classify-too-long naming the limit', async () => {
    const limit = config.classifyMaxChars;
    // 2 MB of the classifier's slowest kind of text: refused before any of it is classified.
    const heavy = Array.from({ length: 480 }, () => ({ raw: 'A'.repeat(4096) }));
    const response = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { items: heavy } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      error: {
        code: 'classify-too-long',
        message: `${ERRORS['classify-too-long'].zh}：每次最多 ${limit} 个字符（这次 ${480 * 4096} 个）`,
        path: '/body/items',
      },
    });
    const en = await app.inject({
      method: 'POST',
      url: '/api/v1/classify?lang=en',
      payload: { items: [{ raw: 'x'.repeat(4000), platform: 'android' }, ...heavy.slice(0, 16)] },
    });
    expect(en.statusCode).toBe(413);
    expect(en.json().error.message).toContain(`at most ${limit} characters per request`);
  });

  it('takes a full batch of real-sized errMsg texts, up to the limit exactly', async () => {
    const real = Array.from({ length: MAX_CLASSIFY_ITEMS }, (_, i) => ({
      raw: `request:fail -101:net::ERR_CONNECTION_RESET #${i}`,
      platform: 'android',
    }));
    expect(classifyChars(real)).toBeLessThan(config.classifyMaxChars);
    const ok = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { items: real } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().results).toHaveLength(MAX_CLASSIFY_ITEMS);

    const exact = [{ raw: 'x'.repeat(4096) }].concat(
      Array.from({ length: config.classifyMaxChars / 4096 - 1 }, () => ({ raw: 'y'.repeat(4096) })),
    );
    expect(classifyChars(exact)).toBe(config.classifyMaxChars);
    const atLimit = await app.inject({ method: 'POST', url: '/api/v1/classify', payload: { items: exact } });
    expect(atLimit.statusCode).toBe(200);
  });
});
