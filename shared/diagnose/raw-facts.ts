/**
 * The key facts of both views, raw, for the `unknown` verdict: when no rule fits, the reader gets
 * what was seen instead of a guess.
 */
import type { Evidence } from '../observations/evidence';
import type { Context } from './context';
import { measuredVariants } from './context';
import {
  certificateEvidence,
  clientAttemptEvidence,
  clientEnvEvidence,
  clientUrlEvidence,
  clip,
  evidence,
  finalHopEvidence,
  policyRefusedEvidence,
  port80Evidence,
  tcpResultEvidence,
  variantEvidence,
  versionEvidence,
  viewMissingEvidence,
} from './evidence';
import { dnsEvidence } from './rules/dns';

export function rawFacts(ctx: Context): Evidence[] {
  const out: Evidence[] = [];
  const c = ctx.client;
  if (c) {
    out.push(
      clientUrlEvidence(c, { parsed: false, api: true }),
      clientEnvEvidence(c),
      ...clientAttemptEvidence(c.attempts),
    );
  } else out.push(viewMissingEvidence('client'));

  const p = ctx.probe;
  if (!p) {
    out.push(viewMissingEvidence('probe'));
    return out;
  }
  const d = p.doc;
  out.push(
    evidence('probe-run', '/probe', {
      url: clip(d.url),
      startedAt: d.startedAt,
      steps: Object.entries(d.steps ?? {}).map(([step, status]) => ({ step, status: String(status) })),
    }),
  );
  if (d.target.error)
    out.push(evidence('probe-target-error', '/probe/target/error', { error: clip(d.target.error) }));
  if (d.dns) out.push(dnsEvidence(d.dns, true));
  if (p.outsideMissing) out.push(policyRefusedEvidence(p));
  (d.tcp?.results ?? []).forEach((_, i) => {
    const piece = tcpResultEvidence(p, i, false);
    if (piece) out.push(piece);
  });
  out.push(...measuredVariants(p).map((v) => variantEvidence(p, v)));
  out.push(...versionEvidence(p));
  if (d.certificate) out.push(certificateEvidence(d.certificate));
  const hop = finalHopEvidence(p);
  if (hop) out.push(hop);
  else if (d.http) out.push(evidence('http-no-hops', '/probe/http', { status: d.http.status }));
  const p80 = port80Evidence(p, true);
  if (p80) out.push(p80);
  return out;
}
