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

/**
 * A dialled connection, or why it failed. A ready socket waits for undici with an error listener of
 * its own (an unheard 'error' would end the process); `take` removes it and says whether the socket
 * is still usable, or the error that ended it meanwhile.
 */
type Dialled =
  { socket: Socket; error: null; take(): Error | null } | { socket: null; error: Error; take?: undefined };

/**
 * Dials the pinned address (TCP, and TLS for https) whatever hostname undici asks for; resolves once
 * the socket is ready or failed, never rejects. Bounded by the request's timeout and signal.
 */
function dialPinned(request: PinnedRequest, onTcp: () => void = () => undefined): Promise<Dialled> {
  const host = request.url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(request.url.port) || (request.url.protocol === 'https:' ? 443 : 80);
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
  socket.once('connect', onTcp);
  return new Promise((resolve) => {
    let done = false;
    const settle = (error: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      if (error) {
        socket.destroy();
        resolve({ socket: null, error });
        return;
      }
      let lateError: Error | null = null;
      const park = (e: Error) => (lateError ??= e);
      socket.on('error', park);
      resolve({
        socket,
        error: null,
        take: () => {
          socket.off('error', park);
          return socket.destroyed
            ? (lateError ?? new Error('the connection closed before its request'))
            : null;
        },
      });
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
  });
}

/**
 * An undici connector whose first connection is `first`, dialled before undici was ready (see
 * pinnedFetch); any further connection undici asks for is dialled then. `release` destroys the first
 * socket if undici never took it.
 */
function pinnedConnector(
  request: PinnedRequest,
  first: Promise<Dialled>,
  onSocket: (socket: Socket) => void,
) {
  let taken = false;
  const connect = (_options: unknown, callback: ConnectCallback) => {
    const dialled = taken ? dialPinned(request) : first;
    taken = true;
    void dialled.then((d) => {
      const error = d.error ?? d.take();
      if (error) return callback(error, null);
      onSocket(d.socket as Socket);
      callback(null, d.socket as Socket);
    });
  };
  const release = () => {
    if (!taken) void first.then((d) => d.socket?.destroy());
  };
  return { connect, release };
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
 * for it. pinnedFetch starts it once its connection's TCP is up (see there).
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
  // The connection is dialled first and undici loaded (the first time) once TCP is up, while TLS
  // takes its round trip: loading it (~40 ms of compiling on one core) then holds up neither this
  // connection nor the probe's other connections, whose ClientHellos go out in the same turn.
  const started = performance.now();
  let tcpUp: () => void = () => undefined;
  const tcp = new Promise<void>((resolve) => (tcpUp = resolve));
  const first = dialPinned(request, tcpUp);
  let protocol: PinnedResponse['protocol'] = null;
  const connector = pinnedConnector(request, first, (socket) => {
    protocol = (socket as TLSSocket).alpnProtocol === 'h2' ? 'h2' : 'http/1.1';
  });
  let undici: typeof UndiciClientModule;
  try {
    // once loaded, no await: the request starts in the same turn as the caller's other work
    undici =
      httpClient ??
      (await Promise.race([tcp, first])
        .then(() => new Promise((resolve) => setImmediate(resolve)))
        .then(loadHttpClient));
  } catch (error) {
    connector.release();
    return { ...result, error: rawError(error), durationMs: round(performance.now() - started) };
  }
  const { Client, requestOn } = undici;
  const client = new Client(request.url.origin, {
    connect: connector.connect,
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
    connector.release();
  }
  return result;
}
