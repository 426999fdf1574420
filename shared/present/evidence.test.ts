/**
 * Every piece of evidence the rules give reads as a line in zh and en, and points at a part of the
 * report that exists. Run over all golden scenarios, so each kind the rules produce is exercised.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_KINDS, type Evidence } from '../observations/evidence';
import { buildReport } from '../report/build-report';
import { loadScenario, TESTDATA } from '../diagnose/testdata/load-scenario';
import { evidenceLine, pointerAnchor, resolvePointer } from './evidence';

const scenarios = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const reports = scenarios.map((name) => {
  return { name, report: buildReport(loadScenario(name)) };
});

const HAN = /\p{Script=Han}/u;

describe('evidence lines', () => {
  it('every piece in every golden scenario points at a part of its report that exists', () => {
    const dangling: string[] = [];
    for (const { name, report } of reports)
      for (const v of report.diagnosis.verdicts)
        for (const e of v.evidence)
          if (resolvePointer(report, e.pointer) === undefined)
            dangling.push(`${name}: ${e.kind} ${e.pointer}`);
    expect(dangling).toEqual([]);
  });

  it('every piece reads in Chinese and English, without a missing value shown as text', () => {
    const seen = new Set<string>();
    for (const { report } of reports)
      for (const v of report.diagnosis.verdicts)
        for (const e of v.evidence) {
          seen.add(e.kind);
          const zh = evidenceLine(e, 'zh');
          const en = evidenceLine(e, 'en');
          expect(zh.pointer).toBe(e.pointer);
          expect(zh.text, `${e.kind} zh`).toMatch(HAN);
          for (const line of [zh.text, en.text]) expect(line, e.kind).not.toMatch(/undefined|\[object|NaN/);
          // English has no Chinese of its own: only raw texts quoted from the observation may hold some
          if (!HAN.test(JSON.stringify(e.facts))) expect(en.text, `${e.kind} en`).not.toMatch(HAN);
        }
    // the scenarios exercise most kinds; the rest are covered by the sample below
    expect(seen.size).toBeGreaterThan(20);
  });

  it('cites the raw facts: counts, endings, codes', () => {
    const tls = reports.find((r) => r.name === 'tls-reset-all')?.report.diagnosis.verdicts[0]?.evidence[0];
    expect(tls?.kind).toBe('tls-variant');
    if (!tls) return;
    expect(evidenceLine(tls, 'en').text).toBe(
      'TLS handshakes (target SNI api.example.com): 0/10 ok; 10× reset (RST), no byte from the server, ECONNRESET',
    );
    expect(evidenceLine(tls, 'zh').text).toBe(
      'TLS 握手（带目标 SNI api.example.com）：0/10 次成功；10 次被 RST 重置，服务器没发任何字节，ECONNRESET',
    );
  });

  it('has words for every kind of the contract, and says an unknown kind raw rather than not at all', () => {
    const sample = {
      kind: 'client-ratio',
      pointer: '/client/attempts',
      facts: { ok: 1, total: 2 },
    } as Evidence;
    expect(EVIDENCE_KINDS.length).toBeGreaterThan(25);
    expect(evidenceLine(sample, 'en').text).toBe('mini-program requests: 1/2 succeeded');
    const future = { kind: 'tls-quantum', pointer: '/probe/tls', facts: { bits: 1 } } as unknown as Evidence;
    expect(evidenceLine(future, 'en')).toEqual({ text: 'tls-quantum {"bits":1}', pointer: '/probe/tls' });
  });

  it('names a variant or an ending it has no words for by its raw id, never "undefined"', () => {
    const piece = {
      kind: 'tls-variant',
      pointer: '/probe/tls/variants/4',
      facts: {
        variant: 'ech-grease',
        sni: 'a.example',
        splitHello: false,
        ok: 0,
        total: 1,
        failures: [{ count: 1, end: 'quantum', serverBytes: false, alert: null, code: null }],
      },
    } as Evidence;
    for (const lang of ['zh', 'en'] as const) {
      const text = evidenceLine(piece, lang).text;
      expect(text).toContain('ech-grease');
      expect(text).toContain('quantum');
      expect(text).not.toMatch(/undefined/);
    }
  });

  it('says when the server asked for a client certificate before refusing, in both languages', () => {
    const alert = { code: 40, description: 'handshake_failure' };
    const ending = { ok: false, protocol: null, end: 'alert', serverBytes: 900, alert, code: null };
    const sweep = (extra: object) =>
      ({
        kind: 'tls-versions',
        pointer: '/probe/tls/versions/1',
        facts: { versions: ['TLSv1.2'], ending: { ...ending, ...extra } },
      }) as Evidence;
    expect(evidenceLine(sweep({ clientCertRequested: true }), 'zh').text).toContain('服务器要求了客户端证书');
    expect(evidenceLine(sweep({ clientCertRequested: true }), 'en').text).toContain(
      'the server asked for a client certificate',
    );
    expect(evidenceLine(sweep({}), 'en').text).not.toContain('client certificate');
  });

  it('says the phone-context pieces: control-URL attempts, system proxy, network events', () => {
    const control = {
      kind: 'client-control',
      pointer: '/client/attempts',
      facts: {
        attempts: [1, 3],
        outcome: 'error',
        statusCode: null,
        errno: 600001,
        errMsg: 'request:fail -101',
        phase: 'tcp',
        kind: 'connection-reset',
      },
    } as Evidence;
    const proxy = {
      kind: 'client-system-proxy',
      pointer: '/client/env/hasSystemProxy',
      facts: { hasSystemProxy: true },
    } as Evidence;
    const events = {
      kind: 'client-network-events',
      pointer: '/client/networkEvents',
      facts: { events: [{ event: 'status', networkType: '4g', isConnected: false, weakNet: null }] },
    } as Evidence;
    expect(evidenceLine(control, 'en').text).toBe(
      'control-URL requests #1,3 failed: errno=600001 errMsg="request:fail -101" (classified tcp/connection-reset)',
    );
    expect(evidenceLine(control, 'zh').text).toBe(
      '对照 URL 的请求 #1,3 失败：errno=600001 errMsg="request:fail -101"（归类为 tcp/connection-reset）',
    );
    expect(evidenceLine(proxy, 'zh').text).toBe('手机开着系统代理（hasSystemProxy=true）');
    expect(evidenceLine(events, 'en').text).toBe('network events during the run: status=4g disconnected');
  });

  it('says a differential with its counts, its p-value and whether it is beyond chance', () => {
    const differential = (pValue: number, count: number) =>
      ({
        kind: 'differential',
        pointer: '/probe/tls/variants',
        facts: {
          counted: 'silent-reset',
          target: { ids: ['sni-host'], count, total: 10 },
          others: { ids: ['no-sni', 'control-sni'], count: 0, total: 20 },
          pValue,
          alpha: 0.02,
        },
      }) as Evidence;
    expect(evidenceLine(differential(3.3283391604231115e-8, 10), 'en').text).toBe(
      "silently reset (no server byte): target SNI 10/10 vs no SNI + control SNI 0/20; Fisher's exact test (one-sided) p = 3.3e-8, below the significance level 0.02: beyond chance",
    );
    expect(evidenceLine(differential(0.25002, 2), 'zh').text).toBe(
      '被静默重置（服务器一个字节未回）：目标 SNI 2/10，无 SNI、对照 SNI 0/20；Fisher 精确检验（单侧）p = 0.25，不小于显著性水平 0.02：差异可能只是偶然',
    );
    // groups that are not TLS variants (addresses, say) are named by their raw ids
    const byAddress = differential(0.012, 3);
    if (byAddress.kind === 'differential') byAddress.facts.target.ids = ['2001:db8::1'];
    expect(evidenceLine(byAddress, 'en').text).toContain('2001:db8::1 3/10 vs');
  });

  it("says which of WeChat's platforms refuse a certificate, and on which rule", () => {
    const piece = {
      kind: 'certificate-platforms',
      pointer: '/probe/certificate/chain/0',
      facts: {
        checks: ['key', 'signature'],
        reject: ['ios'],
        accept: ['android', 'desktop'],
        nodeAccepts: true,
        findings: [{ check: 'key', cert: 0, value: 'RSA 1024', limit: '≥ 2048', platforms: ['ios'] }],
      },
    } as Evidence;
    expect(evidenceLine(piece, 'zh').text).toBe(
      '按微信各端的证书校验规则：iOS 微信拒绝；Android 微信、开发者工具 / PC 微信接受；Node 的校验（本探测）接受。链上第 0 张的密钥 RSA 1024（要求 ≥ 2048）（iOS 微信拒绝）',
    );
    expect(evidenceLine(piece, 'en').text).toBe(
      "by the certificate rules of WeChat's platforms: iOS WeChat rejects; Android WeChat and devtools / PC WeChat accept; Node's verification (this probe) accepts. chain certificate 0's key RSA 1024 (required: ≥ 2048) (iOS WeChat rejects)",
    );
  });

  it('shows a wxprobe.report/1 text line as it is, with no pointer', () => {
    expect(evidenceLine('client.attempts: ok 3/3', 'zh')).toEqual({
      text: 'client.attempts: ok 3/3',
      pointer: null,
    });
  });

  it('gives each pointer an HTML id of its own', () => {
    expect(pointerAnchor('/probe/tls/variants/0')).toBe('obs.probe.tls.variants.0');
    expect(pointerAnchor('/client/env/domainCheckEvidence')).toBe('obs.client.env.domainCheckEvidence');
    expect(pointerAnchor('/a~1b')).not.toBe(pointerAnchor('/a/b'));
  });

  it('resolves JSON Pointers with escapes, and misses cleanly', () => {
    const doc = { a: [{ 'b/c': 1, 'd~e': 2 }] };
    expect(resolvePointer(doc, '/a/0/b~1c')).toBe(1);
    expect(resolvePointer(doc, '/a/0/d~0e')).toBe(2);
    expect(resolvePointer(doc, '/a/1')).toBeUndefined();
    expect(resolvePointer(doc, '/a/0/b~1c/x')).toBeUndefined();
    expect(resolvePointer(doc, '')).toBe(doc);
  });
});
