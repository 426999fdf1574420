import { afterEach, describe, expect, it, vi } from 'vitest';
import { asWxFailure, corpusLine } from '../test/corpus';
import { createFakeWx, type Responder } from '../test/fake-wx';
import { presentReport } from '../../shared/present/presented-report';
import type { Report } from '../../shared/observations/report';
import { clientFixture } from '../test/fixtures';
import {
  baseFromQuery,
  createReport,
  fetchReport,
  normalizeBaseUrl,
  reportLink,
  reportSharePath,
} from './wxprobe-api';

const client = clientFixture([
  { ok: false, durationMs: 120, errMsg: 'request:fail -101:net::ERR_CONNECTION_RESET' },
]);

const report = (id: string) =>
  withPresented({
    schema: 'wxprobe.report/3',
    id,
    url: client.url,
    client,
    probe: null,
    diagnosis: {
      verdicts: [
        {
          cause: 'tls-reset',
          confidence: 0.8,
          evidence: [{ kind: 'client-ratio', pointer: '/client/attempts', facts: { ok: 0, total: 1 } }],
          title: { zh: '握手被重置', en: 'Handshake reset' },
          explanation: { zh: '…', en: '…' },
          fix: { zh: '…', en: '…' },
        },
      ],
    },
  });

/** As the server answers `?present=1`: the report and its cards in zh and en. */
function withPresented(r: Report & { id: string }) {
  return { ...r, presented: presentReport(r) };
}

function install(respond: Responder) {
  const fake = createFakeWx(respond);
  vi.stubGlobal('wx', fake.wx);
  return fake;
}

afterEach(() => vi.unstubAllGlobals());

describe('the server API client', () => {
  it('POSTs the client document and returns the stored report', async () => {
    const fake = install(() => ({ success: { statusCode: 200, data: report('r1') } }));
    const result = await createReport('https://probe.example.com/', client);
    expect(result).toMatchObject({
      ok: true,
      value: {
        id: 'r1',
        diagnosis: { verdicts: [{ cause: 'tls-reset' }] },
        presented: {
          zh: { verdicts: [{ title: '握手被重置' }] },
          en: { verdicts: [{ title: 'Handshake reset' }] },
        },
      },
    });
    expect(fake.calls[0]).toMatchObject({
      url: 'https://probe.example.com/api/v1/reports?present=1',
      options: { method: 'POST', data: { url: client.url, client, options: { probe: true } } },
    });
  });

  it('GETs a report by id, and reads a JSON body WeChat left as text', async () => {
    const fake = install(() => ({ success: { statusCode: 200, data: JSON.stringify(report('a b')) } }));
    const result = await fetchReport('https://probe.example.com', 'a b');
    expect(result).toMatchObject({ ok: true, value: { id: 'a b' } });
    expect(fake.calls[0]).toMatchObject({
      url: 'https://probe.example.com/api/v1/reports/a%20b?present=1',
      options: { method: 'GET' },
    });
  });

  it('turns an error body into code and message', async () => {
    install(() => ({
      success: { statusCode: 429, data: { error: { code: 'RATE_LIMITED', message: 'slow down' } } },
    }));
    expect(await createReport('https://probe.example.com', client)).toEqual({
      ok: false,
      failure: { kind: 'http', status: 429, code: 'RATE_LIMITED', message: 'slow down' },
    });
  });

  it('an unreachable server keeps WeChat’s own errMsg', async () => {
    const failure = asWxFailure(
      corpusLine((l) => l.kind === 'connection-refused' && l.platform === 'android'),
    );
    install(() => ({ fail: failure }));
    expect(await createReport('https://probe.example.com', client)).toEqual({
      ok: false,
      failure: { kind: 'unreachable', errMsg: failure.errMsg },
    });
  });

  it('refuses a report without its presented views, with the path', async () => {
    const { presented: _, ...bare } = report('r2');
    install(() => ({ success: { statusCode: 200, data: bare } }));
    expect(await createReport('https://probe.example.com', client)).toEqual({
      ok: false,
      failure: { kind: 'bad-response', message: expect.stringContaining('presented') },
    });
  });

  it('refuses an answer that is not a wxprobe.report/3', async () => {
    install(() => ({ success: { statusCode: 200, data: { schema: 'something/else' } } }));
    const result = await createReport('https://probe.example.com', client);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'bad-response' } });
  });

  it('does not call anything without a base URL', async () => {
    const fake = install(() => ({ hang: true }));
    expect(await createReport('  ', client)).toEqual({ ok: false, failure: { kind: 'not-configured' } });
    expect(fake.calls).toEqual([]);
  });

  it('builds the shareable link and the chat card path', () => {
    expect(normalizeBaseUrl(' https://probe.example.com// ')).toBe('https://probe.example.com');
    expect(reportLink('https://probe.example.com/', 'k9')).toBe('https://probe.example.com/r/k9');
    expect(reportSharePath('https://probe.example.com/', 'k 9')).toBe(
      '/pages/report/index?id=k%209&base=https%3A%2F%2Fprobe.example.com',
    );
  });

  it('reads the server from a chat card query, decoded or not, https only', () => {
    expect(baseFromQuery('https%3A%2F%2Fprobe.example.com%2Fwx')).toBe('https://probe.example.com/wx');
    expect(baseFromQuery('https://probe.example.com')).toBe('https://probe.example.com');
    expect(baseFromQuery('http%3A%2F%2Fprobe.example.com')).toBeNull();
    expect(baseFromQuery('%E0%A4%A')).toBeNull();
    expect(baseFromQuery(undefined)).toBeNull();
  });
});
