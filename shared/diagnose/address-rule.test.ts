/**
 * The address rule on variations of its golden scenarios: where the phone's failing requests went
 * decides whose verdict it is, and a TLS difference between addresses must be beyond chance.
 */
import { describe, expect, it } from 'vitest';
import type { AddressResult } from '../observations/probe';
import { diagnose } from './diagnose';
import { loadScenario } from './testdata/load-scenario';

const v6 = '240e:3a1:4c:1::45';

function withPeer(peerIP: string) {
  const { client, probe } = loadScenario('address-aaaa-expired');
  if (!client || !probe) throw new Error('scenario incomplete');
  const attempts = client.attempts.map((a) => ({ ...a, profile: { ...a.profile, peerIP } }));
  return diagnose({ ...client, attempts }, probe);
}

describe('the address rule', () => {
  it("the phone's failures on the bad address lead the verdict with that address", () => {
    const top = withPeer(v6).verdicts[0];
    expect(top?.cause).toBe('cert-expired');
    expect(top?.title.zh).toContain(`手机连的 ${v6}`);
    expect(top?.title.en).toMatch(/phones on IPv6 networks fail.*Wi-Fi on IPv4 works/);
  });

  it('failures that went to a clean address rank the per-address finding lower', () => {
    const onBad = withPeer(v6).verdicts.find((v) => v.cause === 'cert-expired');
    const onGood = withPeer('47.98.123.45').verdicts.find((v) => v.cause === 'cert-expired');
    expect(onGood?.confidence).toBeLessThan(onBad?.confidence ?? 0);
    expect(onGood?.explanation.en).toContain('which answers cleanly');
  });

  it('two resets on one address against two handshakes elsewhere are within chance: low confidence, test cited', () => {
    const { probe } = loadScenario('address-one-of-three-refuses');
    if (!probe?.addresses) throw new Error('scenario incomplete');
    const reset = (a: AddressResult): AddressResult => ({
      ...a,
      tls: {
        okCount: 0,
        total: 2,
        attempts: (a.tls?.attempts ?? []).slice(0, 2).map((t) => ({ ...t, ok: false, end: 'rst' })),
      },
    });
    const few = (a: AddressResult): AddressResult =>
      a.tls ? { ...a, tls: { ...a.tls, total: 2, okCount: 2, attempts: a.tls.attempts.slice(0, 2) } } : a;
    const [first, second] = probe.addresses;
    if (!first || !second) throw new Error('scenario incomplete');
    const addresses = [few(first), reset(second)];
    const verdict = diagnose(null, { ...probe, addresses }).verdicts.find((v) => v.cause === 'tls-reset');
    const test = verdict?.evidence.find((e) => e.kind === 'differential');
    expect(test?.kind === 'differential' && test.facts.pValue >= test.facts.alpha).toBe(true);
    expect(verdict?.confidence).toBeLessThan(0.5);
  });

  it('no per-address list, or every address alike: no address verdict', () => {
    const { probe } = loadScenario('address-one-of-three-refuses');
    if (!probe) throw new Error('scenario incomplete');
    const { addresses: _omitted, ...older } = probe;
    const causes = (p: typeof probe) => diagnose(null, p).verdicts.map((v) => v.cause);
    expect(causes(older)).toEqual(['ok']);
    const alike = probe.addresses?.filter((a) => a.tcp.ok);
    expect(causes({ ...probe, addresses: alike })).toEqual(['ok']);
  });
});
