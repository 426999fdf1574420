/**
 * The developer's own request and more of its answer: method, headers (Referer dropped — WeChat
 * refuses it), body, dataType, responseType and manual redirects go to wx.request as set; the
 * response headers, the cookies' names (never values) and the first 2 KB of the body come back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeWx, type WxAnswer } from '../test/fake-wx';
import { ANSWER_LIMITS } from './answer';
import { startAttempt } from './attempt';
import { DEFAULT_RUN_CONFIG, normalizeRunConfig, type RunConfig } from './run-config';

const config = (patch: Partial<RunConfig> = {}): RunConfig => ({
  ...DEFAULT_RUN_CONFIG,
  url: 'https://api.example.com/login',
  ...patch,
});

function install(answer: WxAnswer) {
  const fake = createFakeWx(() => answer);
  vi.stubGlobal('wx', fake.wx);
  return fake;
}
afterEach(() => vi.unstubAllGlobals());

describe('the user’s own request', () => {
  it('goes to wx.request with its method, headers, body, dataType and responseType', async () => {
    const fake = install({ success: { statusCode: 200, data: '{}' } });
    const own = normalizeRunConfig({
      ...config(),
      method: 'POST',
      header: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer t',
        Referer: 'https://x.example/',
      },
      body: '{"user":"a"}',
      dataType: 'json',
      responseType: 'arraybuffer',
    });
    await startAttempt(own, 0).done;
    const sent = fake.calls[0]!.options;
    expect(sent).toMatchObject({
      method: 'POST',
      header: { 'Content-Type': 'application/json', Authorization: 'Bearer t' },
      data: '{"user":"a"}',
      dataType: 'json',
      responseType: 'arraybuffer',
    });
    expect(sent.header).not.toHaveProperty('Referer');
    expect(sent).not.toHaveProperty('redirect');
  });

  it('keeps response headers, cookie names only, and the first 2 KB of the body', async () => {
    const page = `<html><title>Non-compliance ICP Filing</title>${'x'.repeat(3000)}</html>`;
    install({
      success: {
        statusCode: 403,
        data: page,
        header: { Server: 'Beaver', 'Set-Cookie': 'acw_tc=secret; Path=/' },
        cookies: ['acw_tc=secret; Path=/', 'sid=also-secret; HttpOnly'],
      },
    });
    const record = (await startAttempt(config(), 0).done)!;
    expect(record.header).toMatchObject({ Server: 'Beaver' });
    expect(record.cookieNames).toEqual(['acw_tc', 'sid']);
    expect(JSON.stringify(record.cookieNames)).not.toContain('secret');
    expect(record.bodyHead).toBe(page.slice(0, ANSWER_LIMITS.bodyHeadChars));
    expect(record.bodyTruncated).toBe(true);
  });

  it('redirect: manual records each 3xx with its Location (onHeadersReceived and the answer)', async () => {
    const fake = install({
      success: {
        statusCode: 302,
        header: { location: 'https://webblock.example/' },
        headersReceived: [{ statusCode: 302, header: { Location: 'https://webblock.example/' } }],
      },
    });
    const record = (await startAttempt(config({ redirect: 'manual' }), 0).done)!;
    expect(fake.calls[0]!.options.redirect).toBe('manual');
    expect(record.redirects).toEqual([{ statusCode: 302, location: 'https://webblock.example/' }]);
  });
});
