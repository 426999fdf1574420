/**
 * One TLS attempt against tiny loopback servers that misbehave at the TCP level (no certificate
 * needed): RST, FIN, silence, plain HTTP, nothing listening — and the split ClientHello really
 * reaching the server in several pieces.
 */
import net from 'node:net';
import tls from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeLabPki, type LabPki } from '../../lab/pki';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { tlsAttempt, type TlsAttemptSpec } from './tls-attempt';
import { createTlsContext } from './tls-context';
import { receiversShareThisLoop } from './wire-tap';

// the servers below read split hellos on this test's own event loop
receiversShareThisLoop();

const servers: net.Server[] = [];
const accepted: net.Socket[] = [];
afterEach(async () => {
  for (const socket of accepted.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    accepted.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function attempt(port: number, extra: Partial<TlsAttemptSpec> = {}) {
  return tlsAttempt({
    address: '127.0.0.1',
    port,
    servername: 'blocked.example',
    splitHello: false,
    context: createTlsContext({ trust: 'as-sent' }),
    timeoutMs: 2_000,
    signal: new AbortController().signal,
    ...extra,
  });
}

// The same observations whichever way the wire is watched: natively under node:tls (every attempt
// but the split one) or through the JavaScript tap that splits the ClientHello.
describe.each([
  { path: 'native socket', splitHello: false },
  { path: 'split-hello tap', splitHello: true },
])('one TLS attempt, observed on the wire ($path)', ({ splitHello }) => {
  it('an RST right after the ClientHello: end rst, 0 server bytes, ECONNRESET', async () => {
    const port = await serve((socket) => socket.once('data', () => socket.resetAndDestroy()));
    const { attempt: a } = await attempt(port, { splitHello });
    expect(a).toMatchObject({
      ok: false,
      end: 'rst',
      serverBytes: 0,
      alert: null,
      error: { code: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) },
    });
  });

  it('a FIN right after the ClientHello: end fin, although node:tls reports ECONNRESET too', async () => {
    const port = await serve((socket) => socket.once('data', () => socket.end()));
    const { attempt: a } = await attempt(port, { splitHello });
    expect(a).toMatchObject({ ok: false, end: 'fin', serverBytes: 0, error: { code: 'ECONNRESET' } });
  });

  it('silence after the ClientHello: end timeout after the per-attempt timeout', async () => {
    const port = await serve(() => undefined);
    const { attempt: a } = await attempt(port, { splitHello, timeoutMs: 300 });
    expect(a).toMatchObject({
      ok: false,
      end: 'timeout',
      serverBytes: 0,
      error: { code: PROBE_ERROR_CODES.timeout },
    });
    expect(a.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('plain HTTP on the TLS port: the bytes the server sent are counted', async () => {
    const answer = 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n';
    const port = await serve((socket) => socket.once('data', () => socket.end(answer)));
    const { attempt: a } = await attempt(port, { splitHello });
    expect(a).toMatchObject({
      ok: false,
      end: 'error',
      serverBytes: answer.length,
      error: { code: 'ERR_SSL_WRONG_VERSION_NUMBER' },
    });
  });

  it('a fatal alert, then FIN: end alert, with the alert and its bytes', async () => {
    const handshakeFailure = Buffer.from([21, 3, 3, 0, 2, 2, 40]);
    const port = await serve((socket) => socket.once('data', () => socket.end(handshakeFailure)));
    const { attempt: a } = await attempt(port, { splitHello });
    expect(a).toMatchObject({
      ok: false,
      end: 'alert',
      serverBytes: handshakeFailure.length,
      alert: { level: 2, code: 40, description: 'handshake_failure' },
    });
  });
});

describe('one TLS attempt, before and around TLS', () => {
  it('nothing listening: the TCP error, before any TLS', async () => {
    const port = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const { attempt: a } = await attempt(port);
    expect(a).toMatchObject({
      ok: false,
      end: 'error',
      serverBytes: 0,
      error: { code: 'ECONNREFUSED', syscall: 'connect' },
    });
  });

  it('a split ClientHello reaches the server in several reads; an unsplit one in one', async () => {
    const seen: Array<{ firstRead: number; record: number }> = [];
    const port = await serve((socket) => {
      let received = Buffer.alloc(0);
      let firstRead = 0;
      socket.on('data', (chunk: Buffer) => {
        firstRead ||= chunk.length;
        received = Buffer.concat([received, chunk]);
        const record = received.length >= 5 ? 5 + received.readUInt16BE(3) : Infinity;
        if (received.length >= record) {
          seen.push({ firstRead, record });
          socket.resetAndDestroy();
        }
      });
    });
    await attempt(port, { splitHello: false });
    await attempt(port, { splitHello: true });
    const [whole, split] = seen;
    expect(whole?.firstRead).toBe(whole?.record);
    expect(split?.record).toBe(whole?.record);
    expect(split?.firstRead).toBeLessThan(split?.record ?? 0);
  });

  it('stops at once when the probe budget ends', async () => {
    const port = await serve(() => undefined);
    const controller = new AbortController();
    const pending = attempt(port, { timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const { attempt: a } = await pending;
    expect(a.end).toBe('timeout');
    expect(a.error?.message).toContain('budget');
  });
});

describe('one TLS attempt against a server that demands a client certificate', () => {
  let pki: LabPki;
  beforeAll(async () => {
    pki = await makeLabPki('http://aia.attempt-test.wxprobe.test');
  });

  async function mtlsServer(requestCert: boolean): Promise<number> {
    const creds = await pki.issue({ names: ['mtls.example'], issuer: 'intermediate', chain: 'full' });
    const server = tls.createServer({
      key: creds.key,
      cert: creds.cert,
      ca: [pki.caPem],
      requestCert,
      rejectUnauthorized: requestCert,
    });
    server.on('tlsClientError', () => undefined);
    server.on('secureConnection', (socket) => socket.on('error', () => undefined));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }
  const only = (version: tls.SecureVersion) =>
    createTlsContext({ trust: 'as-sent', minVersion: version, maxVersion: version });

  it('TLS 1.3: node:tls reports the handshake done, the certificate_required alert that follows fails it', async () => {
    const port = await mtlsServer(true);
    for (const splitHello of [false, true]) {
      const { attempt: a } = await attempt(port, { splitHello, context: only('TLSv1.3') });
      expect(a).toMatchObject({
        ok: false,
        end: 'alert',
        alert: { code: 116, description: 'certificate_required' },
        clientCertRequested: true,
      });
    }
  });

  it('TLS 1.2: the CertificateRequest is read off the wire when the records are read, not otherwise', async () => {
    const port = await mtlsServer(true);
    const read = await attempt(port, { readRecords: true, context: only('TLSv1.2') });
    expect(read.attempt).toMatchObject({
      ok: false,
      end: 'alert',
      alert: { code: 40 },
      clientCertRequested: true,
    });
    const native = await attempt(port, { context: only('TLSv1.2') });
    expect(native.attempt).toMatchObject({ ok: false, end: 'alert', alert: { code: 40 } });
    expect(native.attempt.clientCertRequested).toBeUndefined();
  });

  it('a server that asks for nothing still completes, at TLS 1.3 and 1.2, with no such fact', async () => {
    const port = await mtlsServer(false);
    for (const version of ['TLSv1.3', 'TLSv1.2'] as const) {
      const { attempt: a } = await attempt(port, { readRecords: true, context: only(version) });
      expect(a).toMatchObject({ ok: true, end: 'handshake', protocol: version });
      expect(a.clientCertRequested).toBeUndefined();
    }
  });
});
