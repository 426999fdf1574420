/**
 * Views family: when the two views disagree, the phone's raw error is evidence too. The phone
 * reports a class the probe can look for itself — the certificate does not cover the name, the
 * certificate is not trusted, no common TLS version or cipher — and the probe, having completed
 * handshakes with the target SNI, saw that layer fine. The cause the phone's class names is ranked,
 * less sure than when the probe confirms it, with why the probe may not see it (another address, a
 * CDN node, a platform's stricter verification, a proxy on the phone) and what would settle it.
 * Date errors with good server dates are the phone's clock (rules/certificate.ts); resets,
 * refusals, timeouts and DNS errors have their client-only fallbacks in their own families.
 */
import type { Evidence } from '../../observations/evidence';
import type { Cause, Kind } from '../../taxonomy/codes';
import { clientFailuresOf } from '../client-guess';
import { CALIBRATION } from '../calibration';
import { NEUTRAL_KINDS } from '../agreement';
import {
  checkedPort,
  normaliseIp,
  phonePeerIps,
  variant,
  versionAttempt,
  type AttemptView,
  type ProbeFacts,
} from '../context';
import {
  certEvidence,
  certificateEvidence,
  clientAttemptEvidence,
  peerIpEvidence,
  variantEvidence,
  versionEvidence,
} from '../evidence';
import { candidate, type Candidate, type Rule } from '../rule';
import { phoneOnlyTexts, type PhoneOnlyClass } from '../texts/views';
import { tlsView } from './tls';

type PhoneClassSpec = {
  kind: Kind;
  cause: (android: boolean) => Cause;
  /** the probe's view of the layer as evidence when it looked and saw it fine; null otherwise */
  probeSawFine: (p: ProbeFacts) => Evidence[] | null;
};

function certificateFine(p: ProbeFacts, check: 'hostname' | 'verify'): Evidence[] | null {
  const cert = p.doc.certificate;
  if (!cert || cert.chain.length === 0 || !cert[check].ok) return null;
  return [certificateEvidence(cert), ...cert.chain.map((c, i) => certEvidence(c, i))];
}

const PHONE_CLASSES: Record<PhoneOnlyClass, PhoneClassSpec> = {
  'cert-name': {
    kind: 'cert-name-invalid',
    cause: () => 'cert-hostname-mismatch',
    probeSawFine: (p) => certificateFine(p, 'hostname'),
  },
  'cert-authority': {
    kind: 'cert-authority-invalid',
    // WeChat on Android (Cronet) fetches no missing intermediate; other platforms do (AIA)
    cause: (android) => (android ? 'cert-chain-incomplete' : 'cert-untrusted-root'),
    probeSawFine: (p) => certificateFine(p, 'verify'),
  },
  'tls-version': {
    kind: 'ssl-version-or-cipher',
    cause: () => 'tls-version-unsupported',
    probeSawFine: (p) => {
      const modern = [versionAttempt(p, 'TLSv1.3'), versionAttempt(p, 'TLSv1.2')];
      if (modern.some((a) => a?.ok === true)) return versionEvidence(p, (v) => v.attempt.ok);
      const sni = variant(p, 'sni-host');
      return modern.every((a) => a === null) && sni ? [variantEvidence(p, sni)] : null;
    },
  },
};

/**
 * The addresses the failing attempts reached, and whether one is not an address the probe knows.
 * Only the failures count: the passes may well have reached another, healthy, address.
 */
function peerFacts(p: ProbeFacts, failures: readonly AttemptView[]) {
  const peers = phonePeerIps(failures);
  const probeIps = [
    ...(p.doc.dns?.answers ?? []).map((a) => a.address),
    ...(p.doc.policy?.pinned ? [p.doc.policy.pinned] : []),
    ...(p.doc.tls?.address ? [p.doc.tls.address] : []),
  ].map(normaliseIp);
  const cited = [...peers.entries()].map(([ip, idx]) => peerIpEvidence(ip, idx));
  const elsewhere = [...peers.keys()].some((ip) => !probeIps.includes(ip));
  return { ips: [...peers.keys()], elsewhere, cited };
}

const phoneOnlyClass: Rule = {
  id: 'views/phone-only-class',
  family: 'views',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    const client = ctx.client;
    // Only a probe that completed handshakes with the target name can say it did not see the error.
    if (!p || !client || tlsView(ctx) !== 'fine') return [];
    const C = CALIBRATION['views/phone-only-class'];
    const informative = client.failures.filter((f) => f.kind !== null && !NEUTRAL_KINDS.includes(f.kind));
    const android = String(client.doc.env.platform).toLowerCase() === 'android';
    const out: Candidate[] = [];
    for (const [cls, spec] of Object.entries(PHONE_CLASSES) as Array<[PhoneOnlyClass, PhoneClassSpec]>) {
      const failures = clientFailuresOf(ctx, [spec.kind]);
      const probeSaw = failures.length > 0 ? spec.probeSawFine(p) : null;
      if (!probeSaw) continue;
      const peers = peerFacts(p, failures);
      // one error class on every informative failure, more than once: the phone is consistent
      const consistent = failures.length >= 2 && failures.length === informative.length;
      const confidence = (consistent ? C.consistent : C.some) + (peers.elsewhere ? C.peerElsewhere : 0);
      const facts = {
        cls,
        host: p.url?.host ?? client.url?.host ?? '?',
        port: checkedPort(ctx),
        codeNames: [...new Set(failures.map((f) => f.codeName).filter((c): c is string => !!c))],
        probeAddress: p.doc.tls?.address ?? p.doc.policy?.pinned ?? null,
        peerIps: peers.ips,
        peerElsewhere: peers.elsewhere,
        android,
      };
      const cited = [...clientAttemptEvidence(failures), ...probeSaw, ...peers.cited];
      out.push(candidate(spec.cause(android), confidence, 'client', cited, phoneOnlyTexts(facts)));
    }
    return out;
  },
};

export const viewsRules: Rule[] = [phoneOnlyClass];
