/**
 * The words of vantages, each defined once (vocabulary.ts style, in a module of their own so the
 * mini-program, which renders vantages, carries these few lines and not the probe's vocabulary). A
 * vantage is a place the outside probe runs from: `local` (the server itself) or an agent's named
 * one (`cn-east`). The state labels live here too: the diagnosis texts ("hk-2 超时未应答") and the
 * presenters both say them, and neither imports the other.
 */
import type { Localized } from '../taxonomy/codes';

/** The server's own vantage. */
export const LOCAL_VANTAGE = 'local';
/** A vantage's name: 1–48 of a-z0-9, hyphens only inside. A report holds at most MAX_VANTAGES. */
export const VANTAGE_NAME_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$';
export const MAX_VANTAGES = 16;
/** At most this many characters of why a vantage failed are kept (an agent may send 2000). */
export const VANTAGE_ERROR_MAX_CHARS = 2000;

/**
 * How a vantage's probe came back: `answered` (its probe observation is in the report), `no-answer`
 * (nothing arrived within the probe budget), `failed` (the probe there errored, with the `error` it
 * gave when it gave one). The last two carry no observation: the vantage is listed so, never
 * silently dropped.
 */
export const UNANSWERED_VANTAGE_STATES = ['no-answer', 'failed'] as const;
export const VANTAGE_STATES = ['answered', ...UNANSWERED_VANTAGE_STATES] as const;
export type VantageState = (typeof VANTAGE_STATES)[number];

/** How a reader names each state. */
export const VANTAGE_STATE_LABELS = {
  answered: { zh: '已应答', en: 'answered' },
  'no-answer': { zh: '超时未应答', en: 'no answer in time' },
  failed: { zh: '探测出错', en: 'probe failed' },
} as const satisfies Record<VantageState, Localized>;
