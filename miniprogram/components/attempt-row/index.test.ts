// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ClientObservation } from '../../shared/observations/client';
import { asWxFailure, corpusLine } from '../../test/corpus';
import { realisticProfile } from '../../test/fake-wx';
import { clientFixture } from '../../test/fixtures';
import { exists, render, settle, tap, text, texts } from '../../test/simulate';
import { attemptClassView } from '../../../shared/present/client-attempts';
import { attemptView } from '../../view/attempt-view';

/** The row for a document's only attempt, with the class the server reads in it. */
function viewOf(doc: ClientObservation, lang: 'zh' | 'en' = 'zh') {
  return attemptView(doc.attempts[0]!, 0, lang, attemptClassView(doc, doc.attempts[0]!, lang));
}

function docWith(attempt: ClientObservation['attempts'][number], platform: string): ClientObservation {
  return clientFixture([attempt], { env: { platform } });
}

describe('attempt-row', () => {
  it('shows the raw errMsg and errno verbatim, then the local class with meaning and next step', async () => {
    const line = corpusLine((l) => l.kind === 'cert-authority-invalid' && l.errno === 600001);
    const failure = asWxFailure(line);
    const doc = docWith({ ok: false, durationMs: 312, ...failure }, line.platform);
    const row = render('components/attempt-row/index', {
      item: viewOf(doc, 'zh'),
      lang: 'zh',
    });
    await settle();
    expect(text(row, '.errmsg')).toBe(failure.errMsg);
    expect(text(row, '.errno')).toBe('errno 600001');
    expect(text(row, '.class-label')).toBe(`分类: ${line.phase} / ${line.kind}`);
    expect(text(row, '.meaning')).not.toBe('');
    expect(text(row, '.hint')).toMatch(/^下一步: ./);
    expect(text(row, '.duration')).toBe('312 ms');
    expect(row.querySelectorAll('.dot-fail')).toHaveLength(1);
    // The timing bar is empty on a failure: the row says why instead of leaving a blank.
    expect(text(row, '.no-profile')).toBe('没有时间分解：微信只在成功回调里提供 profile，失败的请求没有');
  });

  it('more of the answer on tap: redirects, headers, cookie names, the first 2 KB of the body', async () => {
    const doc = docWith(
      {
        ok: true,
        durationMs: 80,
        statusCode: 403,
        errMsg: 'request:ok',
        header: { Server: 'Beaver', 'Content-Type': 'text/html' },
        cookieNames: ['acw_tc'],
        bodyHead: '<title>Non-compliance ICP Filing</title>',
        redirects: [{ statusCode: 302, location: 'https://webblock.example/' }],
      },
      'android',
    );
    const answer = {
      headers: ['Server: Beaver', 'Content-Type: text/html'],
      cookies: 'acw_tc',
      bodyHead: '<title>Non-compliance ICP Filing</title>',
      redirects: ['302 → https://webblock.example/'],
    };
    const row = render('components/attempt-row/index', {
      item: viewOf(doc, 'zh'),
      answer,
      lang: 'zh',
    });
    await settle();
    expect(exists(row, '.no-profile')).toBe(false);
    await tap(row, '.answer-toggle');
    expect(texts(row, '.header-line')).toEqual(answer.headers);
    expect(text(row, '.cookies')).toBe('acw_tc');
    expect(text(row, '.body-head')).toBe(answer.bodyHead);
    expect(text(row, '.redirect')).toBe('302 → https://webblock.example/');
    // The i18n behavior gives a row only the strings its template reads, not the whole table.
    const t = (row.instance as unknown as { data: { t: Record<string, string> } }).data.t;
    expect(Object.keys(t).length).toBeLessThan(15);
    expect(t.statusCode).toBe('状态码');
  });

  it('a success shows its status, the timing bar, and the raw profile on tap', async () => {
    const doc = docWith(
      {
        ok: true,
        durationMs: 155,
        statusCode: 200,
        errMsg: 'request:ok',
        profile: realisticProfile(1000) as never,
      },
      'ios',
    );
    const row = render('components/attempt-row/index', {
      item: viewOf(doc, 'en'),
      lang: 'en',
    });
    await settle();
    expect(text(row, '.status')).toBe('Status 200');
    expect(exists(row, '.class')).toBe(false);
    expect(text(row, '.peer')).toBe('203.0.113.7:443 · h2');
    expect(row.querySelectorAll('.timing-bar')).toHaveLength(1);
    expect(exists(row, '.profile')).toBe(false);
    expect(text(row, '.toggle')).toBe('Show profile');
    await tap(row, '.toggle');
    expect(texts(row, '.profile-row')).toEqual(
      expect.arrayContaining(['peerIP203.0.113.7', 'protocolh2', 'SSLconnectionStart1045']),
    );
    expect(text(row, '.toggle')).toBe('Hide profile');
  });

  it('an HTTP 5xx answer is amber and classed http/http-status', async () => {
    const doc = docWith({ ok: true, durationMs: 40, statusCode: 502, errMsg: 'request:ok' }, 'android');
    const row = render('components/attempt-row/index', {
      item: viewOf(doc, 'zh'),
      lang: 'zh',
    });
    await settle();
    expect(row.querySelectorAll('.dot-http')).toHaveLength(1);
    expect(text(row, '.class-label')).toBe('分类: http / http-status');
  });
});
