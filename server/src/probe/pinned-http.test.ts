import http from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_BODY_SAMPLE_BYTES } from './limits';
import { pinnedFetch } from './pinned-http';
import { titleOf } from './port80-check';
import { guardLoopbackOnly, type LoopbackGuard } from './test-support/loopback-guard';

let server: http.Server;
let port = 0;
let guard: LoopbackGuard;
const seenHosts: string[] = [];
/** server-side sockets still open */
const open = new Set<Socket>();

beforeAll(async () => {
  guard = guardLoopbackOnly();
  server = http.createServer((req, res) => {
    seenHosts.push(req.headers.host ?? '');
    if (req.url === '/big') {
      res.end(Buffer.alloc(HTTP_BODY_SAMPLE_BYTES + 40_000, 0x61));
      return;
    }
    res.writeHead(403, { Server: 'Beaver', 'Content-Type': 'text/html' });
    res.end('<html><head><title>\n  Non-compliance ICP Filing\n</title></head></html>');
  });
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

/** Until no server-side socket is open (at most `ms`), for the close to cross loopback. */
async function openAfter(ms: number): Promise<number> {
  const until = Date.now() + ms;
  while (open.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  return open.size;
}

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  guard.restore();
  expect(guard.violations).toEqual([]);
});

const request = (path: string) => ({
  url: new URL(`http://blocked.example.invalid:${port}${path}`),
  address: '127.0.0.1',
  method: 'GET',
  headers: {},
  timeoutMs: 2_000,
  bodyCap: HTTP_BODY_SAMPLE_BYTES,
  signal: new AbortController().signal,
});

describe('pinned HTTP', () => {
  it('connects to the pinned address without DNS while sending the URL host as Host', async () => {
    const response = await pinnedFetch(request('/'));
    expect(response).toMatchObject({ statusCode: 403, protocol: 'http/1.1', error: null });
    expect(response.headers.server).toBe('Beaver');
    expect(seenHosts.at(-1)).toBe(`blocked.example.invalid:${port}`);
    expect(titleOf(response.body.toString())).toBe('Non-compliance ICP Filing');
  });

  it('keeps only the first 64 KiB of a body and says it was cut', async () => {
    const response = await pinnedFetch(request('/big'));
    expect(response.body.length).toBe(HTTP_BODY_SAMPLE_BYTES);
    expect(response.bodyTruncated).toBe(true);
  });

  it('dials before undici is ready and still reports a refused connection by its code', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const response = await pinnedFetch({
      ...request('/'),
      url: new URL(`http://refused.example.invalid:${closedPort}/`),
    });
    expect(response.statusCode).toBeNull();
    expect(response.error).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a request stopped while its connection is being dialled leaves no connection open', async () => {
    const controller = new AbortController();
    const pending = pinnedFetch({ ...request('/'), signal: controller.signal });
    controller.abort();
    const response = await pending;
    expect(response.statusCode).toBeNull();
    expect(response.error).not.toBeNull();
    expect(await openAfter(2_000)).toBe(0);
  });

  it('a request stopped once connected leaves no connection open either', async () => {
    const controller = new AbortController();
    const connected = new Promise((resolve) => server.once('connection', resolve));
    const pending = pinnedFetch({ ...request('/'), signal: controller.signal });
    await connected;
    controller.abort();
    const response = await pending;
    expect(response.error).not.toBeNull();
    expect(await openAfter(2_000)).toBe(0);
  });
});
