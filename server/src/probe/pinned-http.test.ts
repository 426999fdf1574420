import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_BODY_SAMPLE_BYTES } from './limits';
import { pinnedFetch } from './pinned-http';
import { titleOf } from './port80-check';
import { guardLoopbackOnly, type LoopbackGuard } from './test-support/loopback-guard';

let server: http.Server;
let port = 0;
let guard: LoopbackGuard;
const seenHosts: string[] = [];

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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

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
});
