/**
 * Real clients for the lab's tests (node:tls, node:https, node:dns, curl, openssl), independent of
 * wxprobe's own probe code. Not a test file itself: the *.test.ts files beside it use it.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { promises as dnsPromises } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Lab, LabEndpoint } from './lab';

export type Target = { address: string; port: number };

export type TlsOutcome = {
  /** secure: handshake done; error: the TLS layer failed; timeout: nothing happened in time. */
  result: 'secure' | 'error' | 'timeout';
  code: string | null;
  message: string | null;
  /** How the TCP connection underneath ended, as the raw socket saw it. */
  tcpEnd: 'rst' | 'fin' | 'open' | 'other-error';
  tcpErrorCode: string | null;
  tcpErrorSyscall: string | null;
  /** Bytes the server sent on the raw TCP socket. */
  bytesFromServer: number;
  /** The first bytes of it (up to 64), e.g. to read a TLS alert record. */
  firstServerBytes: Buffer;
  protocol: string | null;
  alpn: string | false | null;
  authorized: boolean;
  authorizationError: string | null;
  /** The certificates the server sent, leaf first (only when the handshake completed). */
  chain: X509Certificate[];
  elapsedMs: number;
};

export type TlsAttemptOptions = tls.ConnectionOptions & {
  timeoutMs?: number;
  /** Write the first `splitAt` bytes of the ClientHello, then the rest `splitDelayMs` later. */
  splitAt?: number;
  splitDelayMs?: number;
};

/**
 * Resolves once the event loop has passed its poll phase: two turns of setImmediate (a check phase
 * may come before this turn's poll). A receiver on this same loop (the lab's middlebox, in the test's
 * process) reads a socket only in the poll phase. The probe has its own (`loopTurns` in wire-tap.ts);
 * these clients stay independent of the probe's code, so that a bug there cannot hide in both.
 */
async function afterPollPhase(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * One TLS handshake through a raw TCP socket we watch: how many bytes the server sent, and whether
 * the connection ended by RST (read ECONNRESET) or FIN ('end').
 */
export function tlsAttempt(target: Target, options: TlsAttemptOptions = {}): Promise<TlsOutcome> {
  const { timeoutMs = 3000, splitAt, splitDelayMs = 40, ...tlsOptions } = options;
  const started = performance.now();
  return new Promise((resolve) => {
    const raw = net.connect({ host: target.address, port: target.port });
    raw.setNoDelay(true);
    let bytesFromServer = 0;
    let firstServerBytes = Buffer.alloc(0);
    let tcpEnd: TlsOutcome['tcpEnd'] = 'open';
    let tcpError: NodeJS.ErrnoException | null = null;
    let firstWrite = true;

    const duplex = new Duplex({
      read() {
        raw.resume();
      },
      write(chunk: Buffer, _encoding, callback) {
        if (firstWrite && splitAt !== undefined && chunk.length > splitAt) {
          firstWrite = false;
          raw.write(chunk.subarray(0, splitAt));
          // The delay is armed only after a poll phase: on a loop stalled past splitDelayMs (a busy
          // machine) a bare timer would write the rest before a receiver on this loop read the first
          // segment alone, and it would read the hello whole.
          void afterPollPhase().then(() =>
            setTimeout(() => raw.write(chunk.subarray(splitAt), callback), splitDelayMs),
          );
          return;
        }
        firstWrite = false;
        raw.write(chunk, callback);
      },
      final(callback) {
        raw.end();
        callback();
      },
      destroy(error, callback) {
        raw.destroy();
        callback(error);
      },
    });
    raw.on('data', (data: Buffer) => {
      bytesFromServer += data.length;
      if (firstServerBytes.length < 64)
        firstServerBytes = Buffer.concat([firstServerBytes, data]).subarray(0, 64);
      if (!duplex.push(data)) raw.pause();
    });
    raw.on('end', () => {
      if (tcpEnd === 'open') tcpEnd = 'fin';
      duplex.push(null);
    });
    raw.on('error', (error: NodeJS.ErrnoException) => {
      tcpError = error;
      if (tcpEnd === 'open') tcpEnd = error.code === 'ECONNRESET' ? 'rst' : 'other-error';
      duplex.destroy(error);
    });

    const socket = tls.connect({ socket: duplex, ...tlsOptions });
    let settled = false;
    const finish = (result: TlsOutcome['result'], error: NodeJS.ErrnoException | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Let the raw socket report how it ended before we look.
      setTimeout(() => {
        const secure = result === 'secure';
        resolve({
          result,
          code: error?.code ?? null,
          message: error?.message ?? null,
          tcpEnd,
          tcpErrorCode: tcpError?.code ?? null,
          tcpErrorSyscall: tcpError?.syscall ?? null,
          bytesFromServer,
          firstServerBytes,
          protocol: secure ? socket.getProtocol() : null,
          alpn: secure ? socket.alpnProtocol : null,
          authorized: secure && socket.authorized,
          authorizationError: secure && socket.authorizationError ? String(socket.authorizationError) : null,
          chain: secure ? peerChain(socket) : [],
          elapsedMs: performance.now() - started,
        });
        socket.destroy();
        raw.destroy();
      }, 20);
    };
    const timer = setTimeout(() => finish('timeout', null), timeoutMs);
    socket.once('secureConnect', () => finish('secure', null));
    socket.once('error', (error: NodeJS.ErrnoException) => finish('error', error));
    socket.once('close', () => finish('error', null));
  });
}

/** The chain as the server sent it: follow issuerCertificate links (Node adds no store roots unless trusted). */
export function peerChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

export function labResolver(
  lab: Lab,
  options: { timeout?: number; tries?: number } = {},
): dnsPromises.Resolver {
  const resolver = new dnsPromises.Resolver({ timeout: options.timeout ?? 1000, tries: options.tries ?? 1 });
  const { address, port } = lab.dnsServer;
  resolver.setServers([net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`]);
  return resolver;
}

/** A `lookup` for node:http(s) that asks the lab's DNS server. */
export function labLookup(lab: Lab): net.LookupFunction {
  const resolver = labResolver(lab);
  return (hostname, options, callback) => {
    resolver.resolve4(hostname).then(
      (addresses) => {
        const address = addresses[0] ?? '';
        if (options.all) callback(null, [{ address, family: 4 }]);
        else callback(null, address, 4);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

export type HttpAnswer = {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
  bytes: Buffer;
  alpn: string | false | null;
};

/** One GET through the lab's DNS, trusting the lab CA; no redirect following. */
export function labGet(
  lab: Lab,
  url: string,
  options: { timeoutMs?: number; headers?: http.OutgoingHttpHeaders; ca?: string } = {},
): Promise<HttpAnswer> {
  const parsed = new URL(url);
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: labLookup(lab),
        ca: options.ca ?? lab.caPem,
        headers: options.headers,
        agent: false,
        timeout: options.timeoutMs ?? 5000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            statusMessage: response.statusMessage ?? '',
            headers: response.headers,
            rawHeaders: response.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
            bytes: Buffer.concat(chunks),
            alpn: response.socket instanceof tls.TLSSocket ? response.socket.alpnProtocol : null,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(Object.assign(new Error('client timeout'), { code: 'ETIMEDOUT' })),
    );
    request.on('error', reject);
  });
}

export function targetOf(endpoint: LabEndpoint): Target {
  return { address: endpoint.address, port: endpoint.port };
}

export type Run = { code: number | null; stdout: string; stderr: string };

export function run(command: string, args: string[], timeoutMs = 15_000, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { timeout: timeoutMs, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** Whether a command is installed (`which`); tests skip their curl/openssl parts cleanly if not. */
export async function installed(command: string): Promise<boolean> {
  return (await run('which', [command], 5000)).code === 0;
}

/** curl pinned to the lab address with --resolve, trusting the lab CA, ignoring proxies. */
export function curl(
  lab: Lab,
  endpoint: LabEndpoint,
  extra: string[] = [],
  url = endpoint.url,
): Promise<Run> {
  return run('curl', [
    '--silent',
    '--show-error',
    '--noproxy',
    '*',
    '--max-time',
    '5',
    '--resolve',
    `${endpoint.name}:${endpoint.port}:${endpoint.address}`,
    '--cacert',
    lab.caFile,
    ...extra,
    url,
  ]);
}

/** openssl s_client against an endpoint; returns its output (it reads nothing from stdin). */
export function opensslClient(lab: Lab, endpoint: LabEndpoint, extra: string[] = []): Promise<Run> {
  return run(
    'openssl',
    [
      's_client',
      '-connect',
      `${endpoint.address}:${endpoint.port}`,
      '-servername',
      endpoint.name,
      '-CAfile',
      lab.caFile,
      ...extra,
    ],
    15_000,
    '',
  );
}

/** Runs `task` `count` times, at most `concurrency` at once; results in order. */
export async function repeat<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
