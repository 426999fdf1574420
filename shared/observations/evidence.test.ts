/**
 * The evidence schema (wxprobe.report/3) is read alike by our validator (the one that runs inside
 * WeChat) and by Ajv (the server's), on the reports of every golden scenario and on broken pieces.
 */
import Ajv from 'ajv';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, TESTDATA } from '../diagnose/testdata/load-scenario';
import { buildReport } from '../report/build-report';
import { EVIDENCE_KINDS, evidenceSchema } from './evidence';
import { reportSchema } from './report';
import { validate } from './validate';

const ajv = new Ajv({ allErrors: true, strict: false });

const reports = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => {
    return JSON.parse(JSON.stringify(buildReport(loadScenario(d.name)))) as ReturnType<typeof buildReport>;
  });

describe('evidence schema', () => {
  it('every golden report, evidence and all, is valid for both validators', () => {
    for (const report of reports) {
      expect(validate(reportSchema, report)).toEqual([]);
      expect(ajv.validate(reportSchema, report)).toBe(true);
    }
  });

  it('names each kind once', () => {
    expect(new Set(EVIDENCE_KINDS).size).toBe(EVIDENCE_KINDS.length);
  });

  it('both refuse a text line, an unknown kind, a wrong fact type, a missing fact and an extra one', () => {
    const good = { kind: 'client-ratio', pointer: '/client/attempts', facts: { ok: 1, total: 2 } };
    expect(validate(evidenceSchema, good)).toEqual([]);
    const broken: unknown[] = [
      'client.attempts: ok 1/2',
      { ...good, kind: 'client-ratios' },
      { ...good, facts: { ok: '1', total: 2 } },
      { ...good, facts: { ok: 1 } },
      { ...good, facts: { ok: 1, total: 2, note: 'x' } },
      { kind: good.kind, facts: good.facts },
    ];
    for (const piece of broken) {
      expect(validate(evidenceSchema, piece).length, JSON.stringify(piece)).toBeGreaterThan(0);
      expect(ajv.validate(evidenceSchema, piece), JSON.stringify(piece)).toBe(false);
    }
  });
});
