/**
 * The report as a reader that only renders reads it: the report document, with its view models
 * (verdict cards and the outside-probe summary rows, made by shared/present) in every language
 * under `presented`. The mini-program asks the server for this form (`?present=1`): its package
 * then carries the renderers' input shape, not the presenters and the probe's whole schema (WeChat
 * caps the code package; see miniprogram/README.md). The observations it stores are passed through
 * as received, so an exported run still re-diagnoses on a computer.
 *
 * A module of schemas only, importing no presenter and no probe schema: the mini-program imports it.
 */
import type { Infer } from '../observations/json-schema';
import { clientObservationSchema } from '../observations/client';
import { VANTAGE_STATES } from '../observations/vantages';

const str = { type: 'string' } as const;

const evidenceLineSchema = {
  type: 'object',
  required: ['text', 'pointer'],
  properties: { text: str, pointer: { type: ['string', 'null'] } },
  additionalProperties: false,
} as const;

const verdictCardSchema = {
  type: 'object',
  required: [
    'rank',
    'cause',
    'tone',
    'title',
    'explanation',
    'fix',
    'evidence',
    'confidencePct',
    'confidenceText',
    'interrupted',
  ],
  properties: {
    rank: { type: 'integer', minimum: 1 },
    cause: str,
    tone: { enum: ['ok', 'unknown', 'intermittent', 'problem'] },
    title: str,
    explanation: str,
    fix: str,
    evidence: { type: 'array', items: evidenceLineSchema },
    confidencePct: { type: 'integer', minimum: 0, maximum: 100 },
    confidenceText: str,
    interrupted: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

const summaryRowSchema = {
  type: 'object',
  required: ['key', 'label', 'pieces', 'tone'],
  properties: {
    key: str,
    label: str,
    pieces: {
      type: 'array',
      items: {
        type: 'object',
        required: ['text', 'tone'],
        properties: { text: str, tone: { enum: ['', 'ok', 'bad', 'warn', 'dim'] } },
        additionalProperties: false,
      },
    },
    tone: { enum: ['', 'ok', 'bad'] },
  },
  additionalProperties: false,
} as const;

/** A failed attempt's class as the classifier read its raw words (shared/present/client-attempts.ts). */
const attemptClassViewSchema = {
  type: 'object',
  required: ['classLabel', 'codeLabel', 'meaning', 'hint'],
  properties: { classLabel: str, codeLabel: { type: ['string', 'null'] }, meaning: str, hint: str },
  additionalProperties: false,
} as const;
export type AttemptClassView = Infer<typeof attemptClassViewSchema>;

const classTallySchema = {
  type: 'object',
  required: ['label', 'count', 'meaning'],
  properties: { label: str, count: { type: 'integer', minimum: 1 }, meaning: str },
  additionalProperties: false,
} as const;
export type ClassTally = Infer<typeof classTallySchema>;

/** The phone's attempts read: one class per attempt (null for an answered one), tallies, domain check. */
const clientViewModelSchema = {
  type: 'object',
  required: ['attempts', 'classes', 'domainCheck', 'tlsChecksHidden'],
  properties: {
    attempts: { type: 'array', items: { anyOf: [attemptClassViewSchema, { type: 'null' }] } },
    classes: { type: 'array', items: classTallySchema },
    domainCheck: { enum: ['on', 'off', 'unknown'] },
    tlsChecksHidden: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;
export type ClientViewModel = Infer<typeof clientViewModelSchema>;

/** One vantage side by side with the others (shared/present/vantages.ts). */
const vantageViewSchema = {
  type: 'object',
  // `error` is not required: a view from a server older than it stays readable
  required: ['vantage', 'state', 'stateLabel', 'cause', 'causeTitle', 'tone', 'summary'],
  properties: {
    vantage: str,
    state: { enum: VANTAGE_STATES },
    stateLabel: str,
    cause: { type: ['string', 'null'] },
    causeTitle: { type: ['string', 'null'] },
    /** why a failed vantage has no probe, as it said it; null otherwise */
    error: { type: ['string', 'null'] },
    tone: { enum: ['ok', 'bad', 'dim'] },
    summary: { type: 'array', items: summaryRowSchema },
  },
  additionalProperties: false,
} as const;
export type VantageViewModel = Infer<typeof vantageViewSchema>;

/** One language's view of a report. */
export const reportViewModelSchema = {
  type: 'object',
  required: ['verdicts', 'outside', 'client'],
  properties: {
    verdicts: { type: 'array', items: verdictCardSchema },
    /** the outside probe's summary rows; null when the report has no probe */
    outside: { anyOf: [{ type: 'array', items: summaryRowSchema }, { type: 'null' }] },
    /** the client observation's attempts read; null when the report has none */
    client: { anyOf: [clientViewModelSchema, { type: 'null' }] },
    /** every vantage asked, side by side; absent when the report has no vantages */
    vantages: { type: 'array', items: vantageViewSchema },
  },
  additionalProperties: false,
} as const;
export type ReportViewModel = Infer<typeof reportViewModelSchema>;

export const presentedSchema = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: reportViewModelSchema, en: reportViewModelSchema },
  additionalProperties: false,
  description: "the report's view models in every language (made by shared/present on the server)",
} as const;
export type Presented = Infer<typeof presentedSchema>;

/**
 * A report with `presented`, checked for what a rendering reader uses: its id, URL, its own client
 * observation (a shared card opens a report measured on another phone) and the view models. The
 * probe observation and the diagnosis are kept as received, for export; the server's own response
 * schema checks them in full before they leave.
 */
export const presentedReportSchema = {
  type: 'object',
  required: ['schema', 'id', 'url', 'client', 'probe', 'diagnosis', 'presented'],
  properties: {
    schema: { type: 'string', pattern: '^wxprobe\\.report/' },
    id: { type: 'string', minLength: 1 },
    createdAt: str,
    url: str,
    client: { anyOf: [clientObservationSchema, { type: 'null' }] },
    probe: { type: ['object', 'null'] },
    diagnosis: { type: 'object' },
    presented: presentedSchema,
  },
} as const;
export type PresentedReport = Infer<typeof presentedReportSchema>;
