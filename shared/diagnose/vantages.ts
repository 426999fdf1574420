/**
 * Several vantages, one verdict list. Each answered vantage's probe is diagnosed on its own; a
 * vantage fails when its main verdict is not `ok`. When the answered vantages agree (all fail, or
 * all work) the report reads as a one-vantage report of the first answered. When they split, the
 * failing vantages show where it breaks: the main verdicts are the first failing vantage's (its
 * evidence pointing into `/vantages/<i>/probe`), with `vantage-dependent` beside them naming who
 * fails and who works. A vantage that did not answer is listed, never counted either way.
 */
import type { ClientObservation } from '../observations/client';
import type { Evidence } from '../observations/evidence';
import type { ProbeObservation } from '../observations/probe';
import { answeredVantages, type Diagnosis, type Verdict, type VantageProbe } from '../observations/report';
import type { VantageState } from '../observations/vantages';
import { CALIBRATION } from './calibration';
import { underMainCause } from './engine';
import { evidence as piece } from './evidence';
import { vantageDependentTexts } from './texts/vantages';

type DiagnoseOne = (client: ClientObservation | null, probe: ProbeObservation | null) => Diagnosis;

/** One vantage as diagnosed on its own: the main verdict of its probe alone (null: no answer). */
export type VantageOutcome = {
  /** its index in `vantages`, what pointers cite */
  index: number;
  vantage: string;
  state: VantageState;
  main: Verdict | null;
  /** the main verdict is not `ok`; null when the vantage did not answer */
  fails: boolean | null;
};

export function vantageOutcomes(vantages: readonly VantageProbe[], one: DiagnoseOne): VantageOutcome[] {
  return vantages.map((v, index) => {
    if (v.state !== 'answered') return { index, vantage: v.vantage, state: v.state, main: null, fails: null };
    const main = one(null, v.probe).verdicts[0] ?? null;
    return { index, vantage: v.vantage, state: v.state, main, fails: main?.cause !== 'ok' };
  });
}

/** `/probe/...` → `/vantages/<i>/probe/...`; the client's pointers stay. */
function intoVantage(e: Evidence, index: number): Evidence {
  return e.pointer === '/probe' || e.pointer.startsWith('/probe/')
    ? { ...e, pointer: `/vantages/${index}${e.pointer}` }
    : e;
}

function vantageDependent(outcomes: readonly VantageOutcome[]): Verdict {
  const failing = outcomes.filter((o) => o.fails === true);
  return {
    cause: 'vantage-dependent',
    confidence: CALIBRATION.vantageSplit,
    evidence: outcomes.map((o) =>
      piece('vantage-result', `/vantages/${o.index}`, {
        vantage: o.vantage,
        state: o.state,
        cause: o.main?.cause ?? null,
        fails: o.fails,
      }),
    ),
    ...vantageDependentTexts({
      failing: failing.map((o) => ({ vantage: o.vantage, cause: o.main!.cause, title: o.main!.title })),
      passing: outcomes.filter((o) => o.fails === false).map((o) => o.vantage),
      unanswered: outcomes
        .filter((o) => o.fails === null)
        .map((o) => ({ vantage: o.vantage, state: o.state })),
    }),
  };
}

/**
 * The diagnosis of a report with vantages; with fewer than two answered, `null` (nothing to
 * compare: the caller diagnoses its one probe as always).
 */
export function diagnoseAcrossVantages(
  client: ClientObservation | null,
  vantages: readonly VantageProbe[],
  one: DiagnoseOne,
): Diagnosis | null {
  const answered = answeredVantages(vantages);
  if (answered.length < 2) return null;
  const outcomes = vantageOutcomes(vantages, one);
  const firstFailing = outcomes.find((o) => o.fails === true);
  const split = firstFailing && outcomes.some((o) => o.fails === false);
  if (!split) return one(client, answered[0]!.vantage.probe);
  const probe = answered.find((a) => a.index === firstFailing.index)!.vantage.probe;
  const there = one(client, probe);
  const verdicts = there.verdicts.map((v) => ({
    ...v,
    evidence: v.evidence.map((e) => intoVantage(e, firstFailing.index)),
  }));
  return { ...there, verdicts: underMainCause([...verdicts, vantageDependent(outcomes)]) };
}
