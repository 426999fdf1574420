import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab';
import { OFFSITE_NAME, casesInGroups } from './manifest';
import { curl, installed, labGet, run, targetOf, tlsAttempt } from './test-clients';

let lab: Lab;
let hasCurl = false;
const SLOW_MS = 1500;

beforeAll(async () => {
  lab = await startLab({
    cases: casesInGroups('baseline', 'tcp', 'http'),
    slowDelayMs: SLOW_MS,
  });
  hasCurl = await installed('curl');
});
afterAll(async () => lab?.close());

type ConnectResult = { outcome: 'connected' | 'error' | 'still-pending'; code: string | null };

function tcpConnect(address: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const done = (result: ConnectResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ outcome: 'still-pending', code: null }), timeoutMs);
    socket.once('connect', () => done({ outcome: 'connected', code: null }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({ outcome: 'error', code: error.code ?? null }),
    );
  });
}

describe('TCP cases', () => {
  it('refused: ECONNREFUSED', async () => {
    const endpoint = lab.byCase('refused');
    expect(await tcpConnect(endpoint.address, endpoint.port, 3000)).toEqual({
      outcome: 'error',
      code: 'ECONNREFUSED',
    });
  });

  it('refused: curl exit 7', async (ctx) => {
    if (!hasCurl) return ctx.skip();
    expect((await curl(lab, lab.byCase('refused'))).code).toBe(7);
  });

  it('dropped: the SYN goes unanswered, the connect is still pending after 3 s', async (ctx) => {
    const skipped = lab.skipped.find((s) => s.case === 'dropped');
    if (skipped) {
      console.warn(`dropped skipped: ${skipped.reason.en}`);
      return ctx.skip();
    }
    const endpoint = lab.byCase('dropped');
    const curlRun = hasCurl
      ? run('curl', [
          '--silent',
          '--noproxy',
          '*',
          '--connect-timeout',
          '2',
          `http://${endpoint.address}:${endpoint.port}/`,
        ])
      : null;
    expect(await tcpConnect(endpoint.address, endpoint.port, 3000)).toEqual({
      outcome: 'still-pending',
      code: null,
    });
    if (curlRun) expect((await curlRun).code).toBe(28); // curl: operation timed out
    // The lab's own endpoints stay healthy beside it.
    expect((await tcpConnect(lab.byCase('ok').address, lab.byCase('ok').port, 3000)).outcome).toBe(
      'connected',
    );
  });
});

describe('HTTP cases', () => {
  it('plain-http: a TLS client gets an HTTP answer instead of a ServerHello', async () => {
    const endpoint = lab.byCase('plain-http');
    const outcome = await tlsAttempt(targetOf(endpoint), { servername: endpoint.name, ca: lab.caPem });
    expect(outcome.result).toBe('error');
    expect(outcome.code).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
    expect(outcome.firstServerBytes.toString('latin1')).toMatch(/^HTTP\/1\.1 400 /);
    const plain = await labGet(lab, `http://${endpoint.name}:${endpoint.port}/`);
    expect(plain.status).toBe(200);
  });

  it('status-502: TLS is fine, the answer is 502 from nginx', async () => {
    const answer = await labGet(lab, lab.byCase('status-502').url);
    expect(answer.status).toBe(502);
    expect(answer.headers.server).toBe('nginx');
    expect(answer.body).toContain('<title>502 Bad Gateway</title>');
  });

  it('redirect-to-http: 301 to an http:// URL of the same host that answers', async () => {
    const endpoint = lab.byCase('redirect-to-http');
    const answer = await labGet(lab, endpoint.url);
    expect(answer.status).toBe(301);
    const location = new URL(answer.headers.location!);
    expect(location.protocol).toBe('http:');
    expect(location.hostname).toBe(endpoint.name);
    expect(Number(location.port)).toBe(endpoint.httpPort);
    expect((await labGet(lab, location.href)).status).toBe(200);
  });

  it('redirect-loop: following the redirects comes back to a URL already seen', async () => {
    const endpoint = lab.byCase('redirect-loop');
    const seen: string[] = [];
    let url = endpoint.url;
    for (let hop = 0; hop < 6 && !seen.includes(url); hop++) {
      seen.push(url);
      const answer = await labGet(lab, url);
      expect(answer.status).toBe(302);
      url = new URL(answer.headers.location!, url).href;
    }
    expect(seen).toContain(url);
    expect(seen.length).toBeLessThanOrEqual(3);
  });

  it('redirect-offsite: 302 to another registrable domain, which the lab serves', async () => {
    const answer = await labGet(lab, lab.byCase('redirect-offsite').url);
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.location!);
    expect(location.hostname).toBe(OFFSITE_NAME);
    expect(location.hostname.endsWith('.lab.wxprobe.test')).toBe(false);
    const target = await labGet(lab, location.href);
    expect(target.status).toBe(200);
  });

  it('slow: TLS completes at once, the HTTP answer only after the delay', async () => {
    const endpoint = lab.byCase('slow');
    const handshake = await tlsAttempt(targetOf(endpoint), { servername: endpoint.name, ca: lab.caPem });
    expect(handshake.result).toBe('secure');
    await expect(labGet(lab, endpoint.url, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    const started = performance.now();
    const answer = await labGet(lab, endpoint.url, { timeoutMs: SLOW_MS * 4 });
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_MS * 0.9);
  });
});
