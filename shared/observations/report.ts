/**
 * `wxprobe.report/2`: both observations plus the diagnosis derived from them. The observations are
 * the record; the diagnosis can always be recomputed from them when the rules improve.
 *
 * Versions: /2 made each verdict's evidence data (evidence.ts: a JSON Pointer into this document and
 * typed facts) instead of /1's pre-formatted text lines. A stored /1 document still loads: its
 * observations are read as they are (`anyReportSchema`) and diagnosed again (shared/report/load-report.ts).
 */
import { CAUSES } from '../taxonomy/codes';
import { clientObservationSchema } from './client';
import { evidenceSchema } from './evidence';
import type { Infer } from './json-schema';
import { probeObservationSchema } from './probe';

export const REPORT_SCHEMA_ID = 'wxprobe.report/2';
/** Every report version still read; all but the current one are diagnosed again on load. */
export const REPORT_SCHEMA_IDS = ['wxprobe.report/1', REPORT_SCHEMA_ID] as const;

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
    diagnosis: { type: 'object' },
  },
  additionalProperties: false,
} as const;

export type Verdict = Infer<typeof verdictSchema>;
export type AnyReport = Infer<typeof anyReportSchema>;
export type Diagnosis = Infer<typeof diagnosisSchema>;
export type Report = Infer<typeof reportSchema>;
