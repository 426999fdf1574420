/**
 * From candidates to a ranked diagnosis: weigh probe conclusions against the client's errors, keep
 * one verdict per cause, rank by confidence then taxonomy order, keep the qualifiers (`intermittent`,
 * `vantage-dependent`) beside (under) the main cause, and fall back to `ok` (only when nothing is wrong and a view shows success) or
 * `unknown` (nothing fits: show the raw facts).
 */
import type { Diagnosis, Verdict } from '../observations/report';
import { CAUSES, type Cause } from '../taxonomy/codes';
import { round2, weighAgainstClient } from './agreement';
import { CALIBRATION } from './calibration';
import { clientHealthy, probeHealthy, variant, type Context } from './context';
import type { Evidence } from '../observations/evidence';
import {
  certificateEvidence,
  clientRatioEvidence,
  evidence as piece,
  finalHopEvidence,
  variantEvidence,
} from './evidence';
import { rawFacts } from './raw-facts';
import type { Candidate, Rule } from './rule';
import { interruptedTexts, okTexts, unknownTexts } from './texts/general';

const OK = CALIBRATION.ok;
const NOT_PROBLEMS: readonly Cause[] = ['ok', 'unknown'];
/** Causes that qualify a main cause (how often, from where) rather than name one. */
export const QUALIFIERS: readonly Cause[] = ['intermittent', 'vantage-dependent'];

/** Run every rule; a rule that throws is skipped so diagnose() stays total (tests run rules bare). */
export function runRules(ctx: Context, rules: readonly Rule[]): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of rules) {
    try {
      out.push(...rule.evaluate(ctx));
    } catch {
      // deliberately ignored: see the rules' own property test, which calls evaluate() unguarded
    }
  }
  return out;
}

/** One candidate per cause: the most confident (the earlier rule on a tie). */
function dedupe(candidates: readonly Candidate[]): Candidate[] {
  const best = new Map<Cause, Candidate>();
  for (const c of candidates) {
    const prev = best.get(c.cause);
    if (!prev || c.confidence > prev.confidence) best.set(c.cause, c);
  }
  return [...best.values()];
}

/** Each piece once, in first-seen order. */
function distinct(pieces: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return pieces.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toVerdict(c: Candidate): Verdict {
  // basis and clientKinds are the engine's working notes, not part of the public verdict
  return {
    cause: c.cause,
    confidence: round2(c.confidence),
    evidence: distinct(c.evidence),
    title: c.title,
    explanation: c.explanation,
    fix: c.fix,
  };
}

function byRank(a: Verdict, b: Verdict): number {
  return b.confidence - a.confidence || CAUSES.indexOf(a.cause) - CAUSES.indexOf(b.cause);
}

function okVerdict(ctx: Context): Verdict | null {
  const outside = probeHealthy(ctx.outside);
  const inside = clientHealthy(ctx.client);
  // A phone that failed for a reason no rule names is not "ok", even when the server is fine.
  if (ctx.client && ctx.client.failures.length > 0) return null;
  if (!outside && !inside) return null;
  const evidence: Evidence[] = [];
  if (inside && ctx.client) evidence.push(clientRatioEvidence(ctx.client));
  if (outside && ctx.outside) {
    const sni = variant(ctx.outside, 'sni-host');
    if (sni) evidence.push(variantEvidence(ctx.outside, sni));
    const hop = finalHopEvidence(ctx.outside);
    if (hop) evidence.push(hop);
    const cert = ctx.outside.doc.certificate;
    if (cert) evidence.push(certificateEvidence(cert));
  }
  const confidence = outside && inside ? OK.bothViews : outside ? OK.probeOnly : OK.clientOnly;
  return {
    cause: 'ok',
    confidence,
    evidence,
    ...okTexts({ client: inside && ctx.client ? ctx.client.attempts.length : null, probe: outside }),
  };
}

function unknownVerdict(ctx: Context): Verdict {
  // Stopped before the end with nothing conclusive yet: say so, with no confidence at all, rather
  // than "fits no known rule" (nothing was ruled out: the measurement was cut short).
  if (ctx.probe?.interrupted)
    return {
      cause: 'unknown',
      confidence: CALIBRATION.unknown.interrupted,
      evidence: [
        piece('probe-interrupted', '/probe/interrupted', { steps: ctx.probe.interrupted }),
        ...rawFacts(ctx),
      ],
      ...interruptedTexts(ctx.probe.interrupted),
    };
  return {
    cause: 'unknown',
    confidence: ctx.client || ctx.probe ? CALIBRATION.unknown.someView : CALIBRATION.unknown.noView,
    evidence: rawFacts(ctx),
    ...unknownTexts(!!ctx.client, !!ctx.probe, !!ctx.probe && ctx.probe.outsideMissing !== null),
  };
}

export function rank(ctx: Context, candidates: readonly Candidate[], rulesVersion: string): Diagnosis {
  const weighed = candidates
    .filter((c) => !NOT_PROBLEMS.includes(c.cause))
    .map((c) => weighAgainstClient(ctx, c));
  const verdicts = dedupe(weighed).map(toVerdict);
  if (verdicts.length === 0) {
    return { rulesVersion, verdicts: [okVerdict(ctx) ?? unknownVerdict(ctx)] };
  }
  return { rulesVersion, verdicts: underMainCause(verdicts) };
}

/**
 * The verdicts ranked, each qualifier kept under the main cause. A qualifier qualifies an
 * established main cause and never outranks it; beside mere guesses (client-only hints below
 * MAIN_CAUSE_FLOOR) it is the more honest headline.
 */
export function underMainCause(verdicts: readonly Verdict[]): Verdict[] {
  const main = verdicts.filter((v) => !QUALIFIERS.includes(v.cause)).sort(byRank)[0];
  if (!main || main.confidence < CALIBRATION.mainCauseFloor) return [...verdicts].sort(byRank);
  const cap = main.confidence - CALIBRATION.intermittentGap;
  return verdicts
    .map((v) =>
      QUALIFIERS.includes(v.cause) ? { ...v, confidence: round2(Math.min(v.confidence, cap)) } : v,
    )
    .sort(byRank);
}
