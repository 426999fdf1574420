/**
 * End to end, as on a phone: the mini-program's runner measures a lab endpoint (the fake `wx` answers
 * the attempts with real raw failures users reported for that kind of fault), the mini-program's own
 * API client uploads the document to a real server over real HTTP, and the server probes the same
 * lab endpoint for real and diagnoses both views. The verdict must be the lab manifest's cause, with
 * the phone's errors agreeing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLabApp } from '../server/src/testing/lab-app';
import type { Lab } from '../server/lab/lab';
import { domainCheckOf } from '../shared/classify/domain-check';
import { measure } from './runner/measure';
import { DEFAULT_RUN_CONFIG } from './runner/run-config';
import { exportJson } from './services/export';
import { createReport, fetchReport } from './services/wxprobe-api';
import { summarizeMatrix } from './shared/client-analysis/matrix';
import { asWxFailure, corpusLine } from './test/corpus';
import {
  createFakeWx,
  realisticProfile,
  type FakeEnvironment,
  type WxAnswer,
  type WxCall,
} from './test/fake-wx';
import { buildRoot } from './test/paths';

let lab: Lab;
let app: FastifyInstance;
let close: () => Promise<void>;
let base: string;

beforeAll(async () => {
  ({ lab, app, close } = await startLabApp({ lab: { seed: 7 } }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await close?.();
});

/**
 * The fake `wx`: calls to the probe server go over real HTTP (what wx.request does on a phone);
 * the domain-check request meets an enforced domain list; attempts at the endpoint get `answer`.
 */
function installWx(answer: (call: WxCall) => WxAnswer, environment: FakeEnvironment = {}) {
  const fake = createFakeWx(
    (call) =>
      call.url.includes('.invalid')
        ? { fail: { errMsg: 'request:fail url not in domain list', errno: 600002 } }
        : answer(call),
    environment,
  );
  const fakeRequest = fake.wx.request as (options: Record<string, unknown> & { url: string }) => unknown;
  const request = (options: Record<string, unknown> & { url: string }) => {
    if (!options.url.startsWith(base)) return fakeRequest(options);
    const success = options.success as (r: unknown) => void;
    const fail = options.fail as (r: unknown) => void;
    const body = options.data === undefined ? undefined : JSON.stringify(options.data);
    fetch(options.url, {
      method: String(options.method ?? 'GET'),
      headers: { 'content-type': 'application/json' },
      body,
    })
      .then(async (res) =>
        success({ statusCode: res.status, data: await res.text(), header: {}, errMsg: 'request:ok' }),
      )
      .catch((err: Error) => fail({ errMsg: `request:fail ${err.message}` }));
    return { abort: () => undefined };
  };
  vi.stubGlobal('wx', { ...fake.wx, request });
}

async function phoneRun(url: string) {
  const run = measure({ ...DEFAULT_RUN_CONFIG, url, attempts: 6 });
  const measurement = await run.done;
  expect(measurement.schemaErrors).toEqual([]);
  return measurement.document;
}

describe('runner → real server → real probe of a lab endpoint', () => {
  it('ICP filter: the phone sees resets, the server sees SNI-keyed RSTs → icp-filing-block', async () => {
    const reset = corpusLine((l) => l.kind === 'connection-reset' && l.platform === 'android');
    installWx(() => ({ fail: asWxFailure(reset) }));
    const endpoint = lab.byCase('icp-block');
    const document = await phoneRun(endpoint.url);
    expect(domainCheckOf(document.env)).toBe('on');
    expect(document.attempts.every((a) => !a.ok && a.errMsg === asWxFailure(reset).errMsg)).toBe(true);

    const created = await createReport(base, document);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const report = created.value;
    expect(report.client?.attempts).toHaveLength(6);
    expect(report.probe?.url).toBe(endpoint.url);
    const top = report.diagnosis.verdicts[0]!;
    expect(top.cause).toBe(endpoint.expectedCause);
    // The phone's resets agree with the probe's verdict, and the evidence says so.
    expect(top.evidence).toContainEqual(
      expect.objectContaining({ kind: 'agreement', facts: expect.objectContaining({ agrees: true }) }),
    );

    const again = await fetchReport(base, report.id);
    expect(again.ok && again.value.diagnosis.verdicts[0]?.cause).toBe('icp-filing-block');
  });

  it('expired certificate: the phone sees a date error, the server the expired leaf → cert-expired', async () => {
    const dateError = corpusLine((l) => l.kind === 'cert-date-invalid');
    installWx(() => ({ fail: asWxFailure(dateError) }));
    const endpoint = lab.byCase('expired');
    const created = await createReport(base, await phoneRun(endpoint.url));
    expect(created.ok).toBe(true);
    if (created.ok) expect(created.value.diagnosis.verdicts[0]?.cause).toBe('cert-expired');
  });

  it('conflicting views: the phone says the certificate names another host, the real probe sees a good one → the phone’s cause, ranked lower, not unknown', async () => {
    const nameError = corpusLine((l) => l.kind === 'cert-name-invalid' && l.platform === 'android');
    installWx(() => ({ fail: asWxFailure(nameError) }), {
      deviceInfo: { platform: 'android', system: 'Android 13', model: 'Pixel 7' },
    });
    // the ok endpoint: its certificate covers the name, so the outside probe cannot reproduce it
    const endpoint = lab.byCase('ok');
    const created = await createReport(base, await phoneRun(endpoint.url));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const report = created.value;
    expect(report.probe?.certificate).toMatchObject({ verify: { ok: true }, hostname: { ok: true } });
    const top = report.diagnosis.verdicts[0]!;
    expect(top.cause).toBe('cert-hostname-mismatch');
    expect(top.confidence).toBeLessThan(0.7);
    expect(top.title.en).toContain('does not reproduce');
    expect(top.evidence[0]).toMatchObject({ kind: 'client-attempts', facts: { kind: 'cert-name-invalid' } });
    expect(top.evidence.map((e) => e.pointer)).toContain('/probe/certificate');
    expect(report.diagnosis.verdicts.map((v) => v.cause)).not.toContain('unknown');
  });

  it('variant matrix + control URL → exported JSON → wxprobe diagnose, wxprobe probe --client-report and the server agree', async () => {
    const endpoint = lab.byCase('icp-block');
    const control = lab.byCase('ok').url;
    const reset = corpusLine((l) => l.kind === 'connection-reset' && l.platform === 'android');
    // The phone's network is fine (the control URL answers); the target is reset whatever the variant.
    installWx(
      (call) =>
        call.url === control
          ? { success: { statusCode: 200, data: 'ok', profile: realisticProfile() } }
          : { fail: asWxFailure(reset) },
      // A phone: devtools would not apply HTTP/2 or QUIC, and the matrix would be the base alone.
      { deviceInfo: { platform: 'android', system: 'Android 13', model: 'Pixel 7' } },
    );
    const run = measure({
      ...DEFAULT_RUN_CONFIG,
      url: endpoint.url,
      attempts: 6,
      matrix: ['enableHttp2', 'enableQuic'],
      controlUrl: control,
    });
    const measurement = await run.done;
    expect(measurement.schemaErrors).toEqual([]);
    const document = measurement.document;
    // Interleaved: base, http2, quic, then the control, round after round.
    expect(
      document.attempts.slice(0, 4).map((a) => (a.target === 'control' ? 'control' : a.variant)),
    ).toEqual(['base', 'http2', 'quic', 'control']);
    const rows = summarizeMatrix(document);
    expect(rows.map((r) => [r.id, r.passed, r.total])).toEqual([
      ['base', 0, 2],
      ['http2', 0, 2],
      ['quic', 0, 2],
      ['control', 2, 2],
    ]);
    expect(rows.find((r) => r.id === 'control')!.p95Ms).not.toBeNull();

    // Export as the phone does, then every reader takes the same file.
    mkdirSync(buildRoot, { recursive: true });
    const dir = mkdtempSync(join(buildRoot, 'e2e-export-'));
    try {
      const clientFile = join(dir, 'client.json');
      writeFileSync(clientFile, exportJson(document));

      const created = await createReport(base, JSON.parse(exportJson(document)));
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      const serverCause = created.value.diagnosis.verdicts[0]!.cause;
      expect(serverCause).toBe('icp-filing-block');
      const probeFile = join(dir, 'probe.json');
      writeFileSync(probeFile, JSON.stringify(created.value.probe));

      const cli = (args: string[]) => {
        const out = spawnSync(
          process.execPath,
          [join(buildRoot, '..', 'server', 'bin', 'wxprobe.js'), ...args],
          {
            encoding: 'utf8',
            timeout: 120_000,
          },
        );
        return JSON.parse(out.stdout) as { diagnosis: { verdicts: { cause: string; evidence: string[] }[] } };
      };
      const rediagnosed = cli(['diagnose', '--client', clientFile, '--probe', probeFile, '--json']);
      expect(rediagnosed.diagnosis.verdicts[0]!.cause).toBe(serverCause);
      const probed = cli([...endpoint.probeArgs, '--client-report', clientFile, '--json']);
      expect(probed.diagnosis.verdicts[0]!.cause).toBe(serverCause);
      // The control attempts are not counted as the target's: 6 target attempts in the evidence.
      expect(created.value.diagnosis.verdicts[0]!.evidence.map((e) => e.pointer).join('\n')).toContain(
        '/client/attempts',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
