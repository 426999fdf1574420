import { describe, expect, it } from 'vitest';
import type { ProbeObservation } from '../observations/probe';
import { diagnose } from './diagnose';
import { loadScenario } from './testdata/load-scenario';

/** The random-resets run with the target SNI's handshakes replaced by clean ones (as chance may). */
function withCleanTarget(): ProbeObservation {
  const { probe } = loadScenario('tls-random-resets-every-sni');
  if (!probe?.tls) throw new Error('scenario has no TLS section');
  const clean = probe.tls.variants.find((v) => v.id === 'control-sni' && v.okCount > 0)!;
  const okAttempt = clean.attempts.find((a) => a.ok)!;
  const variants = probe.tls.variants.map((v) =>
    v.id === 'sni-host' ? { ...v, okCount: v.total, attempts: v.attempts.map(() => okAttempt) } : v,
  );
  return { ...probe, tls: { ...probe.tls, variants } };
}

describe('intermittent outcomes in the probe', () => {
  it('are named from the target SNI first', () => {
    const { probe } = loadScenario('tls-random-resets-every-sni');
    const verdict = diagnose(null, probe).verdicts.find((v) => v.cause === 'intermittent');
    expect(verdict?.explanation.en).toContain('with the target SNI passed 4/10');
  });

  it('are still named when the target SNI happened to pass every time but another variant is mixed', () => {
    const verdicts = diagnose(null, withCleanTarget()).verdicts;
    const verdict = verdicts.find((v) => v.cause === 'intermittent');
    expect(verdict?.explanation.en).toContain('(variant no-sni) passed 6/10');
    expect(verdict?.evidence[0]).toMatchObject({ kind: 'tls-variant', pointer: '/probe/tls/variants/1' });
  });

  it('are not claimed when every variant is consistent', () => {
    const { probe } = loadScenario('ok-probe-only');
    expect(diagnose(null, probe).verdicts.map((v) => v.cause)).not.toContain('intermittent');
  });
});
