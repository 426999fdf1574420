import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { loadScenario } from '../diagnose/testdata/load-scenario';
import {
  answeredVantages,
  anyReportSchema,
  firstAnsweredProbe,
  reportSchema,
  validate,
  type VantageProbe,
} from './index';
import { VANTAGE_ERROR_MAX_CHARS } from './vantages';

const icp = loadScenario('icp-split-hello-passes').probe!;
const ok = loadScenario('ok-probe-only').probe!;
const ajv = new Ajv({ allErrors: true, strict: false });

function report(vantages: unknown, schema = 'wxprobe.report/3') {
  return { schema, url: icp.url, client: null, probe: icp, vantages, diagnosis: { verdicts: [] } };
}

/** Our validator (the one inside WeChat) and Ajv (the server's) give the same answer. */
function accepted(s: typeof reportSchema | typeof anyReportSchema, doc: unknown): boolean {
  const ours = validate(s, doc).length === 0;
  expect(ajv.validate(s, doc)).toBe(ours);
  return ours;
}

const three: VantageProbe[] = [
  { vantage: 'cn-east', state: 'answered', probe: icp },
  { vantage: 'local', state: 'answered', probe: ok },
  { vantage: 'hk-2', state: 'no-answer', probe: null },
];

describe('report vantages', () => {
  it('accepts one probe per vantage asked, unanswered ones without a probe', () => {
    expect(accepted(reportSchema, report(three))).toBe(true);
    expect(accepted(anyReportSchema, report(three, 'wxprobe.report/1'))).toBe(true);
    expect(accepted(reportSchema, report([{ vantage: 'x', state: 'failed', probe: null }]))).toBe(true);
  });

  it('keeps why a vantage failed, only on a failed one, at most 2000 characters', () => {
    const with1 = (state: string, error: string) =>
      accepted(reportSchema, report([{ vantage: 'x', state, probe: null, error }]));
    expect(with1('failed', 'the agent could not resolve the name')).toBe(true);
    expect(with1('failed', 'x'.repeat(VANTAGE_ERROR_MAX_CHARS))).toBe(true);
    expect(with1('failed', 'x'.repeat(VANTAGE_ERROR_MAX_CHARS + 1))).toBe(false);
    expect(with1('failed', '')).toBe(false);
    expect(with1('no-answer', 'late')).toBe(false);
    expect(accepted(reportSchema, report([{ vantage: 'x', state: 'answered', probe: ok, error: 'x' }]))).toBe(
      false,
    );
  });

  it('still accepts a report without vantages', () => {
    const { vantages: _, ...single } = report(three);
    expect(accepted(reportSchema, single)).toBe(true);
    expect(accepted(anyReportSchema, single)).toBe(true);
  });

  it('holds a probe exactly when the vantage answered', () => {
    expect(accepted(reportSchema, report([{ vantage: 'a', state: 'answered', probe: null }]))).toBe(false);
    expect(accepted(reportSchema, report([{ vantage: 'a', state: 'no-answer', probe: ok }]))).toBe(false);
    expect(accepted(reportSchema, report([{ vantage: 'a', state: 'lost', probe: null }]))).toBe(false);
  });

  it('takes names of 1-48 lowercase letters, digits and inner hyphens only', () => {
    const named = (vantage: string) =>
      accepted(reportSchema, report([{ vantage, state: 'failed', probe: null }]));
    for (const good of ['a', 'local', 'cn-east', 'a1-b2--c3', 'x'.repeat(48)]) expect(named(good)).toBe(true);
    for (const bad of ['', '-a', 'a-', 'CN', 'cn_east', 'cn east', 'x'.repeat(49)])
      expect(named(bad)).toBe(false);
  });

  it('holds at most 16 vantages', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ vantage: `v${i}`, state: 'no-answer', probe: null }));
    expect(accepted(reportSchema, report(many(16)))).toBe(true);
    expect(accepted(reportSchema, report(many(17)))).toBe(false);
  });

  it('finds the answered vantages with their indexes, the first answered probe being the top-level one', () => {
    const late: VantageProbe[] = [three[2]!, three[1]!, three[0]!];
    expect(answeredVantages(late).map((a) => [a.index, a.vantage.vantage])).toEqual([
      [1, 'local'],
      [2, 'cn-east'],
    ]);
    expect(firstAnsweredProbe(late)).toBe(ok);
    expect(firstAnsweredProbe([three[2]!])).toBeNull();
  });
});
