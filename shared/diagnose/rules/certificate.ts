/**
 * Certificate family, from the chain the server sent, the probe's verification (Mozilla roots plus
 * --ca, without AIA), the probe's own chain building (sent chain + AIA-fetched intermediates, ending
 * only at a trust-store root) and the platform profiles (platform-profiles.ts: how Android's Cronet,
 * iOS and desktop Chromium judge the same chain). Dates are judged against probe.startedAt, never a
 * clock. Each verdict cites which platforms refuse and which accept. The chain building tells a
 * missing intermediate (AIA completes it to a trusted root) from an untrusted root (it does not).
 */
import type { CertCheck, Evidence } from '../../observations/evidence';
import type { CertInfo, ProbeCertificate } from '../../observations/probe';
import { PROBE_ERROR_CODES } from '../../observations/vocabulary';
import type { Cause, Kind } from '../../taxonomy/codes';
import type { GuessConfidence } from '../calibration';
import { CALIBRATION } from '../calibration';
import { clientFailuresOf, clientGuess, type ProbeView } from '../client-guess';
import { checkedPort, measuredVariants, type Context, type ProbeFacts } from '../context';
import {
  certEvidence,
  clientAttemptEvidence,
  clip,
  errorFacts,
  evidence as piece,
  tlsErrorsEvidence,
  verifyEvidence,
} from '../evidence';
import { judgeCertificate, platformSplit, type PlatformJudgement } from '../platform-profiles';
import { candidate, joinL, type Candidate, type Rule, type Texts } from '../rule';
import {
  certChainIncompleteTexts,
  certCnOnlyTexts,
  certExpiredTexts,
  certHostnameTexts,
  certNotYetValidTexts,
  certPlatformsSentence,
  certSelfSignedTexts,
  certUntrustedRootTexts,
  certWeakTexts,
} from '../texts/certificate';
import { signature } from '../tls-signature';

export const MISSING_ISSUER = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
];
const UNTRUSTED = ['SELF_SIGNED_CERT_IN_CHAIN', 'CERT_UNTRUSTED', ...MISSING_ISSUER];
const WEAK_CODES = ['EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL', 'CA_MD_TOO_WEAK'];
/** The profile rules a cert-weak verdict is about: crypto strength, and the platforms' other rules. */
const CRYPTO_CHECKS: readonly CertCheck[] = ['key', 'signature'];
const RULE_CHECKS: readonly CertCheck[] = ['eku', 'validity', 'name-constraints'];

type CertView = {
  p: ProbeFacts;
  cert: ProbeCertificate;
  chain: CertInfo[];
  host: string;
  /** the port the certificate was fetched on */
  port: number | null;
  codes: Set<string>;
  /** how WeChat's platforms judge the chain; null when there is no certificate to judge */
  platforms: PlatformJudgement | null;
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
  return {
    p,
    cert,
    chain: cert.chain,
    host: p.url?.host ?? '?',
    port: checkedPort(ctx),
    codes,
    platforms: judgeCertificate(p.doc, p.url?.host ?? null),
  };
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

/**
 * A probe-based verdict on the certificate: the platforms' judgement on `checks` joins its evidence
 * (as data) and its explanation (as a sentence).
 */
function verdict(
  v: CertView,
  cause: Cause,
  confidence: number,
  evidence: Evidence[],
  texts: Texts,
  checks: readonly CertCheck[],
): Candidate {
  const judged = v.platforms;
  if (!judged) return candidate(cause, confidence, 'probe', evidence, texts);
  const split = platformSplit(judged, checks);
  const platforms = piece('certificate-platforms', split.findings[0]?.pointer ?? '/probe/certificate', {
    checks: [...checks],
    reject: split.reject,
    accept: split.accept,
    nodeAccepts: judged.nodeAccepts,
    findings: split.findings.map((f) => ({
      check: f.check,
      cert: f.cert,
      value: clip(f.value, 160),
      limit: f.limit,
      platforms: f.platforms,
    })),
  });
  const sentence = certPlatformsSentence(split.reject, split.accept, judged.nodeAccepts);
  return candidate(cause, confidence, 'probe', [...evidence, platforms], {
    ...texts,
    explanation: joinL([texts.explanation, sentence]),
  });
}

/** The client-only fallback of a rule when the probe has no certificate to look at. */
function certGuess(
  ctx: Context,
  kinds: readonly Kind[],
  cause: Cause,
  confidence: GuessConfidence,
  texts: (host: string, port: number | null) => Texts,
): Candidate[] {
  const host = ctx.client?.url?.host ?? '?';
  return clientGuess(ctx, kinds, cause, 'missing', confidence, () => texts(host, checkedPort(ctx)));
}

const expired: Rule = {
  id: 'certificate/expired',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['certificate/expired'];
    const v = certView(ctx);
    if (!v)
      return certGuess(ctx, ['cert-date-invalid'], 'cert-expired', C.guess, (host, port) =>
        certExpiredTexts(host, false, null, port),
      );
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
    const texts = certExpiredTexts(v.host, hit > 0, c?.notAfter ?? null, v.port);
    return [verdict(v, 'cert-expired', c ? C.chainDate : C.codeOnly, evidence, texts, ['dates'])];
  },
};

const notYetValid: Rule = {
  id: 'certificate/not-yet-valid',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['certificate/not-yet-valid'];
    const v = certView(ctx);
    if (!v) return [];
    const started = v.p.startedAtMs;
    const hit = v.chain.findIndex(
      (c, i) => !isRoot(c, i) && started !== null && (ms(c.notBefore) ?? -Infinity) > started,
    );
    if (hit >= 0 || v.codes.has('CERT_NOT_YET_VALID')) {
      const c = hit >= 0 ? v.chain[hit] : undefined;
      const evidence = c
        ? [datedCert(v.p, c, hit, 'not-yet-valid'), verifyEvidence(v.cert)]
        : [verifyEvidence(v.cert)];
      const texts = certNotYetValidTexts(v.host, c?.notBefore ?? null, 'server', v.port);
      return [verdict(v, 'cert-not-yet-valid', c ? C.chainDate : C.codeOnly, evidence, texts, ['dates'])];
    }
    // The server's dates are fine, yet the phone says the date is wrong: the phone's clock.
    const dateErrors = clientFailuresOf(ctx, ['cert-date-invalid']);
    // another address of the name serving a dated certificate explains the phone's error (rules/address.ts)
    const datedElsewhere = (v.p.doc.addresses ?? []).some((a) =>
      ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'].includes(a.certificate?.verify.error?.code ?? ''),
    );
    const datesFine = !v.codes.has('CERT_HAS_EXPIRED') && v.chain.length > 0 && !datedElsewhere;
    if (dateErrors.length === 0 || !datesFine || certProbeView(v) !== 'fine') return [];
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
        certNotYetValidTexts(v.host, leaf?.notBefore ?? null, 'phone-clock', v.port),
      ),
    ];
  },
};

const hostnameMismatch: Rule = {
  id: 'certificate/hostname-mismatch',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['certificate/hostname-mismatch'];
    const v = certView(ctx);
    if (!v)
      return certGuess(ctx, ['cert-name-invalid'], 'cert-hostname-mismatch', C.guess, (host, port) =>
        certHostnameTexts(host, [], port),
      );
    const coded = v.codes.has('ERR_TLS_CERT_ALTNAME_INVALID') || v.codes.has('HOSTNAME_MISMATCH');
    // Node's check, and the platforms' (no CN fallback, full-label wildcards only).
    const nodeMismatch =
      coded ||
      (!v.cert.hostname.ok &&
        v.cert.hostname.error?.code !== PROBE_ERROR_CODES.noHandshake &&
        v.chain.length > 0);
    const byPlatforms = v.platforms ? platformSplit(v.platforms, ['san', 'name']).findings : [];
    if (!nodeMismatch && byPlatforms.length === 0) return [];
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
    const noSan = byPlatforms.some((f) => f.check === 'san');
    const texts = noSan
      ? certCnOnlyTexts(v.host, clip(leaf?.subject ?? '', 100), v.cert.hostname.ok, v.port)
      : certHostnameTexts(v.host, sans, v.port);
    const confidence = nodeMismatch ? C.mismatch : noSan ? C.noSan : C.platformName;
    return [verdict(v, 'cert-hostname-mismatch', confidence, evidence, texts, ['san', 'name'])];
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
    const C = CALIBRATION['certificate/self-signed'];
    const evidence = [...(leaf ? [certEvidence(leaf, 0)] : []), verifyEvidence(v.cert)];
    const texts = certSelfSignedTexts(v.host, trustedByProbe, v.port);
    return [
      verdict(v, 'cert-self-signed', trustedByProbe ? C.trustedByProbe : C.untrusted, evidence, texts, [
        'anchor',
      ]),
    ];
  },
};

/** Where chain building ended, from the probe's own building or (older observations) the AIA re-verification. */
type ChainEnd =
  | { end: 'aia-completes' }
  | { end: 'untrusted-root'; root: string; viaAia: boolean }
  | { end: 'missing-issuer' }
  | null;

function lastSubject(chain: CertInfo[]): string {
  const last = chain[chain.length - 1];
  return last ? (last.selfSigned ? last.subject : last.issuer) : '?';
}

function chainEnd(v: CertView): ChainEnd {
  const trust = v.cert.trust;
  if (trust) {
    if (trust.anchored === 'aia') return { end: 'aia-completes' };
    if (trust.anchored === 'sent-chain') return null;
    const last = trust.path[trust.path.length - 1];
    const lastCert = last ? (last.from === 'sent' ? v.chain : trust.fetched)[last.index] : undefined;
    if (trust.error?.code === PROBE_ERROR_CODES.chainUntrustedRoot)
      return {
        end: 'untrusted-root',
        root: lastCert?.subject ?? lastSubject(v.chain),
        viaAia: last?.from === 'aia',
      };
    return { end: 'missing-issuer' };
  }
  const code = v.cert.verify.error?.code ?? '';
  const aia = v.cert.aia;
  if (!v.cert.verify.ok && aia?.verify?.ok === true) return { end: 'aia-completes' };
  if (v.cert.verify.ok) return null;
  if (code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'CERT_UNTRUSTED')
    return { end: 'untrusted-root', root: lastSubject(v.chain), viaAia: false };
  const aiaCode = aia?.verify?.error?.code ?? '';
  if (aia?.fetched && aia.verify && !aia.verify.ok && UNTRUSTED.includes(aiaCode))
    return { end: 'untrusted-root', root: lastSubject(v.chain), viaAia: true };
  return MISSING_ISSUER.includes(code) ? { end: 'missing-issuer' } : null;
}

function chainEvidence(v: CertView): Evidence[] {
  const evidence = [verifyEvidence(v.cert), ...v.chain.map((c, i) => certEvidence(c, i))];
  const aia = v.cert.aia;
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
  return evidence;
}

const chainTrust: Rule = {
  id: 'certificate/chain-or-root',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const C = CALIBRATION['certificate/chain-or-root'];
    const v = certView(ctx);
    if (!v) {
      const android = String(ctx.client?.doc.env.platform ?? '').toLowerCase() === 'android';
      return android
        ? certGuess(ctx, ['cert-authority-invalid'], 'cert-chain-incomplete', C.guessChain, (host, port) =>
            certChainIncompleteTexts(host, 1, false, port),
          )
        : certGuess(ctx, ['cert-authority-invalid'], 'cert-untrusted-root', C.guessRoot, (host, port) =>
            certUntrustedRootTexts(host, null, false, port),
          );
    }
    if (v.chain[0]?.selfSigned) return [];
    const ended = chainEnd(v);
    if (!ended) return [];
    const evidence = chainEvidence(v);
    const sent = v.chain.length;
    switch (ended.end) {
      case 'aia-completes':
        return [
          verdict(
            v,
            'cert-chain-incomplete',
            C.aiaCompletes,
            evidence,
            certChainIncompleteTexts(v.host, sent, true, v.port),
            ['chain'],
          ),
        ];
      case 'untrusted-root':
        return [
          verdict(
            v,
            'cert-untrusted-root',
            ended.viaAia ? C.aiaStillUntrusted : C.rootInChain,
            evidence,
            certUntrustedRootTexts(v.host, ended.root, ended.viaAia, v.port),
            ['anchor'],
          ),
        ];
      case 'missing-issuer':
        return sent <= 1
          ? [
              verdict(
                v,
                'cert-chain-incomplete',
                C.missingIssuerShortChain,
                evidence,
                certChainIncompleteTexts(v.host, sent, false, v.port),
                ['anchor'],
              ),
            ]
          : [
              verdict(
                v,
                'cert-untrusted-root',
                C.missingIssuerLongChain,
                evidence,
                certUntrustedRootTexts(v.host, lastSubject(v.chain), false, v.port),
                ['anchor'],
              ),
            ];
    }
  },
};

const weak: Rule = {
  id: 'certificate/weak',
  family: 'certificate',
  evaluate(ctx): Candidate[] {
    const v = certView(ctx);
    if (!v) return [];
    const C = CALIBRATION['certificate/weak'];
    const judged = v.platforms
      ? platformSplit(v.platforms, [...CRYPTO_CHECKS, ...RULE_CHECKS])
      : { reject: [], accept: [], findings: [] };
    const problems = judged.findings.map(
      (f) => `chain[${f.cert ?? 0}] ${f.check} ${f.value}${f.limit ? ` (${f.limit})` : ''}`,
    );
    const evidence: Evidence[] = [];
    // the certificates of the sent chain the findings are about
    for (const index of new Set(
      judged.findings.map((f) => /^\/probe\/certificate\/chain\/(\d+)$/.exec(f.pointer)?.[1]),
    )) {
      const c = index === undefined ? undefined : v.chain[Number(index)];
      if (c) evidence.push(certEvidence(c, Number(index)));
    }
    const nodeCodes = WEAK_CODES.filter((code) => v.codes.has(code));
    problems.push(...nodeCodes);
    const weakHandshakes = measuredVariants(v.p)
      .flatMap((x) => x.attempts)
      .filter((a) => signature(a) === 'weak-crypto');
    if (weakHandshakes.length > 0) {
      problems.push(weakHandshakes[0]?.error?.code ?? 'weak-crypto');
      evidence.push(tlsErrorsEvidence(weakHandshakes));
    }
    if (problems.length === 0) return [];
    if (!v.cert.verify.ok) evidence.push(verifyEvidence(v.cert));
    const rules = judged.findings.some((f) => RULE_CHECKS.includes(f.check));
    const crypto =
      judged.findings.some((f) => CRYPTO_CHECKS.includes(f.check)) ||
      nodeCodes.length > 0 ||
      weakHandshakes.length > 0;
    // Node or the handshakes refusing too means no platform is spared
    const some =
      judged.findings.length > 0 &&
      judged.accept.length > 0 &&
      nodeCodes.length === 0 &&
      weakHandshakes.length === 0;
    return [
      verdict(
        v,
        'cert-weak',
        some ? C.somePlatforms : C.weak,
        evidence,
        certWeakTexts(v.host, [...new Set(problems)], v.port, { crypto, rules }),
        [...CRYPTO_CHECKS, ...RULE_CHECKS],
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
