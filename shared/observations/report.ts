/**
 * `wxprobe.report/3`: both observations plus the diagnosis derived from them. The observations are
 * the record; the diagnosis can always be recomputed from them when the rules improve.
 *
 * Versions: /2 made each verdict's evidence data (evidence.ts: a JSON Pointer into this document and
 * typed facts) instead of /1's pre-formatted text lines. /3 adds `vantages`: a report probed from
 * several places holds each one's observation there (optional; `probe` stays the first answer's).
 * Stored /1 and /2 documents still load: their observations are read as they are
 * (`anyReportSchema`) and diagnosed again (shared/report/load-report.ts).
 */
import { CAUSES } from '../taxonomy/codes';
import { clientObservationSchema } from './client';
import { evidenceSchema } from './evidence';
import { closedObject, type Infer } from './json-schema';
import { probeObservationSchema } from './probe';
import { MAX_VANTAGES, VANTAGE_ERROR_MAX_CHARS, VANTAGE_NAME_PATTERN } from './vantages';

export const REPORT_SCHEMA_ID = 'wxprobe.report/3';
/** Every report version still read; all but the current one are diagnosed again on load. */
export const REPORT_SCHEMA_IDS = ['wxprobe.report/1', 'wxprobe.report/2', REPORT_SCHEMA_ID] as const;

export const localizedSchema = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
  additionalProperties: false,
} as const;

export const verdictSchema = {
  type: 'object',
  required: ['cause', 'confidence', 'evidence', 'title', 'explanation', 'fix'],
  properties: {
    cause: { enum: CAUSES },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    evidence: {
      type: 'array',
      items: evidenceSchema,
      description: 'what the verdict rests on: each piece points into the observations and cites facts there',
    },
    title: localizedSchema,
    explanation: localizedSchema,
    fix: localizedSchema,
  },
  additionalProperties: false,
} as const;

export const diagnosisSchema = {
  type: 'object',
  required: ['verdicts'],
  properties: {
    rulesVersion: { type: 'string' },
    verdicts: { type: 'array', items: verdictSchema },
  },
  additionalProperties: false,
} as const;

const vantageName = { type: 'string', pattern: VANTAGE_NAME_PATTERN } as const;
// The probe schema without its `$id`: one schema may not hold one id twice (Ajv refuses it), and
// the report's own `probe` already holds it.
const { $id: _probeId, ...vantageObservationSchema } = probeObservationSchema;

/**
 * One vantage asked for a probe (vantages.ts: VANTAGE_STATES): its observation when it answered,
 * null when it did not answer in time or its probe errored (then with the error it gave, if any).
 */
export const vantageProbeSchema = {
  anyOf: [
    closedObject(['vantage', 'state', 'probe'], {
      vantage: vantageName,
      state: { const: 'answered' },
      probe: vantageObservationSchema,
    }),
    closedObject(['vantage', 'state', 'probe'], {
      vantage: vantageName,
      state: { const: 'no-answer' },
      probe: { type: 'null' },
    }),
    closedObject(['vantage', 'state', 'probe'], {
      vantage: vantageName,
      state: { const: 'failed' },
      probe: { type: 'null' },
      /** why, as the vantage said it (an agent's message, the server's own error); optional */
      error: { type: 'string', minLength: 1, maxLength: VANTAGE_ERROR_MAX_CHARS },
    }),
  ],
} as const;

/**
 * Every vantage asked, in the order asked. Optional: a report without it was probed from one place
 * (its `probe`). With it, the top-level `probe` is the first answered vantage's (null when none
 * answered), so a reader of one view keeps reading the report as before.
 */
export const vantagesSchema = {
  type: 'array',
  maxItems: MAX_VANTAGES,
  items: vantageProbeSchema,
  description: 'every vantage asked, in the order asked; `probe` above is the first answered one',
} as const;

export const reportSchema = {
  $id: REPORT_SCHEMA_ID,
  type: 'object',
  required: ['schema', 'url', 'client', 'probe', 'diagnosis'],
  properties: {
    schema: { const: REPORT_SCHEMA_ID },
    id: { type: 'string' },
    createdAt: { type: 'string' },
    url: { type: 'string' },
    client: { anyOf: [clientObservationSchema, { type: 'null' }] },
    probe: { anyOf: [probeObservationSchema, { type: 'null' }] },
    vantages: vantagesSchema,
    diagnosis: diagnosisSchema,
  },
  additionalProperties: false,
} as const;

/**
 * A report of any version still read, checked for what every version shares — the observations —
 * and nothing of its diagnosis, which loading derives again.
 */
export const anyReportSchema = {
  type: 'object',
  required: ['schema', 'url', 'client', 'probe'],
  properties: {
    schema: { enum: REPORT_SCHEMA_IDS },
    id: { type: 'string' },
    createdAt: { type: 'string' },
    url: { type: 'string' },
    client: { anyOf: [clientObservationSchema, { type: 'null' }] },
    probe: { anyOf: [probeObservationSchema, { type: 'null' }] },
    vantages: vantagesSchema,
    diagnosis: { type: 'object' },
  },
  additionalProperties: false,
} as const;

export type Verdict = Infer<typeof verdictSchema>;
export type AnyReport = Infer<typeof anyReportSchema>;
export type Diagnosis = Infer<typeof diagnosisSchema>;
export type Report = Infer<typeof reportSchema>;
/** One vantage of a report: `{vantage, state, probe}`, probe non-null exactly when answered. */
export type VantageProbe = Infer<typeof vantageProbeSchema>;
export type AnsweredVantage = Extract<VantageProbe, { state: 'answered' }>;

/** The vantages that answered, each with its index in `vantages` (what evidence pointers cite). */
export function answeredVantages(
  vantages: readonly VantageProbe[] | null | undefined,
): Array<{ index: number; vantage: AnsweredVantage }> {
  return (vantages ?? []).flatMap((vantage, index) =>
    vantage.state === 'answered' ? [{ index, vantage }] : [],
  );
}

/** The top-level `probe` of a report with these vantages: the first answered vantage's. */
export function firstAnsweredProbe(vantages: readonly VantageProbe[]) {
  return answeredVantages(vantages)[0]?.vantage.probe ?? null;
}
