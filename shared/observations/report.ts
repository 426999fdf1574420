/**
 * `wxprobe.report/1`: both observations plus the diagnosis derived from them. The observations are
 * the record; the diagnosis can always be recomputed from them when the rules improve.
 */
import { CAUSES } from '../taxonomy/codes';
import { clientObservationSchema } from './client';
import type { Infer } from './json-schema';
import { probeObservationSchema } from './probe';

export const REPORT_SCHEMA_ID = 'wxprobe.report/1';

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
      items: { type: 'string' },
      description:
        'pointers into the observations with what they show, e.g. "probe.tls.variants.sni-host: 1/10 ok"',
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
  $id: 'wxprobe.report/1',
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

export type Verdict = Infer<typeof verdictSchema>;
export type Diagnosis = Infer<typeof diagnosisSchema>;
export type Report = Infer<typeof reportSchema>;
