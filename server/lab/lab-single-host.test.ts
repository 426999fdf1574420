import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab';
import { labGet, labResolver, repeat, targetOf, tlsAttempt } from './test-clients';

// `host`: everything on one address (as on macOS, where only 127.0.0.1 exists), told apart by port.
let lab: Lab;

beforeAll(async () => {
  lab = await startLab({
    host: '127.0.0.1',
    cases: ['ok', 'expired', 'icp-block', 'refused', 'redirect-offsite'],
    seed: 3,
  });
});
afterAll(async () => lab?.close());

describe('single-host lab', () => {
  it('binds every endpoint on the one address with distinct ports', () => {
    const ports = lab.endpoints.map((e) => e.port);
    for (const endpoint of lab.endpoints) expect(endpoint.address).toBe('127.0.0.1');
    expect(new Set(ports).size).toBe(ports.length);
    expect(lab.aia.address).toBe('127.0.0.1');
  });

  it('still resolves, serves and filters as usual', async () => {
    const ok = lab.byCase('ok');
    expect(await labResolver(lab).resolve4(ok.name)).toEqual(['127.0.0.1']);
    expect((await labGet(lab, ok.url)).status).toBe(200);
    expect((await labGet(lab, lab.byCase('redirect-offsite').url)).status).toBe(302);
    const icp = lab.byCase('icp-block');
    const outcomes = await repeat(20, 4, () =>
      tlsAttempt(targetOf(icp), { servername: icp.name, ca: lab.caPem }),
    );
    expect(
      outcomes.filter((o) => o.tcpEnd === 'rst' && o.bytesFromServer === 0).length,
    ).toBeGreaterThanOrEqual(15);
    await expect(labGet(lab, lab.byCase('refused').url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
