/**
 * The only place that talks to the wxprobe server.
 *   POST {base}/api/v1/reports?present=1  { url, client, options? } → 201 wxprobe.report/3 + id + presented
 *   GET  {base}/api/v1/reports/:id?present=1                         → the report + presented
 * `presented` holds the verdict cards and outside rows in zh and en, made by the server with
 * shared/present: this package only renders them (it carries neither the presenters nor the probe's
 * schema; see miniprogram/README.md, package size). The rest of the report is kept as received.
 *   {base}/r/:id                                           → the report's web page (shareable link)
 * Errors arrive as { error: { code, message, path? } } with a 4xx/5xx status.
 */
import type { ClientObservation } from '../shared/observations/client';
import { validate } from '../shared/observations/validate';
import { presentedReportSchema, type PresentedReport } from '../shared/present/presented-report.schema';

export type StoredReport = PresentedReport;

export type ApiFailure =
  | { kind: 'not-configured' }
  | { kind: 'unreachable'; errMsg: string; errno?: number | null }
  | { kind: 'http'; status: number; code: string; message: string }
  | { kind: 'bad-response'; message: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** The probe runs many TLS attempts from outside: give it the longest time WeChat allows. */
const API_TIMEOUT_MS = 60_000;

export function normalizeBaseUrl(base: string): string {
  return base.trim().replace(/\/+$/, '');
}

export function reportLink(base: string, id: string): string {
  return `${normalizeBaseUrl(base)}/r/${encodeURIComponent(id)}`;
}

/** The mini-program path a shared chat card opens: the report id, and which server holds it. */
export function reportSharePath(base: string, id: string): string {
  return `/pages/report/index?id=${encodeURIComponent(id)}&base=${encodeURIComponent(normalizeBaseUrl(base))}`;
}

/**
 * The server named in a shared card's query, if it is an https URL. Some WeChat versions hand the
 * query over still percent-encoded: a base URL never holds a literal `%`, so one means "decode".
 */
export function baseFromQuery(value: string | undefined): string | null {
  if (!value) return null;
  let base = value;
  if (/%[0-9a-f]{2}/i.test(base)) {
    try {
      base = decodeURIComponent(base);
    } catch {
      return null;
    }
  }
  base = normalizeBaseUrl(base);
  return /^https:\/\/[^/\s%]+/i.test(base) ? base : null;
}

type Reply =
  { ok: true; statusCode: number; data: unknown } | { ok: false; errMsg: string; errno?: number | null };

function call(method: 'GET' | 'POST', url: string, data?: object): Promise<Reply> {
  return new Promise((resolve) => {
    try {
      wx.request({
        url,
        method,
        timeout: API_TIMEOUT_MS,
        header: { 'content-type': 'application/json' },
        ...(data ? { data: data as WechatMiniprogram.IAnyObject } : {}),
        success: (res) => resolve({ ok: true, statusCode: res.statusCode, data: res.data }),
        fail: (err) =>
          resolve({
            ok: false,
            errMsg: err.errMsg,
            ...(err.errno !== undefined ? { errno: err.errno } : {}),
          }),
      });
    } catch (error) {
      resolve({ ok: false, errMsg: error instanceof Error ? error.message : String(error) });
    }
  });
}

function asJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function httpFailure(status: number, body: unknown): ApiFailure {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    kind: 'http',
    status,
    code: typeof error?.code === 'string' ? error.code : `HTTP_${status}`,
    message: typeof error?.message === 'string' ? error.message : '',
  };
}

function toReport(reply: Reply): ApiResult<StoredReport> {
  if (!reply.ok) {
    return {
      ok: false,
      failure: {
        kind: 'unreachable',
        errMsg: reply.errMsg,
        ...(reply.errno !== undefined ? { errno: reply.errno } : {}),
      },
    };
  }
  const body = asJson(reply.data);
  if (reply.statusCode < 200 || reply.statusCode >= 300)
    return { ok: false, failure: httpFailure(reply.statusCode, body) };
  const first = validate(presentedReportSchema, body)[0];
  if (first)
    return { ok: false, failure: { kind: 'bad-response', message: `${first.path}: ${first.message}` } };
  return { ok: true, value: body as StoredReport };
}

const NOT_CONFIGURED: ApiResult<never> = { ok: false, failure: { kind: 'not-configured' } };

// Promise chains, not async/await, in this package: see miniprogram/README.md (package size).
export function createReport(
  base: string,
  client: ClientObservation,
  options: { probe?: boolean; attempts?: number } = { probe: true },
): Promise<ApiResult<StoredReport>> {
  const root = normalizeBaseUrl(base);
  if (!root) return Promise.resolve(NOT_CONFIGURED);
  // The document as measured: the server reads domainCheckRaw itself (shared/classify/domain-check.ts).
  return call('POST', `${root}/api/v1/reports?present=1`, { url: client.url, client, options }).then(
    toReport,
  );
}

/** The known-good control URL a run can interleave with its target: the probe server's own /healthz. */
export function controlUrlFor(base: string): string {
  const root = normalizeBaseUrl(base);
  return /^https:\/\//i.test(root) ? `${root}/healthz` : '';
}

export function fetchReport(base: string, id: string): Promise<ApiResult<StoredReport>> {
  const root = normalizeBaseUrl(base);
  if (!root) return Promise.resolve(NOT_CONFIGURED);
  return call('GET', `${root}/api/v1/reports/${encodeURIComponent(id)}?present=1`).then(toReport);
}
