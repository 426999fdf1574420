/**
 * DNS family. `dns-failure`: the probe's resolver found no address (NXDOMAIN, SERVFAIL, no data,
 * timeout), or the phone says it could not resolve. `dns-mismatch`: the address the phone actually
 * connected to (`profile.peerIP`) is not among the probe's answers, so the two views looked at
 * different servers.
 */
import type { ProbeDns } from '../../observations/probe';
import { checkedPort, clientHealthy, normaliseIp, phonePeerIps, probeHealthy } from '../context';
import type { Evidence } from '../../observations/evidence';
import { clientAttemptEvidence, clip, evidence, peerIpEvidence } from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import { dnsFailureClientTexts, dnsFailureTexts, dnsMismatchTexts, type DnsFailureKind } from '../texts/dns';

const CODE_KIND: Record<string, DnsFailureKind> = {
  ENOTFOUND: 'nxdomain',
  ESERVFAIL: 'servfail',
  ETIMEOUT: 'timeout',
  ECANCELLED: 'timeout',
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'resolver-refused',
  EREFUSED: 'resolver-refused',
  ENODATA: 'nodata',
};
const KIND_ORDER: readonly DnsFailureKind[] = [
  'nxdomain',
  'servfail',
  'timeout',
  'resolver-refused',
  'nodata',
  'other',
];
const C = CALIBRATION['dns/failure'];
const CONFIDENCE: Record<DnsFailureKind, number> = C;

function failureKind(dns: ProbeDns): DnsFailureKind {
  const kinds = dns.errors.map((e) => CODE_KIND[e.code ?? ''] ?? 'other');
  if (dns.status === 'timeout') kinds.push('timeout');
  if (kinds.length === 0) kinds.push('nodata');
  return KIND_ORDER.find((k) => kinds.includes(k)) ?? 'other';
}

/** The probe's DNS step: status, resolver, how many answers (their addresses with `addresses`), errors. */
export function dnsEvidence(dns: ProbeDns, addresses = false): Evidence {
  return evidence('dns', '/probe/dns', {
    status: dns.status,
    server: dns.server ?? null,
    answers: dns.answers.length,
    errors: dns.errors.map((e) => ({
      rrtype: e.rrtype,
      code: e.code ?? null,
      message: clip(e.message, 120),
    })),
    addresses: addresses && dns.answers.length > 0 ? dns.answers.map((a) => a.address) : null,
  });
}

const dnsFailure: Rule = {
  id: 'dns/failure',
  family: 'dns',
  evaluate(ctx): Candidate[] {
    const client = ctx.client;
    const clientDns =
      client?.failures.filter((f) => f.kind === 'name-not-resolved' || f.kind === 'httpdns-failure') ?? [];
    const dns = ctx.probe?.doc.dns ?? null;
    const host = ctx.probe?.url?.host ?? client?.url?.host ?? '?';
    if (dns && dns.source === 'resolver' && dns.answers.length === 0 && dns.status !== 'skipped') {
      const kind = failureKind(dns);
      const agrees = clientDns.length > 0;
      return [
        candidate(
          'dns-failure',
          CONFIDENCE[kind],
          'probe',
          [dnsEvidence(dns)],
          dnsFailureTexts(kind, host, agrees),
        ),
      ];
    }
    if (!client || clientDns.length === 0) return [];
    const httpdns = clientDns.every((f) => f.kind === 'httpdns-failure');
    const probeResolved = !!dns && dns.answers.length > 0;
    const cited = clientAttemptEvidence(clientDns);
    if (dns) cited.push(dnsEvidence(dns));
    const mode = httpdns ? 'httpdns' : probeResolved ? 'probe-resolves' : 'no-probe';
    const confidence = httpdns ? C.clientHttpdns : probeResolved ? C.clientProbeResolves : C.clientNoProbe;
    return [candidate('dns-failure', confidence, 'client', cited, dnsFailureClientTexts(host, mode))];
  },
};

const dnsMismatch: Rule = {
  id: 'dns/mismatch',
  family: 'dns',
  evaluate(ctx): Candidate[] {
    const client = ctx.client;
    const probe = ctx.probe;
    const dns = probe?.doc.dns;
    if (!client || !probe || !dns || dns.source === 'literal' || dns.answers.length === 0) return [];
    const probeIps = dns.answers.map((a) => normaliseIp(a.address));
    const foreign = [...phonePeerIps(client.attempts).entries()].filter(([ip]) => !probeIps.includes(ip));
    if (foreign.length === 0) return [];
    const clientFailedProbeFine = client.failures.length > 0 && probeHealthy(ctx.outside);
    const clientFineProbeFailed = clientHealthy(client) && !!ctx.outside && !probeHealthy(ctx.outside);
    const viewsDiffer = clientFailedProbeFine || clientFineProbeFailed;
    const cited = [
      ...foreign.map(([ip, idx]) => peerIpEvidence(ip, idx)),
      evidence('dns-answers', '/probe/dns/answers', { addresses: probeIps, source: dns.source }),
    ];
    const pinned = probe.doc.policy?.pinned;
    if (pinned) cited.push(evidence('policy-pinned', '/probe/policy/pinned', { address: pinned }));
    return [
      candidate(
        'dns-mismatch',
        viewsDiffer ? CALIBRATION['dns/mismatch'].viewsDiffer : CALIBRATION['dns/mismatch'].viewsAgree,
        'client',
        cited,
        dnsMismatchTexts(
          probe.url?.host ?? client.url?.host ?? '?',
          foreign.map(([ip]) => ip),
          probeIps,
          viewsDiffer,
          checkedPort(ctx),
        ),
      ),
    ];
  },
};

export const dnsRules: Rule[] = [dnsFailure, dnsMismatch];
