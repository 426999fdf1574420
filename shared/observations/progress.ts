/**
 * What the probe reports while it runs: one event when a step starts and one when it ends. The CLI
 * prints them, the server keeps them per job and streams them (SSE) or lists them (polling); all of
 * them use this one schema and type.
 */
import type { Infer } from './json-schema';
import { PROBE_NOTES, PROBE_STEPS, PROGRESS_STATUSES } from './vocabulary';

export const probeProgressSchema = {
  type: 'object',
  required: ['step', 'status'],
  properties: {
    step: { type: 'string', enum: PROBE_STEPS },
    status: { type: 'string', enum: PROGRESS_STATUSES },
    detail: { type: 'string', description: 'raw English detail (e.g. a policy reason, a URL parse error)' },
    note: {
      type: 'string',
      enum: PROBE_NOTES,
      description: 'why, as a stable code: shared/present/notes.ts says it in the reader’s language',
    },
  },
  additionalProperties: false,
} as const;

export type ProbeProgress = Infer<typeof probeProgressSchema>;
