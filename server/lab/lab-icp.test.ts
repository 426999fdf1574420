import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab';
import {
  curl,
  installed,
  labGet,
  opensslClient,
  repeat,
  targetOf,
  tlsAttempt,
  type TlsOutcome,
} from './test-clients';

let lab: Lab;
let hasCurl = false;
let hasOpenssl = false;

beforeAll(async () => {
  // The default leak probability (0.02) with a fixed seed: the leaks land on the same attempts every run.
  lab = await startLab({ cases: ['ok', 'icp-block', 'icp-block-tencent'], seed: 20240601 });
  [hasCurl, hasOpenssl] = await Promise.all([installed('curl'), installed('openssl')]);
});
afterAll(async () => lab?.close());

const ATTEMPTS = 100;

function attempts(caseName: string, servername: string | undefined, extra = {}): Promise<TlsOutcome[]> {
  const endpoint = lab.byCase(caseName);
  // servername '' sends no SNI at all.
  return repeat(ATTEMPTS, 4, () =>
    tlsAttempt(targetOf(endpoint), {
      servername: servername ?? '',
      ca: lab.caPem,
      rejectUnauthorized: false,
      ...extra,
    }),
  );
}

function isRst(outcome: TlsOutcome): boolean {
  return outcome.result === 'error' && outcome.tcpEnd === 'rst' && outcome.bytesFromServer === 0;
}

describe.each(['icp-block', 'icp-block-tencent'])('%s middlebox (TLS side)', (caseName) => {
  it('resets a ClientHello naming the blocked host in >= 90 of 100 attempts, with RST and 0 server bytes', async () => {
    const before = lab.icpDecisions(caseName);
    const outcomes = await attempts(caseName, lab.byCase(caseName).name);
    const resets = outcomes.filter(isRst).length;
    const passed = outcomes.filter((o) => o.result === 'secure').length;
    expect(resets).toBeGreaterThanOrEqual(90);
    expect(resets + passed).toBe(ATTEMPTS); // nothing else: a reset or a real handshake
    for (const o of outcomes.filter(isRst)) {
      expect(o.tcpErrorCode).toBe('ECONNRESET');
      expect(o.tcpErrorSyscall).toBe('read');
    }
    const after = lab.icpDecisions(caseName);
    expect(after.reset - before.reset).toBe(resets);
    expect(after.leak - before.leak).toBe(passed);
  });

  it('passes 100 of 100 with another SNI and 100 of 100 with no SNI', async () => {
    const other = await attempts(caseName, 'www.example-with-icp-filing.test');
    expect(other.filter((o) => o.result === 'secure')).toHaveLength(ATTEMPTS);
    const none = await attempts(caseName, undefined);
    expect(none.filter((o) => o.result === 'secure')).toHaveLength(ATTEMPTS);
    // The backend behind the filter is healthy: with the right name the chain verifies.
    expect(other[0]?.chain[0]?.checkHost(lab.byCase(caseName).name)).toBe(lab.byCase(caseName).name);
  });

  it('lets a ClientHello split over two TCP segments through', async () => {
    const endpoint = lab.byCase(caseName);
    const before = lab.icpDecisions(caseName);
    const outcomes = await repeat(20, 4, () =>
      tlsAttempt(targetOf(endpoint), { servername: endpoint.name, ca: lab.caPem, splitAt: 40 }),
    );
    expect(outcomes.filter((o) => o.result === 'secure' && o.authorized)).toHaveLength(20);
    // The filter saw the first 40 bytes alone and gave up: it was the split that passed, not a leak.
    expect(lab.icpDecisions(caseName)['pass-split'] - before['pass-split']).toBe(20);
  });
});

describe('icp-block reset as a plain node:tls client sees it', () => {
  it('is ECONNRESET on read, before any server byte', async () => {
    const endpoint = lab.byCase('icp-block');
    const errors = await repeat(5, 1, () => plainTlsError(endpoint.address, endpoint.port, endpoint.name));
    const resets = errors.filter((e) => e?.code === 'ECONNRESET');
    expect(resets.length).toBeGreaterThanOrEqual(4);
    for (const e of resets) expect(e?.syscall).toBe('read');
  });
});

function plainTlsError(
  host: string,
  port: number,
  servername: string,
): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, servername, ca: lab.caPem });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error));
  });
}

describe('HTTP block pages', () => {
  it('icp-block answers a blocked Host Alibaba-style: 403, Server: Beaver, the beian-block page', async () => {
    const endpoint = lab.byCase('icp-block');
    const answer = await labGet(lab, `http://${endpoint.name}:${endpoint.httpPort}/any/path`);
    expect(answer.status).toBe(403);
    expect(answer.statusMessage).toBe('Forbidden');
    expect(answer.headers.server).toBe('Beaver');
    expect(answer.headers['content-type']).toBe('text/html');
    const id = /beian-block\?id=(\d+)"/.exec(answer.body)?.[1];
    expect(id).toMatch(/^\d{20}$/);
    expect(answer.body).toBe(
      '<html><title>Non-compliance ICP Filing</title><script>window.onload = function () {\n' +
        `  document.getElementById("mainFrame").src = "http://www.aliyun.com/beian/beian-block?id=${id}"; }\n` +
        '</script></html>\n',
    );
  });

  it('icp-block-tencent answers a blocked Host with the raw `302 OK` to the webblock page', async () => {
    const endpoint = lab.byCase('icp-block-tencent');
    const raw = await rawHttp(endpoint.address, endpoint.httpPort!, `${endpoint.name}:${endpoint.httpPort}`);
    const [statusLine, ...headerLines] = raw.split('\r\n\r\n')[0]!.split('\r\n');
    expect(statusLine).toBe('HTTP/1.1 302 OK');
    expect(headerLines).toContain(
      `Location: https://dnspod.qcloud.com/static/webblock.html?d=${endpoint.name}`,
    );
    expect(headerLines).toContain('Connection: Keep-Alive');
  });

  it('other Hosts and bare IPs reach the healthy backend on both', async () => {
    for (const caseName of ['icp-block', 'icp-block-tencent']) {
      const endpoint = lab.byCase(caseName);
      for (const host of [`${endpoint.address}:${endpoint.httpPort}`, 'www.example-with-icp-filing.test']) {
        const raw = await rawHttp(endpoint.address, endpoint.httpPort!, host);
        expect(raw.split('\r\n')[0], `${caseName} Host ${host}`).toBe('HTTP/1.1 301 Moved Permanently');
        expect(raw).not.toMatch(/Beaver|webblock/);
      }
    }
  });

  it('curl sees the block page and the reset', async (ctx) => {
    if (!hasCurl) return ctx.skip();
    const endpoint = lab.byCase('icp-block');
    const page = await curl(
      lab,
      endpoint,
      ['--include', '--resolve', `${endpoint.name}:${endpoint.httpPort}:${endpoint.address}`],
      `http://${endpoint.name}:${endpoint.httpPort}/`,
    );
    expect(page.code).toBe(0);
    expect(page.stdout).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(page.stdout).toMatch(/\r\nServer: Beaver\r\n/);
    const tries = await repeat(3, 1, () => curl(lab, endpoint));
    const resets = tries.filter((t) => t.code === 35 && /reset by peer/i.test(t.stderr));
    expect(resets.length).toBeGreaterThanOrEqual(2);
  });

  it('openssl s_client reads 0 bytes before the reset', async (ctx) => {
    if (!hasOpenssl) return ctx.skip();
    const endpoint = lab.byCase('icp-block');
    const tries = await repeat(3, 1, () => opensslClient(lab, endpoint, ['-tls1_2']));
    const zeroRead = tries.filter((t) => /SSL handshake has read 0 bytes/.test(t.stdout));
    expect(zeroRead.length).toBeGreaterThanOrEqual(2);
  });
});

/** One raw HTTP/1.1 GET: the exact status line and header spelling the server wrote. */
function rawHttp(address: string, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    let data = '';
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      if (data.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(data);
      }
    });
    socket.on('error', reject);
    socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: wxprobe-lab-test\r\n\r\n`);
  });
}
