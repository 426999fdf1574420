import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab';
import { OFFSITE_NAME, REBIND_SECOND_ADDRESS, casesInGroups, hostOfCase } from './manifest';
import { labResolver } from './test-clients';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({
    cases: ['ok', 'expired', 'icp-block', ...casesInGroups('dns')],
  });
});
afterAll(async () => lab?.close());

const resolver = () => labResolver(lab, { timeout: 400, tries: 1 });

describe('lab DNS server', () => {
  it('listens on loopback UDP', () => {
    expect(lab.dnsServer.address).toMatch(/^127\./);
    expect(lab.dnsServer.port).toBeGreaterThan(0);
  });

  it('answers every served lab name with its endpoint address, and AAAA with no data', async () => {
    for (const caseName of ['ok', 'expired', 'icp-block']) {
      const endpoint = lab.byCase(caseName);
      expect(await resolver().resolve4(endpoint.name)).toEqual([endpoint.address]);
      await expect(resolver().resolve6(endpoint.name)).rejects.toMatchObject({ code: 'ENODATA' });
    }
    expect(await resolver().resolve4(OFFSITE_NAME)).toEqual([lab.byCase('ok').address]);
    expect(await resolver().resolve4(new URL(lab.aia.baseUrl).hostname)).toEqual([lab.aia.address]);
  });

  it('nxdomain → NXDOMAIN; unknown lab names too', async () => {
    await expect(resolver().resolve4(hostOfCase('nxdomain'))).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver().resolve4(hostOfCase('no-such-case'))).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    expect((await rawQuery(hostOfCase('nxdomain'), 1))?.rcode).toBe(3);
  });

  it('servfail → SERVFAIL', async () => {
    await expect(resolver().resolve4(hostOfCase('servfail'))).rejects.toMatchObject({ code: 'ESERVFAIL' });
  });

  it('empty → NOERROR without answers', async () => {
    await expect(resolver().resolve4(hostOfCase('empty'))).rejects.toMatchObject({ code: 'ENODATA' });
    expect(await rawQuery(hostOfCase('empty'), 1)).toEqual({ rcode: 0, answers: 0 });
  });

  it('timeout → no reply at all', async () => {
    await expect(resolver().resolve4(hostOfCase('timeout'))).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(await rawQuery(hostOfCase('timeout'), 1, 500)).toBeNull();
  });

  it('cname → a chain of two CNAMEs ending at the ok address', async () => {
    const r = resolver();
    expect(await r.resolveCname(hostOfCase('cname'))).toEqual([hostOfCase('cname-2')]);
    expect(await r.resolveCname(hostOfCase('cname-2'))).toEqual([hostOfCase('ok')]);
    expect(await r.resolve4(hostOfCase('cname'))).toEqual([lab.byCase('ok').address]);
    // One A query answers with the whole chain: CNAME, CNAME, A.
    expect(await rawQuery(hostOfCase('cname'), 1)).toEqual({ rcode: 0, answers: 3 });
  });

  it('rebind → the ok address first, another address afterwards, with TTL 0', async () => {
    const r = resolver();
    const before = lab.rebind.lookups();
    const first = await r.resolve4(hostOfCase('rebind'), { ttl: true });
    const second = await r.resolve4(hostOfCase('rebind'), { ttl: true });
    const third = await r.resolve4(hostOfCase('rebind'), { ttl: true });
    expect(first).toEqual([{ address: lab.byCase('ok').address, ttl: 0 }]);
    expect(second).toEqual([{ address: REBIND_SECOND_ADDRESS, ttl: 0 }]);
    expect(third).toEqual(second);
    expect(lab.rebind.lookups() - before).toBe(3);
    expect(lab.rebind.firstAddress).toBe(lab.byCase('ok').address);
  });

  it('rebind: whatever connects to the later address is counted (and reset)', async () => {
    const before = lab.rebind.laterAddressConnections();
    const code = await new Promise<string | null>((resolve) => {
      const socket = net.connect({ host: REBIND_SECOND_ADDRESS, port: lab.byCase('rebind').port });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? null));
      socket.on('close', () => resolve(null));
    });
    expect(['ECONNRESET', null]).toContain(code);
    expect(lab.rebind.laterAddressConnections() - before).toBe(1);
  });

  it('refuses names outside the lab (it is not a recursive resolver)', async () => {
    await expect(resolver().resolve4('example.com')).rejects.toMatchObject({ code: 'EREFUSED' });
  });

  it('exposes the DNS cases as endpoints on the ok port, each expecting its cause', () => {
    for (const caseName of ['nxdomain', 'servfail', 'empty', 'timeout']) {
      const endpoint = lab.byCase(caseName);
      expect(endpoint.expectedCause).toBe('dns-failure');
      expect(endpoint.url).toBe(`https://${caseName}.lab.wxprobe.test:${lab.byCase('ok').port}/`);
    }
    expect(lab.byCase('cname').expectedCause).toBe('ok');
  });
});

/** A hand-built A/AAAA query over UDP: rcode and answer count, or null when nothing comes back. */
function rawQuery(
  name: string,
  type: number,
  timeoutMs = 2000,
): Promise<{ rcode: number; answers: number } | null> {
  const labels = name
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label)]));
  const query = Buffer.concat([
    Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
    ...labels,
    Buffer.from([0x00, 0x00, type, 0x00, 0x01]),
  ]);
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(null);
    }, timeoutMs);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve({ rcode: message.readUInt16BE(2) & 0x0f, answers: message.readUInt16BE(6) });
    });
    socket.send(query, lab.dnsServer.port, lab.dnsServer.address);
  });
}
