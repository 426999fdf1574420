/**
 * The web pages, rendered by the server from real reports of the lab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/observations/report';
import { buildApp } from '../app';
import { defineConfig } from '../config';
import { PAGE_CSP } from '../plugins/security-headers';
import { clientObservation, okAttempts, resetAttempts } from '../testing/client-fixtures';
import { startLabApp } from '../testing/lab-app';
import { withScheme } from './web';

let env: Awaited<ReturnType<typeof startLabApp>>;

beforeAll(async () => {
  env = await startLabApp({ lab: { cases: ['ok', 'icp-block'], leakProbability: 0 } });
});
afterAll(() => env?.close());

/** Markup the CSP would block: inline scripts, inline styles, event handler attributes. */
function expectCspClean(html: string) {
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(html).not.toMatch(/\sstyle="/i);
  expect(html).not.toMatch(/\son[a-z]+="/i);
  expect(html).not.toMatch(/<(link|script)[^>]+(src|href)="https?:/i); // nothing from another origin
}

async function createReport(payload: object): Promise<Report & { id: string }> {
  const response = await env.app.inject({ method: 'POST', url: '/api/v1/reports', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('home page', () => {
  it('is Chinese by default, English by ?lang=en or Accept-Language, with the security headers', async () => {
    const zh = await env.app.inject({ method: 'GET', url: '/' });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(zh.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(zh.headers['x-content-type-options']).toBe('nosniff');
    expect(zh.headers['referrer-policy']).toBe('no-referrer');
    expect(zh.headers['x-frame-options']).toBe('DENY');
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('开始探测');
    expect(zh.body).toContain('<meta name="viewport"');
    expectCspClean(zh.body);

    const en = await env.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(en.body).toContain('<html lang="en">');
    const accept = await env.app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(accept.body).toContain('<html lang="en">');
  });

  it('serves its script and stylesheet itself', async () => {
    const js = await env.app.inject({ method: 'GET', url: '/static/wxprobe.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('new EventSource(job.eventsUrl)');
    const css = await env.app.inject({ method: 'GET', url: '/static/wxprobe.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('.views');
  });
});

describe('the form without JavaScript', () => {
  it('probes, stores and redirects to the report page', async () => {
    const ok = env.lab.byCase('ok');
    const hostAndPath = ok.url.replace(/^https:\/\//, '');
    const response = await env.app.inject({
      method: 'POST',
      url: '/probe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ url: hostAndPath, attempts: '2', lang: 'en' }).toString(),
    });
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toMatch(/^\/r\/[A-Za-z0-9_-]{22}\?lang=en$/);
    const page = await env.app.inject({ method: 'GET', url: location });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/data-cause="ok"\s+data-rank="1"/);
  });

  it('a pasted phone view (the mini-program’s exported JSON) is diagnosed with the fresh probe', async () => {
    const ok = env.lab.byCase('ok');
    const client = clientObservation(ok.url, okAttempts(3));
    const response = await env.app.inject({
      method: 'POST',
      url: '/probe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ url: ok.url, attempts: '2', client: JSON.stringify(client) }).toString(),
    });
    expect(response.statusCode, response.body).toBe(303);
    const id = /^\/r\/([A-Za-z0-9_-]{22})/.exec(response.headers.location as string)![1]!;
    const stored = (await env.app.inject({ method: 'GET', url: `/api/v1/reports/${id}` })).json();
    expect(stored.client.attempts).toHaveLength(3);
    expect(stored.probe.url).toBe(ok.url);
  });

  it('a pasted phone view of another host, or not a phone view at all, is refused', async () => {
    const ok = env.lab.byCase('ok');
    for (const client of [
      JSON.stringify(clientObservation('https://other.example.com/', okAttempts(1))),
      '{"schema": "wxprobe.client/1"}',
      'not json',
    ]) {
      const response = await env.app.inject({
        method: 'POST',
        url: '/probe',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ url: ok.url, client }).toString(),
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('the phone view');
    }
  });

  it('answers a bad form with an HTML error page', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/probe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'url=ftp%3A%2F%2Fx.test%2F',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('invalid-url');
  });

  it('carries the form’s language to the report only when the report would not pick it by itself', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/probe',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en-GB' },
      payload: new URLSearchParams({ url: env.lab.byCase('ok').url, attempts: '1', lang: 'en' }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/r\/[A-Za-z0-9_-]{22}$/);
  });

  it('adds https:// to a bare host and keeps explicit schemes', () => {
    expect(withScheme(' api.example.com/x ')).toBe('https://api.example.com/x');
    expect(withScheme('http://a.test/')).toBe('http://a.test/');
  });
});

describe('report page', () => {
  it('shows verdicts first, then the phone and server views with their charts, and the raw JSON', async () => {
    const icp = env.lab.byCase('icp-block');
    const report = await createReport({
      url: icp.url,
      client: clientObservation(icp.url, resetAttempts(5)),
      options: { attempts: 5 },
    });
    const page = await env.app.inject({ method: 'GET', url: `/r/${report.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.headers['cache-control']).toBe('private, no-cache');
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    const html = page.body;
    expectCspClean(html);
    const order = ['id="verdicts"', 'id="phone-view"', 'id="server-view"', 'id="raw-json"'].map((m) =>
      html.indexOf(m),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toMatch(new RegExp(`data-cause="${icp.expectedCause}"\\s+data-rank="1"`));
    expect(html).toContain(report.diagnosis.verdicts[0]!.title.zh);
    expect(html).toContain('手机视角');
    expect(html).toContain('服务器视角');
    expect(html).toContain('request:fail -101:net::ERR_CONNECTION_RESET');
    expect(html).toContain('tcp / connection-reset'); // each attempt's class, as the phone shows it
    expect(html.match(/<svg class="waterfall"/g)).toHaveLength(2); // one per view
    expect(html).toContain('<svg class="ratio-bars"');
    expect(html).toContain(`/api/v1/reports/${report.id}?download=1`);
  });

  it('renders the phone waterfall from the WeChat profile', async () => {
    const url = 'https://ok.example.test/';
    const report = await createReport({
      url,
      client: clientObservation(url, okAttempts(2)),
      options: { probe: false },
    });
    const html = (await env.app.inject({ method: 'GET', url: `/r/${report.id}?lang=en` })).body;
    expect(html).toContain('Phone view');
    expect(html).toContain('This report has no server view');
    const phone = html.slice(html.indexOf('id="phone-view"'), html.indexOf('id="server-view"'));
    expect(phone.match(/class="wf-bar wf-ok"/g)).toHaveLength(5); // DNS, TCP, TLS, first byte, download
  });

  it('escapes everything that came from the observations', async () => {
    const url = 'https://x.test/"><script>alert(1)</script>';
    const client = clientObservation(url, [
      { ok: false, durationMs: 1, errMsg: '<img src=x onerror=alert(1)>' },
    ]);
    const report = await createReport({ url, client, options: { probe: false } });
    const html = (await env.app.inject({ method: 'GET', url: `/r/${report.id}` })).body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expectCspClean(html);
  });

  it('is an HTML 404 for an unknown or malformed id', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope']) {
      const page = await env.app.inject({ method: 'GET', url: `/r/${id}?lang=en` });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('No such report');
    }
  });
});

describe('share link', () => {
  const url = 'https://share.example.test/';
  const upload = { url, client: clientObservation(url, okAttempts(1)), options: { probe: false } };

  it('is relative without WXPROBE_PUBLIC_URL: a Host header never picks where it points', async () => {
    const report = await createReport(upload);
    const page = await env.app.inject({
      method: 'GET',
      url: `/r/${report.id}`,
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<a class="share-link" href="/r/${report.id}">/r/${report.id}</a>`);
    expect(page.body).not.toContain('evil.example');
  });

  it('uses the configured public URL when there is one', async () => {
    const app = await buildApp(
      defineConfig({ logLevel: 'silent', dbPath: ':memory:', publicUrl: 'https://wxprobe.example.com' }),
    );
    const created = await app.inject({ method: 'POST', url: '/api/v1/reports', payload: upload });
    const id = created.json<Report>().id!;
    const page = await app.inject({ method: 'GET', url: `/r/${id}`, headers: { host: 'evil.example' } });
    expect(page.body).toContain(`href="https://wxprobe.example.com/r/${id}"`);
    expect(page.body).not.toContain('evil.example');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    await app.close();
  });
});

describe('page language', () => {
  const langOf = (body: string) => /<html lang="([^"]+)">/.exec(body)?.[1];
  const home = (headers: Record<string, string> = {}, query = '') =>
    env.app.inject({ method: 'GET', url: `/${query}`, headers });

  it('is Chinese unless Accept-Language puts English strictly ahead of Chinese', async () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'zh-CN'],
      ['en,zh', 'zh-CN'], // a tie keeps Chinese, whatever the order
      ['en-US;q=0.8,zh-CN;q=0.8', 'zh-CN'],
      ['fr-FR,de;q=0.9', 'zh-CN'],
      ['*', 'zh-CN'],
      ['zh-TW;q=0.5,en;q=0.9', 'en'],
      ['en-US,en;q=0.9', 'en'], // English and no Chinese at all
      ['en,zh;q=0', 'en'], // q=0: Chinese not acceptable
    ];
    for (const [acceptLanguage, expected] of cases) {
      const page = await home(acceptLanguage ? { 'accept-language': acceptLanguage } : {});
      expect(langOf(page.body), String(acceptLanguage)).toBe(expected);
      expect(page.headers['set-cookie'], String(acceptLanguage)).toBeUndefined(); // nothing chosen, nothing saved
    }
  });

  it('saves ?lang= in a cookie that then wins over Accept-Language, on pages and API errors alike', async () => {
    const chosen = await home({ 'accept-language': 'zh-CN' }, '?lang=en');
    expect(langOf(chosen.body)).toBe('en');
    const cookie = String(chosen.headers['set-cookie']);
    expect(cookie).toBe('wxprobe_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly');
    // The page's own links carry no language; only the switch does.
    expect(chosen.body).toContain('<a class="brand" href="/">');
    expect(chosen.body).toContain('href="/?lang=zh" hreflang="zh"');

    const saved = { cookie: 'wxprobe_lang=en', 'accept-language': 'zh-CN,zh;q=0.9' };
    const later = await home(saved);
    expect(langOf(later.body)).toBe('en');
    expect(later.headers['set-cookie']).toBeUndefined(); // already saved
    const missing = await env.app.inject({ method: 'GET', url: '/r/AAAAAAAAAAAAAAAAAAAAAA', headers: saved });
    expect(missing.body).toContain('No such report');
    const api = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: saved,
      payload: { url: 'ftp://x.test/' },
    });
    expect(api.json().error.message).toMatch(/^The URL cannot be parsed/);

    const back = await home(saved, '?lang=zh');
    expect(langOf(back.body)).toBe('zh-CN');
    expect(String(back.headers['set-cookie'])).toMatch(/^wxprobe_lang=zh;/);
  });
});
