import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeObservation } from '../observations/probe';
import { diagnosisSchema, type Diagnosis, type VantageProbe } from '../observations/report';
import { VANTAGE_STATES } from '../observations/vantages';
import { validate } from '../observations/validate';
import { resolvePointer } from '../present/evidence';
import { CALIBRATION } from './calibration';
import { diagnose, diagnoseEachVantage } from './diagnose';
import { loadScenario } from './testdata/load-scenario';

// Real recorded probes of one URL (https://api.example.com/v1/ping) as different paths see it.
const icpScenario = loadScenario('icp-split-hello-passes');
const icp = icpScenario.probe!;
const phone = icpScenario.client!;
const ok = loadScenario('ok-probe-only').probe!;
const reset = loadScenario('tls-reset-all').probe!;

const answered = (vantage: string, probe: ProbeObservation): VantageProbe => ({
  vantage,
  state: 'answered',
  probe,
});
const silent: VantageProbe = { vantage: 'hk-2', state: 'no-answer', probe: null };
const broken: VantageProbe = { vantage: 'us-west', state: 'failed', probe: null };

const causes = (d: Diagnosis) => d.verdicts.map((v) => v.cause);
const qualifier = (d: Diagnosis) => d.verdicts.find((v) => v.cause === 'vantage-dependent');

/** Every pointer of the diagnosis names a part of the report it would be stored in. */
function pointersResolve(d: Diagnosis, report: object): void {
  for (const v of d.verdicts)
    for (const e of v.evidence) expect(resolvePointer(report, e.pointer), e.pointer).not.toBeUndefined();
}

describe('a report from several vantages', () => {
  it('with one answered vantage is diagnosed exactly as its one probe', () => {
    expect(diagnose(phone, icp, [answered('local', icp)])).toEqual(diagnose(phone, icp));
    expect(diagnose(null, ok, [silent, answered('cn-east', ok), broken])).toEqual(diagnose(null, ok));
    expect(diagnose(phone, null, [silent, broken])).toEqual(diagnose(phone, null));
    expect(diagnose(phone, icp, [])).toEqual(diagnose(phone, icp));
    expect(diagnose(phone, icp, null)).toEqual(diagnose(phone, icp));
  });

  it('failing from every vantage is diagnosed as the first answered one', () => {
    const vantages = [silent, answered('cn-east', icp), answered('local', reset)];
    const d = diagnose(null, icp, vantages);
    expect(d).toEqual(diagnose(null, icp));
    expect(causes(d)).toContain('icp-filing-block');
    expect(causes(d)).not.toContain('vantage-dependent');
    // with the phone's view beside it too
    expect(diagnose(phone, icp, vantages)).toEqual(diagnose(phone, icp));
  });

  it('working from every vantage is ok, as from one', () => {
    const d = diagnose(null, ok, [answered('local', ok), answered('cn-east', ok)]);
    expect(d).toEqual(diagnose(null, ok));
    expect(causes(d)).toEqual(['ok']);
  });

  it("failing from one vantage and working from another names the failing one's cause, then vantage-dependent", () => {
    const vantages = [answered('cn-east', icp), answered('local', ok)];
    const d = diagnose(null, icp, vantages);
    expect(d.verdicts[0]!.cause).toBe('icp-filing-block');
    const q = qualifier(d)!;
    expect(q.confidence).toBeLessThan(d.verdicts[0]!.confidence);
    expect(q.evidence).toEqual([
      {
        kind: 'vantage-result',
        pointer: '/vantages/0',
        facts: { vantage: 'cn-east', state: 'answered', cause: 'icp-filing-block', fails: true },
      },
      {
        kind: 'vantage-result',
        pointer: '/vantages/1',
        facts: { vantage: 'local', state: 'answered', cause: 'ok', fails: false },
      },
    ]);
    expect(q.title.en).toContain('from cn-east it fails, from local it works');
    expect(q.fix.zh).toContain('备案');
    // the main verdict cites the failing vantage's probe, the same pieces as a one-vantage report
    const alone = diagnose(null, icp).verdicts[0]!;
    const main = d.verdicts[0]!;
    expect(main.evidence.map((e) => e.pointer)).toEqual(alone.evidence.map((e) => `/vantages/0${e.pointer}`));
    expect(main.evidence.map((e) => e.facts)).toEqual(alone.evidence.map((e) => e.facts));
    expect(validate(diagnosisSchema, d)).toEqual([]);
    pointersResolve(d, { client: null, probe: icp, vantages });
  });

  it("cites the first failing vantage wherever it stands, the phone's evidence where it was", () => {
    const vantages = [answered('local', ok), silent, answered('cn-east', icp), answered('cn-south', reset)];
    const d = diagnose(phone, ok, vantages);
    expect(d.verdicts[0]!.cause).toBe('icp-filing-block');
    const pointers = d.verdicts[0]!.evidence.map((e) => e.pointer);
    expect(pointers.some((p) => p.startsWith('/vantages/2/probe/'))).toBe(true);
    expect(pointers).toContain('/client/attempts');
    expect(
      pointers.filter((p) => !p.startsWith('/client')).every((p) => p.startsWith('/vantages/2/probe')),
    ).toBe(true);
    const q = qualifier(d)!;
    expect(q.evidence.map((e) => e.facts)).toEqual([
      { vantage: 'local', state: 'answered', cause: 'ok', fails: false },
      { vantage: 'hk-2', state: 'no-answer', cause: null, fails: null },
      { vantage: 'cn-east', state: 'answered', cause: 'icp-filing-block', fails: true },
      { vantage: 'cn-south', state: 'answered', cause: 'tls-reset', fails: true },
    ]);
    expect(q.title.zh).toContain('从 cn-east、cn-south 失败，从 local 正常');
    expect(q.explanation.en).toContain('hk-2: no answer in time, not compared.');
    expect(validate(diagnosisSchema, d)).toEqual([]);
    pointersResolve(d, { client: phone, probe: ok, vantages });
  });

  it('never counts a vantage that did not answer as working or failing', () => {
    // one failing vantage and only unanswered others: nothing to compare
    expect(diagnose(null, icp, [answered('cn-east', icp), silent, broken])).toEqual(diagnose(null, icp));
    const d = diagnose(null, icp, [answered('cn-east', icp), broken, answered('local', ok)]);
    expect(qualifier(d)!.title.en).toContain('from local it works');
    expect(qualifier(d)!.explanation.zh).toContain('us-west：探测出错，不计入比较。');
  });

  it('names each vantage by the main verdict of its own probe', () => {
    expect(
      diagnoseEachVantage([answered('cn-east', icp), silent, answered('local', ok)]).map((o) => [
        o.index,
        o.vantage,
        o.state,
        o.main?.cause ?? null,
        o.fails,
      ]),
    ).toEqual([
      [0, 'cn-east', 'answered', 'icp-filing-block', true],
      [1, 'hk-2', 'no-answer', null, null],
      [2, 'local', 'answered', 'ok', false],
    ]);
  });

  it('over any vantages asked: valid, deterministic, the qualifier only on a split and never above an established main cause', () => {
    const probes = [
      icp,
      ok,
      reset,
      loadScenario('cert-untrusted-root').probe!,
      loadScenario('ok-both-views').probe!,
    ];
    const vantage = fc.record({
      state: fc.constantFrom(...VANTAGE_STATES),
      probe: fc.constantFrom(...probes),
    });
    fc.assert(
      fc.property(fc.array(vantage, { maxLength: 6 }), fc.boolean(), (drawn, withPhone) => {
        const vantages: VantageProbe[] = drawn.map((d, i) =>
          d.state === 'answered'
            ? { vantage: `v${i}`, state: 'answered', probe: d.probe }
            : { vantage: `v${i}`, state: d.state, probe: null },
        );
        const client = withPhone ? phone : null;
        const first = vantages.find((v) => v.state === 'answered')?.probe ?? null;
        const d = diagnose(client, first, vantages);
        expect(diagnose(client, first, vantages)).toEqual(d);
        expect(validate(diagnosisSchema, d)).toEqual([]);
        pointersResolve(d, { client, probe: first, vantages });
        const fails = diagnoseEachVantage(vantages)
          .filter((o) => o.fails !== null)
          .map((o) => o.fails);
        const split = fails.includes(true) && fails.includes(false);
        expect(causes(d).includes('vantage-dependent')).toBe(split);
        if (!split) expect(d).toEqual(diagnose(client, first));
        const main = d.verdicts.find((v) => v.cause !== 'vantage-dependent' && v.cause !== 'intermittent');
        const q = qualifier(d);
        if (q && main && main.confidence >= CALIBRATION.mainCauseFloor)
          expect(q.confidence).toBeLessThan(main.confidence);
      }),
      { numRuns: 60 },
    );
  });
});
