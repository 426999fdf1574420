/**
 * Does the client's own error fit what the probe concluded? A probe-based verdict that the phone's
 * classified errors confirm is more certain; one they contradict is less certain, and says so.
 * The tables here are the whole policy: which client kinds each cause can produce, which kinds say
 * nothing about the server, and which causes a clean pass on the phone would rule out.
 */
import { CERT_CAUSES, type Cause, type Kind } from '../taxonomy/codes';
import { CALIBRATION } from './calibration';
import type { AttemptView, Context } from './context';
import { agreementEvidence } from './evidence';
import type { Evidence } from '../observations/evidence';
import { L, joinL, type Candidate } from './rule';

/** Client kinds each cause can produce on the phone. */
export const COMPATIBLE_KINDS: Partial<Record<Cause, readonly Kind[]>> = {
  'domain-not-in-list': ['not-in-domain-list'],
  'icp-filing-block': ['connection-reset', 'connection-closed', 'ssl-handshake'],
  'dns-failure': ['name-not-resolved', 'httpdns-failure'],
  'tcp-refused': ['connection-refused', 'address-unreachable'],
  'tcp-timeout': ['connection-timeout', 'timeout', 'address-unreachable'],
  'tls-reset': ['connection-reset', 'connection-closed', 'ssl-handshake'],
  'tls-version-unsupported': ['ssl-version-or-cipher', 'ssl-handshake'],
  'tls-handshake-failure': ['ssl-version-or-cipher', 'ssl-handshake', 'connection-closed'],
  'cert-expired': ['cert-date-invalid', 'cert-invalid', 'ssl-handshake'],
  'cert-not-yet-valid': ['cert-date-invalid', 'cert-invalid', 'ssl-handshake'],
  'cert-hostname-mismatch': ['cert-name-invalid', 'cert-invalid', 'ssl-handshake'],
  'cert-self-signed': ['cert-authority-invalid', 'cert-invalid', 'ssl-handshake'],
  'cert-untrusted-root': ['cert-authority-invalid', 'cert-invalid', 'ssl-handshake'],
  // Android phones that cannot build the chain also show up as timeouts in field reports.
  'cert-chain-incomplete': ['cert-authority-invalid', 'cert-invalid', 'ssl-handshake', 'timeout'],
  'cert-weak': ['cert-invalid', 'cert-authority-invalid', 'ssl-handshake', 'ssl-version-or-cipher'],
  'not-https': ['ssl-handshake', 'invalid-url', 'not-in-domain-list', 'connection-closed'],
  'ip-or-localhost-url': ['not-in-domain-list', 'invalid-url'],
  'http-error-status': ['http-status'],
  'redirect-problem': ['too-many-redirects', 'not-in-domain-list', 'http-status'],
  'server-slow': ['timeout'],
  'client-network': ['offline', 'proxy', 'network-changed', 'address-unreachable'],
};

/** Kinds that describe the phone or the app, not the server: they neither confirm nor refute. */
export const NEUTRAL_KINDS: readonly Kind[] = [
  'offline',
  'proxy',
  'network-changed',
  'aborted',
  'interrupted',
  'too-many-requests',
  'invalid-request',
  'local-file',
  'socket-not-open',
  'unknown',
];

/**
 * Certificate problems some phones get past: an incomplete chain is completed where the platform
 * fetches the missing intermediate (AIA), and what counts as a weak certificate differs by platform.
 */
const CERT_CAUSES_SOME_PHONES_PASS: readonly Cause[] = ['cert-chain-incomplete', 'cert-weak'];

/** Causes that would make every request fail: a phone that passed every time argues against them. */
const FAILS_EVERY_REQUEST: readonly Cause[] = [
  'icp-filing-block',
  'dns-failure',
  'tcp-refused',
  'tcp-timeout',
  'tls-reset',
  'tls-version-unsupported',
  'tls-handshake-failure',
  ...CERT_CAUSES.filter((cause) => !CERT_CAUSES_SOME_PHONES_PASS.includes(cause)),
  'not-https',
  'http-error-status',
];

/** Causes whose effect WeChat's skipped checks hide (devtools "不校验…TLS 版本以及 HTTPS 证书"). */
const HIDDEN_BY_BYPASS: readonly Cause[] = ['tls-version-unsupported', ...CERT_CAUSES, 'not-https'];

const { raise: RAISE, lower: LOWER, max: MAX, floor: FLOOR } = CALIBRATION.agreement;

export function round2(n: number): number {
  return Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
}

function kindsLabel(views: readonly AttemptView[]): string {
  const kinds = [...new Set(views.map((v) => `${v.phase}/${v.kind}`))];
  return kinds.join(',');
}

/** Weigh a probe-based candidate against the client's classified errors. */
export function weighAgainstClient(ctx: Context, c: Candidate): Candidate {
  const client = ctx.client;
  if (!client || c.basis !== 'probe') return c;
  const compatible = c.clientKinds ?? COMPATIBLE_KINDS[c.cause];
  if (!compatible) return c;
  const informative = client.failures.filter((f) => f.kind !== null && !NEUTRAL_KINDS.includes(f.kind));
  if (informative.length > 0) {
    const agreeing = informative.filter((f) => f.kind !== null && compatible.includes(f.kind));
    if (agreeing.length > 0) {
      return {
        ...c,
        confidence: round2(Math.min(MAX, c.confidence + RAISE)),
        evidence: [...c.evidence, agreementEvidence(c.cause, true, agreeing)],
      };
    }
    return contradicted(
      c,
      agreementEvidence(c.cause, false, informative),
      L(
        `注意：小程序端报的是 ${kindsLabel(informative)}，与这个结论对不上，所以置信度调低了；两边看到的可能不是同一个服务器（对比一下小程序 profile 里的 peerIP 和探测解析到的地址）。`,
        `Note: the mini-program reported ${kindsLabel(informative)}, which does not fit this conclusion, so its confidence was lowered; the two views may not have reached the same server (compare the mini-program's profile.peerIP with the probe's addresses).`,
      ),
    );
  }
  const passedEveryTime = client.attempts.length > 0 && client.failures.length === 0;
  const bypassHides = client.bypass !== null && HIDDEN_BY_BYPASS.includes(c.cause);
  if (passedEveryTime && FAILS_EVERY_REQUEST.includes(c.cause) && !bypassHides) {
    return contradicted(
      c,
      agreementEvidence(c.cause, false, [], { ok: client.passes.length, total: client.attempts.length }),
      L(
        `注意：小程序端 ${client.attempts.length} 次请求全部成功，与这个结论对不上，所以置信度调低了；两边可能走的不是同一条网络路径或同一个服务器地址。`,
        `Note: all ${client.attempts.length} mini-program requests succeeded, which does not fit this conclusion, so its confidence was lowered; the two views may have taken different paths or reached different addresses.`,
      ),
    );
  }
  return c;
}

function contradicted(c: Candidate, line: Evidence, note: ReturnType<typeof L>): Candidate {
  return {
    ...c,
    confidence: round2(Math.max(FLOOR, c.confidence - LOWER)),
    evidence: [...c.evidence, line],
    explanation: joinL([c.explanation, note]),
  };
}
