/**
 * One report from several vantages: what each vantage answered, put together in the order asked.
 * The report's top-level `probe` is the first answer's, so a reader that knows one vantage reads it
 * as before; `vantages` lists every vantage asked, answered or not (never silently dropped).
 */
import type { ProbeObservation } from '../../../shared/observations/probe';
import { firstAnsweredProbe, type VantageProbe } from '../../../shared/observations/report';
import { assertKnownVantages } from '../agents/agent-auth';
import { LOCAL_VANTAGE } from '../agents/vantage-name';

export type { VantageProbe };
import { VANTAGE_ERROR_MAX_CHARS, type VantageState } from '../../../shared/observations/vantages';
export type { VantageState };

/** What a vantage sent back: its probe, or why it has none (the probe threw, the agent gave up). */
export type VantageOutcome = { probe: ProbeObservation } | { error: string };

/** What the server knows of vantages: the configured ones, and those whose agents are online now. */
export type VantageCatalogue = {
  known(): readonly string[];
  online(): Promise<readonly string[]>;
};

/**
 * The vantages a request asks for, in order: `local` when it names none, every online one for
 * `"all"`; a name the server does not know is refused with the list of those it does.
 */
export async function requestedVantages(
  asked: readonly string[] | 'all' | undefined,
  catalogue: VantageCatalogue,
): Promise<readonly string[]> {
  if (asked === undefined) return [LOCAL_VANTAGE];
  if (asked === 'all') {
    const online = await catalogue.online();
    return online.length > 0 ? online : [LOCAL_VANTAGE];
  }
  assertKnownVantages(asked, catalogue.known());
  return asked;
}

/** The state a vantage's answer gives it in the report. */
export function stateOf(outcome: VantageOutcome): Exclude<VantageState, 'no-answer'> {
  return 'error' in outcome ? 'failed' : 'answered';
}

/**
 * A failed vantage's reason as the report and the `vantage` event keep it: cut to what the report
 * holds — the reader's one clue to why this vantage has no probe; nothing when it was blank.
 */
function keptError(outcome: { error: string }): { error?: string } {
  const error = outcome.error.trim().slice(0, VANTAGE_ERROR_MAX_CHARS);
  return error ? { error } : {};
}

/** The `vantage` progress event (SSE and the job's status): an answer arrived, and a failure's reason. */
export type VantageEvent = {
  vantage: string;
  state: Exclude<VantageState, 'no-answer'>;
  elapsedMs: number;
  error?: string;
};

export function vantageEvent(vantage: string, outcome: VantageOutcome, elapsedMs: number): VantageEvent {
  return {
    vantage,
    state: stateOf(outcome),
    elapsedMs,
    ...('error' in outcome ? keptError(outcome) : {}),
  };
}

/** True when a request asks for anything but the server's own probe (the single-vantage path). */
export function isMultiVantage(vantages: readonly string[] | undefined): vantages is readonly string[] {
  return vantages !== undefined && !(vantages.length === 1 && vantages[0] === LOCAL_VANTAGE);
}

/** The report's `probe` and `vantages` from the outcomes that arrived; a missing one is `no-answer`. */
export function assembleVantages(
  requested: readonly string[],
  outcomes: ReadonlyMap<string, VantageOutcome>,
): { probe: ProbeObservation | null; vantages: VantageProbe[] } {
  const vantages = requested.map((vantage): VantageProbe => {
    const outcome = outcomes.get(vantage);
    if (!outcome) return { vantage, state: 'no-answer', probe: null };
    if ('error' in outcome) return { vantage, state: 'failed', probe: null, ...keptError(outcome) };
    return { vantage, state: 'answered', probe: outcome.probe };
  });
  return { probe: firstAnsweredProbe(vantages), vantages };
}
