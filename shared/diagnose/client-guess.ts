/**
 * Conclusions drawn from the client's classified errors when the probe cannot speak to that layer
 * (absent, refused by the address policy, or the step never ran). They are deliberately modest: a
 * phone's error says where the request broke, rarely why.
 */
import type { Cause, Kind } from '../taxonomy/codes';
import type { GuessConfidence } from './calibration';
import type { AttemptView, Context } from './context';
import type { Evidence } from '../observations/evidence';
import { clientAttemptEvidence, policyRefusedEvidence, viewMissingEvidence } from './evidence';
import { candidate, joinL, type Candidate, type Texts } from './rule';
import { CLIENT_ONLY_NOTE, OUTSIDE_MISSING_NOTE, PROBE_DISAGREES_NOTE } from './texts/common';

/** What the probe says about the layer in question. */
export type ProbeView = 'missing' | 'fine' | 'problem';

/** Why there is no outside view: no probe at all, or the address policy refused it. */
export function outsideMissingEvidence(ctx: Context): Evidence | null {
  if (!ctx.probe) return viewMissingEvidence('probe');
  if (ctx.probe.outsideMissing !== null) return policyRefusedEvidence(ctx.probe);
  return null;
}

export function clientFailuresOf(ctx: Context, kinds: readonly Kind[]): AttemptView[] {
  return ctx.client?.failures.filter((f) => f.kind !== null && kinds.includes(f.kind)) ?? [];
}

/**
 * One candidate from the client's errors of `kinds`. With the probe silent on the layer it gets
 * `confidence.missing`; when the probe looked and saw that layer fine, `confidence.fine` and a note.
 * When the probe itself found a problem at that layer the probe-based rule speaks instead. The texts
 * are built only when there is a candidate: most uploads fail in one way, and every other rule's
 * guess would otherwise write zh and en sentences to throw away.
 */
export function clientGuess(
  ctx: Context,
  kinds: readonly Kind[],
  cause: Cause,
  view: ProbeView,
  confidence: GuessConfidence,
  textsOf: () => Texts,
  extraEvidence: Evidence[] = [],
): Candidate[] {
  if (view === 'problem') return [];
  const failures = clientFailuresOf(ctx, kinds);
  if (failures.length === 0) return [];
  const evidence = [...clientAttemptEvidence(failures), ...extraEvidence];
  const missing = outsideMissingEvidence(ctx);
  if (missing) evidence.push(missing);
  const note =
    view === 'fine'
      ? PROBE_DISAGREES_NOTE
      : ctx.probe && ctx.probe.outsideMissing !== null
        ? joinL([OUTSIDE_MISSING_NOTE, CLIENT_ONLY_NOTE])
        : CLIENT_ONLY_NOTE;
  const texts = textsOf();
  return [
    candidate(cause, view === 'fine' ? confidence.fine : confidence.missing, 'client', evidence, {
      ...texts,
      explanation: joinL([texts.explanation, note]),
    }),
  ];
}
