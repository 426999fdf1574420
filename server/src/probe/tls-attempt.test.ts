/**
 * One TLS attempt against tiny loopback servers that misbehave at the TCP level (no certificate
 * needed): RST, FIN, silence, plain HTTP, nothing listening — and the split ClientHello really
 * reaching the server in several pieces.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBE_ERROR_CODES } from '../../../shared/observations/vocabulary';
import { tlsAttempt, type TlsAttemptSpec } from './tls-attempt';
import { createTlsContext } from './tls-context';

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
