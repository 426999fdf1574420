/**
 * Golden scenarios: testdata/<scenario>/{client.json,probe.json,vantages.json} in, the whole
 * diagnosis.json out.
 * `UPDATE_GOLDEN=1 npx vitest run shared/diagnose/golden.test.ts` rewrites diagnosis.json; review the
 * diff by eye before committing. The top cause of each scenario is also pinned below, independently of
 * the golden files, so a blind update cannot bless a wrong answer.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../observations/index';
import { REPORT_SCHEMA_ID } from '../observations/report';
import { CAUSES, type Cause } from '../taxonomy/codes';
import { diagnose } from './diagnose';
import { loadScenario as load, TESTDATA as DIR } from './testdata/load-scenario';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** What each scenario must conclude first. */
const EXPECTED_TOP: Record<string, Cause> = {
  'ok-both-views': 'ok',
  'ok-probe-only': 'ok',
  'ok-client-only': 'ok',
  'icp-2-of-100-leak': 'icp-filing-block',
  'icp-tencent-webblock-page-only': 'icp-filing-block',
  'icp-split-hello-passes': 'icp-filing-block',
  'icp-client-only-reset': 'icp-filing-block',
  'contradiction-icp-vs-cert-error': 'icp-filing-block',
  'tls-reset-all': 'tls-reset',
  /** conflicting views: the phone names a certificate or TLS class the healthy probe does not see */
  'views-cert-name-phone-only': 'cert-hostname-mismatch',
  'views-tls-version-phone-only': 'tls-version-unsupported',
  /** …and the failing requests reached an address the probe did not check */
  'views-untrusted-other-address': 'dns-mismatch',
  /** a real lab run (random-resets, seed 3) the rule without the significance test called ICP */
  'tls-random-resets-every-sni': 'tls-reset',
  'tls-close-after-hello': 'tls-reset',
  'tls-hang-after-hello': 'tls-handshake-failure',
  'tls-version-tls10-only': 'tls-version-unsupported',
  'tls-handshake-no-shared-cipher': 'tls-handshake-failure',
  'tls-h2-only-alpn-refused': 'tls-handshake-failure',
  /** real lab runs: a server demanding a client certificate (mTLS), and an SNI filter that drops */
  'tls-client-cert-required': 'tls-handshake-failure',
  'icp-sni-drop': 'icp-filing-block',
  'dns-nxdomain': 'dns-failure',
  'dns-servfail-probe-only': 'dns-failure',
  'dns-mismatch-other-address': 'dns-mismatch',
  'tcp-refused': 'tcp-refused',
  'tcp-timeout-syn-dropped': 'tcp-timeout',
  'cert-expired': 'cert-expired',
  'cert-not-yet-valid': 'cert-not-yet-valid',
  'cert-date-phone-clock': 'cert-not-yet-valid',
  'cert-hostname-mismatch': 'cert-hostname-mismatch',
  'cert-self-signed': 'cert-self-signed',
  'bypass-hides-self-signed': 'cert-self-signed',
  'cert-untrusted-root': 'cert-untrusted-root',
  'cert-chain-incomplete': 'cert-chain-incomplete',
  'cert-weak': 'cert-weak',
  'not-https-plain-http-on-443': 'not-https',
  'not-https-http-url': 'not-https',
  'ip-or-localhost-url': 'ip-or-localhost-url',
  'http-error-status-502': 'http-error-status',
  'redirect-to-http': 'redirect-problem',
  'redirect-loop': 'redirect-problem',
  'redirect-offsite': 'redirect-problem',
  'domain-not-in-list-redirect-target': 'domain-not-in-list',
  'domain-not-in-list-client-only': 'domain-not-in-list',
  'domain-check-bypassed-devtools': 'domain-check-bypassed',
  'server-slow': 'server-slow',
  'client-network-offline': 'client-network',
  'intermittent-only': 'intermittent',
  'unknown-client-only': 'unknown',
  'policy-refused-private-address': 'unknown',
  'probe-partial-total-timeout': 'unknown',
  'address-aaaa-expired': 'cert-expired',
  'address-one-of-three-refuses': 'tcp-refused',
  /** probed from two vantages: the ICP filter on one path only (plus one vantage that never answered) */
  'vantage-icp-one-region': 'icp-filing-block',
};

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

const scenarios = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden diagnosis scenarios', () => {
  it('every scenario folder has a pinned top cause and every pin has a folder', () => {
    expect(scenarios).toEqual(Object.keys(EXPECTED_TOP).sort());
  });

  it('together they exercise every cause of the taxonomy', () => {
    const seen = new Set<Cause>();
    for (const name of scenarios) {
      const { client, probe, vantages } = load(name);
      for (const v of diagnose(client, probe, vantages).verdicts) seen.add(v.cause);
    }
    expect([...CAUSES].filter((c) => !seen.has(c))).toEqual([]);
  });

  for (const name of scenarios) {
    it(`${name} → ${EXPECTED_TOP[name] ?? '(unpinned)'}`, () => {
      const { client, probe, vantages } = load(name);
      expect(client !== null || probe !== null).toBe(true);
      const diagnosis = diagnose(client, probe, vantages);
      expect(diagnosis.verdicts[0]?.cause).toBe(EXPECTED_TOP[name]);
      // A diagnosis is only useful inside a valid report.
      const report = {
        schema: REPORT_SCHEMA_ID,
        url: probe?.url ?? client?.url ?? '',
        client,
        probe,
        ...(vantages ? { vantages } : {}),
        diagnosis,
      };
      expect(parseReport(report).ok).toBe(true);

      const goldenFile = join(DIR, name, 'diagnosis.json');
      const actual = JSON.parse(JSON.stringify(diagnosis)) as unknown;
      if (UPDATE || !existsSync(goldenFile)) {
        if (!UPDATE)
          throw new Error(`${name}/diagnosis.json missing: run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(goldenFile, JSON.stringify(diagnosis, null, 2) + '\n');
        return;
      }
      expect(actual).toEqual(readJson(goldenFile));
    });
  }
});
