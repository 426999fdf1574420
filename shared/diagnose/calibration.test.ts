/**
 * The calibration table may be tuned, but the golden scenarios must keep their ranking: the same top
 * cause and the same order of causes. The orders are pinned here, apart from the golden
 * diagnosis.json files (which UPDATE_GOLDEN=1 rewrites), so a retuned number that swaps two causes
 * fails even after a blind golden update. The lab cases' top causes are checked end to end by
 * server/src/lab-scenarios.test.ts.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cause } from '../taxonomy/codes';
import { CALIBRATION } from './calibration';
import { diagnose } from './diagnose';
import { RULES } from './registry';
import { loadScenario, TESTDATA } from './testdata/load-scenario';

/** Every golden scenario's causes, most likely first. */
const RANKING: Record<string, readonly Cause[]> = {
  'address-aaaa-expired': ['cert-expired', 'intermittent'],
  'address-one-of-three-refuses': ['tcp-refused', 'intermittent'],
  'bypass-hides-self-signed': ['cert-self-signed', 'domain-check-bypassed'],
  'cert-chain-incomplete': ['cert-chain-incomplete'],
  'cert-date-phone-clock': ['cert-not-yet-valid'],
  'cert-expired': ['cert-expired'],
  'cert-hostname-mismatch': ['cert-hostname-mismatch'],
  'cert-not-yet-valid': ['cert-not-yet-valid'],
  'cert-self-signed': ['cert-self-signed'],
  'cert-untrusted-root': ['cert-untrusted-root'],
  'cert-weak': ['cert-weak'],
  'client-network-offline': ['client-network'],
  'contradiction-icp-vs-cert-error': ['icp-filing-block'],
  'dns-mismatch-other-address': ['dns-mismatch', 'cert-expired'],
  'dns-nxdomain': ['dns-failure'],
  'dns-servfail-probe-only': ['dns-failure'],
  'domain-check-bypassed-devtools': ['domain-check-bypassed'],
  'domain-not-in-list-client-only': ['domain-not-in-list'],
  'domain-not-in-list-redirect-target': ['domain-not-in-list', 'redirect-problem'],
  'http-error-status-502': ['http-error-status'],
  'icp-2-of-100-leak': ['icp-filing-block', 'intermittent'],
  'icp-client-only-reset': ['icp-filing-block', 'tls-reset'],
  'icp-sni-drop': ['icp-filing-block'],
  'icp-split-hello-passes': ['icp-filing-block'],
  'icp-tencent-webblock-page-only': ['icp-filing-block'],
  'intermittent-only': ['intermittent', 'tls-reset', 'icp-filing-block'],
  'ip-or-localhost-url': ['ip-or-localhost-url', 'not-https', 'domain-not-in-list'],
  'not-https-http-url': ['not-https', 'domain-not-in-list'],
  'not-https-plain-http-on-443': ['not-https'],
  'ok-both-views': ['ok'],
  'ok-client-only': ['ok'],
  'ok-probe-only': ['ok'],
  'policy-refused-private-address': ['unknown'],
  'probe-partial-total-timeout': ['unknown'],
  'redirect-loop': ['redirect-problem'],
  'redirect-offsite': ['redirect-problem'],
  'redirect-to-http': ['redirect-problem'],
  'server-slow': ['server-slow'],
  'tcp-refused': ['tcp-refused'],
  'tcp-timeout-syn-dropped': ['tcp-timeout'],
  'tls-close-after-hello': ['tls-reset'],
  'tls-h2-only-alpn-refused': ['tls-handshake-failure'],
  'tls-client-cert-required': ['tls-handshake-failure'],
  'tls-handshake-no-shared-cipher': ['tls-handshake-failure'],
  'tls-hang-after-hello': ['tls-handshake-failure'],
  'tls-reset-all': ['tls-reset'],
  'tls-random-resets-every-sni': ['tls-reset', 'intermittent'],
  'tls-version-tls10-only': ['tls-version-unsupported'],
  'unknown-client-only': ['unknown'],
  'views-cert-name-phone-only': ['cert-hostname-mismatch'],
  'views-tls-version-phone-only': ['tls-version-unsupported'],
  'views-untrusted-other-address': ['dns-mismatch', 'cert-untrusted-root'],
  'vantage-icp-one-region': ['icp-filing-block', 'vantage-dependent'],
};

const scenarios = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** The scenarios whose order of causes differs from RANKING, with what they give now. */
function rankingChanges(): Record<string, Cause[]> {
  const changed: Record<string, Cause[]> = {};
  for (const name of scenarios) {
    const { client, probe, vantages } = loadScenario(name);
    const order = diagnose(client, probe, vantages).verdicts.map((v) => v.cause);
    if (JSON.stringify(order) !== JSON.stringify(RANKING[name])) changed[name] = order;
  }
  return changed;
}

/** Every number in the table, with its path. */
function numbers(value: unknown, path: string): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
}

describe('calibration table', () => {
  it('every golden scenario is ranked here', () => {
    expect(Object.keys(RANKING).sort()).toEqual(scenarios);
  });

  it('the golden scenarios keep their top cause and the order of their causes', () => {
    expect(rankingChanges()).toEqual({});
  });

  it('a retuned number that swaps two causes is caught', () => {
    // An IP host outranks not-https on purpose (an IP can never be listed); push it below.
    const entry = CALIBRATION['url/ip-or-localhost'] as { host: number };
    const saved = entry.host;
    entry.host = CALIBRATION['url/not-https-scheme'].scheme - 0.05;
    try {
      expect(rankingChanges()).toEqual({
        'ip-or-localhost-url': ['not-https', 'ip-or-localhost-url', 'domain-not-in-list'],
      });
    } finally {
      entry.host = saved;
    }
    expect(rankingChanges()).toEqual({});
  });

  it('holds confidences between 0 and 1', () => {
    const all = numbers(CALIBRATION, 'CALIBRATION');
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter(([, n]) => !(n >= 0 && n <= 1))).toEqual([]);
  });

  it('has an entry for every rule, and every rule-named entry is a rule', () => {
    const ruleIds = RULES.map((r) => r.id).sort();
    const ruleKeys = Object.keys(CALIBRATION)
      .filter((k) => k.includes('/'))
      .sort();
    expect(ruleKeys).toEqual(ruleIds);
  });
});
