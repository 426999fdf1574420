/**
 * Fits one run into WeChat's 1 MB-per-key storage cap by dropping detail, least essential first, from
 * the stored copy only. What always stays: the document's url, api, env and options, and for every
 * attempt its outcome (ok, statusCode, errMsg, errno, durationMs, startedAt, background, variant,
 * target); the report's diagnosis. Each step dropped is named, so the user can be told.
 */
import type { ClientAttempt, ClientObservation } from '../shared/observations/client';
import { bodyBytes } from '../runner/raw-result';

/** WeChat's cap is 1 MB per key; a margin covers its own encoding overhead. */
export const MAX_ENTRY_BYTES = 1_000_000;

export const TRIM_STEPS = [
  /** the first 2 KB of response bodies, except the first attempt of each status */
  'answer-bodies',
  /** response headers and cookie names, except the first attempt of each status */
  'answer-headers',
  /** the `profile` timings, except the first 5 attempts */
  'profiles',
  /** network events and background spans beyond the first 20 */
  'events',
] as const;
export type TrimStep = (typeof TRIM_STEPS)[number];

export function storedBytes(value: unknown): number {
  return bodyBytes(JSON.stringify(value) ?? '') ?? 0;
}

type WithClient = { client: ClientObservation; report: object | null };

function firstOfEachStatus(attempts: ClientAttempt[]): Set<number> {
  const seen = new Set<string>();
  const keep = new Set<number>();
  attempts.forEach((a, i) => {
    const key = String(a.statusCode ?? a.errMsg ?? '');
    if (!seen.has(key)) keep.add(i);
    seen.add(key);
  });
  return keep;
}

function dropFields(
  attempts: ClientAttempt[],
  fields: string[],
  keep: (i: number) => boolean,
): ClientAttempt[] {
  return attempts.map((a, i) => {
    if (keep(i)) return a;
    const copy: Record<string, unknown> = { ...a };
    for (const f of fields) delete copy[f];
    return copy as ClientAttempt;
  });
}

function apply(doc: ClientObservation, step: TrimStep): ClientObservation {
  const keepFirst = firstOfEachStatus(doc.attempts);
  switch (step) {
    case 'answer-bodies':
      return {
        ...doc,
        attempts: dropFields(doc.attempts, ['bodyHead', 'bodyTruncated'], (i) => keepFirst.has(i)),
      };
    case 'answer-headers':
      return {
        ...doc,
        attempts: dropFields(doc.attempts, ['header', 'cookieNames'], (i) => keepFirst.has(i)),
      };
    case 'profiles':
      return { ...doc, attempts: dropFields(doc.attempts, ['profile', 'profileUnexpected'], (i) => i < 5) };
    case 'events': {
      const next = { ...doc };
      if (next.networkEvents) next.networkEvents = next.networkEvents.slice(0, 20);
      if (next.background) next.background = next.background.slice(0, 20);
      return next;
    }
  }
}

/** The entry as it can be stored, and the steps that were needed (empty: it fitted as it was). */
export function trimToFit<T extends WithClient>(
  entry: T,
  maxBytes = MAX_ENTRY_BYTES,
): { entry: T; trimmed: TrimStep[] } {
  let current = entry;
  const trimmed: TrimStep[] = [];
  for (const step of TRIM_STEPS) {
    if (storedBytes(current) <= maxBytes) break;
    const client = apply(current.client, step);
    // The report holds the client document it was made from: the same detail goes there too.
    let report = current.report;
    const reportClient = (report as { client?: ClientObservation | null } | null)?.client;
    if (report && reportClient) report = { ...report, client: apply(reportClient, step) };
    current = { ...current, client, report };
    trimmed.push(step);
  }
  return { entry: current, trimmed };
}
