import { describe, expect, it } from 'vitest';
import type { ClientObservation } from '../observations/client';
import type { ProbeObservation, TlsAttempt, TlsVariant } from '../observations/probe';
import type { Diagnosis, Verdict } from '../observations/report';
import { evidenceLine } from '../present/evidence';
import { RULE_FAMILIES } from './rule';
import { RULES } from './registry';
import { diagnose, RULES_VERSION } from './diagnose';
import { loadScenario } from './testdata/load-scenario';

function probeOf(name: string): ProbeObservation {
  const { probe } = loadScenario(name);
  if (!probe) throw new Error(`${name} has no probe.json`);
  return structuredClone(probe);
}

function clientOf(name: string): ClientObservation {
  const { client } = loadScenario(name);
  if (!client) throw new Error(`${name} has no client.json`);
  return structuredClone(client);
}

const causes = (d: Diagnosis) => d.verdicts.map((v) => v.cause);

function verdict(d: Diagnosis, cause: string): Verdict {
  const found = d.verdicts.find((v) => v.cause === cause);
  if (!found) throw new Error(`no ${cause} in ${causes(d).join(', ')}`);
  return found;
}

function variantOf(p: ProbeObservation, id: string): TlsVariant {
  const found = p.tls?.variants.find((v) => v.id === id);
  if (!found) throw new Error(`no variant ${id}`);
  return found;
}

function setAttempts(v: TlsVariant, attempts: TlsAttempt[]): void {
  v.attempts = attempts;
  v.total = attempts.length;
  v.okCount = attempts.filter((a) => a.ok).length;
}

const fin = (): TlsAttempt => ({
  ok: false,
  durationMs: 30,
  end: 'fin',
  serverBytes: 0,
  alert: null,
  error: {
    code: 'ECONNRESET',
    syscall: null,
    message: 'Client network socket disconnected before secure TLS connection was established',
  },
  protocol: null,
  cipher: null,
  alpn: null,
});

const alert40 = (): TlsAttempt => ({
  ok: false,
  durationMs: 12,
  end: 'alert',
  serverBytes: 7,
  alert: { level: 2, code: 40, description: 'handshake_failure' },
  error: {
    code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    syscall: null,
    message: 'sslv3 alert handshake failure: SSL alert number 40',
  },
  protocol: null,
  cipher: null,
  alpn: null,
});

function withClient(base: ClientObservation, attempts: ClientObservation['attempts']): ClientObservation {
  return { ...base, attempts };
}

describe('diagnose: the API', () => {
  it('stamps the rules version', () => {
    expect(RULES_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(diagnose(null, probeOf('ok-probe-only')).rulesVersion).toBe(RULES_VERSION);
  });

  it('with neither view, says unknown with no confidence rather than guessing', () => {
    for (const d of [diagnose(), diagnose(null, null), diagnose(undefined, null)]) {
      expect(causes(d)).toEqual(['unknown']);
      expect(d.verdicts[0]?.confidence).toBe(0);
      expect(d.verdicts[0]?.evidence).toEqual([
        { kind: 'view-missing', pointer: '/client', facts: { view: 'client' } },
        { kind: 'view-missing', pointer: '/probe', facts: { view: 'probe' } },
      ]);
    }
  });

  it('registers every rule once, each in a known family', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(RULE_FAMILIES).toContain(rule.family);
      expect(rule.id.startsWith(`${rule.family}/`)).toBe(true);
    }
    expect(new Set(RULES.map((r) => r.family))).toEqual(new Set(RULE_FAMILIES));
  });

  it('does not modify the observations it reads', () => {
    const { client, probe } = loadScenario('icp-2-of-100-leak');
    const before = JSON.stringify([client, probe]);
    diagnose(client, probe);
    expect(JSON.stringify([client, probe])).toBe(before);
  });
});

describe('ICP filing block', () => {
  it('reports the success ratio and says a rare success does not clear the domain', () => {
    const d = diagnose(null, probeOf('icp-2-of-100-leak'));
    const icp = verdict(d, 'icp-filing-block');
    expect(d.verdicts[0]).toBe(icp);
    expect(icp.evidence).toContainEqual({
      kind: 'tls-variant',
      pointer: '/probe/tls/variants/0',
      facts: {
        variant: 'sni-host',
        sni: 'api.example.com',
        splitHello: false,
        ok: 2,
        total: 100,
        failures: [{ count: 98, end: 'rst', serverBytes: false, alert: null, code: 'ECONNRESET' }],
      },
    });
    expect(icp.explanation.en).toContain('2/100 got through');
    expect(icp.explanation.en).toContain('does not clear the domain');
    expect(icp.explanation.zh).toContain('偶尔成功（2/100）并不说明域名没问题');
    expect(icp.fix.zh).toContain('ICP 备案');
    expect(icp.fix.en).toMatch(/outside mainland China/);
  });

  it('mentions the split ClientHello only when its result differs', () => {
    const differs = verdict(diagnose(null, probeOf('icp-split-hello-passes')), 'icp-filing-block');
    expect(differs.explanation.en).toContain('split over several TCP segments, 10/10 completed');
    const probe = probeOf('icp-split-hello-passes');
    setAttempts(variantOf(probe, 'split-hello'), variantOf(probe, 'sni-host').attempts);
    const same = verdict(diagnose(null, probe), 'icp-filing-block');
    expect(same.explanation.en).not.toContain('split');
  });

  it('recognises the Alibaba Cloud and Tencent Cloud block pages on the plain-HTTP check', () => {
    expect(
      verdict(diagnose(null, probeOf('icp-2-of-100-leak')), 'icp-filing-block').explanation.en,
    ).toContain('Server: Beaver');
    const tencent = diagnose(null, probeOf('icp-tencent-webblock-page-only'));
    expect(tencent.verdicts[0]?.cause).toBe('icp-filing-block');
    expect(tencent.verdicts[0]?.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'port80',
        pointer: '/probe/port80',
        facts: expect.objectContaining({
          statusCode: 302,
          location: expect.stringContaining('dnspod.qcloud.com/static/webblock.html'),
        }),
      }),
    );
    expect(causes(tencent)).not.toContain('ok');
  });

  it('a reset for every SNI is tls-reset, not ICP', () => {
    const d = diagnose(null, probeOf('tls-reset-all'));
    expect(d.verdicts[0]?.cause).toBe('tls-reset');
    expect(causes(d)).not.toContain('icp-filing-block');
  });

  it('a server that closes (FIN) or alerts after the ClientHello is not ICP', () => {
    const closing = probeOf('icp-split-hello-passes');
    setAttempts(variantOf(closing, 'sni-host'), Array.from({ length: 10 }, fin));
    expect(causes(diagnose(null, closing))).not.toContain('icp-filing-block');
    const alerting = probeOf('icp-split-hello-passes');
    setAttempts(variantOf(alerting, 'sni-host'), Array.from({ length: 10 }, alert40));
    expect(causes(diagnose(null, alerting))).not.toContain('icp-filing-block');
  });

  it('adds intermittent beside the main cause, ranked under it, with the ratio', () => {
    const d = diagnose(null, probeOf('icp-2-of-100-leak'));
    expect(causes(d)).toEqual(['icp-filing-block', 'intermittent']);
    const [main, intermittent] = d.verdicts;
    expect(intermittent?.confidence).toBeLessThan(main?.confidence ?? 0);
    expect(intermittent?.explanation.en).toContain('2/100');
  });
});

describe('client and probe weighed together', () => {
  it('the client’s matching error raises confidence, a contradicting one lowers it and says so', () => {
    const probe = probeOf('icp-split-hello-passes');
    const alone = verdict(diagnose(null, probe), 'icp-filing-block');
    const agreeing = verdict(diagnose(clientOf('icp-2-of-100-leak'), probe), 'icp-filing-block');
    const contradicting = verdict(
      diagnose(clientOf('contradiction-icp-vs-cert-error'), probe),
      'icp-filing-block',
    );
    expect(agreeing.confidence).toBeGreaterThan(alone.confidence);
    expect(contradicting.confidence).toBeLessThan(alone.confidence);
    expect(agreeing.evidence.at(-1)).toEqual({
      kind: 'agreement',
      pointer: '/client/attempts',
      facts: {
        cause: 'icp-filing-block',
        agrees: true,
        attempts: [0, 1, 2, 3, 4],
        kinds: ['tcp/connection-reset'],
        passed: null,
      },
    });
    expect(contradicting.evidence.at(-1)).toEqual({
      kind: 'agreement',
      pointer: '/client/attempts',
      facts: {
        cause: 'icp-filing-block',
        agrees: false,
        attempts: [0, 1, 2],
        kinds: ['tls/cert-authority-invalid'],
        passed: null,
      },
    });
    expect(contradicting.explanation.zh).toContain('置信度调低了');
    expect(contradicting.explanation.en).toContain('confidence was lowered');
  });

  it('a phone that passed every time contradicts a probe finding that would fail every request', () => {
    const probe = probeOf('cert-expired');
    const base = clientOf('ok-both-views');
    const d = diagnose(base, probe);
    expect(verdict(d, 'cert-expired').confidence).toBeLessThan(
      verdict(diagnose(null, probe), 'cert-expired').confidence,
    );
    expect(verdict(d, 'cert-expired').evidence.at(-1)).toEqual({
      kind: 'agreement',
      pointer: '/client/attempts',
      facts: { cause: 'cert-expired', agrees: false, attempts: [], kinds: [], passed: { ok: 3, total: 3 } },
    });
  });

  it('passes with checks skipped prove nothing: no contradiction, and domain-check-bypassed is said', () => {
    const d = diagnose(clientOf('bypass-hides-self-signed'), probeOf('cert-self-signed'));
    expect(causes(d)).toEqual(['cert-self-signed', 'domain-check-bypassed']);
    expect(verdict(d, 'cert-self-signed').evidence.filter((e) => e.kind === 'agreement')).toEqual([]);
  });

  it('dns-mismatch when the phone’s peerIP is not among the probe’s answers, not otherwise', () => {
    const mismatch = diagnose(clientOf('dns-mismatch-other-address'), probeOf('dns-mismatch-other-address'));
    expect(mismatch.verdicts[0]?.cause).toBe('dns-mismatch');
    expect(mismatch.verdicts[0]?.evidence[0]).toEqual({
      kind: 'client-peer-ip',
      pointer: '/client/attempts/0/profile/peerIP',
      facts: { attempts: [0, 1, 2], peerIP: '39.108.77.66' },
    });
    const same = diagnose(clientOf('ok-both-views'), probeOf('ok-both-views'));
    expect(causes(same)).toEqual(['ok']);
  });
});

describe('domain list', () => {
  it('names the rule the URL breaks and where to fix it', () => {
    const port = verdict(diagnose(clientOf('domain-not-in-list-client-only')), 'domain-not-in-list');
    expect(port.explanation.zh).toContain('URL 里显式写了 :443');
    expect(port.fix.zh).toContain('小程序后台 → 开发管理 → 开发设置 → 服务器域名');
    expect(port.fix.zh).toContain('request合法域名');
    const redirect = diagnose(
      clientOf('domain-not-in-list-redirect-target'),
      probeOf('domain-not-in-list-redirect-target'),
    );
    expect(redirect.verdicts[0]?.cause).toBe('domain-not-in-list');
    expect(redirect.verdicts[0]?.explanation.en).toContain('redirected to login.example.net');
    expect(redirect.verdicts[0]?.fix.zh).toContain('api.example.com、login.example.net');
  });

  it('names the list of the API that failed', () => {
    const upload = clientOf('domain-not-in-list-client-only');
    upload.api = 'uploadFile';
    expect(verdict(diagnose(upload), 'domain-not-in-list').fix.zh).toContain('uploadFile合法域名');
  });

  it('reads errno 600002 through the classifier even without a message', () => {
    const client = withClient(clientOf('domain-not-in-list-client-only'), [
      { ok: false, errno: 600002, durationMs: 1 },
    ]);
    expect(diagnose(client).verdicts[0]?.cause).toBe('domain-not-in-list');
  });

  it('devtools or debug mode with passes and an unknown check state: the passes prove nothing', () => {
    const client = clientOf('domain-check-bypassed-devtools');
    client.env.domainCheck = 'unknown';
    const d = diagnose(client, probeOf('ok-probe-only'));
    expect(causes(d)).toEqual(['domain-check-bypassed']);
    client.env.domainCheck = 'on';
    expect(causes(diagnose(client, probeOf('ok-probe-only')))).toEqual(['ok']);
  });
});

describe('ok and unknown', () => {
  it('ok only when nothing is wrong, never beside a problem', () => {
    expect(causes(diagnose(clientOf('ok-both-views'), probeOf('ok-both-views')))).toEqual(['ok']);
    const slowClient = withClient(clientOf('ok-both-views'), [
      ...clientOf('ok-both-views').attempts,
      { ok: false, errMsg: 'request:fail timeout', errno: 5, durationMs: 10000 },
    ]);
    expect(causes(diagnose(slowClient, probeOf('ok-both-views')))).not.toContain('ok');
  });

  it('unknown shows both views raw when nothing fits', () => {
    const d = diagnose(clientOf('unknown-client-only'), probeOf('probe-partial-total-timeout'));
    expect(causes(d)).toEqual(['unknown']);
    const evidence = d.verdicts[0]?.evidence ?? [];
    expect(evidence).toContainEqual(
      expect.objectContaining({
        kind: 'client-attempts',
        pointer: '/client/attempts/0',
        facts: expect.objectContaining({ attempts: [0], errno: 600000 }),
      }),
    );
    expect(evidence).toContainEqual(
      expect.objectContaining({
        kind: 'probe-run',
        pointer: '/probe',
        facts: expect.objectContaining({
          steps: expect.arrayContaining([{ step: 'target', status: 'done' }]),
        }),
      }),
    );
    expect(d.verdicts[0]?.confidence).toBeLessThan(0.3);
  });

  it('when the address policy refused the probe, the outside view is reported missing, not diagnosed', () => {
    const probe = probeOf('policy-refused-private-address');
    const alone = diagnose(null, probe);
    expect(causes(alone)).toEqual(['unknown']);
    expect(alone.verdicts[0]?.evidence).toContainEqual({
      kind: 'policy-refused',
      pointer: '/probe/policy',
      facts: {
        refused: [
          {
            address: '10.0.8.15',
            category: 'private',
            reason: 'refused: private 10.0.0.0/8 (RFC 1918); --allow-private or --allow-cidr opens it',
          },
        ],
      },
    });
    const client = withClient(clientOf('icp-client-only-reset'), clientOf('icp-client-only-reset').attempts);
    client.url = probe.url;
    const both = diagnose(client, probe);
    expect(both.verdicts[0]?.cause).toBe('icp-filing-block');
    expect(both.verdicts[0]?.confidence).toBeLessThan(0.5);
    expect(both.verdicts[0]?.explanation.zh).toContain('外部探测被地址策略拒绝');
  });
});

describe('an interrupted probe', () => {
  it('with nothing conclusive: says it was interrupted, no confidence, the partial facts as evidence', () => {
    const probe = probeOf('probe-partial-total-timeout');
    for (const step of ['tls', 'certificate', 'http', 'port80'] as const) probe.steps[step] = 'skipped';
    probe.interrupted = { steps: ['tls', 'certificate', 'http', 'port80'] };
    const d = diagnose(null, probe);
    expect(causes(d)).toEqual(['unknown']);
    expect(d.verdicts[0]?.confidence).toBe(0);
    expect(d.verdicts[0]?.title.zh).toContain('探测被中断');
    expect(d.verdicts[0]?.title.en).toMatch(/interrupted/);
    expect(d.verdicts[0]?.explanation.zh).toContain('4 个步骤没有测完');
    const first = d.verdicts[0]?.evidence[0];
    expect(first).toEqual({
      kind: 'probe-interrupted',
      pointer: '/probe/interrupted',
      facts: { steps: ['tls', 'certificate', 'http', 'port80'] },
    });
    // the presenter names the steps in the reader's words, never by their raw ids
    const line = evidenceLine(first ?? '', 'zh').text;
    expect(line).toContain('TLS 握手（各变体）、证书链、HTTP 请求');
    expect(line).not.toMatch(/\btls\b/);
    expect(evidenceLine(first ?? '', 'en').text).toContain('TLS handshakes, Certificate chain, HTTP request');
    expect(d.verdicts[0]?.evidence.map((e) => e.pointer)).toContain('/probe/tcp/results/0');
  });

  it('what was measured before the stop still speaks (a refused connect is refused)', () => {
    const probe = probeOf('tcp-refused');
    probe.interrupted = { steps: ['port80'] };
    expect(diagnose(null, probe).verdicts[0]?.cause).toBe('tcp-refused');
  });
});

describe('advice names the port that was checked', () => {
  const onPort = (name: string, port: number): ProbeObservation => {
    const probe = probeOf(name);
    const url = probe.url.replace(/^(https?:\/\/[^/:]+)(:\d+)?/, `$1:${port}`);
    probe.url = url;
    probe.target = { ...probe.target, input: url, port, explicitPort: true };
    if (probe.tls) probe.tls.port = port;
    for (const r of probe.tcp?.results ?? []) r.port = port;
    return probe;
  };
  it.each([
    ['tcp-refused', '0.0.0.0:37255'],
    ['tcp-timeout-syn-dropped', 'TCP 37255 入站'],
    ['tls-reset-all', 'openssl s_client -connect 127.0.0.1:37255'],
    ['tls-hang-after-hello', 'openssl s_client -connect 127.0.0.1:37255'],
    ['tls-handshake-no-shared-cipher', ':37255 -tls1_2'],
    ['tls-h2-only-alpn-refused', 'listen 37255 ssl http2'],
    ['cert-expired', ':37255 -servername'],
    ['cert-chain-incomplete', ':37255 -servername'],
    ['not-https-plain-http-on-443', 'listen 37255 ssl;'],
    ['icp-2-of-100-leak', '-connect <IP>:37255'],
  ])('%s', (name, expected) => {
    const top = diagnose(null, onPort(name, 37255)).verdicts[0];
    expect(`${top?.fix.zh}\n${top?.explanation.zh}`).toContain(expected);
    expect(top?.fix.zh).not.toMatch(/:443\b|TCP 443|listen 443/);
  });

  it('the ICP check names the plain-HTTP port the block page was looked for on', () => {
    const probe = onPort('icp-tencent-webblock-page-only', 37255);
    (probe.options as Record<string, unknown>).httpPort = 8080;
    expect(diagnose(null, probe).verdicts[0]?.fix.en).toContain('http://<server IP>:8080/');
  });
});

describe('certificates, TLS and HTTP', () => {
  it('judges certificate dates against probe.startedAt, not the clock', () => {
    const later = probeOf('ok-probe-only');
    later.startedAt = '2031-01-01T00:00:00.000Z';
    expect(diagnose(null, later).verdicts[0]?.cause).toBe('cert-expired');
    const earlier = probeOf('ok-probe-only');
    earlier.startedAt = '2026-01-01T00:00:00.000Z';
    expect(diagnose(null, earlier).verdicts[0]?.cause).toBe('cert-not-yet-valid');
  });

  it('tells a missing intermediate from an untrusted root by the AIA result', () => {
    expect(diagnose(null, probeOf('cert-chain-incomplete')).verdicts[0]?.cause).toBe('cert-chain-incomplete');
    const untrusted = probeOf('cert-chain-incomplete');
    if (!untrusted.certificate?.aia) throw new Error('fixture lacks aia');
    untrusted.certificate.aia.verify = {
      ok: false,
      error: {
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
        syscall: null,
        message: 'self-signed certificate in certificate chain',
      },
    };
    expect(diagnose(null, untrusted).verdicts[0]?.cause).toBe('cert-untrusted-root');
  });

  it('a server with TLS 1.3 but not 1.2 is within WeChat’s rules', () => {
    const probe = probeOf('ok-probe-only');
    const v12 = probe.tls?.versions.find((v) => v.version === 'TLSv1.2');
    if (!v12) throw new Error('fixture lacks TLSv1.2');
    v12.attempt = { ...alert40(), alert: { level: 2, code: 70, description: 'protocol_version' } };
    expect(causes(diagnose(null, probe))).toEqual(['ok']);
  });

  it('an h2-only server refusing an http/1.1-only handshake is a handshake failure', () => {
    const probe = probeOf('ok-probe-only');
    const message = 'error:0A000460:SSL routines::tlsv1 alert no application protocol:SSL alert number 120';
    probe.http = {
      status: 'error',
      method: 'GET',
      timeoutMs: 5000,
      hops: [
        {
          ...(probe.http?.hops[0] as NonNullable<ProbeObservation['http']>['hops'][number]),
          statusCode: null,
          headers: {},
          ttfbMs: null,
          bodyBytes: 0,
          bodySample: '',
          error: { code: 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL', syscall: null, message },
        },
      ],
    };
    const d = diagnose(null, probe);
    expect(d.verdicts[0]?.cause).toBe('tls-handshake-failure');
    expect(d.verdicts[0]?.explanation.en).toContain('enableHttp2');
  });

  it('server-slow needs a completed handshake; the probe’s own budget ending is not slowness', () => {
    expect(diagnose(null, probeOf('server-slow')).verdicts[0]?.cause).toBe('server-slow');
    const budget = probeOf('server-slow');
    const hop = budget.http?.hops[0];
    if (!hop) throw new Error('fixture lacks a hop');
    hop.error = {
      code: 'WXPROBE_TIMEOUT',
      syscall: null,
      message: 'HTTP request (probe budget ended): no answer within 5000 ms',
    };
    expect(causes(diagnose(null, budget))).not.toContain('server-slow');
  });

  it('a timeout on the phone with a healthy outside view is only a weak server-slow hint', () => {
    const client = withClient(clientOf('ok-both-views'), [
      { ok: false, errMsg: 'request:fail timeout', errno: 5, durationMs: 10000 },
    ]);
    const d = diagnose(client, probeOf('ok-both-views'));
    expect(d.verdicts[0]?.cause).toBe('server-slow');
    expect(d.verdicts[0]?.confidence).toBeLessThanOrEqual(0.3);
  });
});

describe('client failures no rule names', () => {
  it('are never called ok, even when the outside view is healthy', () => {
    const client = withClient(clientOf('ok-both-views'), [
      { ok: false, errMsg: 'request:fail interrupted', errno: 600003, durationMs: 5000 },
    ]);
    const d = diagnose(client, probeOf('ok-both-views'));
    expect(causes(d)).toEqual(['unknown']);
    expect(d.verdicts[0]?.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'client-attempts',
        facts: expect.objectContaining({ phase: 'client', kind: 'interrupted' }),
      }),
    );
  });

  it('any scheme other than https/wss is not-https', () => {
    const client = clientOf('domain-not-in-list-client-only');
    client.url = 'ftp://files.example.com/a.zip';
    expect(causes(diagnose(client))).toContain('not-https');
  });
});

describe('ICP with controls that answer with alerts', () => {
  it('a silent reset for the target while other SNIs get alerts is still SNI-keyed filtering', () => {
    const probe = probeOf('icp-split-hello-passes');
    setAttempts(variantOf(probe, 'control-sni'), Array.from({ length: 10 }, alert40));
    setAttempts(variantOf(probe, 'no-sni'), Array.from({ length: 10 }, alert40));
    const d = diagnose(null, probe);
    expect(d.verdicts[0]?.cause).toBe('icp-filing-block');
    expect(d.verdicts[0]?.confidence).toBeLessThan(
      verdict(diagnose(null, probeOf('icp-split-hello-passes')), 'icp-filing-block').confidence,
    );
  });
});
