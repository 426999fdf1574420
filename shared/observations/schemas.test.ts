import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import fc from 'fast-check';
import { TESTDATA } from '../diagnose/testdata/load-scenario';
import {
  clientObservationSchema,
  parseClientObservation,
  parseProbeObservation,
  probeObservationSchema,
  reportSchema,
  validate,
  type ClientObservation,
  type ProbeObservation,
} from './index';

const SCHEMA_OF_FILE = { 'client.json': clientObservationSchema, 'probe.json': probeObservationSchema };
type ObservationFile = keyof typeof SCHEMA_OF_FILE;

/** A golden scenario's recorded document as it stands on disk, not yet validated. */
function recorded(scenario: string, file: ObservationFile): unknown {
  return JSON.parse(readFileSync(join(TESTDATA, scenario, file), 'utf8')) as unknown;
}

/** Every observation the golden scenarios hold: real-shaped documents of every kind of failure. */
const RECORDED = readdirSync(TESTDATA, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    (Object.keys(SCHEMA_OF_FILE) as ObservationFile[])
      .filter((file) => existsSync(join(TESTDATA, entry.name, file)))
      .map((file) => ({ scenario: entry.name, file })),
  );

const sampleClient = recorded('ok-both-views', 'client.json') as ClientObservation;
const sampleProbe = recorded('ok-both-views', 'probe.json') as ProbeObservation;

const ajv = new Ajv({ allErrors: true, strict: false });

describe('observation schemas', () => {
  it.each(RECORDED)(
    'accept the recorded $scenario/$file (our validator and Ajv agree)',
    ({ scenario, file }) => {
      const doc = recorded(scenario, file);
      expect(validate(SCHEMA_OF_FILE[file], doc)).toEqual([]);
      expect(ajv.validate(SCHEMA_OF_FILE[file], doc)).toBe(true);
    },
  );

  it('accept a report of both views (our validator and Ajv agree)', () => {
    const report = {
      schema: 'wxprobe.report/3',
      url: sampleClient.url,
      client: sampleClient,
      probe: sampleProbe,
      diagnosis: { verdicts: [] },
    };
    expect(validate(reportSchema, report)).toEqual([]);
    expect(ajv.validate(reportSchema, report)).toBe(true);
  });

  it('rejects junk with a JSON pointer and a reason', () => {
    const bad = { ...sampleClient, attempts: [{ ok: 'yes', durationMs: 1 }] };
    const parsed = parseClientObservation(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors[0]).toEqual({ path: '/attempts/0/ok', message: 'must be boolean, got string' });
    const missing = parseClientObservation({ schema: 'wxprobe.client/1' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => e.path)).toEqual(['/url', '/api', '/env', '/attempts']);
    const wrongSchema = parseProbeObservation({ ...sampleProbe, schema: 'wxprobe.probe/2' });
    expect(wrongSchema.ok).toBe(false);
    if (!wrongSchema.ok) expect(wrongSchema.errors[0]!.path).toBe('/schema');
  });

  it('never throws and agrees with Ajv on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const ours = validate(clientObservationSchema, value).length === 0;
        expect(ours).toBe(ajv.validate(clientObservationSchema, value));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with Ajv on mutated documents', () => {
    const mutations: Array<(d: Record<string, unknown>) => void> = [
      (d) => delete d.env,
      (d) => (d.api = 'fetch'),
      (d) => (d.attempts = 'many'),
      (d) => ((d.env as Record<string, unknown>).domainCheck = 'maybe'),
      (d) => (d.attempts as unknown[]).push({ ok: true, durationMs: -1 }),
      (d) => (d.attempts as unknown[]).push({ ok: true, durationMs: 1, errno: 1.5 }),
      (d) => (d.url = ''),
    ];
    for (const mutate of mutations) {
      const doc = structuredClone(sampleClient) as unknown as Record<string, unknown>;
      mutate(doc);
      expect(validate(clientObservationSchema, doc).length > 0).toBe(true);
      expect(ajv.validate(clientObservationSchema, doc)).toBe(false);
    }
  });
});
