import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIcpMiddlebox, type IcpMiddleboxOptions } from './icp-middlebox';
import { makeLabPki, type LabPki } from './pki';
import { seededRandom } from './prng';
import { serve, type Stoppable } from './serving';
import { repeat, tlsAttempt, type TlsOutcome } from './test-clients';

// The middlebox's options one by one, against a real TLS backend on loopback (no whole lab).
const BLOCKED = 'blocked.lab.wxprobe.test';
let pki: LabPki;
let backend: Stoppable & { port: number };
const started: Stoppable[] = [];

beforeAll(async () => {
  pki = await makeLabPki('http://aia.lab.wxprobe.test:1');
  const creds = await pki.issue({ names: [BLOCKED], issuer: 'intermediate', chain: 'full' });
  const server = tls.createServer({ key: creds.key, cert: creds.cert }, (socket) =>
    socket.end('hello from the backend\n'),
  );
  backend = await serve(server, '127.0.0.1', 0);
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  await backend?.stop();
});

async function middlebox(overrides: Partial<IcpMiddleboxOptions>) {
  const box = createIcpMiddlebox({
    blockedNames: new Set([BLOCKED]),
    leakProbability: 0,
    random: seededRandom(1),
    splitHelloPasses: true,
    backend: { host: '127.0.0.1', port: backend.port },
    ...overrides,
  });
  const served = await serve(box.server, '127.0.0.1', 0);
  started.push(served);
  return { ...box, target: { address: '127.0.0.1', port: served.port } };
}

const secure = (outcomes: TlsOutcome[]) => outcomes.filter((o) => o.result === 'secure').length;
const resets = (outcomes: TlsOutcome[]) =>
  outcomes.filter((o) => o.tcpEnd === 'rst' && o.bytesFromServer === 0).length;

describe('ICP middlebox options', () => {
  it('leak 0: every blocked handshake is reset', async () => {
    const box = await middlebox({ leakProbability: 0 });
    const outcomes = await repeat(20, 4, () =>
      tlsAttempt(box.target, { servername: BLOCKED, ca: pki.caPem }),
    );
    expect(resets(outcomes)).toBe(20);
    expect(box.decisions.reset).toBe(20);
  });

  it('leak 1: every blocked handshake leaks through to the backend', async () => {
    const box = await middlebox({ leakProbability: 1 });
    const outcomes = await repeat(20, 4, () =>
      tlsAttempt(box.target, { servername: BLOCKED, ca: pki.caPem }),
    );
    expect(secure(outcomes)).toBe(20);
    expect(box.decisions.leak).toBe(20);
  });

  it('the same seed leaks on the same attempts', async () => {
    const run = async () => {
      const box = await middlebox({ leakProbability: 0.3, random: seededRandom(42) });
      const outcomes = await repeat(30, 1, () =>
        tlsAttempt(box.target, { servername: BLOCKED, ca: pki.caPem }),
      );
      return outcomes.map((o) => o.result);
    };
    const first = await run();
    expect(first).toEqual(await run());
    expect(first).toContain('secure');
    expect(first).toContain('error');
  });

  it('splitHelloPasses off: a split ClientHello is read whole and still reset', async () => {
    const box = await middlebox({ splitHelloPasses: false });
    const outcomes = await repeat(10, 2, () =>
      tlsAttempt(box.target, { servername: BLOCKED, ca: pki.caPem, splitAt: 40 }),
    );
    expect(resets(outcomes)).toBe(10);
  });

  it('splitHelloPasses on: the same split ClientHello passes', async () => {
    const box = await middlebox({ splitHelloPasses: true });
    const outcomes = await repeat(10, 2, () =>
      tlsAttempt(box.target, { servername: BLOCKED, ca: pki.caPem, splitAt: 40 }),
    );
    expect(secure(outcomes)).toBe(10);
    expect(box.decisions['pass-split']).toBe(10);
  });

  it('resetShare: resets a seeded share whatever the name; each name’s k-th handshake meets the same fate', async () => {
    // one connection at a time; the same names in two different interleavings
    const names = [BLOCKED, 'other.test', ''];
    const run = async (order: string[]) => {
      const box = await middlebox({ blockedNames: new Set(), resetShare: 0.3, random: seededRandom(7) });
      const outcomes = await repeat(45, 1, (i) =>
        tlsAttempt(box.target, { servername: order[i % 3] ?? '', ca: pki.caPem, rejectUnauthorized: false }),
      );
      const fates = (name: string) =>
        outcomes.filter((_, i) => order[i % 3] === name).map((o) => (o.result === 'secure' ? 'ok' : 'reset'));
      return { box, outcomes, fates };
    };
    const first = await run(names);
    const reversed = await run([...names].reverse());
    for (const name of names) {
      expect(first.fates(name)).toEqual(reversed.fates(name));
      // every name gets its share: the resets do not follow the SNI
      expect(first.fates(name)).toContain('reset');
      expect(first.fates(name)).toContain('ok');
    }
    expect(resets(first.outcomes) + secure(first.outcomes)).toBe(45);
    expect(resets(first.outcomes)).toBe(first.box.decisions['random-reset']);
    expect(resets(first.outcomes)).toBeGreaterThanOrEqual(5);
    expect(resets(first.outcomes)).toBeLessThanOrEqual(25);
  });

  it('passes the backend answer through intact', async () => {
    const box = await middlebox({});
    const text = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({
        ...box.target,
        host: box.target.address,
        servername: 'other.test',
        ca: pki.caPem,
        checkServerIdentity: () => undefined,
      });
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(text).toBe('hello from the backend\n');
    expect(box.decisions['pass-other-sni']).toBe(1);
  });
});
