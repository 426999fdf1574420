/**
 * The address policy inside a real probe run: refused addresses are never connected to (a counting
 * server on 127.0.0.1 proves it, and a tripwire fails the test on any non-loopback connect).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProbeObservation } from '../../../shared/observations/index';
import { probeTarget } from './probe';
import { guardLoopbackOnly, type LoopbackGuard } from './test-support/loopback-guard';

let guard: LoopbackGuard;
let server: net.Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  guard = guardLoopbackOnly();
  server = net.createServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  guard.restore();
  expect(guard.violations).toEqual([]);
});

const quick = { attempts: 1, timeoutMs: 1_000 };

describe('address policy in a probe run', () => {
  it('refuses 127.0.0.1 by default and connects nowhere', async () => {
    const before = connections;
    const obs = await probeTarget(`https://127.0.0.1:${port}/`, { ...quick, httpPort: port });
    expect(obs.policy?.checks).toEqual([
      {
        address: '127.0.0.1',
        category: 'loopback',
        allowed: false,
        reason: expect.stringMatching(/^refused: loopback/),
      },
    ]);
    expect(obs.steps).toMatchObject({
      policy: 'refused',
      tcp: 'refused',
      tls: 'refused',
      certificate: 'refused',
      http: 'refused',
      port80: 'refused',
    });
    expect(connections).toBe(before);
    expect(parseProbeObservation(obs).ok).toBe(true);
  });

  it('connects to 127.0.0.1 once --allow-cidr 127.0.0.0/8 allows it', async () => {
    const before = connections;
    const obs = await probeTarget(`https://127.0.0.1:${port}/`, {
      ...quick,
      httpPort: port,
      allowCidrs: ['127.0.0.0/8'],
    });
    expect(obs.policy).toMatchObject({ pinned: '127.0.0.1', checks: [{ allowed: true }] });
    expect(obs.tcp?.results[0]?.ok).toBe(true);
    expect(connections).toBeGreaterThan(before);
  });

  it('refuses localhost and hidden loopback forms: numeric tricks and IPv4-mapped IPv6', async () => {
    for (const url of [
      `https://localhost:${port}/`,
      `https://2130706433:${port}/`,
      `https://0x7f.1:${port}/`,
      `https://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      const before = connections;
      const obs = await probeTarget(url, { ...quick, httpPort: port });
      expect({ url, policy: obs.steps.policy }).toEqual({ url, policy: 'refused' });
      expect(obs.policy?.checks.every((c) => !c.allowed && c.category === 'loopback')).toBe(true);
      expect(connections).toBe(before);
    }
  });

  it('refuses the cloud metadata address, in any spelling, even with --allow-private', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://0xa9fea9fe/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://100.100.100.200/',
    ]) {
      const obs = await probeTarget(url, { ...quick, allowPrivate: true });
      expect({ url, policy: obs.steps.policy, category: obs.policy?.checks[0]?.category }).toEqual({
        url,
        policy: 'refused',
        category: 'metadata',
      });
      expect(obs.tcp).toBeNull();
    }
  });

  it('refuses a private address given by --resolve, and says why', async () => {
    const obs = await probeTarget('https://intranet.example/', {
      ...quick,
      resolve: [{ host: 'intranet.example', port: 443, address: '10.1.2.3' }],
    });
    expect(obs.dns).toMatchObject({
      source: 'override',
      answers: [{ address: '10.1.2.3', family: 4, ttl: null }],
    });
    expect(obs.policy?.checks[0]).toMatchObject({ category: 'private', allowed: false });
    expect(obs.policy?.checks[0]?.reason).toContain('--allow-private');
  });
});
