import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertFromOpenSslCode } from '../src/probe/tls-alerts';
import { startLab, type Lab } from './lab';
import { casesInGroups } from './manifest';
import { curl, installed, labGet, repeat, targetOf, tlsAttempt } from './test-clients';

let lab: Lab;
let hasCurl = false;

beforeAll(async () => {
  lab = await startLab({
    // h2-only is an ALPN refusal at the TLS layer, though its group is http.
    cases: [...casesInGroups('tls'), 'h2-only'],
  });
  hasCurl = await installed('curl');
});
afterAll(async () => lab?.close());

function attempt(caseName: string, extra: Parameters<typeof tlsAttempt>[1] = {}) {
  const endpoint = lab.byCase(caseName);
  return tlsAttempt(targetOf(endpoint), { servername: endpoint.name, ca: lab.caPem, ...extra });
}

/** A TLS alert record: content type 21, a version, length 2, level, description. */
function alertIn(bytes: Buffer): { level: number; description: number } | null {
  if (bytes.length < 7 || bytes[0] !== 0x15 || bytes.readUInt16BE(3) !== 2) return null;
  return { level: bytes[5]!, description: bytes[6]! };
}

const LEGACY = { ciphers: 'DEFAULT@SECLEVEL=0' } as const;

describe.each([
  ['tls10-only', 'TLSv1'],
  ['tls11-only', 'TLSv1.1'],
] as const)('%s', (caseName, version) => {
  it('refuses a default (TLS 1.2+) client with a protocol_version alert', async () => {
    const modern = await attempt(caseName);
    expect(modern.result).toBe('error');
    expect(alertFromOpenSslCode(modern.code)?.description).toBe('protocol_version');
    expect(alertIn(modern.firstServerBytes)).toEqual({ level: 2, description: 70 });
    const tls12 = await attempt(caseName, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    expect(tls12.result).toBe('error');
  });

  it(`accepts a ${version} client at security level 0`, async () => {
    const old = await attempt(caseName, { minVersion: version, maxVersion: version, ...LEGACY });
    expect(old.result).toBe('secure');
    expect(old.protocol).toBe(version);
    expect(old.authorized).toBe(true);
  });

  it('curl (TLS 1.2 minimum by default) fails the handshake', async (ctx) => {
    if (!hasCurl) return ctx.skip();
    const result = await curl(lab, lab.byCase(caseName));
    expect(result.code).toBe(35);
  });
});

describe('no-shared-cipher', () => {
  it('ends the handshake with a fatal handshake_failure alert', async () => {
    const outcome = await attempt('no-shared-cipher');
    expect(outcome.result).toBe('error');
    expect(alertFromOpenSslCode(outcome.code)?.description).toBe('handshake_failure');
    expect(alertIn(outcome.firstServerBytes)).toEqual({ level: 2, description: 40 });
    expect(outcome.tcpEnd).not.toBe('rst');
  });

  it('fails whatever the client offers, even every cipher at level 0', async () => {
    const outcome = await attempt('no-shared-cipher', { ciphers: 'ALL@SECLEVEL=0', maxVersion: 'TLSv1.2' });
    expect(outcome.result).toBe('error');
    expect(alertIn(outcome.firstServerBytes)?.description).toBe(40);
  });
});

describe('reset-all, close-after-hello, hang-after-hello', () => {
  it('reset-all: RST after every ClientHello, 0 server bytes, whatever the SNI', async () => {
    const endpoint = lab.byCase('reset-all');
    for (const servername of [endpoint.name, 'www.example-with-icp-filing.test', '']) {
      const outcomes = await repeat(10, 4, () => attempt('reset-all', { servername }));
      for (const o of outcomes) {
        expect(o.tcpEnd, servername).toBe('rst');
        expect(o.tcpErrorCode).toBe('ECONNRESET');
        expect(o.bytesFromServer).toBe(0);
      }
    }
  });

  it('close-after-hello: a FIN, not a RST, and 0 server bytes', async () => {
    const outcomes = await repeat(10, 4, () => attempt('close-after-hello'));
    for (const o of outcomes) {
      expect(o.result).toBe('error');
      expect(o.tcpEnd).toBe('fin');
      expect(o.tcpErrorCode).toBeNull();
      expect(o.bytesFromServer).toBe(0);
    }
  });

  it('hang-after-hello: the handshake times out with nothing received', async () => {
    const outcome = await attempt('hang-after-hello', { timeoutMs: 1000 });
    expect(outcome.result).toBe('timeout');
    expect(outcome.tcpEnd).toBe('open');
    expect(outcome.bytesFromServer).toBe(0);
  });
});

describe('h2-only', () => {
  it('negotiates h2 with a client offering it, and answers over HTTP/2', async () => {
    const endpoint = lab.byCase('h2-only');
    const outcome = await attempt('h2-only', { ALPNProtocols: ['h2', 'http/1.1'] });
    expect(outcome.result).toBe('secure');
    expect(outcome.alpn).toBe('h2');

    const session = http2.connect(`https://${endpoint.address}:${endpoint.port}`, {
      servername: endpoint.name,
      ca: lab.caPem,
    });
    try {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = session.request({ ':path': '/', ':authority': endpoint.name });
        let status = 0;
        let body = '';
        stream.on('response', (headers) => (status = Number(headers[':status'])));
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => resolve({ status, body }));
        stream.on('error', reject);
      });
      expect(status).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ case: 'h2-only', protocol: 'h2' });
    } finally {
      session.close();
    }
  });

  it('refuses a client offering only http/1.1 with a no_application_protocol alert', async () => {
    const outcome = await attempt('h2-only', { ALPNProtocols: ['http/1.1'] });
    expect(outcome.result).toBe('error');
    expect(alertFromOpenSslCode(outcome.code)?.description).toBe('no_application_protocol');
    await expect(labGet(lab, lab.byCase('h2-only').url)).rejects.toBeTruthy();
  });

  it('curl works over HTTP/2 and fails with --http1.1', async (ctx) => {
    if (!hasCurl) return ctx.skip();
    const endpoint = lab.byCase('h2-only');
    const h2 = await curl(lab, endpoint, ['--http2']);
    expect(h2.code).toBe(0);
    expect(JSON.parse(h2.stdout)).toMatchObject({ case: 'h2-only' });
    const h1 = await curl(lab, endpoint, ['--http1.1']);
    expect(h1.code).not.toBe(0);
  });
});
