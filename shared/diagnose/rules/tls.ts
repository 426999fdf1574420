/**
 * TLS family, from the probe's handshake variants (same address, different SNI) and version sweep.
 * - `tls-reset`: every SNI variant is reset or closed during the handshake (not SNI-keyed, so not ICP);
 *   or a share of the handshakes is, on the target SNI and the others alike (no significant
 *   differential: a lossy path or an overloaded server, not a filter).
 * - `tls-version-unsupported`: TLS 1.2 and 1.3 refused (alert 70 / unacceptable version), or only
 *   1.0/1.1 complete.
 * - `tls-handshake-failure`: a fatal alert at the modern versions (e.g. 40: no shared cipher).
 * - `tls-handshake-failure` (client certificate): the server demands a client certificate — a
 *   CertificateRequest before its alert (TLS 1.2) or certificate_required / an alert right after
 *   the handshake (TLS 1.3), recorded by the probe as `clientCertRequested`.
 * - `not-https` (port form): the TLS port answers the ClientHello with HTTP text.
 * - a handshake that hangs for every SNI (server accepts, never answers).
 */
import type { TlsAttempt, TlsVariant } from '../../observations/probe';
import { tlsVersionName } from '../../observations/vocabulary';
import { clientGuess, type ProbeView } from '../client-guess';
import {
  finalHop,
  measuredVariants,
  okRatio,
  variant,
  versionAttempt,
  type Context,
  type ProbeFacts,
} from '../context';
import type { Evidence } from '../../observations/evidence';
import { beyondChance, variantDifferential, type Differential } from '../differential';
import { differentialEvidence, hopEvidence, variantEvidence, versionEvidence } from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import { notHttpsPortTexts } from '../texts/url';
import {
  tlsAlpnTexts,
  tlsClientCertTexts,
  tlsHandshakeFailureTexts,
  tlsHangTexts,
  tlsResetClientTexts,
  tlsResetTexts,
  tlsScatteredResetTexts,
  tlsVersionTexts,
} from '../texts/tls';
import { alertLabel, countOf, signature, type Signature } from '../tls-signature';

/** A handshake the server never answers is a handshake that fails (the lab's hang-after-hello). */
export const HANG_CAUSE = 'tls-handshake-failure' as const;

/** The port the handshakes went to. */
export function portOf(p: ProbeFacts): number | null {
  return p.doc.tls?.port ?? p.url?.port ?? null;
}

export function where(p: ProbeFacts): string {
  const host = p.url?.host ?? p.doc.tls?.address ?? '?';
  const port = p.doc.tls?.port ?? p.url?.port ?? null;
  return port === null ? host : `${host}:${port}`;
}

/** Failed attempts of a variant, and whether most of them share one of `shapes`. */
function mostlyFailsWith(v: TlsVariant, shapes: Signature[]): boolean {
  if (okRatio(v) >= 0.5) return false;
  const failed = v.attempts.filter((a) => !a.ok);
  return failed.length > 0 && countOf(failed, ...shapes) / failed.length >= 0.6;
}

/** The variants, then the version sweep. */
function handshakeEvidence(p: ProbeFacts, variants: readonly TlsVariant[]): Evidence[] {
  return [...variants.map((v) => variantEvidence(p, v)), ...versionEvidence(p)];
}

/** What the probe says about the handshake with the real SNI, for client-only fallbacks. */
export function tlsView(ctx: Context): ProbeView {
  const p = ctx.outside;
  const sni = p ? variant(p, 'sni-host') : null;
  if (!sni) return 'missing';
  return okRatio(sni) >= 0.5 ? 'fine' : 'problem';
}

const RESET_SHAPES: Signature[] = ['rst-silent', 'rst', 'fin-silent', 'fin'];

/**
 * Resets (or closes) on some handshakes of the target SNI and of the others, the target's share no
 * higher than chance allows: the test that rules the SNI filter out, or null when it does not hold.
 */
function scatteredResets(p: ProbeFacts, variants: readonly TlsVariant[]): Differential | null {
  const C = CALIBRATION['tls/reset-every-sni'];
  const sni = variant(p, 'sni-host');
  const controls = variants.filter((v) => v.id === 'no-sni' || v.id === 'control-sni');
  const test = sni ? variantDifferential([sni], controls, 'reset') : null;
  if (!test || test.others.count === 0 || beyondChance(test)) return null;
  // every connection the probe made to the name counts towards the share: the variants, the
  // modern versions of the sweep (1.0/1.1 are refused for other reasons) and the HTTP requests
  const modern = [versionAttempt(p, 'TLSv1.3'), versionAttempt(p, 'TLSv1.2')].filter((a) => a !== null);
  const attempts = [...variants.flatMap((v) => v.attempts), ...modern];
  const hops = p.doc.http?.hops ?? [];
  const resets =
    countOf(attempts, ...RESET_SHAPES) + hops.filter((h) => h.error?.code === 'ECONNRESET').length;
  return resets >= 2 && resets / (attempts.length + hops.length) >= C.scatteredMinShare ? test : null;
}

const tlsReset: Rule = {
  id: 'tls/reset-every-sni',
  family: 'tls',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    const variants = p ? measuredVariants(p) : [];
    if (p && variants.length > 0 && variants.every((v) => mostlyFailsWith(v, RESET_SHAPES))) {
      const attempts = variants.flatMap((v) => v.attempts.filter((a) => !a.ok));
      const rst = countOf(attempts, 'rst-silent', 'rst');
      const fin = countOf(attempts, 'fin-silent', 'fin');
      const how = fin === 0 ? 'rst' : rst === 0 ? 'fin' : 'mixed';
      // With one variant only, an SNI filter cannot be ruled out (the ICP rule says so too).
      const C = CALIBRATION['tls/reset-every-sni'];
      const confidence = variants.length >= 2 ? C.severalVariants : C.oneVariant;
      return [
        candidate(
          'tls-reset',
          confidence,
          'probe',
          handshakeEvidence(p, variants),
          tlsResetTexts(where(p), how, variants.length, portOf(p)),
        ),
      ];
    }
    const scattered = p ? scatteredResets(p, variants) : null;
    if (p && scattered) {
      const evidence = [...handshakeEvidence(p, variants), differentialEvidence(scattered)];
      const C = CALIBRATION['tls/reset-every-sni'];
      const texts = tlsScatteredResetTexts(where(p), scattered, portOf(p));
      return [candidate('tls-reset', C.scattered, 'probe', evidence, texts)];
    }
    const host = ctx.client?.url?.host ?? '?';
    return clientGuess(
      ctx,
      ['connection-reset', 'connection-closed'],
      'tls-reset',
      tlsView(ctx),
      CALIBRATION['tls/reset-every-sni'].guess,
      () => tlsResetClientTexts(host),
    );
  },
};

const tlsHang: Rule = {
  id: 'tls/hang-every-sni',
  family: 'tls',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    const variants = p ? measuredVariants(p) : [];
    if (!p || variants.length < 2 || !variants.every((v) => mostlyFailsWith(v, ['timeout']))) return [];
    // On the phone a handshake that never ends is a timeout.
    const found = candidate(
      HANG_CAUSE,
      CALIBRATION['tls/hang-every-sni'].hang,
      'probe',
      handshakeEvidence(p, variants),
      tlsHangTexts(where(p), portOf(p)),
    );
    return [{ ...found, clientKinds: ['timeout', 'ssl-handshake'] }];
  },
};

const CIPHER_ERROR = /CIPHER|SIGALG|NO_SHARED|no suitable/i;
const NO_APPLICATION_PROTOCOL = 120;

function isAlertLike(a: TlsAttempt): boolean {
  // no_application_protocol has its own rule and explanation (alpnRefused)
  if (a.alert?.code === NO_APPLICATION_PROTOCOL) return false;
  const s = signature(a);
  return (
    s === 'alert' || (s === 'error' && CIPHER_ERROR.test(`${a.error?.code ?? ''} ${a.error?.message ?? ''}`))
  );
}

const tlsVersionOrAlert: Rule = {
  id: 'tls/version-or-alert',
  family: 'tls',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['tls/version-or-alert'];
    const p = ctx.outside;
    const host = ctx.client?.url?.host ?? '?';
    const guess = () =>
      clientGuess(ctx, ['ssl-version-or-cipher'], 'tls-version-unsupported', tlsView(ctx), C.guess, () =>
        tlsVersionTexts(host, []),
      );
    if (!p) return guess();
    const v13 = versionAttempt(p, 'TLSv1.3');
    const v12 = versionAttempt(p, 'TLSv1.2');
    const old = [versionAttempt(p, 'TLSv1.1'), versionAttempt(p, 'TLSv1')];
    const sni = variant(p, 'sni-host');
    const evidence = handshakeEvidence(p, sni ? [sni] : []);
    // named as people say them (TLS 1.0, not TLSv1) in the explanation
    const offered = (p.doc.tls?.versions ?? [])
      .filter((v) => v.attempt.ok)
      .map((v) => tlsVersionName(v.version));

    if (v12 || v13) {
      if (v12?.ok || v13?.ok) return [];
      const modern = [v12, v13].filter((a): a is TlsAttempt => a !== null);
      const oldOk = old.some((a) => a?.ok === true);
      if (oldOk)
        return [
          candidate(
            'tls-version-unsupported',
            C.onlyOldVersionsComplete,
            'probe',
            evidence,
            tlsVersionTexts(where(p), offered),
          ),
        ];
      if (modern.every((a) => signature(a) === 'protocol-version'))
        return [
          candidate(
            'tls-version-unsupported',
            C.modernRefusedAsVersion,
            'probe',
            evidence,
            tlsVersionTexts(where(p), offered),
          ),
        ];
      const alerting = modern.filter(isAlertLike);
      if (alerting.length > 0 && modern.every((a) => isAlertLike(a) || signature(a) === 'protocol-version')) {
        const labels = [...new Set(alerting.map(alertLabel))];
        return [
          candidate(
            'tls-handshake-failure',
            C.modernAlert,
            'probe',
            evidence,
            tlsHandshakeFailureTexts(where(p), labels, portOf(p)),
          ),
        ];
      }
      return [];
    }
    // No version sweep: the default handshake (TLS 1.2–1.3 offered) must speak alone.
    if (!sni) return guess();
    if (mostlyFailsWith(sni, ['protocol-version']))
      return [
        candidate(
          'tls-version-unsupported',
          C.defaultHandshakeVersion,
          'probe',
          evidence,
          tlsVersionTexts(where(p), []),
        ),
      ];
    const failed = sni.attempts.filter((a) => !a.ok);
    if (okRatio(sni) < 0.5 && failed.length > 0 && failed.filter(isAlertLike).length / failed.length >= 0.6) {
      const labels = [...new Set(failed.filter(isAlertLike).map(alertLabel))];
      return [
        candidate(
          'tls-handshake-failure',
          C.defaultHandshakeAlert,
          'probe',
          evidence,
          tlsHandshakeFailureTexts(where(p), labels, portOf(p)),
        ),
      ];
    }
    return guess();
  },
};

const plainHttpOnTlsPort: Rule = {
  id: 'tls/plain-http-on-tls-port',
  family: 'tls',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    if (!p) return [];
    const variants = measuredVariants(p);
    const attempts = [
      ...variants.flatMap((v) => v.attempts),
      ...(p.doc.tls?.versions ?? []).map((v) => v.attempt),
    ];
    const failed = attempts.filter((a) => !a.ok);
    const plain = countOf(failed, 'plain-http');
    if (plain === 0 || plain / Math.max(1, attempts.length) < 0.5) return [];
    return [
      candidate(
        'not-https',
        CALIBRATION['tls/plain-http-on-tls-port'].plainHttp,
        'probe',
        handshakeEvidence(p, variants),
        notHttpsPortTexts(p.url?.host ?? '?', p.doc.tls?.port ?? p.url?.port ?? null),
      ),
    ];
  },
};

/**
 * A server that only speaks h2 refuses a ClientHello offering just http/1.1 with alert 120, which
 * is what wx.request offers without enableHttp2. Seen wherever such a handshake was recorded.
 */
const alpnRefused: Rule = {
  id: 'tls/alpn-refused',
  family: 'tls',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    if (!p) return [];
    const lines: Evidence[] = [];
    for (const v of measuredVariants(p))
      if (v.attempts.some((a) => a.alert?.code === NO_APPLICATION_PROTOCOL))
        lines.push(variantEvidence(p, v));
    lines.push(...versionEvidence(p, (v) => v.attempt.alert?.code === NO_APPLICATION_PROTOCOL));
    (p.doc.http?.hops ?? []).forEach((hop, i) => {
      if (
        /no.application.protocol|alert number 120/i.test(
          `${hop.error?.code ?? ''} ${hop.error?.message ?? ''}`,
        )
      )
        lines.push(hopEvidence(hop, i));
    });
    if (lines.length === 0) return [];
    // The probe's own request offers h2 too: an answer over h2 confirms the server is otherwise up.
    const last = finalHop(p);
    if (last?.protocol === 'h2' && last.statusCode !== null)
      lines.push(hopEvidence(last, (p.doc.http?.hops.length ?? 1) - 1));
    return [
      candidate(
        'tls-handshake-failure',
        CALIBRATION['tls/alpn-refused'].alpn,
        'probe',
        lines,
        tlsAlpnTexts(where(p), portOf(p)),
      ),
    ];
  },
};

const CERTIFICATE_REQUIRED = 116;

/** The server refused a handshake for want of a client certificate. */
function refusedForClientCert(a: TlsAttempt): boolean {
  return !a.ok && (a.clientCertRequested === true || a.alert?.code === CERTIFICATE_REQUIRED);
}

/**
 * A server that requires a client certificate (mutual TLS) fails every handshake wx.request makes,
 * which cannot present one. Seen wherever such a refusal was recorded, most often in the sweep.
 */
const clientCertRequired: Rule = {
  id: 'tls/client-cert-required',
  family: 'tls',
  evaluate(ctx): Candidate[] {
    const p = ctx.outside;
    if (!p) return [];
    const variants = measuredVariants(p).filter((v) => v.attempts.some(refusedForClientCert));
    const versions = (p.doc.tls?.versions ?? []).filter((v) => refusedForClientCert(v.attempt));
    if (variants.length === 0 && versions.length === 0) return [];
    const refusals = [...variants.flatMap((v) => v.attempts), ...versions.map((v) => v.attempt)];
    const labels = [...new Set(refusals.filter(refusedForClientCert).map(alertLabel))];
    const evidence = [
      ...variants.map((v) => variantEvidence(p, v)),
      ...versionEvidence(p, (v) => refusedForClientCert(v.attempt)),
    ];
    const found = candidate(
      'tls-handshake-failure',
      CALIBRATION['tls/client-cert-required'].required,
      'probe',
      evidence,
      tlsClientCertTexts(where(p), labels),
    );
    return [{ ...found, clientKinds: ['ssl-handshake'] }];
  },
};

export const tlsRules: Rule[] = [
  tlsReset,
  tlsHang,
  tlsVersionOrAlert,
  plainHttpOnTlsPort,
  alpnRefused,
  clientCertRequired,
];
