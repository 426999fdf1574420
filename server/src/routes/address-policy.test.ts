/**
 * The probe's address policy through the API: by default the server refuses to probe loopback,
 * private and cloud-metadata addresses (the report records the refusal; nothing is connected to),
 * and an operator's allow-list opens exactly what it names. A loopback guard fails the test if any
 * connection to a non-loopback address is even attempted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Report } from '../../../shared/observations/report';
import { startLab, type Lab } from '../../lab/lab';
import { buildApp } from '../app';
import { installLoopbackGuard, type LoopbackGuard } from '../testing/loopback-guard';
import { labConfig } from '../testing/lab-app';

let lab: Lab;
let guard: LoopbackGuard;
let strict: FastifyInstance;
let allowing: FastifyInstance;

beforeAll(async () => {
  guard = installLoopbackGuard();
  lab = await startLab({ cases: ['ok'] });
  // The lab's DNS and CA, but no allow-list: the policy as a public deployment runs it.
  strict = await buildApp(labConfig(lab, { allowCidrs: [] }));
  allowing = await buildApp(labConfig(lab, { allowCidrs: ['127.0.0.0/8'] }));
});
afterAll(async () => {
  await strict?.close();
  await allowing?.close();
  await lab?.close();
  guard?.uninstall();
});

async function probe(app: FastifyInstance, url: string): Promise<Report> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: { url, options: { attempts: 1 } },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Report>();
}

function expectRefused(report: Report) {
  const probe = report.probe!;
  expect(probe.steps.policy).toBe('refused');
  expect(probe.policy?.enforced).toBe(true);
  expect(probe.policy?.pinned).toBeNull();
  expect(probe.policy?.checks.length).toBeGreaterThan(0);
  expect(probe.policy?.checks.every((c) => !c.allowed && c.reason)).toBe(true);
  // Nothing after the policy ran: no TCP, no TLS, no HTTP.
  expect(probe.tcp?.results ?? []).toHaveLength(0);
  expect(probe.tls?.variants.flatMap((v) => v.attempts) ?? []).toHaveLength(0);
  expect(probe.http?.hops ?? []).toHaveLength(0);
  expect(report.diagnosis.verdicts[0]?.cause).not.toBe('ok');
}

describe('address policy through the API', () => {
  it('refuses a loopback IP literal by default', async () => {
    const ok = lab.byCase('ok');
    const report = await probe(strict, `https://${ok.address}:${ok.port}/`);
    expectRefused(report);
    expect(report.probe!.policy!.checks[0]!.category).toBe('loopback');
  });

  it('refuses cloud metadata addresses without connecting to them', async () => {
    for (const url of [
      'https://169.254.169.254/latest/meta-data/',
      'https://100.100.100.200/latest/meta-data/',
    ]) {
      expectRefused(await probe(strict, url));
    }
    expect(guard.blocked).toEqual([]);
  });

  it('refuses numeric host tricks that spell loopback', async () => {
    const ok = lab.byCase('ok');
    for (const host of ['2130706433', '0x7f000001', '0177.0.0.1', '127.1', '[::ffff:127.0.0.1]']) {
      expectRefused(await probe(strict, `https://${host}:${ok.port}/`));
    }
  });

  it('refuses a name that resolves to a loopback address (checked after DNS)', async () => {
    const report = await probe(strict, lab.byCase('ok').url);
    expect(report.probe!.dns?.answers.length).toBeGreaterThan(0);
    expectRefused(report);
  });

  it('probes the same name when the operator allows 127.0.0.0/8', async () => {
    const ok = lab.byCase('ok');
    const report = await probe(allowing, ok.url);
    expect(report.probe!.policy?.pinned).toBe(ok.address);
    expect(report.diagnosis.verdicts[0]?.cause).toBe('ok');
  });

  it('still refuses metadata addresses outside the allow-list', async () => {
    expectRefused(await probe(allowing, 'https://169.254.169.254/'));
    expect(guard.blocked).toEqual([]);
  });
});
