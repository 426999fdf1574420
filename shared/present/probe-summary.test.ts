import { describe, expect, it } from 'vitest';
import { loadScenario } from '../diagnose/testdata/load-scenario';
import { probeSummaryRows, rowText } from './probe-summary';

const probeOf = (name: string) => {
  const { probe } = loadScenario(name);
  if (!probe) throw new Error(`${name} has no probe`);
  return probe;
};
const row = (rows: ReturnType<typeof probeSummaryRows>, key: string) => rows.find((r) => r.key === key);

describe('the probe summary rows', () => {
  it('an ICP block: the target SNI fails by RST in the reader’s language, the other SNIs pass', () => {
    const rows = probeSummaryRows(probeOf('tls-reset-all'), 'zh');
    const sni = row(rows, 'tls:sni-host')!;
    expect(sni.label).toBe('TLS 目标 SNI');
    expect(sni.tone).toBe('bad');
    expect(rowText(sni)).toMatch(/^0\/\d+ .*\d+×RST/);
    expect(sni.pieces[0]).toMatchObject({ tone: 'bad' });
  });

  it('a healthy server reads ok, in English too, and a medium without columns gets its own gap', () => {
    const rows = probeSummaryRows(probeOf('ok-probe-only'), 'en');
    expect(rows.map((r) => r.key)).toEqual(
      expect.arrayContaining(['dns', 'tcp', 'tls:sni-host', 'chain', 'http']),
    );
    expect(row(rows, 'chain')).toMatchObject({ label: 'chain', tone: 'ok' });
    expect(rowText(row(rows, 'tls-versions')!, ' · ')).toMatch(/^TLS 1\.3 ✓ · TLS 1\.2 ✓/);
    expect(rows.every((r) => !/undefined|null/.test(rowText(r)))).toBe(true);
  });

  it('a plan raised close to significance says so with its p-value and the count first requested, zh and en', () => {
    const probe = probeOf('ok-probe-only');
    const attemptPlan = {
      mode: 'adaptive',
      requested: 2,
      earlyStopAfter: 2,
      reason: 'close-to-significance',
      escalation: {
        target: { failed: 2, total: 2 },
        others: { failed: 0, total: 4 },
        pValue: 1 / 15,
        alpha: 0.02,
        to: 4,
      },
    } as const;
    const doc = { ...probe, tls: { ...probe.tls!, attemptPlan } };
    const total = Math.max(...probe.tls!.variants.map((v) => v.total));
    expect(rowText(row(probeSummaryRows(doc, 'zh'), 'tls-attempts')!)).toBe(
      `每种变体 ${total} 次（自适应：差异接近显著 p = 0.067，追加一轮；原定 2）`,
    );
    expect(rowText(row(probeSummaryRows(doc, 'en'), 'tls-attempts')!)).toBe(
      `${total} attempts per variant (adaptive: differential close to significance, p = 0.067, one more round; requested 2)`,
    );
  });

  it('a variant id the labels do not know (from a newer probe) is shown raw, never as "undefined"', () => {
    const probe = probeOf('ok-probe-only');
    // the contract's type refuses the id; a document from a newer probe can still carry it
    const variants = probe.tls!.variants.map((v, i) => (i === 0 ? { ...v, id: 'ech-grease' as never } : v));
    const rows = probeSummaryRows({ ...probe, tls: { ...probe.tls!, variants } }, 'zh');
    expect(row(rows, 'tls:ech-grease')?.label).toBe('TLS ech-grease');
  });
});
