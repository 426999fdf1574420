/**
 * One HTTP request with undici, connected ONLY to an address the policy checked (pinned): the URL's
 * host goes into SNI and Host, but no DNS lookup happens here, so a rebinding name cannot steer the
 * connection. Used for the main request and its redirects, the port-80 check and AIA fetches.
 * Certificates are not judged here (the certificate step does that), so the HTTP layer is visible
 * even behind a bad certificate.
 */
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { ProbeError } from '../../../shared/observations/probe';
import { rawError, timeoutError } from './raw-error';
import type * as UndiciClientModule from './undici-client';

export type PinnedRequest = {
  url: URL;
  address: string;
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** body bytes kept; the rest is not read */
  bodyCap: number;
  signal: AbortSignal;
};

export type PinnedResponse = {
  statusCode: number | null;
  headers: Record<string, string>;
  protocol: 'http/1.1' | 'h2' | null;
  ttfbMs: number | null;
  durationMs: number;
  body: Buffer;
  bodyTruncated: boolean;
  error: ProbeError | null;
};

const round = (ms: number) => Math.round(ms * 10) / 10;

type ConnectCallback = (...args: [null, Socket | TLSSocket] | [Error, null]) => void;

/** An undici connector that dials the pinned address whatever hostname undici asks for. */
function pinnedConnector(request: PinnedRequest, onSocket: (socket: Socket) => void) {
  const host = request.url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(request.url.port) || (request.url.protocol === 'https:' ? 443 : 80);
  return (_options: unknown, callback: ConnectCallback) => {
    const https = request.url.protocol === 'https:';
    const socket: Socket = https
      ? tlsConnect({
          host: request.address,
          port,
          ...(isIP(host) ? {} : { servername: host }),
          ALPNProtocols: ['h2', 'http/1.1'],
          rejectUnauthorized: false,
        })
      : netConnect({ host: request.address, port });
    socket.setNoDelay(true);
    let done = false;
    const settle = (error: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      if (error) {
        socket.destroy();
        callback(error, null);
      } else {
        onSocket(socket);
        callback(null, socket);
      }
    };
    const timer = setTimeout(() => {
      const timeout = timeoutError(request.timeoutMs, https ? 'TCP+TLS connect' : 'TCP connect', 'connect');
      settle(Object.assign(new Error(timeout.message), { code: timeout.code, syscall: timeout.syscall }));
    }, request.timeoutMs);
    // A stopped probe (budget ended, Ctrl-C, server shutdown) must not leave a connect pending.
    const onAbort = () =>
      settle(Object.assign(new Error('connect aborted: the probe was stopped'), { code: 'ABORT_ERR' }));
    socket.once(https ? 'secureConnect' : 'connect', () => settle(null));
    socket.once('error', (error) => settle(error));
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

let httpClientLoad: Promise<typeof UndiciClientModule> | null = null;
let httpClient: typeof UndiciClientModule | null = null;

/**
 * Loads undici once per process, on first use: commands that never make an HTTP request never pay
 * for it, and the probe starts the load as it starts, so it overlaps the DNS and TCP steps.
 */
export function loadHttpClient(): Promise<typeof UndiciClientModule> {
  httpClientLoad ??= import('./undici-client').then((loaded) => (httpClient = loaded));
  return httpClientLoad;
}

export async function pinnedFetch(request: PinnedRequest): Promise<PinnedResponse> {
  const result: PinnedResponse = {
    statusCode: null,
    headers: {},
    protocol: null,
    ttfbMs: null,
    durationMs: 0,
    body: Buffer.alloc(0),
    bodyTruncated: false,
    error: null,
  };
  let undici: typeof UndiciClientModule;
  try {
    // once loaded, no await: the request starts in the same turn as the caller's other work
    undici = httpClient ?? (await loadHttpClient());
  } catch (error) {
    return { ...result, error: rawError(error) };
  }
  const { Client, requestOn } = undici;
  const started = performance.now();
  let protocol: PinnedResponse['protocol'] = null;
  const client = new Client(request.url.origin, {
    connect: pinnedConnector(request, (socket) => {
      protocol = (socket as TLSSocket).alpnProtocol === 'h2' ? 'h2' : 'http/1.1';
    }),
    allowH2: true,
    headersTimeout: request.timeoutMs,
    bodyTimeout: request.timeoutMs,
    keepAliveTimeout: 1,
    pipelining: 0,
  });
  const chunks: Buffer[] = [];
  let kept = 0;
  try {
    const response = await requestOn(client, {
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method,
      headers: request.headers,
      signal: request.signal,
    });
    result.ttfbMs = round(performance.now() - started);
    result.statusCode = response.statusCode;
    result.headers = flattenHeaders(response.headers);
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      const room = request.bodyCap - kept;
      chunks.push(chunk.subarray(0, Math.max(0, room)));
      kept += Math.min(room, chunk.length);
      if (chunk.length > room) {
        result.bodyTruncated = true;
        response.body.destroy();
        break;
      }
    }
  } catch (error) {
    result.error = request.signal.aborted
      ? timeoutError(request.timeoutMs, 'HTTP request (probe budget ended)')
      : rawError(error);
  } finally {
    result.protocol = protocol;
    result.body = Buffer.concat(chunks);
    result.durationMs = round(performance.now() - started);
    client.destroy().catch(() => undefined);
  }
  return result;
}
