/**
 * Step 8, HTTP: the request WeChat would send (method, WeChat-like headers), over the pinned address,
 * redirects followed by hand so each hop is recorded and each new host goes through DNS and the
 * address policy again (pinned in turn). At most HTTP_MAX_REDIRECTS redirects.
 */
import type { HttpHop, ProbeError, ProbeHttp } from '../../../shared/observations/probe';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { HTTP_BODY_SAMPLE_BYTES, HTTP_MAX_REDIRECTS } from './limits';
import { pinnedFetch } from './pinned-http';
import { probeError } from './raw-error';

/** Resolves + policy-checks a host (or reuses the pin for a host already checked). */
export type HostPinner = (url: URL) => Promise<{ address: string } | { error: ProbeError; refused: boolean }>;

export type HttpConfig = {
  url: URL;
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  pin: HostPinner;
};

const TIMEOUT_CODES = [
  PROBE_ERROR_CODES.timeout,
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
];

function failedHop(url: URL, error: ProbeError): HttpHop {
  return {
    url: url.href,
    address: null,
    statusCode: null,
    headers: {},
    protocol: null,
    ttfbMs: null,
    durationMs: 0,
    bodyBytes: 0,
    bodySample: '',
    bodyTruncated: false,
    error,
  };
}

function nextUrl(location: string, base: URL): URL | null {
  try {
    const next = new URL(location, base);
    return next.protocol === 'https:' || next.protocol === 'http:' ? next : null;
  } catch {
    return null;
  }
}

/** Fills `section.hops` as it goes, so a budget cut keeps the hops already made. */
export async function checkHttp(config: HttpConfig, section: ProbeHttp): Promise<void> {
  let url = config.url;
  for (let redirects = 0; ; redirects++) {
    // stopped (budget, Ctrl-C): no further hop, no further lookup
    if (config.signal.aborted) return;
    const pinned = await config.pin(url);
    if (config.signal.aborted) return;
    if ('error' in pinned) {
      section.hops.push(failedHop(url, pinned.error));
      section.status = pinned.refused ? 'refused' : 'error';
      return;
    }
    const response = await pinnedFetch({
      url,
      address: pinned.address,
      method: redirects === 0 ? config.method : 'GET',
      headers: config.headers,
      timeoutMs: config.timeoutMs,
      bodyCap: HTTP_BODY_SAMPLE_BYTES,
      signal: config.signal,
    });
    section.hops.push({
      url: url.href,
      address: pinned.address,
      statusCode: response.statusCode,
      headers: response.headers,
      protocol: response.protocol,
      ttfbMs: response.ttfbMs,
      durationMs: response.durationMs,
      bodyBytes: response.body.length,
      bodySample: response.body.toString('utf8'),
      bodyTruncated: response.bodyTruncated,
      error: response.error,
    });
    if (response.error) {
      section.status = TIMEOUT_CODES.includes(response.error.code ?? '') ? 'timeout' : 'error';
      return;
    }
    const location = response.headers.location;
    const isRedirect =
      response.statusCode !== null && response.statusCode >= 300 && response.statusCode < 400 && location;
    if (!isRedirect) {
      section.status = 'done';
      return;
    }
    const next = nextUrl(location, url);
    if (next === null) {
      section.hops.push(
        failedHop(url, probeError(PROBE_ERROR_CODES.badRedirect, `unusable Location: ${location}`)),
      );
      section.status = 'error';
      return;
    }
    if (redirects >= HTTP_MAX_REDIRECTS) {
      section.status = 'done';
      return;
    }
    url = next;
  }
}
