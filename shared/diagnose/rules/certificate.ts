/**
 * Certificate family, from the chain the server sent, the probe's verification (Mozilla roots plus
 * --ca, without AIA) and the AIA completion attempt. Dates are judged against probe.startedAt,
 * never a clock. The AIA result tells a missing intermediate (the completed chain verifies) from an
 * untrusted root (it still does not).
 */
import type { CertInfo, ProbeCertificate } from '../../observations/probe';
import { clientFailuresOf, clientGuess, type ProbeView } from '../client-guess';
import { checkedPort, measuredVariants, type Context, type ProbeFacts } from '../context';
import type { Evidence } from '../../observations/evidence';
import {
  certEvidence,
  clientAttemptEvidence,
  clip,
  errorFacts,
  evidence as piece,
  tlsErrorsEvidence,
  verifyEvidence,
} from '../evidence';
import { CALIBRATION } from '../calibration';
import { candidate, type Candidate, type Rule } from '../rule';
import {
  certChainIncompleteTexts,
  certExpiredTexts,
  certHostnameTexts,
  certNotYetValidTexts,
  certSelfSignedTexts,
  certUntrustedRootTexts,
  certWeakTexts,
} from '../texts/certificate';
import { signature } from '../tls-signature';
import { PROBE_ERROR_CODES } from '../../observations/vocabulary';

const MISSING_ISSUER = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
];
const UNTRUSTED = ['SELF_SIGNED_CERT_IN_CHAIN', 'CERT_UNTRUSTED', ...MISSING_ISSUER];
const WEAK_CODES = ['EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL', 'CA_MD_TOO_WEAK'];

type CertView = {
  p: ProbeFacts;
  cert: ProbeCertificate;
  chain: CertInfo[];
  host: string;
  /** the port the certificate was fetched on */
  port: number | null;
  codes: Set<string>;
};

function certView(ctx: Context): CertView | null {
  const p = ctx.outside;
  const cert = p?.doc.certificate;
  if (!p || !cert) return null;
  const codes = new Set<string>();
  const add = (code: string | null | undefined) => {
    if (code) codes.add(code);
  };
  add(cert.verify.error?.code);
  add(cert.hostname.error?.code);
  for (const v of measuredVariants(p)) for (const a of v.attempts) add(a.error?.code);
  for (const hop of p.doc.http?.hops ?? []) add(hop.error?.code);
  if (cert.chain.length === 0 && codes.size === 0) return null;
  return { p, cert, chain: cert.chain, host: p.url?.host ?? '?', port: checkedPort(ctx), codes };
}

function isRoot(c: CertInfo, i: number): boolean {
  return i > 0 && c.selfSigned && c.isCA;
}

function ms(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** A chain certificate with its dates judged against the probe's start. */
function datedCert(
  p: ProbeFacts,
  c: CertInfo,
  i: number,
  judged: 'expired' | 'not-yet-valid' | 'in-range',
): Evidence {
  return certEvidence(c, i, { startedAt: p.doc.startedAt, judged });
}

/** The probe's certificate view, for client-only fallbacks. */
function certProbeView(v: CertView | null): ProbeView {
  if (!v) return 'missing';
  return v.cert.verify.ok && v.cert.hostname.ok ? 'fine' : 'problem';
}

const expired: Rule = {
  id: 'certificate/expired',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const v = certView(ctx);
    if (!v) {
      const host = ctx.client?.url?.host ?? '?';
      return clientGuess(
        ctx,
        ['cert-date-invalid'],
        'cert-expired',
        'missing',
        CALIBRATION['certificate/expired'].guess,
        certExpiredTexts(host, false, null, checkedPort(ctx)),
      );
    }
    const started = v.p.startedAtMs;
    const hit = v.chain.findIndex(
      (c, i) => !isRoot(c, i) && started !== null && (ms(c.notAfter) ?? Infinity) < started,
    );
    const coded = v.codes.has('CERT_HAS_EXPIRED');
    if (hit < 0 && !coded) return [];
    const c = hit >= 0 ? v.chain[hit] : undefined;
    const evidence = c
      ? [datedCert(v.p, c, hit, 'expired'), verifyEvidence(v.cert)]
      : [verifyEvidence(v.cert)];
    return [
      candidate(
        'cert-expired',
        c ? CALIBRATION['certificate/expired'].chainDate : CALIBRATION['certificate/expired'].codeOnly,
        'probe',
        evidence,
        certExpiredTexts(v.host, hit > 0, c?.notAfter ?? null, v.port),
      ),
    ];
  },
};

const notYetValid: Rule = {
  id: 'certificate/not-yet-valid',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['certificate/not-yet-valid'];
    const v = certView(ctx);
    const host = v?.host ?? ctx.client?.url?.host ?? '?';
    if (v) {
      const started = v.p.startedAtMs;
      const hit = v.chain.findIndex(
        (c, i) => !isRoot(c, i) && started !== null && (ms(c.notBefore) ?? -Infinity) > started,
      );
      const coded = v.codes.has('CERT_NOT_YET_VALID');
      if (hit >= 0 || coded) {
        const c = hit >= 0 ? v.chain[hit] : undefined;
        const evidence = c
          ? [datedCert(v.p, c, hit, 'not-yet-valid'), verifyEvidence(v.cert)]
          : [verifyEvidence(v.cert)];
        return [
          candidate(
            'cert-not-yet-valid',
            c ? C.chainDate : C.codeOnly,
            'probe',
            evidence,
            certNotYetValidTexts(host, c?.notBefore ?? null, 'server', checkedPort(ctx)),
          ),
        ];
      }
      // The server's dates are fine, yet the phone says the date is wrong: the phone's clock.
      const dateErrors = clientFailuresOf(ctx, ['cert-date-invalid']);
      const datesFine = !v.codes.has('CERT_HAS_EXPIRED') && v.chain.length > 0;
      if (dateErrors.length > 0 && datesFine && certProbeView(v) === 'fine') {
        const leaf = v.chain[0];
        const evidence = [
          ...clientAttemptEvidence(dateErrors),
          ...(leaf ? [datedCert(v.p, leaf, 0, 'in-range')] : []),
        ];
        return [
          candidate(
            'cert-not-yet-valid',
            C.phoneClock,
            'client',
            evidence,
            certNotYetValidTexts(host, leaf?.notBefore ?? null, 'phone-clock', checkedPort(ctx)),
          ),
        ];
      }
    }
    return [];
  },
};

const hostnameMismatch: Rule = {
  id: 'certificate/hostname-mismatch',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const v = certView(ctx);
    if (!v) {
      const host = ctx.client?.url?.host ?? '?';
      return clientGuess(
        ctx,
        ['cert-name-invalid'],
        'cert-hostname-mismatch',
        'missing',
        CALIBRATION['certificate/hostname-mismatch'].guess,
        certHostnameTexts(host, [], checkedPort(ctx)),
      );
    }
    const coded = v.codes.has('ERR_TLS_CERT_ALTNAME_INVALID') || v.codes.has('HOSTNAME_MISMATCH');
    if (v.cert.hostname.ok && !coded) return [];
    // No certificate was seen: the hostname was never checked.
    if (v.cert.hostname.error?.code === PROBE_ERROR_CODES.noHandshake && !coded) return [];
    if (v.chain.length === 0 && !coded) return [];
    const leaf = v.chain[0];
    const sans = (leaf?.sans ?? []).map((s) => s.replace(/^(DNS|IP Address):/i, ''));
    const evidence = [
      piece('certificate-hostname', '/probe/certificate/hostname', {
        ok: v.cert.hostname.ok,
        host: v.host,
        error: errorFacts(v.cert.hostname.error),
      }),
      ...(leaf
        ? [
            piece('certificate-names', '/probe/certificate/chain/0/sans', {
              sans: leaf.sans,
              subject: clip(leaf.subject, 100),
            }),
          ]
        : []),
    ];
    return [
      candidate(
        'cert-hostname-mismatch',
        CALIBRATION['certificate/hostname-mismatch'].mismatch,
        'probe',
        evidence,
        certHostnameTexts(v.host, sans, v.port),
      ),
    ];
  },
};

const selfSigned: Rule = {
  id: 'certificate/self-signed',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const v = certView(ctx);
    if (!v) return [];
    const leaf = v.chain[0];
    const coded = v.codes.has('DEPTH_ZERO_SELF_SIGNED_CERT');
    if (!(leaf?.selfSigned ?? false) && !coded) return [];
    const trustedByProbe = v.cert.verify.ok;
    const evidence = [...(leaf ? [certEvidence(leaf, 0)] : []), verifyEvidence(v.cert)];
    return [
      candidate(
        'cert-self-signed',
        trustedByProbe
          ? CALIBRATION['certificate/self-signed'].trustedByProbe
          : CALIBRATION['certificate/self-signed'].untrusted,
        'probe',
        evidence,
        certSelfSignedTexts(v.host, trustedByProbe, v.port),
      ),
    ];
  },
};

const chainTrust: Rule = {
  id: 'certificate/chain-or-root',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['certificate/chain-or-root'];
    const v = certView(ctx);
    if (!v) {
      const host = ctx.client?.url?.host ?? '?';
      const android = String(ctx.client?.doc.env.platform ?? '').toLowerCase() === 'android';
      return android
        ? clientGuess(
            ctx,
            ['cert-authority-invalid'],
            'cert-chain-incomplete',
            'missing',
            C.guessChain,
            certChainIncompleteTexts(host, 1, false, checkedPort(ctx)),
          )
        : clientGuess(
            ctx,
            ['cert-authority-invalid'],
            'cert-untrusted-root',
            'missing',
            C.guessRoot,
            certUntrustedRootTexts(host, null, false, checkedPort(ctx)),
          );
    }
    const leaf = v.chain[0];
    if (leaf?.selfSigned) return [];
    const code = v.cert.verify.error?.code ?? '';
    const aia = v.cert.aia;
    const evidence = [verifyEvidence(v.cert), ...v.chain.map((c, i) => certEvidence(c, i))];
    if (aia) {
      evidence.push(
        piece('certificate-aia', '/probe/certificate/aia', {
          url: aia.url ?? null,
          fetched: aia.fetched,
          bytes: aia.bytes,
          error: errorFacts(aia.error),
          verify: aia.verify ? { ok: aia.verify.ok, error: errorFacts(aia.verify.error) } : null,
        }),
      );
    }
    const last = v.chain[v.chain.length - 1];
    const rootName = last ? (last.selfSigned ? last.subject : last.issuer) : '?';
    if (!v.cert.verify.ok && aia?.verify?.ok === true)
      return [
        candidate(
          'cert-chain-incomplete',
          C.aiaCompletes,
          'probe',
          evidence,
          certChainIncompleteTexts(v.host, v.chain.length, true, v.port),
        ),
      ];
    if (v.cert.verify.ok) return [];
    if (code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'CERT_UNTRUSTED')
      return [
        candidate(
          'cert-untrusted-root',
          C.rootInChain,
          'probe',
          evidence,
          certUntrustedRootTexts(v.host, rootName, false, v.port),
        ),
      ];
    const aiaCode = aia?.verify?.error?.code ?? '';
    if (aia?.fetched && aia.verify && !aia.verify.ok && UNTRUSTED.includes(aiaCode))
      return [
        candidate(
          'cert-untrusted-root',
          C.aiaStillUntrusted,
          'probe',
          evidence,
          certUntrustedRootTexts(v.host, rootName, true, v.port),
        ),
      ];
    if (MISSING_ISSUER.includes(code)) {
      return v.chain.length <= 1
        ? [
            candidate(
              'cert-chain-incomplete',
              C.missingIssuerShortChain,
              'probe',
              evidence,
              certChainIncompleteTexts(v.host, v.chain.length, false, v.port),
            ),
          ]
        : [
            candidate(
              'cert-untrusted-root',
              C.missingIssuerLongChain,
              'probe',
              evidence,
              certUntrustedRootTexts(v.host, rootName, false, v.port),
            ),
          ];
    }
    return [];
  },
};

const weak: Rule = {
  id: 'certificate/weak',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const v = certView(ctx);
    if (!v) return [];
    const problems: string[] = [];
    const evidence: Evidence[] = [];
    v.chain.forEach((c, i) => {
      if (isRoot(c, i)) return;
      const type = c.keyType.toLowerCase();
      const bits = c.keyBits ?? null;
      const smallKey =
        bits !== null &&
        (((type === 'rsa' || type === 'dsa') && bits < 2048) || (type === 'ec' && bits < 224));
      const weakSig = /sha1|md5|md2/i.test(c.signatureAlgorithm);
      if (smallKey) problems.push(`chain[${i}] ${type.toUpperCase()} ${bits} bit`);
      if (weakSig) problems.push(`chain[${i}] ${c.signatureAlgorithm}`);
      if (smallKey || weakSig) evidence.push(certEvidence(c, i));
    });
    for (const code of WEAK_CODES) if (v.codes.has(code)) problems.push(code);
    const weakHandshakes = measuredVariants(v.p)
      .flatMap((x) => x.attempts)
      .filter((a) => signature(a) === 'weak-crypto');
    if (weakHandshakes.length > 0) {
      problems.push(weakHandshakes[0]?.error?.code ?? 'weak-crypto');
      evidence.push(tlsErrorsEvidence(weakHandshakes));
    }
    if (problems.length === 0) return [];
    if (!v.cert.verify.ok) evidence.push(verifyEvidence(v.cert));
    return [
      candidate(
        'cert-weak',
        CALIBRATION['certificate/weak'].weak,
        'probe',
        evidence,
        certWeakTexts(v.host, [...new Set(problems)], v.port),
      ),
    ];
  },
};

export const certificateRules: Rule[] = [
  expired,
  notYetValid,
  hostnameMismatch,
  selfSigned,
  chainTrust,
  weak,
];
